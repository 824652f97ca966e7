"""audit hash chain and append-only trigger; erasable text hashes and hold snapshots

Existing audit rows are chained in id order by this migration (their content is unchanged: the chain then
proves they were not altered *after* the upgrade). Audit rows may now concern no case (key changes,
deleting a posting without a case). Posting text hashes and legal-hold snapshots become nullable so that
deletion and the retention sweep can erase them.

Revision ID: 0005_audit_chain
Revises: 0004
Create Date: 2026-11-24 10:00:00
"""

from alembic import op
import sqlalchemy as sa

from moderation_api.audit.service import rebuild_chain


revision = '0005_audit_chain'
down_revision = '0004'
branch_labels = None
depends_on = None

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION vigil_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def upgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('row_hash', sa.String(length=64), nullable=True))
        batch_op.alter_column('case_id', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('to_state', existing_type=sa.String(length=20), nullable=True)

    rebuild_chain(op.get_bind())

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('row_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index('ix_audit_events_seq', ['seq'], unique=True)

    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.alter_column('text_sha256', existing_type=sa.String(length=64), nullable=True)
    with op.batch_alter_table('legal_holds', schema=None) as batch_op:
        batch_op.alter_column('snapshot_text', existing_type=sa.Text(), nullable=True)
        batch_op.alter_column('snapshot_sha256', existing_type=sa.String(length=64), nullable=True)

    if op.get_bind().dialect.name == 'postgresql':
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(
            'CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events '
            'FOR EACH ROW EXECUTE FUNCTION vigil_audit_append_only()'
        )
        op.execute(
            'CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events '
            'FOR EACH STATEMENT EXECUTE FUNCTION vigil_audit_append_only()'
        )


def downgrade() -> None:
    # Rows that concern no case, erased hashes and cleared snapshots cannot go back to NOT NULL columns:
    # the downgrade fails on such a database rather than invent values.
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events')
        op.execute('DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events')
        op.execute('DROP FUNCTION IF EXISTS vigil_audit_append_only()')
    with op.batch_alter_table('legal_holds', schema=None) as batch_op:
        batch_op.alter_column('snapshot_sha256', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('snapshot_text', existing_type=sa.Text(), nullable=False)
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.alter_column('text_sha256', existing_type=sa.String(length=64), nullable=False)
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_seq')
        batch_op.alter_column('to_state', existing_type=sa.String(length=20), nullable=False)
        batch_op.alter_column('case_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('row_hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
