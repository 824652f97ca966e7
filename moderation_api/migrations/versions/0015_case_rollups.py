"""case rollups: daily report figures kept with every transition; an index on cases.decided_at

Revision ID: 0015_case_rollups
Revises: 0010_model_versions
Create Date: 2026-11-30 03:00:00
"""

from alembic import op
import sqlalchemy as sa

from moderation_api.cases.rollups import rebuild


revision = '0015_case_rollups'
down_revision = '0014_network_flat_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'case_rollups',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('metric', sa.String(length=12), nullable=False),
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.String(length=60), nullable=False),
        sa.Column('categories', sa.String(length=100), nullable=False),
        sa.Column('model_version', sa.String(length=50), nullable=False),
        sa.Column('bucket', sa.Integer(), nullable=False),
        sa.Column('n', sa.BigInteger(), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(
            'day', 'metric', 'source', 'outcome', 'reason', 'categories', 'model_version', 'bucket'
        ),
    )
    op.create_index('ix_cases_decided_at', 'cases', ['decided_at'], unique=False)
    # Existing cases and audit events are counted once, here; from now on every transition keeps the rows.
    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index('ix_cases_decided_at', table_name='cases')
    op.drop_table('case_rollups')
