"""network index that stays flat: composite lookup indexes, cluster span kept incrementally, merged clusters
kept as tombstones (their ids are never reused)

Revision ID: 0014_network_flat_index
Revises: 0010_model_versions
Create Date: 2026-11-30 02:50:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0014_network_flat_index'
down_revision = '0013_rescore_runs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # (key, posting_id): the latest postings of a contact or bucket are read from the index alone.
    with op.batch_alter_table('posting_contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_posting_contacts_value')
        batch_op.create_index('ix_posting_contacts_value_posting', ['value', 'posting_id'], unique=False)
    with op.batch_alter_table('posting_buckets', schema=None) as batch_op:
        batch_op.drop_index('ix_posting_buckets_bucket')
        batch_op.create_index('ix_posting_buckets_bucket_posting', ['bucket', 'posting_id'], unique=False)
    # (cluster_id, id): a page of a cluster's members in id order without sorting the whole cluster.
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_index('ix_postings_cluster_id')
        batch_op.create_index('ix_postings_cluster_member', ['cluster_id', 'id'], unique=False)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_decision_posting', ['decision', 'posting_id'], unique=False)
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_seen', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_seen', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('merged_into', sa.Integer(), nullable=True))
    # Existing clusters: their span from their members, once.
    op.execute(
        "UPDATE clusters SET first_seen = (SELECT min(coalesce(p.posted_at, p.ingested_at)) FROM postings p "
        "WHERE p.cluster_id = clusters.id), last_seen = (SELECT max(coalesce(p.posted_at, p.ingested_at)) "
        "FROM postings p WHERE p.cluster_id = clusters.id)"
    )


def downgrade() -> None:
    op.execute("DELETE FROM clusters WHERE merged_into IS NOT NULL")
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.drop_column('merged_into')
        batch_op.drop_column('last_seen')
        batch_op.drop_column('first_seen')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_decision_posting')
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_index('ix_postings_cluster_member')
        batch_op.create_index('ix_postings_cluster_id', ['cluster_id'], unique=False)
    with op.batch_alter_table('posting_buckets', schema=None) as batch_op:
        batch_op.drop_index('ix_posting_buckets_bucket_posting')
        batch_op.create_index('ix_posting_buckets_bucket', ['bucket'], unique=False)
    with op.batch_alter_table('posting_contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_posting_contacts_value_posting')
        batch_op.create_index('ix_posting_contacts_value', ['value'], unique=False)
