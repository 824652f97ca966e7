"""The retention sweep: erase text that has outlived its purpose.

Rules (each erasure is audited, actor ``system:retention`` unless the caller names one):

1. A legal hold's snapshot (text and hash) is kept until ``hold_until``; then it is cleared.
2. A deleted posting keeps no text-derived data; rows deleted before erasure was complete are erased.
3. A posting's text (and all data derived from it) is kept while any of its cases is undecided, a legal
   hold is active, or a decision on it can still be appealed (``appeal_window_days`` after the decision,
   unless its one appeal was filed) or is under appeal; and for ``posting_retention_days`` after its last
   activity (ingest, the last decision on it, or its appeal's decision); then it is erased. The appeal
   window (183 days) is longer than the retention period (180): without the hold, text would be erased
   while its decision could still be contested (DSA Art. 20), and the appeal reviewer would have nothing
   to look at.
4. Outbox events whose deliveries all succeeded are deleted with their delivery logs
   ``webhook_retention_days`` after they occurred; dead-lettered ones after ``webhook_dead_retention_days``;
   never one with a pending delivery (:func:`moderation_api.webhooks.service.prune`).

Work is done in batches, one transaction each, so a long sweep never holds locks for long.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select
from sqlalchemy.orm import Session

from moderation_api.appeals.models import Appeal
from moderation_api.appeals.schemas import AppealState
from moderation_api.audit.schemas import ActorKind, AuditAction
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseState
from moderation_api.db import is_postgres, utcnow
from moderation_api.postings.models import LegalHold, Posting
from moderation_api.postings.service import erase_posting, expire_hold
from moderation_api.retention.schemas import SweepReport
from moderation_api.webhooks.service import prune

SYSTEM_ACTOR = "system:retention"
T = TypeVar("T")


def sweep(
    session: Session,
    *,
    posting_retention_days: int,
    appeal_window_days: int,
    webhook_retention_days: int,
    webhook_dead_retention_days: int,
    actor: str = SYSTEM_ACTOR,
    now: datetime | None = None,
    batch: int = 200,
) -> SweepReport:
    """Apply the retention rules above once; returns how many items each rule erased."""
    now = now or utcnow()
    cutoff = now - timedelta(days=posting_retention_days)
    appealable_since = now - timedelta(days=appeal_window_days)
    active_hold = exists().where(LegalHold.posting_id == Posting.id, LegalHold.hold_until > now)

    def expire(hold: LegalHold) -> None:
        expire_hold(session, hold=hold, actor=actor, actor_kind=ActorKind.SYSTEM)

    holds = _in_batches(
        session,
        select(LegalHold)
        .where(LegalHold.snapshot_text.is_not(None), LegalHold.hold_until <= now)
        .order_by(LegalHold.id),
        expire,
        batch=batch,
    )

    def eraser(rule: str, **extra: Any) -> Callable[[Posting], None]:
        def erase(posting: Posting) -> None:
            erase_posting(
                session,
                posting=posting,
                action=AuditAction.RETENTION_ERASED,
                actor=actor,
                actor_kind=ActorKind.SYSTEM,
                details={"rule": rule, **extra},
            )

        return erase

    leftovers: ColumnElement[bool] = or_(
        Posting.text.is_not(None), Posting.text_sha256.is_not(None), Posting.minhash.is_not(None)
    )
    deleted = _in_batches(
        session,
        select(Posting).where(Posting.deleted_at.is_not(None), leftovers, ~active_hold).order_by(Posting.id),
        eraser("deleted"),
        batch=batch,
    )
    appeal = exists().where(Appeal.case_id == Case.id)
    appeal_pending_or_recent = exists().where(
        Appeal.case_id == Case.id, or_(Appeal.state != str(AppealState.DECIDED), Appeal.decided_at >= cutoff)
    )
    still_needed = exists().where(
        Case.posting_id == Posting.id,
        or_(
            Case.state != str(CaseState.DECIDED),
            Case.decided_at >= cutoff,
            Case.decided_at.is_(None),
            and_(Case.decided_at >= appealable_since, ~appeal),  # can still be appealed
            appeal_pending_or_recent,  # under appeal, or its appeal decided within the retention period
        ),
    )
    expired = _in_batches(
        session,
        select(Posting)
        .where(
            and_(Posting.deleted_at.is_(None), Posting.text.is_not(None), Posting.ingested_at < cutoff),
            ~still_needed,
            ~active_hold,
        )
        .order_by(Posting.id),
        eraser("retention_period", retention_days=posting_retention_days),
        batch=batch,
    )
    pruned = prune(
        session,
        delivered_days=webhook_retention_days,
        dead_days=webhook_dead_retention_days,
        actor=actor,
        now=now,
        batch=batch,
    )
    return SweepReport(
        holds_expired=holds,
        deleted_erased=deleted,
        retention_erased=expired,
        retention_days=posting_retention_days,
        cutoff=cutoff,
        webhook_events_pruned=pruned.events,
        webhook_deliveries_pruned=pruned.deliveries,
        webhook_attempts_pruned=pruned.attempts,
    )


def _in_batches(session: Session, query: Select[T], apply: Callable[[T], None], *, batch: int) -> int:
    """Apply ``apply`` to every row ``query`` selects, ``batch`` rows per committed transaction.

    Each applied row must stop matching ``query`` (it is erased), so the loop ends.
    """
    done = 0
    while True:
        limited = query.limit(batch)
        if is_postgres(session):
            limited = limited.with_for_update(skip_locked=True)
        rows = session.scalars(limited).all()
        for row in rows:
            apply(row)
        session.commit()
        done += len(rows)
        if len(rows) < batch:
            return done
