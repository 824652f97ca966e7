"""The moderation workflow: open, claim (leased), renew, release, decide, escalate — and the audit trail.

Every state change goes through :func:`transition`, which checks the transition table, applies the
change with a conditional UPDATE on the row's ``version`` (so of two racing writers exactly one wins)
and writes the audit event and the report rollups' deltas (:mod:`.rollups`) in the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.util import AliasedClass

from moderation_api.audit import service as audit
from moderation_api.audit.models import AuditEvent
from moderation_api.audit.schemas import ActorKind, AuditAction
from moderation_api.auth.policy import (
    Data,
    Permission,
    Reach,
    Restriction,
    Viewer,
    blind_case,
    may,
    restriction_of,
    strictest,
)
from moderation_api.auth.schemas import Principal
from moderation_api.cases import rollups
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import (
    CaseSort,
    CaseSource,
    CaseState,
    CaseSummary,
    Decision,
    DecisionOption,
    DismissReason,
    EscalationKind,
    Queue,
    ReopenOption,
)
from moderation_api.db import is_postgres, utcnow
from moderation_api.errors import ConflictError, ForbiddenError, InvalidInputError, NotFoundError
from moderation_api.postings.models import LegalHold, Posting

CATEGORY_GROUPS = ("sex_trafficking", "labor_trafficking", "minor_involved")


class CaseError(Exception):
    """Base of the workflow's domain errors."""


class CaseNotFoundError(CaseError, NotFoundError):
    pass


class InvalidTransitionError(CaseError, ConflictError):
    """The action is not allowed from the case's current state."""


class CaseConflictError(CaseError, ConflictError):
    """Someone else changed the case first, holds it, or it is already decided (HTTP 409)."""


class CaseForbiddenError(CaseError, ForbiddenError):
    """The caller's role may not act on this case (HTTP 403)."""


class DecisionInvalidError(CaseError, InvalidInputError):
    """The decision request is incomplete (HTTP 422)."""


@dataclass(frozen=True)
class Rule:
    sources: frozenset[CaseState]
    target: CaseState


OPEN, ASSIGNED, DECIDED = CaseState.OPEN, CaseState.ASSIGNED, CaseState.DECIDED
TRANSITIONS: dict[str, Rule] = {
    "claim": Rule(frozenset({OPEN}), ASSIGNED),
    "renew": Rule(frozenset({ASSIGNED}), ASSIGNED),
    "release": Rule(frozenset({ASSIGNED}), OPEN),
    "lease_expired": Rule(frozenset({ASSIGNED}), OPEN),
    "decide": Rule(frozenset({ASSIGNED}), DECIDED),
    "escalate": Rule(frozenset({ASSIGNED}), OPEN),
    "notice_added": Rule(frozenset({OPEN, ASSIGNED}), OPEN),  # target ignored: a notice keeps the state
    # The decider takes back their own decision (or escalation) within the undo window: they hold it again.
    "undo": Rule(frozenset({DECIDED, OPEN}), ASSIGNED),
    # A senior reviewer reopens someone else's decision, or any after the window, with a reason.
    "reopen": Rule(frozenset({DECIDED}), OPEN),
    "overturn": Rule(frozenset({DECIDED}), DECIDED),  # an appeal reversed the decision
    # A blind second reviewer's answer on a double review: recorded like a decision on that case, but not a
    # moderation decision (no webhook, no DSA statement: the first decision stands; it measures agreement).
    "second_review": Rule(frozenset({ASSIGNED}), DECIDED),
    # A newly active model re-scored the posting: band, risk, categories follow it; target ignored (the case
    # keeps its state and holder). Decided cases are never re-scored.
    "rescore": Rule(frozenset({OPEN, ASSIGNED}), OPEN),
}
# Transitions that change a case's facts but never its state.
KEEP_STATE = ("notice_added", "rescore")
DECISION_ACTIONS = rollups.DECISION_ACTIONS
REOPEN_ACTIONS = rollups.REOPEN_ACTIONS


