"""Transparency figures and DSA statements computed from cases, audit events and notices."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from moderation_api.appeals.models import Appeal
from moderation_api.audit.models import AuditEvent
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, CaseState, Decision, Queue
from moderation_api.cases.service import DECISION_ACTIONS, REOPEN_ACTIONS
from moderation_api.db import utcnow
from moderation_api.notices.models import Notice
from moderation_api.postings.models import Posting
from moderation_api.qa.figures import error_rates
from moderation_api.reports.dsa import MAX_BATCH, ConfirmedCase, build_statement, decode_cursor, encode_cursor
from moderation_api.reports.quantiles import DurationSummary
from moderation_api.reports.schemas import (
    AppealCounts,
    CountsBySource,
    DailyPoint,
    DecisionCounts,
    DsaStatementPage,
    ModelPrecision,
    NoticeOutcomes,
    Period,
    ReopenCounts,
    ReviewerFigures,
    ReviewerReport,
    TimeToDecision,
    TransparencyReport,
)

MAX_PERIOD = timedelta(days=3660)


class ReportPeriodError(ValueError):
    """The requested window is empty, reversed or too long (HTTP 422)."""


def _categories(categories: str) -> list[str]:
    return [name for name in categories.split(",") if name] or ["uncategorized"]


def transparency_report(
    session: Session, *, start: datetime, end: datetime, daily: bool = False
) -> TransparencyReport:
    """Counts for the half-open window ``[start, end)`` (DSA harmonised report / Santa Clara Numbers)."""
    _check_period(start=start, end=end)
    # Counting happens in the database (GROUP BY); only what an exact median or a daily series needs
    # comes back row by row, as plain columns: a yearly report covers hundreds of thousands of cases.
    in_period = (Case.opened_at >= start, Case.opened_at < end)
    by_source = Counter(
        dict(session.execute(select(Case.source, func.count()).where(*in_period).group_by(Case.source)).all())
    )

    grouped = (AuditEvent.decision, AuditEvent.reason, Case.source, Case.categories)
    events = session.execute(
        select(*grouped, func.count().label("n"))
        .join(Case, Case.id == AuditEvent.case_id)
        .where(AuditEvent.action.in_(DECISION_ACTIONS), AuditEvent.at >= start, AuditEvent.at < end)
        .group_by(*grouped)
    ).all()
    by_outcome: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    by_decision_source: dict[str, Counter[str]] = defaultdict(Counter)
    escalations: Counter[str] = Counter()
    dismissals: Counter[str] = Counter()
    for event in events:
        outcome = event.decision or "unknown"
        by_outcome[outcome] += event.n
        by_decision_source[event.source][outcome] += event.n
        for category in _categories(event.categories):
            by_category[category][outcome] += event.n
        if outcome == Decision.ESCALATE:
            escalations[event.reason or "unspecified"] += event.n
        elif outcome == Decision.DISMISS:
            dismissals[event.reason or "unspecified"] += event.n

    reopens = session.execute(
        select(AuditEvent.action, AuditEvent.details).where(
            AuditEvent.action.in_(REOPEN_ACTIONS), AuditEvent.at >= start, AuditEvent.at < end
        )
    ).all()
    reopened_by_action = Counter(str(row.action) for row in reopens)
    undone = Counter(
        str(((row.details or {}).get("undone") or {}).get("decision") or "unknown") for row in reopens
    )

    decided_in_period = (
        Case.state == str(CaseState.DECIDED),
        Case.decided_at >= start,
        Case.decided_at < end,
    )
    decided = session.execute(select(Case.opened_at, Case.decided_at).where(*decided_in_period)).all()
    durations = DurationSummary.of(
        (case.decided_at - case.opened_at).total_seconds() for case in decided if case.decided_at is not None
    )
    precision: dict[str, Counter[str]] = defaultdict(Counter)
    for version, decision, count in session.execute(
        select(Case.model_version, Case.decision, func.count())
        .where(*decided_in_period, Case.source == str(CaseSource.AUTOMATED), Case.model_version.is_not(None))
        .group_by(Case.model_version, Case.decision)
    ):
        precision[version or "unknown"][decision or "unknown"] += count

    notices = session.execute(
        select(Case.state, Case.decision, Case.queue, Case.escalation_kind)
        .join(Notice, Case.id == Notice.case_id)
        .where(Notice.received_at >= start, Notice.received_at < end)
    ).all()
    notice_outcomes: Counter[str] = Counter()
    for noticed in notices:
        if noticed.state == CaseState.DECIDED:
            notice_outcomes[noticed.decision or "unknown"] += 1
        elif noticed.queue == Queue.SENIOR and noticed.escalation_kind:
            notice_outcomes["escalate"] += 1
        else:
            notice_outcomes["pending"] += 1

    daily_points = None
    if daily:
        opened_days = Counter(
            opened_at.date() for opened_at in session.scalars(select(Case.opened_at).where(*in_period))
        )
        decided_days = Counter(case.decided_at.date() for case in decided if case.decided_at is not None)
        day, last = start.date(), (end - timedelta(microseconds=1)).date()
        daily_points = []
        while day <= last:
            daily_points.append(DailyPoint(day=day, opened=opened_days[day], decided=decided_days[day]))
            day += timedelta(days=1)

    return TransparencyReport(
        period=Period(start=start, end=end),
        generated_at=utcnow(),
        cases_opened=CountsBySource(
            total=sum(by_source.values()),
            by_source={str(source): by_source.get(str(source), 0) for source in CaseSource},
        ),
        decisions=DecisionCounts(
            total=sum(by_outcome.values()),
            by_outcome={str(d): by_outcome.get(str(d), 0) for d in Decision},
            by_category={k: dict(v) for k, v in sorted(by_category.items())},
            by_source={k: dict(v) for k, v in sorted(by_decision_source.items())},
        ),
        escalations_by_kind=dict(sorted(escalations.items())),
        dismissals_by_reason=dict(sorted(dismissals.items())),
        reopened=ReopenCounts(
            total=len(reopens),
            by_action={action: reopened_by_action.get(action, 0) for action in REOPEN_ACTIONS},
            by_undone_outcome=dict(sorted(undone.items())),
        ),
        time_to_decision=TimeToDecision(
            count=durations.count,
            mean_seconds=durations.mean,
            median_seconds=durations.median,
            p90_seconds=durations.p90,
        ),
        automated_precision=[
            ModelPrecision(
                model_version=version,
                decided=sum(counts.values()),
                confirmed=counts.get("confirm", 0),
                dismissed=counts.get("dismiss", 0),
                precision=counts.get("confirm", 0) / sum(counts.values()) if counts else None,
            )
            for version, counts in sorted(precision.items())
        ],
        notices=NoticeOutcomes(received=len(notices), by_outcome=dict(sorted(notice_outcomes.items()))),
        appeals=appeal_counts(session, start=start, end=end),
        error_rates=error_rates(session, start=start, end=end),
        daily=daily_points,
    )


APPEAL_FIGURES = ("received", "decided", "upheld", "overturned")


# Actions that start a reviewer's handling of a case (an undo hands the case back to its decider) and those
# that take a decision back; "overturn" is an appeal's reversal.
_HANDLING_STARTS = ("claim", "undo")
_TAKEN_BACK = (*REOPEN_ACTIONS, "overturn")


def reviewer_report(session: Session, *, start: datetime, end: datetime) -> ReviewerReport:
    """Per reviewer, for decisions taken in ``[start, end)``: how many, the median handling time (their claim
    of the case to their decision, from the audit trail) and how many were later taken back: undone by
    themselves, or overturned (reopened by a senior reviewer, reversed on appeal) at any time since."""
    _check_period(start=start, end=end)
    decided_in_period = (
        select(AuditEvent.case_id)
        .where(AuditEvent.action.in_(DECISION_ACTIONS), AuditEvent.at >= start, AuditEvent.at < end)
        .distinct()
    )
    events = session.execute(
        select(AuditEvent.case_id, AuditEvent.action, AuditEvent.actor, AuditEvent.at, AuditEvent.decision)
        .where(
            AuditEvent.case_id.in_(decided_in_period),
            AuditEvent.action.in_((*_HANDLING_STARTS, *DECISION_ACTIONS, *_TAKEN_BACK)),
        )
        .order_by(AuditEvent.case_id, AuditEvent.id)
    ).all()
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    handling: dict[str, list[float]] = defaultdict(list)
    undone: Counter[str] = Counter()
    overturned: Counter[str] = Counter()
    case_id: int | None = None
    started: dict[str, datetime] = {}
    last_decider: str | None = None  # who took the case's latest decision in the window, if not taken back
    for event in events:
        if event.case_id != case_id:
            case_id, started, last_decider = event.case_id, {}, None
        if event.action in _HANDLING_STARTS:
            started[event.actor] = event.at
        if event.action in DECISION_ACTIONS:
            last_decider = None
            if start <= event.at < end:
                last_decider = event.actor
                outcomes[event.actor][str(event.decision or event.action)] += 1
                if event.actor in started:
                    handling[event.actor].append((event.at - started[event.actor]).total_seconds())
            started.pop(event.actor, None)
        elif event.action in _TAKEN_BACK and last_decider is not None:
            (undone if event.action == "undo" else overturned)[last_decider] += 1
            last_decider = None
    reviewers = []
    for actor in sorted(outcomes):
        decisions = sum(outcomes[actor].values())
        summary = DurationSummary.of(handling[actor])
        reviewers.append(
            ReviewerFigures(
                actor=actor,
                decisions=decisions,
                by_outcome=dict(outcomes[actor]),
                handled=summary.count,
                median_handling_seconds=summary.median,
                undone=undone[actor],
                overturned=overturned[actor],
                overturn_rate=overturned[actor] / decisions if decisions else None,
            )
        )
    team = DurationSummary.of(duration for durations in handling.values() for duration in durations)
    return ReviewerReport(
        period=Period(start=start, end=end), reviewers=reviewers, median_handling_seconds=team.median
    )


def _check_period(*, start: datetime, end: datetime) -> None:
    if end <= start:
        raise ReportPeriodError("'end' must be after 'start'")
    if end - start > MAX_PERIOD:
        raise ReportPeriodError("the reporting period may span at most 10 years")


def appeal_counts(session: Session, *, start: datetime, end: datetime) -> AppealCounts:
    """Appeals received in ``[start, end)`` and those decided in it, by outcome and by case category."""
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    received = session.execute(
        select(Appeal.categories, func.count())
        .where(Appeal.received_at >= start, Appeal.received_at < end)
        .group_by(Appeal.categories)
    ).all()
    for categories, count in received:
        for category in _categories(categories):
            by_category[category]["received"] += count
    decided = session.execute(
        select(Appeal.categories, Appeal.outcome, Appeal.received_at, Appeal.decided_at).where(
            Appeal.decided_at >= start, Appeal.decided_at < end
        )
    ).all()
    outcomes: Counter[str] = Counter()
    for appeal in decided:
        outcomes[appeal.outcome or "unknown"] += 1
        for category in _categories(appeal.categories):
            by_category[category]["decided"] += 1
            by_category[category][appeal.outcome or "unknown"] += 1
    durations = DurationSummary.of(
        (a.decided_at - a.received_at).total_seconds() for a in decided if a.decided_at is not None
    )
    return AppealCounts(
        received=sum(count for _, count in received),
        decided=len(decided),
        upheld=outcomes["upheld"],
        overturned=outcomes["overturned"],
        median_seconds_to_decision=durations.median,
        by_category={
            category: {figure: counts[figure] for figure in APPEAL_FIGURES}
            for category, counts in sorted(by_category.items())
        },
    )


def dsa_statements(
    session: Session, *, secret: bytes, cursor: str | None, limit: int = MAX_BATCH
) -> DsaStatementPage:
    """Confirmed decisions as DSA statements of reasons, oldest first, keyset-paginated (≤ 100 per page)."""
    limit = max(1, min(limit, MAX_BATCH))
    query = (
        select(Case, Posting)
        .join(Posting, Posting.id == Case.posting_id)
        .where(
            Case.state == str(CaseState.DECIDED),
            Case.decision == str(Decision.CONFIRM),
            Case.decided_at.is_not(None),
            Case.source != str(CaseSource.DOUBLE_REVIEW),  # a measurement, not a moderation decision
        )
    )
    if cursor:
        after_at, after_id = decode_cursor(cursor)
        query = query.where(
            or_(Case.decided_at > after_at, and_(Case.decided_at == after_at, Case.id > after_id))
        )
    rows = session.execute(query.order_by(Case.decided_at, Case.id).limit(limit + 1)).all()
    page = rows[:limit]
    items = []
    for case, posting in page:
        if case.decided_at is None:  # excluded by the query; narrows the type
            continue
        indicator_names = [hit.get("name", "") for hit in (posting.score or {}).get("indicators", [])]
        items.append(
            build_statement(
                ConfirmedCase(
                    case_id=case.id,
                    source=case.source,
                    opened_at=case.opened_at,
                    decided_at=case.decided_at,
                    content_date=posting.posted_at or posting.ingested_at,
                    minor_involved=case.minor,
                    indicator_names=indicator_names,
                    model_version=case.model_version,
                ),
                secret=secret,
            )
        )
    next_cursor = None
    if len(rows) > limit and page:
        last = page[-1][0]
        next_cursor = encode_cursor(last.decided_at, last.id) if last.decided_at else None
    return DsaStatementPage(items=items, next_cursor=next_cursor)


def default_period(today: date | None = None) -> tuple[datetime, datetime]:
    """The last 30 days up to the end of today (UTC)."""
    today = today or utcnow().date()
    end = datetime(today.year, today.month, today.day, tzinfo=UTC) + timedelta(days=1)
    return end - timedelta(days=30), end
