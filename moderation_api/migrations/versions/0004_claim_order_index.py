"""claim order index: column directions match the queue's priority ORDER BY

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 12:20:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_queue_priority')
        batch_op.create_index(
            'ix_cases_claim_order',
            ['queue', 'state', sa.text('minor DESC'), sa.text('network_boost DESC'), sa.text('risk_score DESC'),
             sa.text('opened_at ASC'), sa.text('id ASC')],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_claim_order')
        batch_op.create_index(
            'ix_cases_queue_priority',
            ['queue', 'state', 'minor', 'network_boost', 'risk_score', 'opened_at'],
            unique=False,
        )