def transition(
    session: Session,
    *,
    case: Case,
    action: str,
    actor: str,
    actor_kind: str = "human",
    decision: str | None = None,
    reason: str | None = None,
    notes: str | None = None,
    details: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
) -> None:
    """Apply one validated state change and its audit event; raise on a stale or invalid change."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise InvalidTransitionError(f"unknown action {action!r}")
    from_state = CaseState(case.state)
    if from_state not in rule.sources:
        raise InvalidTransitionError(f"cannot {action} a case that is {from_state}")
    to_state = from_state if action in KEEP_STATE else rule.target
    values = {**(changes or {}), "state": str(to_state), "version": case.version + 1}
    result = session.execute(
        update(Case)
        .where(Case.id == case.id, Case.version == case.version)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise CaseConflictError(f"case {case.id} was changed by someone else; reload it")
    event = audit.record(
        session,
        case_id=case.id,
        actor=actor,
        actor_kind=actor_kind,
        action=action,
        from_state=str(from_state),
        to_state=str(to_state),
        decision=decision,
        reason=reason,
        notes=notes,
        details=details,
    )
    # ``case`` still holds the values before the UPDATE (it is refreshed below).
    rollups.record_transition(
        session, case=case, action=action, to_state=str(to_state), changes=values, event=event
    )
    session.flush()
    session.refresh(case)


@dataclass(frozen=True)
class CaseFacts:
    minor: bool
    categories: list[str]


def case_facts(score: Mapping[str, Any], *, category_cutoff: float) -> CaseFacts:
    """Categories and the minor flag a case gets from a stored score (minor cues route to senior review).

    A category counts when its calibrated score reaches the cut-off or one of its indicators fired.
    """
    categories = [
        name
        for name, value in (score.get("category_scores") or {}).items()
        if float(value) >= category_cutoff
    ]
    groups = {str(hit.get("group")) for hit in score.get("indicators") or []}
    categories += [group for group in CATEGORY_GROUPS if group in groups and group not in categories]
    return CaseFacts(minor="minor_involved" in categories, categories=categories)


def rescore_case(
    session: Session,
    *,
    case: Case,
    posting: Posting,
    category_cutoff: float,
    actor: str,
    details: dict[str, Any],
) -> bool:
    """Bring an undecided case's band, risk score (its priority), categories and minor flag in line with its
    posting's new score, audited as ``rescore``; returns whether anything changed.

    Re-scoring never decides, closes, releases or reassigns: a case the new model puts in ``low`` stays open
    and only sinks in the queue (a reviewer dismisses it), and whoever holds a case keeps it. Minor cues
    only ever add a restriction: a case that showed them keeps them, and one that shows them now moves to
    the senior / child-safety queue, as a new case would.
    """
    if case.state == str(DECIDED):
        raise InvalidTransitionError(f"case {case.id} is decided: re-scoring never changes it")
    facts = case_facts(posting.score, category_cutoff=category_cutoff)
    minor = case.minor or facts.minor
    categories = list(facts.categories)
    if ",minor_involved," in case.categories and "minor_involved" not in categories:
        categories.append("minor_involved")
    before = {
        "band": case.band,
        "risk_score": case.risk_score,
        "minor": case.minor,
        "queue": case.queue,
        "categories": case.categories,
    }
    after = {
        "band": posting.band,
        "risk_score": posting.risk_score,
        "minor": minor,
        "queue": str(Queue.SENIOR) if minor else case.queue,
        "categories": "," + ",".join(categories) + "," if categories else "",
    }
    changes = {key: value for key, value in after.items() if value != before[key]}
    if abs(posting.risk_score - case.risk_score) <= 1e-9:  # float noise is no change of priority
        changes.pop("risk_score", None)
    if not changes:
        return False
    transition(
        session,
        case=case,
        action="rescore",
        actor=actor,
        actor_kind=str(ActorKind.MODEL),
        details={**details, "from": _shown({key: before[key] for key in changes}), "to": _shown(changes)},
        changes=changes,
    )
    return True


def _shown(values: dict[str, Any]) -> dict[str, Any]:
    return {key: round(value, 6) if key == "risk_score" else value for key, value in values.items()}


def _restricted_case(case: type[Case] | AliasedClass[Case] = Case) -> ColumnElement[bool]:
    return or_(case.minor.is_(True), case.queue == str(Queue.SENIOR))


def _restrictions_by_cases(
    session: Session, *, posting_ids: list[int]
) -> dict[int, list[Restriction | None]]:
    found: dict[int, list[Restriction | None]] = {posting_id: [] for posting_id in posting_ids}
    if posting_ids:
        rows = session.execute(
            select(Case.posting_id, Case.minor, Case.queue).where(
                Case.posting_id.in_(posting_ids), _restricted_case()
            )
        )
        for posting_id, minor, queue in rows:
            found[posting_id].append(restriction_of(minor=minor, senior_queue=queue == str(Queue.SENIOR)))
    return found


def posting_restrictions(
    session: Session, *, postings: Sequence[Posting], category_cutoff: float
) -> dict[int, Restriction | None]:
    """Why each posting is restricted (None: it is not): a case of it shows minor cues or sits in the senior
    queue, or its own score shows minor cues (a posting no case was opened for)."""
    found = _restrictions_by_cases(session, posting_ids=[posting.id for posting in postings])
    for posting in postings:
        if case_facts(posting.score, category_cutoff=category_cutoff).minor:
            found[posting.id].append(Restriction.MINOR_CUES)
    return {posting_id: strictest(reasons) for posting_id, reasons in found.items()}


def open_case(
    session: Session,
    *,
    posting: Posting,
    source: CaseSource,
    actor: str,
    actor_kind: str,
    minor: bool,
    categories: Sequence[str],
    notes: str | None = None,
    network_signals: Sequence[str] = (),
    ingested_by: str | None = None,
    new_posting: bool = False,
    queue: Queue = Queue.STANDARD,
    review_of: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> Case:
    """A new open case; minors' cases go straight to the senior / child-safety queue.

    So does a new case about a posting that an earlier case restricted (e.g. a notice on a posting a
    reviewer escalated as ``minor_involved``): restricted content stays with senior reviewers.
    ``ingested_by`` is the caller that sent the posting in, recorded next to the opener (the model or the
    network layer) so the audit trail says who submitted what. ``new_posting``: the posting was stored in
    this transaction, so no earlier case can restrict it (ingest skips the lookup). ``queue``: where an
    unrestricted case goes (blind QA cases: ``qa``); ``review_of``: the case a double review re-reviews.
    ``details`` are added to the audit event's (e.g. the re-scoring run that opened the case).
    """
    earlier = (
        None
        if new_posting
        else strictest(_restrictions_by_cases(session, posting_ids=[posting.id])[posting.id])
    )
    minor = minor or earlier is Restriction.MINOR_CUES
    case = Case(
        posting_id=posting.id,
        state=str(CaseState.OPEN),
        queue=str(Queue.SENIOR if minor or earlier is not None else queue),
        source=str(source),
        band=posting.band,
        risk_score=posting.risk_score,
        minor=minor,
        categories="," + ",".join(categories) + "," if categories else "",
        model_version=posting.model_version if source is not CaseSource.NOTICE else None,
        opened_at=utcnow(),
        notice_count=1 if source is CaseSource.NOTICE else 0,
        network_boost=bool(network_signals),
        review_of=review_of,
    )
    session.add(case)
    session.flush()
    rollups.record_opened(session, case=case)
    recorded: dict[str, Any] = {
        "band": posting.band,
        "risk_score": round(posting.risk_score, 6),
        "queue": case.queue,
        "network_signals": list(network_signals),
        **(details or {}),
    }
    if ingested_by is not None:
        recorded["ingested_by"] = ingested_by
    audit.record(
        session,
        at=case.opened_at,
        case_id=case.id,
        actor=actor,
        actor_kind=actor_kind,
        action="open",
        from_state=None,
        to_state=str(CaseState.OPEN),
        notes=notes,
        details=recorded,
    )
    session.flush()
    return case


def get_case(session: Session, *, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFoundError(f"case {case_id} not found")
    return case


def _priority_key(case: Case) -> tuple[Any, ...]:
    """:func:`_priority` as a Python sort key."""
    return (not case.minor, not case.network_boost, -case.risk_score, case.opened_at, case.id)


def _priority() -> tuple[Any, ...]:
    # Minor cues first, then network signals, then risk, then age (oldest first: SLA).
    return (
        Case.minor.desc(),
        Case.network_boost.desc(),
        Case.risk_score.desc(),
        Case.opened_at.asc(),
        Case.id.asc(),
    )


def list_cases(
    session: Session,
    *,
    viewer: Viewer,
    state: CaseState | None = None,
    queue: Queue | None = None,
    band: str | None = None,
    category: str | None = None,
    assignee: str | None = None,
    source: CaseSource | None = None,
    opened_from: datetime | None = None,
    opened_to: datetime | None = None,
    sort: CaseSort = CaseSort.PRIORITY,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Case], int]:
    """Cases by filter and sort, scoped to what ``viewer`` may see (no restricted case for a reviewer)."""
    viewer.require(Data.CASE, None, item="the case list")
    conditions: list[ColumnElement[bool]] = []
    if viewer.reach(Data.CASE) is not Reach.ALL:
        # Restriction belongs to the posting: one restricted case of it restricts all its cases.
        other = aliased(Case)
        conditions.append(Case.posting_id.not_in(select(other.posting_id).where(_restricted_case(other))))
    if state is not None:
        conditions.append(Case.state == str(state))
    if queue is not None:
        conditions.append(Case.queue == str(queue))
    if band is not None:
        conditions.append(Case.band == band)
    if category is not None:
        conditions.append(Case.categories.like(f"%,{category},%"))
    if assignee is not None:
        conditions.append(Case.assignee == assignee)
    if source is not None:
        conditions.append(Case.source == str(source))
    if opened_from is not None:
        conditions.append(Case.opened_at >= opened_from)
    if opened_to is not None:
        conditions.append(Case.opened_at < opened_to)
    order = {
        CaseSort.PRIORITY: _priority(),
        CaseSort.OLDEST: (Case.opened_at.asc(), Case.id.asc()),
        CaseSort.NEWEST: (Case.opened_at.desc(), Case.id.desc()),
        CaseSort.RISK: (Case.risk_score.desc(), Case.id.asc()),
    }[sort]
    total = session.scalar(select(func.count()).select_from(Case).where(*conditions)) or 0
    rows = session.scalars(select(Case).where(*conditions).order_by(*order).limit(limit).offset(offset)).all()
    return list(rows), total


def summaries(session: Session, *, cases: Sequence[Case], viewer: Viewer) -> list[CaseSummary]:
    """Case rows as summaries; an escalated case also says who escalated it and their note, for the roles
    that see the senior queue's history (senior reviewers, admins, auditors: the policy's ``history``)."""
    escalated = [
        case.id
        for case in cases
        if case.escalation_kind
        and viewer.sees(
            Data.HISTORY, restriction_of(minor=case.minor, senior_queue=case.queue == str(Queue.SENIOR))
        )
    ]
    escalations: dict[int | None, AuditEvent] = {}
    if escalated:
        for event in session.scalars(
            select(AuditEvent)
            .where(AuditEvent.case_id.in_(escalated), AuditEvent.action == "escalate")
            .order_by(AuditEvent.id)
        ):
            escalations[event.case_id] = event  # the latest escalation of each case wins
    out = []
    for case in cases:
        summary = CaseSummary.model_validate(case)
        escalation = escalations.get(case.id)
        if escalation is not None:
            who = {"escalated_by": escalation.actor, "escalation_note": escalation.notes}
            summary = summary.model_copy(update=who)
        out.append(summary)
    return out


def history(session: Session, *, case_id: int) -> list[AuditEvent]:
    return list(
        session.scalars(select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id))
    )


def _check_queue_access(principal: Principal, queue: Queue | str) -> None:
    if Queue(queue) is Queue.SENIOR and not may(principal.role, Permission.CASES_SENIOR):
        raise CaseForbiddenError("the senior / child-safety queue is restricted to senior reviewers")


def _expire_lease(session: Session, *, case: Case) -> None:
    """The audited return of a case whose lease ran out to the open queue."""
    transition(
        session,
        case=case,
        action="lease_expired",
        actor="system",
        actor_kind="system",
        details={"assignee": case.assignee},
        changes={"assignee": None, "lease_expires_at": None},
    )


def _take_lease(
    session: Session, *, case: Case, principal: Principal, until: datetime, details: dict[str, Any]
) -> None:
    """The audited claim of an open case by ``principal`` until ``until``."""
    transition(
        session,
        case=case,
        action="claim",
        actor=principal.actor,
        changes={"assignee": principal.actor, "lease_expires_at": until},
        details=details,
    )


# Expired leases returned per transaction by a sweep (a batch commits before the next is read).
SWEEP_BATCH = 200


def expire_leases(session: Session, *, now: datetime | None = None) -> int:
    """Return every case whose lease ran out to the open queue (audited); returns how many.

    Safe with several API processes sweeping at once: on PostgreSQL the expired rows are locked with
    ``FOR UPDATE SKIP LOCKED``, so each sweeper (or a claim taking an expired case) gets different rows and
    none waits; the conditional UPDATE in :func:`transition` still lets exactly one writer move a case.
    """
    now = now or utcnow()
    count = 0
    while True:
        query = (
            select(Case)
            .where(Case.state == str(ASSIGNED), Case.lease_expires_at < now)
            .order_by(Case.id)
            .limit(SWEEP_BATCH)
            .execution_options(populate_existing=True)
        )
        if is_postgres(session):
            query = query.with_for_update(skip_locked=True)
        expired = session.scalars(query).all()
        moved = 0
        for case in expired:
            try:
                _expire_lease(session, case=case)
                moved += 1
            except CaseConflictError:
                continue
        session.commit()
        count += moved
        if len(expired) < SWEEP_BATCH or moved == 0:
            return count


def _own_decision(actor: str, case_id: Any) -> Any:
    return (
        select(AuditEvent.id)
        .where(
            AuditEvent.case_id == case_id, AuditEvent.actor == actor, AuditEvent.action.in_(DECISION_ACTIONS)
        )
        .exists()
    )


def not_own_review(actor: str) -> ColumnElement[bool]:
    """Cases ``actor`` may claim as far as double review goes: no second review of a case they decided.

    Part of the claim query itself, so two reviewers claiming at once can never hand the first reviewer
    their own case: the rule is checked against committed decisions in the same statement that locks the
    row (a decision is committed before its double review exists).
    """
    return or_(Case.review_of.is_(None), ~_own_decision(actor, Case.review_of))


def check_not_own_review(session: Session, *, case: Case, actor: str) -> None:
    """Refuse (403) a double review of a case ``actor`` decided or escalated."""
    if case.review_of is not None and session.scalar(select(_own_decision(actor, case.review_of))):
        raise CaseForbiddenError(
            f"case {case.id} is a blind second review of case {case.review_of}, which you decided: "
            "another reviewer must do it"
        )


def claim(
    session: Session, *, principal: Principal, queue: Queue, count: int, lease_seconds: int
) -> list[Case]:
    """Assign the next ``count`` cases of ``queue`` by priority to the caller, each with a lease.

    Cases whose lease ran out are claimable again. On PostgreSQL candidate rows are locked with
    ``FOR UPDATE SKIP LOCKED`` so concurrent reviewers take different cases; on SQLite, whose writers
    are serialized, the conditional UPDATE in :func:`transition` decides and a loser skips the case.
    """
    _check_queue_access(principal, queue)
    for attempt in range(5):
        try:
            return _claim_once(
                session, principal=principal, queue=queue, count=count, lease_seconds=lease_seconds
            )
        except OperationalError:
            # SQLite: another writer committed between our read and write ("database is locked").
            session.rollback()
            if attempt == 4:
                raise
    return []


def _claim_once(
    session: Session, *, principal: Principal, queue: Queue, count: int, lease_seconds: int
) -> list[Case]:
    now = utcnow()
    # Two index-friendly reads instead of one OR: open cases come straight off the claim-order index, and
    # the (few) cases whose lease ran out are merged in by the same priority.
    open_cases = select(Case).where(Case.queue == str(queue), Case.state == str(OPEN))
    expired = select(Case).where(
        Case.queue == str(queue), Case.state == str(ASSIGNED), Case.lease_expires_at < now
    )
    # The blind QA queue is served oldest first: an order by risk would tell its reviewers what the model
    # thinks of each case.
    order = (Case.opened_at.asc(), Case.id.asc()) if queue is Queue.QA else _priority()
    candidates: list[Case] = []
    for query in (open_cases, expired):
        query = query.where(not_own_review(principal.actor)).order_by(*order).limit(count)
        if is_postgres(session):
            query = query.with_for_update(skip_locked=True)
        candidates.extend(session.scalars(query).all())
    candidates.sort(key=(lambda case: (case.opened_at, case.id)) if queue is Queue.QA else _priority_key)
    claimed: list[Case] = []
    for case in candidates[:count]:
        try:
            if case.state == str(ASSIGNED):
                _expire_lease(session, case=case)
            _take_lease(session, case=case, principal=principal, until=now + timedelta(seconds=lease_seconds),
                        details={"lease_seconds": lease_seconds})  # fmt: skip
            claimed.append(case)
        except CaseConflictError:
            continue
    session.commit()
    return claimed


def claim_case(
    session: Session, *, principal: Principal, case_id: int, lease_seconds: int, bulk: bool = True
) -> Case:
    """Claim one specific open case (bulk cluster actions, a blind QA case by its link); 409 if someone holds
    it or it is decided, 403 for a double review of the caller's own decision."""
    case = get_case(session, case_id=case_id)
    _check_queue_access(principal, case.queue)
    if case.state != str(OPEN):
        raise CaseConflictError(f"case {case_id} is {case.state}; only open cases can be claimed")
    check_not_own_review(session, case=case, actor=principal.actor)
    until = utcnow() + timedelta(seconds=lease_seconds)
    _take_lease(session, case=case, principal=principal, until=until,
                details={"lease_seconds": lease_seconds, "bulk": bulk})  # fmt: skip
    session.commit()
    return case


