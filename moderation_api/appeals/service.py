"""Appeals of decisions (DSA Art. 20): filing within the window, a leased queue that never gives an appeal
to anyone who decided the case, and outcomes — an overturn reverses the case's decision.

Every state change goes through :func:`transition` (the appeal's version guards it, as a case's does) and
is audited on the appealed case, so the case history shows its appeal; ``appeal_opened`` and
``appeal_decided`` become platform events through the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from moderation_api.appeals.models import Appeal
from moderation_api.appeals.schemas import (
    AppealDetail,
    AppealOutcome,
    AppealState,
    AppealSummary,
    Appellant,
    OriginalDecision,
)
from moderation_api.audit import service as audit
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.policy import AccessDeniedError, Data, Reach, Restriction, Viewer
from moderation_api.auth.schemas import Principal
from moderation_api.cases import flows
from moderation_api.cases import service as cases
from moderation_api.cases.schemas import CaseState, CaseSummary, Decision, Queue
from moderation_api.db import is_postgres, run_transaction, utcnow
from moderation_api.errors import ConflictError, ForbiddenError, NotFoundError


class AppealError(Exception):
    """Base of the appeal domain errors."""


class AppealNotFoundError(AppealError, NotFoundError):
    pass


class AppealRefusedError(AppealError, ConflictError):
    """The case cannot be appealed (not decided, window closed, already appealed): HTTP 409."""


class AppealConflictError(AppealError, ConflictError):
    """Someone else holds the appeal, it is decided, or the lease ran out: HTTP 409."""


class AppealForbiddenError(AppealError, ForbiddenError):
    """The caller decided the case under appeal, or may not see it: HTTP 403."""


@dataclass(frozen=True)
class _Rule:
    sources: frozenset[AppealState]
    target: AppealState


_OPEN, _ASSIGNED, _DECIDED = AppealState.OPEN, AppealState.ASSIGNED, AppealState.DECIDED
TRANSITIONS: dict[str, _Rule] = {
    # An assigned appeal is claimable once its lease ran out (the claim query checks the expiry).
    "appeal_claimed": _Rule(frozenset({_OPEN, _ASSIGNED}), _ASSIGNED),
    "appeal_released": _Rule(frozenset({_ASSIGNED}), _OPEN),
    "appeal_decided": _Rule(frozenset({_ASSIGNED}), _DECIDED),
}


def transition(
    session: Session,
    *,
    appeal: Appeal,
    action: str,
    actor: str,
    notes: str | None = None,
    details: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
) -> None:
    """Apply one validated appeal state change and its audit event (on the appealed case)."""
    rule = TRANSITIONS[action]
    from_state = AppealState(appeal.state)
    if from_state not in rule.sources:
        raise AppealConflictError(f"cannot {action.removeprefix('appeal_')} an appeal that is {from_state}")
    values = {**(changes or {}), "state": str(rule.target), "version": appeal.version + 1}
    result = session.execute(
        update(Appeal)
        .where(Appeal.id == appeal.id, Appeal.version == appeal.version)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise AppealConflictError(f"appeal {appeal.id} was changed by someone else; reload it")
    audit.record(
        session,
        case_id=appeal.case_id,
        actor=actor,
        actor_kind="human",
        action=action,
        from_state=str(from_state),
        to_state=str(rule.target),
        notes=notes,
        details={"appeal_id": appeal.id, **(details or {})},
    )
    session.flush()
    session.refresh(appeal)


def file_appeal(
    session: Session,
    *,
    principal: Principal,
    case_id: int,
    statement: str,
    appellant_ref: str | None,
    window_days: int,
) -> Appeal:
    """Open an appeal of a decided case, within ``window_days`` of its decision (audited: appeal_opened).

    A confirmation is appealed by the poster; a dismissal by whoever sent a notice about it (a dismissal
    of an automated flag that no one reported has nobody to appeal it).
    """
    case = cases.get_case(session, case_id=case_id)
    if case.state != str(CaseState.DECIDED) or case.decided_at is None:
        raise AppealRefusedError(f"case {case_id} is {case.state}: only decided cases can be appealed")
    if session.scalar(select(Appeal.id).where(Appeal.case_id == case.id)) is not None:
        raise AppealRefusedError(f"case {case_id} has already been appealed")
    if case.decision == str(Decision.CONFIRM):
        appellant = Appellant.POSTER
    elif case.notice_count > 0:
        appellant = Appellant.NOTIFIER
    else:
        raise AppealRefusedError(
            f"case {case_id} was dismissed without a notice: there is nobody to appeal it"
        )
    now = utcnow()
    closes = case.decided_at + timedelta(days=window_days)
    if now > closes:
        raise AppealRefusedError(f"the appeal window of case {case_id} closed on {closes.date()}")
    deciders = cases.deciders_of(session, case_id=case.id)
    appeal = Appeal(
        case_id=case.id,
        state=str(AppealState.OPEN),
        appellant=str(appellant),
        appellant_ref=appellant_ref,
        statement=statement,
        received_at=now,
        original_decision=case.decision,
        deciders="," + ",".join(deciders) + ",",
        restricted=case.minor or case.queue == str(Queue.SENIOR),
        categories=case.categories,
    )
    session.add(appeal)
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise AppealRefusedError(f"case {case_id} has already been appealed") from exc
    audit.record(
        session,
        case_id=case.id,
        actor=principal.actor,
        actor_kind="human",
        action="appeal_opened",
        from_state=None,
        to_state=str(AppealState.OPEN),
        details={
            "appeal_id": appeal.id,
            "appellant": str(appellant),
            "appellant_ref": appellant_ref,
            "original_decision": case.decision,
        },
    )
    session.commit()
    return appeal


def get_appeal(session: Session, *, appeal_id: int) -> Appeal:
    appeal = session.get(Appeal, appeal_id)
    if appeal is None:
        raise AppealNotFoundError(f"appeal {appeal_id} not found")
    return appeal


def _restriction(appeal: Appeal) -> Restriction | None:
    return Restriction.SENIOR_QUEUE if appeal.restricted else None


def _visible(viewer: Viewer) -> list[ColumnElement[bool]]:
    """Appeals of restricted cases only for roles that see every case (senior, admin, auditor)."""
    return [] if viewer.reach(Data.CASE) is Reach.ALL else [Appeal.restricted.is_(False)]


def _not_decided_by(actor: str) -> ColumnElement[bool]:
    return ~Appeal.deciders.contains(f",{actor},", autoescape=True)


def list_appeals(
    session: Session, *, viewer: Viewer, state: AppealState | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[Appeal], int]:
    viewer.require(Data.CASE, None, item="the appeal list")
    conditions = _visible(viewer)
    if state is not None:
        conditions.append(Appeal.state == str(state))
    total = session.scalar(select(func.count()).select_from(Appeal).where(*conditions)) or 0
    rows = session.scalars(
        select(Appeal).where(*conditions).order_by(Appeal.received_at, Appeal.id).limit(limit).offset(offset)
    )
    return list(rows), total


def claim(
    session: Session, *, principal: Principal, viewer: Viewer, count: int, lease_seconds: int
) -> list[Appeal]:
    """Assign the oldest open appeals to the caller, each with a lease: never one of a case the caller
    decided or escalated, nor one of a restricted case for a role that may not see it. Concurrent claims
    take different appeals (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the version check on SQLite)."""
    viewer.require(Data.CASE, None, item="the appeal queue")
    now = utcnow()
    query = (
        select(Appeal)
        .where(
            or_(
                Appeal.state == str(_OPEN),
                (Appeal.state == str(_ASSIGNED)) & (Appeal.lease_expires_at < now),
            ),
            _not_decided_by(principal.actor),
            *_visible(viewer),
        )
        .order_by(Appeal.received_at, Appeal.id)
        .limit(count)
        .execution_options(populate_existing=True)
    )
    if is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    claimed = []
    for appeal in session.scalars(query).all():
        try:
            transition(
                session,
                appeal=appeal,
                action="appeal_claimed",
                actor=principal.actor,
                changes={
                    "assignee": principal.actor,
                    "lease_expires_at": now + timedelta(seconds=lease_seconds),
                },
                details={"lease_seconds": lease_seconds},
            )
            claimed.append(appeal)
        except AppealConflictError:
            continue
    session.commit()
    return claimed


def _held(session: Session, *, principal: Principal, appeal_id: int) -> Appeal:
    appeal = get_appeal(session, appeal_id=appeal_id)
    if appeal.state == str(_DECIDED):
        raise AppealConflictError(f"appeal {appeal_id} is already decided ({appeal.outcome})")
    if appeal.state != str(_ASSIGNED) or appeal.assignee != principal.actor:
        raise AppealConflictError(f"appeal {appeal_id} is not assigned to you; claim it first")
    if appeal.lease_expires_at is not None and appeal.lease_expires_at < utcnow():
        raise AppealConflictError(f"your lease on appeal {appeal_id} expired; claim it again")
    return appeal


def release(session: Session, *, principal: Principal, appeal_id: int) -> Appeal:
    appeal = _held(session, principal=principal, appeal_id=appeal_id)
    transition(
        session,
        appeal=appeal,
        action="appeal_released",
        actor=principal.actor,
        changes={"assignee": None, "lease_expires_at": None},
    )
    session.commit()
    return appeal


def decide(
    session: Session,
    *,
    principal: Principal,
    viewer: Viewer,
    appeal_id: int,
    outcome: AppealOutcome,
    reason: str,
) -> Appeal:
    """Uphold or overturn an appeal the caller holds, with the reason the appellant is told; an overturn
    reverses the case's decision in the same transaction (legal holds stay). One unit of work, started over
    if it deadlocks."""
    return run_transaction(
        session,
        lambda: _decide(
            session, principal=principal, viewer=viewer, appeal_id=appeal_id, outcome=outcome, reason=reason
        ),
    )


def _decide(
    session: Session,
    *,
    principal: Principal,
    viewer: Viewer,
    appeal_id: int,
    outcome: AppealOutcome,
    reason: str,
) -> Appeal:
    if not reason.strip():
        raise AppealRefusedError("an appeal decision needs a reason for the appellant")
    appeal = _held(session, principal=principal, appeal_id=appeal_id)
    _check_access(appeal, viewer=viewer)
    # Checked against the audit trail itself as well as the copy taken at filing: the person who decided
    # a case never decides its appeal (DSA Art. 20(6): not the same staff, not solely automated).
    if principal.actor in cases.deciders_of(session, case_id=appeal.case_id) or _decided_by(
        appeal, principal.actor
    ):
        raise AppealForbiddenError("you decided this case: its appeal goes to another reviewer")
    new_decision = None
    if outcome is AppealOutcome.OVERTURNED:
        case = cases.get_case(session, case_id=appeal.case_id)
        try:
            new_decision = flows.overturn(
                session,
                case=case,
                actor=principal.actor,
                appeal_id=appeal.id,
                category_cutoff=viewer.category_cutoff,
            )
        except cases.InvalidTransitionError as exc:
            # The case was reopened after the appeal was filed: its new decision is what counts now.
            raise AppealConflictError(f"case {case.id} is {case.state} again: {exc}") from exc
    transition(
        session,
        appeal=appeal,
        action="appeal_decided",
        actor=principal.actor,
        notes=reason,
        details={
            "outcome": str(outcome),
            "appellant": appeal.appellant,
            "appellant_ref": appeal.appellant_ref,
            "original_decision": appeal.original_decision,
            "new_decision": str(new_decision) if new_decision else None,
        },
        changes={
            "outcome": str(outcome),
            "outcome_reason": reason,
            "decided_at": utcnow(),
            "decided_by": principal.actor,
            "lease_expires_at": None,
        },
    )
    session.commit()
    return appeal


def _decided_by(appeal: Appeal, actor: str) -> bool:
    return f",{actor}," in appeal.deciders


def _check_access(appeal: Appeal, *, viewer: Viewer) -> None:
    try:
        viewer.require(Data.CASE, _restriction(appeal), item=f"appeal {appeal.id}")
    except AccessDeniedError as exc:
        raise AppealForbiddenError(str(exc)) from exc


def appeal_detail(session: Session, *, appeal_id: int, viewer: Viewer) -> AppealDetail:
    """The appeal, the appellant's statement and the original decision side by side; the decider's name
    and note are history data, withheld from roles that may not see them."""
    appeal = get_appeal(session, appeal_id=appeal_id)
    _check_access(appeal, viewer=viewer)
    case = cases.get_case(session, case_id=appeal.case_id)
    restriction = _restriction(appeal)
    access = viewer.note(restriction, (Data.HISTORY,))
    decided = session.scalar(
        select(AuditEvent)
        .where(
            AuditEvent.case_id == case.id, AuditEvent.action == "decide", AuditEvent.at <= appeal.received_at
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    history = Data.HISTORY not in access.withheld
    original = OriginalDecision(
        decision=appeal.original_decision,
        reason=decided.reason if decided else None,
        decided_at=decided.at if decided else None,
        decided_by=decided.actor if decided and history else None,
        notes=decided.notes if decided and history else None,
    )
    return AppealDetail(
        appeal=AppealSummary.model_validate(appeal),
        statement=appeal.statement,
        case=CaseSummary.model_validate(case),
        original=original,
        access=access,
    )
