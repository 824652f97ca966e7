"""shadow scoring: what the shadow version scored on each ingested posting; at most one shadow version

Revision ID: 0011_shadow_scores
Revises: 0010_model_versions
Create Date: 2026-12-01 12:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0011_shadow_scores'
down_revision = '0010_model_versions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'shadow_scores',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('posting_id', sa.Integer(), nullable=False),
        sa.Column('model_name', sa.String(length=100), nullable=False),
        sa.Column('model_version', sa.String(length=50), nullable=False),
        sa.Column('risk_score', sa.Float(), nullable=False),
        sa.Column('urgent_score', sa.Float(), nullable=False),
        sa.Column('band', sa.String(length=10), nullable=False),
        sa.Column('categories', sa.JSON(), nullable=False),
        sa.Column('latency_ms', sa.Float(), nullable=False),
        sa.Column('active_latency_ms', sa.Float(), nullable=True),
        sa.Column('scored_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['posting_id'], ['postings.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('posting_id', 'model_version', name='uq_shadow_scores_posting_version'),
    )
    op.create_index('ix_shadow_scores_posting_id', 'shadow_scores', ['posting_id'], unique=False)
    op.create_index('ix_shadow_scores_model_version', 'shadow_scores', ['model_version'], unique=False)
    op.create_index(
        'uq_model_versions_one_shadow',
        'model_versions',
        ['status'],
        unique=True,
        postgresql_where=sa.text("status = 'shadow'"),
        sqlite_where=sa.text("status = 'shadow'"),
    )


def downgrade() -> None:
    op.drop_index('uq_model_versions_one_shadow', table_name='model_versions')
    op.drop_index('ix_shadow_scores_model_version', table_name='shadow_scores')
    op.drop_index('ix_shadow_scores_posting_id', table_name='shadow_scores')
    op.drop_table('shadow_scores')