def held_case(session: Session, *, principal: Principal, case_id: int) -> Case:
    """The case ``principal`` holds now under a live lease (409 otherwise)."""
    return _held_case(session, principal=principal, case_id=case_id)


def _held_case(session: Session, *, principal: Principal, case_id: int) -> Case:
    case = get_case(session, case_id=case_id)
    if case.state == str(DECIDED):
        raise CaseConflictError(f"case {case_id} is already decided ({case.decision})")
    if case.state != str(ASSIGNED) or case.assignee != principal.actor:
        holder = "nobody" if case.assignee is None else "another reviewer"
        raise CaseConflictError(f"case {case_id} is not assigned to you ({holder} holds it); claim it first")
    if case.lease_expires_at is not None and case.lease_expires_at < utcnow():
        raise CaseConflictError(f"your lease on case {case_id} expired; claim it again")
    return case


def renew(session: Session, *, principal: Principal, case_id: int, lease_seconds: int) -> Case:
    case = _held_case(session, principal=principal, case_id=case_id)
    transition(
        session,
        case=case,
        action="renew",
        actor=principal.actor,
        changes={"lease_expires_at": utcnow() + timedelta(seconds=lease_seconds)},
    )
    session.commit()
    return case


def release(session: Session, *, principal: Principal, case_id: int, notes: str | None = None) -> Case:
    case = _held_case(session, principal=principal, case_id=case_id)
    transition(
        session,
        case=case,
        action="release",
        actor=principal.actor,
        notes=notes,
        changes={"assignee": None, "lease_expires_at": None},
    )
    session.commit()
    return case


