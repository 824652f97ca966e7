"""Recording audit events, sealing them into the hash chain at commit, and verifying the chain.

An event added to a session (through :func:`record`, or as a plain ``AuditEvent``) is held back from
flushes and sealed when its transaction commits: the chain head is read, the events get the next ``seq``
numbers and their hashes, and they are inserted — all just before COMMIT. On PostgreSQL a transaction-level
advisory lock serializes this step, so two concurrent writers can never link to the same head (a fork);
the lock is held only from sealing to commit, after the transaction has taken every row lock it needs, so
it cannot take part in a deadlock. On SQLite writers are serialized by ``BEGIN IMMEDIATE`` already.

Domains above the audit trail that must write rows in the same transaction as an audited change register
a *seal hook* (:func:`register_seal_hook`): the outbox of platform events
(:mod:`moderation_api.webhooks.outbox`) and the case report rollups (:mod:`moderation_api.cases.rollups`).
Hooks run inside the sealing step, under the chain lock, with the transaction's events — so their rows exist
exactly when the audit events do, and the audit trail imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, event, func, select, text, update
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

from moderation_api.audit import chain
from moderation_api.audit.models import AuditEvent
from moderation_api.audit.schemas import ChainBreak, ChainReport
from moderation_api.db import forget_rolled_back, is_postgres, utcnow

# pg_advisory_xact_lock key of the chain ("vigilaud" as a signed 64-bit integer).
CHAIN_LOCK = int.from_bytes(b"vigilaud", "big", signed=True)
_PENDING = "vigil.audit.pending"
_table = cast(Table, AuditEvent.__table__)
_CONTENT = [_table.c[name] for name in chain.FIELDS]

SealHook = Callable[[Session, Sequence[AuditEvent]], object]
# Run in registration order; each module registers its hook once, when it is imported.
_SEAL_HOOKS: dict[str, SealHook] = {}


def register_seal_hook(name: str, hook: SealHook) -> None:
    """Run ``hook(session, events)`` whenever a transaction with audit events commits, inside the sealing step
    (under the chain lock on PostgreSQL, before the events are inserted), so whatever it adds to the session
    commits or rolls back with them. Registering a name again replaces its hook (module reloads)."""
    _SEAL_HOOKS[name] = hook


def seal_hooks() -> list[str]:
    """The names of the registered hooks, in the order they run."""
    return list(_SEAL_HOOKS)


def record(
    session: Session,
    *,
    action: str,
    actor: str,
    actor_kind: str,
    case_id: int | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    decision: str | None = None,
    reason: str | None = None,
    notes: str | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add one audit event to the session's transaction; it is chained and written when that commits."""
    audit_event = AuditEvent(
        case_id=case_id,
        at=at or utcnow(),
        actor=actor,
        actor_kind=actor_kind,
        action=action,
        from_state=from_state,
        to_state=to_state,
        decision=decision,
        reason=reason,
        notes=notes,
        details=details,
    )
    session.add(audit_event)
    return audit_event


def _pending(session: Session) -> list[tuple[SessionTransaction | None, AuditEvent]]:
    pending: list[tuple[SessionTransaction | None, AuditEvent]] = session.info.setdefault(_PENDING, [])
    return pending


