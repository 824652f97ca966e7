"""blind QA: sampling strata of low-band postings; cases.review_of for double reviews

Revision ID: 0012_qa_sampling
Revises: 0010_model_versions
Create Date: 2026-11-30 03:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0012_qa_sampling'
down_revision = '0011_shadow_scores'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'qa_strata',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=20), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('seen', sa.Integer(), nullable=False),
        sa.Column('sampled', sa.Integer(), nullable=False),
        sa.Column('credit', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('language', 'kind', name='uq_qa_strata_language_kind'),
    )
    with op.batch_alter_table('cases') as batch:
        batch.add_column(sa.Column('review_of', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_cases_review_of', 'cases', ['review_of'], ['id'])
        batch.create_index('ix_cases_review_of', ['review_of'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cases') as batch:
        batch.drop_index('ix_cases_review_of')
        batch.drop_constraint('fk_cases_review_of', type_='foreignkey')
        batch.drop_column('review_of')
    op.drop_table('qa_strata')