def note_required_because(*, band: str, decision: Decision) -> str | None:
    """The review policy on notes: why this decision needs one, or None when it is optional.

    An escalation hands the case to a senior reviewer who needs the first reviewer's reasoning; dismissing
    an urgent-band case overrides the strongest automated signal, which a lead must be able to audit.
    """
    if decision is Decision.ESCALATE:
        return "escalations carry the reviewer's reasoning for the senior reviewer"
    if decision is Decision.DISMISS and band == "urgent":
        return "dismissing an urgent-band case must say why the automated flag is wrong"
    return None


def _may_escalate(case: Case) -> bool:
    return case.queue != str(Queue.SENIOR)  # a senior decision is final


def decision_options(case: Case) -> list[DecisionOption]:
    """The decisions the workflow accepts on ``case`` and why a note is required for some (the review UI
    shows exactly these, so the rule lives here only)."""
    return [
        DecisionOption(
            decision=decision, note_required_because=note_required_because(band=case.band, decision=decision)
        )
        for decision in Decision
        if (decision is not Decision.ESCALATE or _may_escalate(case)) and not blind_case(case.source)
    ]


def record_decision(
    session: Session,
    *,
    principal: Principal,
    case_id: int,
    decision: Decision,
    reason: DismissReason | None,
    escalation_kind: EscalationKind | None,
    notes: str | None,
    hold_days: int,
) -> Case:
    """Confirm, dismiss (reason required) or escalate (kind required) a case the caller holds.

    The caller commits: :func:`moderation_api.cases.flows.decide` adds a confirmation's network
    consequences to the same transaction.
    """
    case = _held_case(session, principal=principal, case_id=case_id)
    _check_queue_access(principal, case.queue)
    if blind_case(case.source):
        raise DecisionInvalidError(
            f"case {case_id} is a blind review: answer it with POST /v1/qa/cases/{case_id}/answer"
        )
    now = utcnow()
    if decision is Decision.DISMISS and reason is None:
        raise DecisionInvalidError("dismiss needs a reason: " + ", ".join(DismissReason))
    why_note = note_required_because(band=case.band, decision=decision)
    if why_note and not (notes and notes.strip()):
        raise DecisionInvalidError(f"a note is required: {why_note}")
    if decision is Decision.ESCALATE:
        if escalation_kind is None:
            raise DecisionInvalidError("escalate needs an escalation_kind: " + ", ".join(EscalationKind))
        if not _may_escalate(case):
            raise DecisionInvalidError("the case is already in the senior queue: confirm or dismiss it")
        transition(
            session,
            case=case,
            action="escalate",
            actor=principal.actor,
            decision=str(decision),
            reason=str(escalation_kind),
            notes=notes,
            changes={
                "queue": str(Queue.SENIOR),
                "assignee": None,
                "lease_expires_at": None,
                "escalation_kind": str(escalation_kind),
                "minor": case.minor or escalation_kind is EscalationKind.MINOR_INVOLVED,
            },
        )
        if escalation_kind is EscalationKind.MINOR_INVOLVED:
            place_legal_hold(
                session,
                case=case,
                reason=str(escalation_kind),
                now=now,
                hold_days=hold_days,
                actor=principal.actor,
            )
    else:
        transition(
            session,
            case=case,
            action="decide",
            actor=principal.actor,
            decision=str(decision),
            reason=str(reason) if reason is not None else None,
            notes=notes,
            changes={
                "decision": str(decision),
                "decision_reason": str(reason) if reason is not None else None,
                "decided_at": now,
                "assignee": principal.actor,
                "lease_expires_at": None,
            },
        )
    return case