@event.listens_for(Session, "before_flush")
def _hold_back(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    """Keep unsealed events out of flushes: their chain position is only known at commit."""
    for obj in list(session.new):
        if isinstance(obj, AuditEvent) and obj.row_hash is None:
            session.expunge(obj)
            _pending(session).append((session.get_nested_transaction(), obj))


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    """Events recorded inside a rolled-back transaction (or savepoint) are dropped with it."""
    forget_rolled_back(session, _PENDING, previous_transaction)


@event.listens_for(Session, "after_transaction_end")
def _clear(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


@event.listens_for(Session, "before_commit")
def _seal(session: Session) -> None:
    """Chain and insert the transaction's held-back events, under the chain lock."""
    session.flush()  # runs _hold_back: every unsealed event is now in the pending list
    events = [obj for _, obj in session.info.pop(_PENDING, [])]
    if not events:
        return
    if is_postgres(session):
        # The inserts' foreign-key checks take KEY SHARE locks on the cases; take them before the chain
        # lock (in id order), so that nothing is waited for while the chain lock is held.
        case_ids = sorted({e.case_id for e in events if e.case_id is not None})
        if case_ids:
            session.execute(
                text("SELECT id FROM cases WHERE id = ANY(:ids) ORDER BY id FOR KEY SHARE"), {"ids": case_ids}
            )
        session.execute(select(func.pg_advisory_xact_lock(CHAIN_LOCK)))
    # Under the chain lock (plain reads, which wait for no row lock): rows the hooks add (outbox events) are
    # inserted by the commit's flush, so their ids grow in commit order; rows they upsert (rollups) are only
    # ever locked by a holder of the chain lock, so nobody waits for them.
    for hook in _SEAL_HOOKS.values():
        hook(session, events)
    head = chain_head(session)
    for audit_event in events:
        if audit_event.at is None:
            audit_event.at = utcnow()
        values = {name: getattr(audit_event, name) for name in chain.FIELDS}
        head = chain.link(head, values)
        audit_event.seq, audit_event.prev_hash, audit_event.row_hash = (
            values["seq"],
            values["prev_hash"],
            values["row_hash"],
        )
    session.add_all(events)


def chain_head(session: Session | Connection) -> chain.Head:
    """The last row of the chain (:data:`chain.EMPTY` when there is none)."""
    row = session.execute(
        select(_table.c.seq, _table.c.row_hash).order_by(_table.c.seq.desc()).limit(1)
    ).first()
    return chain.Head(row.seq, row.row_hash) if row is not None else chain.EMPTY


def _parse_anchor(anchor: str) -> tuple[int, str]:
    seq, _, digest = anchor.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise ValueError("an anchor is SEQ:HASH as printed by a previous verification")
    return int(seq), digest.lower()


def verify(session: Session, *, anchor: str | None = None, batch: int = 2000) -> ChainReport:
    """Walk the whole chain in ``seq`` order and report the first row that does not verify.

    ``anchor`` (``SEQ:HASH`` from an earlier report, kept outside the database) also proves that the
    history up to that row was not rewritten wholesale, chain hashes included.
    """
    anchored = _parse_anchor(anchor) if anchor else None
    head, checked = chain.EMPTY, 0

    def report(seq: int, event_id: int | None, problem: str) -> ChainReport:
        broken = ChainBreak(seq=seq, event_id=event_id, problem=problem)
        return ChainReport(
            ok=False, rows_checked=checked, head_seq=head.seq, head_hash=head.row_hash, broken=broken
        )

    while True:
        rows = session.execute(
            select(_table.c.id, *_CONTENT, _table.c.prev_hash, _table.c.row_hash)
            .where(_table.c.seq > head.seq)
            .order_by(_table.c.seq)
            .limit(batch)
        ).all()
        for row in rows:
            expected = head.seq + 1
            if row.seq != expected:
                return report(expected, None, f"rows {expected}..{row.seq - 1} are missing")
            if row.prev_hash != head.row_hash:
                return report(row.seq, row.id, "does not link to the previous row")
            if chain.row_hash(dict(row._mapping), prev_hash=head.row_hash) != row.row_hash:
                return report(row.seq, row.id, "content does not match its hash: the row was changed")
            if anchored is not None and row.seq == anchored[0] and row.row_hash != anchored[1]:
                return report(row.seq, row.id, "differs from the anchor: the history was rewritten")
            head, checked = chain.Head(row.seq, row.row_hash), checked + 1
        if len(rows) < batch:
            break
    if anchored is not None and anchored[0] > head.seq:
        return report(anchored[0], None, "the anchor is past the end: rows were removed from the end")
    return ChainReport(ok=True, rows_checked=checked, head_seq=head.seq, head_hash=head.row_hash)


def rebuild_chain(connection: Connection, *, batch: int = 2000) -> int:
    """Chain every row afresh in id order; returns the row count.

    For rows written before the chain existed (migration 0005) and for the demo database, whose timeline
    is rewritten before anyone uses it. On PostgreSQL the append-only trigger refuses it, as it should.
    """
    head, last_id = chain.EMPTY, 0
    statement = (
        update(_table)
        .where(_table.c.id == bindparam("row_id"))
        .values(
            seq=bindparam("new_seq"),
            prev_hash=bindparam("new_prev_hash"),
            row_hash=bindparam("new_row_hash"),
        )
    )
    # Park every row on a distinct negative seq first, so renumbering never collides with the unique index.
    connection.execute(update(_table).values(seq=-_table.c.id))
    while True:
        rows = connection.execute(
            select(_table.c.id, *_CONTENT).where(_table.c.id > last_id).order_by(_table.c.id).limit(batch)
        ).all()
        if not rows:
            return head.seq
        updates = []
        for row in rows:
            values = {name: row._mapping[name] for name in chain.FIELDS if name != "seq"}
            head = chain.link(head, values)
            updates.append(
                {
                    "row_id": row.id,
                    "new_seq": values["seq"],
                    "new_prev_hash": values["prev_hash"],
                    "new_row_hash": values["row_hash"],
                }
            )
        connection.execute(statement, updates)
        last_id = rows[-1].id
