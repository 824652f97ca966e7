"""re-scoring runs and their chunks (resumable, shared by several workers)

Revision ID: 0013_rescore_runs
Revises: 0010_model_versions
Create Date: 2026-11-30 03:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0013_rescore_runs'
down_revision = '0012_qa_sampling'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'rescore_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('model_version', sa.String(length=50), nullable=False),
        sa.Column('since', sa.DateTime(timezone=True), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('trigger', sa.String(length=20), nullable=False),
        sa.Column('chunk_size', sa.Integer(), nullable=False),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('requested_by', sa.String(length=120), nullable=False),
        sa.Column('planned_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_rescore_runs_model_version', 'rescore_runs', ['model_version'], unique=False)
    op.create_index('ix_rescore_runs_status', 'rescore_runs', ['status'], unique=False)
    op.create_table(
        'rescore_chunks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('first_posting_id', sa.Integer(), nullable=False),
        sa.Column('last_posting_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('claim_token', sa.String(length=32), nullable=True),
        sa.Column('claimed_by', sa.String(length=120), nullable=True),
        sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('rescored', sa.Integer(), nullable=False),
        sa.Column('bands_changed', sa.Integer(), nullable=False),
        sa.Column('cases_updated', sa.Integer(), nullable=False),
        sa.Column('cases_opened', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['run_id'], ['rescore_runs.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(
        'ix_rescore_chunks_claim', 'rescore_chunks', ['run_id', 'status', 'seq'], unique=False
    )


def downgrade() -> None:
    op.drop_index('ix_rescore_chunks_claim', table_name='rescore_chunks')
    op.drop_table('rescore_chunks')
    op.drop_index('ix_rescore_runs_status', table_name='rescore_runs')
    op.drop_index('ix_rescore_runs_model_version', table_name='rescore_runs')
    op.drop_table('rescore_runs')