OVERTURNED_ON_APPEAL = "overturned_on_appeal"


def overturn_decision(session: Session, *, case: Case, actor: str, appeal_id: int) -> Decision:
    """Reverse a case's final decision after a successful appeal; returns the new decision.

    A confirmation becomes a dismissal (the platform restores the posting; its DSA statement is withdrawn),
    a dismissal becomes a confirmation (the platform takes it down; a statement is issued). Legal holds are
    left as they are: an appeal never releases preserved content. The caller commits.
    """
    previous = Decision(case.decision) if case.decision else None
    if previous not in (Decision.CONFIRM, Decision.DISMISS):
        raise InvalidTransitionError(f"case {case.id} has no confirm or dismiss decision to overturn")
    new = Decision.DISMISS if previous is Decision.CONFIRM else Decision.CONFIRM
    reason = OVERTURNED_ON_APPEAL if new is Decision.DISMISS else None
    transition(
        session,
        case=case,
        action="overturn",
        actor=actor,
        decision=str(new),
        reason=OVERTURNED_ON_APPEAL,
        details={"appeal_id": appeal_id, "previous_decision": str(previous)},
        changes={"decision": str(new), "decision_reason": reason},
    )
    return new


def deciders_of(session: Session, *, case_id: int) -> list[str]:
    """Everyone who decided or escalated the case: none of them may handle an appeal of it."""
    return list(
        session.scalars(
            select(AuditEvent.actor)
            .where(AuditEvent.case_id == case_id, AuditEvent.action.in_(DECISION_ACTIONS))
            .distinct()
        )
    )


