"""bucket lookup index: buckets are band-specific hashes, looked up by value alone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 12:00:00
"""

from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('posting_buckets', schema=None) as batch_op:
        batch_op.drop_index('ix_posting_buckets_band_bucket')
        batch_op.create_index('ix_posting_buckets_bucket', ['bucket'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('posting_buckets', schema=None) as batch_op:
        batch_op.drop_index('ix_posting_buckets_bucket')
        batch_op.create_index('ix_posting_buckets_band_bucket', ['band', 'bucket'], unique=False)