def place_legal_hold(
    session: Session, *, case: Case, reason: str, now: datetime, hold_days: int, actor: str
) -> LegalHold | None:
    """Preserve the posting's content (snapshot + SHA-256) for at least ``hold_days`` days (audited).

    None when the text was erased before the escalation: there is nothing left to preserve, and refusing
    the escalation instead would keep a case that may involve a minor out of the senior queue.
    """
    posting = session.get(Posting, case.posting_id)
    if posting is None or posting.text is None:
        return None
    hold = LegalHold(
        posting_id=posting.id,
        case_id=case.id,
        reason=reason,
        snapshot_text=posting.text,
        snapshot_sha256=hashlib.sha256(posting.text.encode()).hexdigest(),
        created_at=now,
        hold_until=now + timedelta(days=hold_days),
    )
    session.add(hold)
    session.flush()
    audit.record(
        session,
        case_id=case.id,
        actor=actor,
        actor_kind="human",
        action=AuditAction.LEGAL_HOLD_PLACED,
        from_state=case.state,
        to_state=case.state,
        reason=reason,
        details={"hold_id": hold.id, "posting_id": posting.id, "hold_until": hold.hold_until.isoformat()},
    )
    return hold


def last_decision_event(session: Session, *, case_id: int) -> AuditEvent | None:
    """The latest decide / escalate event of the case (who decided it last, when, and what)."""
    return session.scalars(
        select(AuditEvent)
        .where(AuditEvent.case_id == case_id, AuditEvent.action.in_(DECISION_ACTIONS))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()


@dataclass(frozen=True)
class ReopenPlan:
    """How ``principal`` may take a decision back: ``undo`` (the decider, within the window: they hold the
    case again) or ``reopen`` (a senior reviewer, later or on someone else's decision: back to the queue)."""

    action: str
    event: AuditEvent
    undo_until: datetime
    reason_required: bool


def _reopen_plan(
    session: Session, *, principal: Principal, case: Case, window_seconds: int, now: datetime
) -> ReopenPlan:
    """The one rule on reopening; raises the domain error that says why not."""
    event = last_decision_event(session, case_id=case.id)
    escalated = case.state == str(OPEN) and case.escalation_kind is not None
    if event is None or not (case.state == str(DECIDED) or (escalated and event.action == "escalate")):
        raise CaseConflictError(f"case {case.id} is {case.state} and not just escalated: nothing to reopen")
    until = event.at + timedelta(seconds=window_seconds)
    senior = may(principal.role, Permission.CASES_SENIOR)
    if event.actor == principal.actor and now <= until:
        if escalated and case.escalation_kind == EscalationKind.MINOR_INVOLVED and not senior:
            raise CaseForbiddenError(
                "a minor-involved escalation restricts the posting and placed a legal hold: "
                "a senior reviewer decides it now"
            )
        return ReopenPlan(action="undo", event=event, undo_until=until, reason_required=False)
    if not senior:
        if event.actor == principal.actor:
            raise CaseForbiddenError(
                f"the {window_seconds} s undo window has passed: "
                "a senior reviewer can reopen it with a reason"
            )
        raise CaseForbiddenError(
            f"only the reviewer who decided case {case.id} (within {window_seconds} s) or a senior reviewer "
            "may reopen it"
        )
    if escalated:
        raise CaseConflictError(f"case {case.id} awaits senior review: claim and decide it from the queue")
    return ReopenPlan(action="reopen", event=event, undo_until=until, reason_required=True)


def reopen_option(
    session: Session, *, principal: Principal, case: Case, window_seconds: int, now: datetime | None = None
) -> ReopenOption:
    """Whether ``principal`` may reopen ``case`` now, how, and until when (the review UI shows this)."""
    try:
        plan = _reopen_plan(
            session, principal=principal, case=case, window_seconds=window_seconds, now=now or utcnow()
        )
    except CaseError as exc:
        return ReopenOption(allowed=False, why_not=str(exc))
    return ReopenOption(
        allowed=True,
        action=plan.action,
        undo_until=plan.undo_until if plan.action == "undo" else None,
        reason_required=plan.reason_required,
    )


def reopen(
    session: Session,
    *,
    principal: Principal,
    case_id: int,
    reason: str | None,
    window_seconds: int,
    lease_seconds: int,
    now: datetime | None = None,
) -> Case:
    """Take a decision (or an escalation) back, audited: the decider within ``window_seconds`` holds the case
    again; a senior reviewer later returns it to its queue with a required ``reason``.

    What the decision set off elsewhere stays: a confirmation's network boost and a minor-involved
    escalation's legal hold are not undone.
    """
    case = get_case(session, case_id=case_id)
    now = now or utcnow()
    plan = _reopen_plan(session, principal=principal, case=case, window_seconds=window_seconds, now=now)
    reason = (reason or "").strip() or None
    if plan.reason_required and reason is None:
        raise DecisionInvalidError(
            "reopening a decision after the undo window, or someone else's, needs a reason"
        )
    undone = {
        "action": plan.event.action,
        "decision": plan.event.decision,
        "reason": plan.event.reason,
        "by": plan.event.actor,
        "at": plan.event.at.isoformat(),
    }
    changes: dict[str, Any] = {"decision": None, "decision_reason": None, "decided_at": None}
    if plan.action == "undo":
        changes |= {"assignee": principal.actor, "lease_expires_at": now + timedelta(seconds=lease_seconds)}
        if case.state == str(
            OPEN
        ):  # an escalation: back from the senior queue, unless it restricted the case
            changes |= {"escalation_kind": None, "queue": str(Queue.SENIOR if case.minor else Queue.STANDARD)}
    else:
        changes |= {"assignee": None, "lease_expires_at": None}
    transition(
        session,
        case=case,
        action=plan.action,
        actor=principal.actor,
        notes=reason,
        details={"undone": undone},
        changes=changes,
    )
    session.commit()
    return case


def add_note(session: Session, *, principal: Principal, case: Case, notes: str) -> AuditEvent:
    """An internal note on ``case`` without deciding it: an audit event (``note``) in its history; the case's
    state and version stay, so a note never makes the holder's decision stale. Blank notes are refused."""
    text = notes.strip()
    if not text:
        raise DecisionInvalidError("a note needs some text")
    event = audit.record(
        session,
        case_id=case.id,
        actor=principal.actor,
        actor_kind=ActorKind.HUMAN,
        action=AuditAction.NOTE_ADDED,
        from_state=case.state,
        to_state=case.state,
        notes=text,
    )
    session.commit()
    return event


def undo_until(session: Session, *, case: Case, window_seconds: int) -> datetime | None:
    """Until when the latest decision on ``case`` can be undone by its decider (None: no decision)."""
    event = last_decision_event(session, case_id=case.id)
    return None if event is None else event.at + timedelta(seconds=window_seconds)


def stats(session: Session) -> dict[str, Any]:
    by_state = dict(session.execute(select(Case.state, func.count()).group_by(Case.state)).all())
    by_band = dict(
        session.execute(
            select(Case.band, func.count()).where(Case.state != str(DECIDED)).group_by(Case.band)
        ).all()
    )
    by_queue: dict[str, dict[str, int]] = {}
    for queue, state, n in session.execute(
        select(Case.queue, Case.state, func.count()).group_by(Case.queue, Case.state)
    ):
        by_queue.setdefault(queue, {})[state] = n
    open_minor = (
        session.scalar(select(func.count()).where(Case.state != str(DECIDED), Case.minor.is_(True))) or 0
    )
    expired = (
        session.scalar(
            select(func.count()).where(Case.state == str(ASSIGNED), Case.lease_expires_at < utcnow())
        )
        or 0
    )
    return {
        "by_state": {str(s): by_state.get(str(s), 0) for s in CaseState},
        "by_queue": by_queue,
        "by_band": by_band,
        "open_minor": open_minor,
        "expired_leases": expired,
    }
