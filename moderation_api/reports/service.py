"""Transparency figures and DSA statements computed from cases, audit events and notices."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from moderation_api.appeals.models import Appeal
from moderation_api.audit.models import AuditEvent
from moderation_api.cases import rollups
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, CaseState, Decision, Queue
from moderation_api.cases.service import DECISION_ACTIONS, REOPEN_ACTIONS
from moderation_api.db import utcnow
from moderation_api.errors import InvalidInputError
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


class ReportPeriodError(ValueError, InvalidInputError):
    """The requested window is empty, reversed or too long (HTTP 422)."""


def _categories(categories: str) -> list[str]:
    return [name for name in categories.split(",") if name] or ["uncategorized"]


def transparency_report(
    session: Session, *, start: datetime, end: datetime, daily: bool = False
) -> TransparencyReport:
    """Counts for the half-open window ``[start, end)`` (DSA harmonised report / Santa Clara Numbers).

    Whole UTC days are read from the daily rollups (:mod:`moderation_api.cases.rollups`: a few thousand rows
    a month, whatever the number of cases); a window starting or ending inside a day adds that day's part
    from the cases and audit events themselves (indexed by time). Notices and appeals are read row by row:
    there is one per notice or appeal in the window, a small share of cases. Time-to-decision quantiles
    come from the rollups' histogram buckets and are within 1 % of the exact figures (0.5 s below a second).
    """
    _check_period(start=start, end=end)
    first_day = _day_start(start, up=True)
    end_day = _day_start(end, up=False)
    per_day: Counter[tuple[date, str]] = Counter()
    if first_day < end_day:
        edges: rollups.Totals = {}
        for edge_start, edge_end in ((start, first_day), (end_day, end)):
            if edge_start < edge_end:
                _merge(edges, rollups.scan(session, start=edge_start, end=edge_end))
        totals = rollups.read(session, first_day=first_day.date(), end_day=end_day.date())
        _merge(totals, edges)
        if daily:
            per_day = rollups.daily(session, first_day=first_day.date(), end_day=end_day.date())
    else:  # the window lies inside one day
        totals = edges = rollups.scan(session, start=start, end=end)
    for key, tally in edges.items():
        if key.metric in (rollups.Metric.OPENED, rollups.Metric.DECIDED):
            per_day[key.day, str(key.metric)] += tally.n
    figures = _Figures.of(totals)

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
        day, last = start.date(), (end - timedelta(microseconds=1)).date()
        daily_points = []
        while day <= last:
            opened, decided = per_day[day, rollups.Metric.OPENED], per_day[day, rollups.Metric.DECIDED]
            daily_points.append(DailyPoint(day=day, opened=opened, decided=decided))
            day += timedelta(days=1)

    decided_count = sum(figures.histogram.values())
    return TransparencyReport(
        period=Period(start=start, end=end),
        generated_at=utcnow(),
        cases_opened=CountsBySource(
            total=sum(figures.opened.values()),
            by_source={str(source): figures.opened.get(str(source), 0) for source in CaseSource},
        ),
        decisions=DecisionCounts(
            total=sum(figures.by_outcome.values()),
            by_outcome={str(d): figures.by_outcome.get(str(d), 0) for d in Decision},
            by_category={k: dict(v) for k, v in sorted(figures.by_category.items())},
            by_source={k: dict(v) for k, v in sorted(figures.by_decision_source.items())},
        ),
        escalations_by_kind=dict(sorted(figures.escalations.items())),
        dismissals_by_reason=dict(sorted(figures.dismissals.items())),
        reopened=ReopenCounts(
            total=sum(figures.reopened_by_action.values()),
            by_action={action: figures.reopened_by_action.get(action, 0) for action in REOPEN_ACTIONS},
            by_undone_outcome=dict(sorted(figures.undone.items())),
        ),
        time_to_decision=TimeToDecision(
            count=decided_count,
            mean_seconds=figures.seconds / decided_count if decided_count else None,
            median_seconds=rollups.histogram_quantile(figures.histogram, 0.5),
            p90_seconds=rollups.histogram_quantile(figures.histogram, 0.9),
        ),
        automated_precision=[
            ModelPrecision(
                model_version=version,
                decided=sum(counts.values()),
                confirmed=counts.get("confirm", 0),
                dismissed=counts.get("dismiss", 0),
                precision=counts.get("confirm", 0) / sum(counts.values()) if counts else None,
            )
            for version, counts in sorted(figures.precision.items())
            if sum(counts.values())
        ],
        notices=NoticeOutcomes(received=len(notices), by_outcome=dict(sorted(notice_outcomes.items()))),
        appeals=appeal_counts(session, start=start, end=end),
        error_rates=error_rates(session, start=start, end=end),
        daily=daily_points,
    )


def _day_start(moment: datetime, *, up: bool) -> datetime:
    """Midnight (UTC) at or before ``moment``, or at or after it when ``up``."""
    moment = moment.astimezone(UTC)
    midnight = datetime(moment.year, moment.month, moment.day, tzinfo=UTC)
    return midnight + timedelta(days=1) if up and midnight < moment else midnight


def _merge(totals: rollups.Totals, more: rollups.Totals) -> None:
    for key, tally in more.items():
        into = totals.setdefault(key, rollups.Tally())
        into.n += tally.n
        into.seconds += tally.seconds


@dataclass
class _Figures:
    """The report's counters, summed from rollup rows (whatever their day)."""

    opened: Counter[str] = field(default_factory=Counter)
    by_outcome: Counter[str] = field(default_factory=Counter)
    by_category: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_decision_source: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    escalations: Counter[str] = field(default_factory=Counter)
    dismissals: Counter[str] = field(default_factory=Counter)
    reopened_by_action: Counter[str] = field(default_factory=Counter)
    undone: Counter[str] = field(default_factory=Counter)
    histogram: Counter[int] = field(default_factory=Counter)
    seconds: float = 0.0
    precision: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    @classmethod
    def of(cls, totals: rollups.Totals) -> _Figures:
        figures = cls()
        for key, tally in totals.items():
            n = tally.n
            if key.metric == rollups.Metric.OPENED:
                figures.opened[key.source] += n
            elif key.metric == rollups.Metric.DECISION:
                outcome = key.outcome or "unknown"
                figures.by_outcome[outcome] += n
                figures.by_decision_source[key.source][outcome] += n
                for category in _categories(key.categories):
                    figures.by_category[category][outcome] += n
                if outcome == Decision.ESCALATE:
                    figures.escalations[key.reason or "unspecified"] += n
                elif outcome == Decision.DISMISS:
                    figures.dismissals[key.reason or "unspecified"] += n
            elif key.metric == rollups.Metric.REOPEN:
                figures.reopened_by_action[key.outcome] += n
                figures.undone[key.reason] += n
            elif key.metric == rollups.Metric.DECIDED:
                figures.histogram[key.bucket] += n
                figures.seconds += tally.seconds
                if key.source == CaseSource.AUTOMATED and key.model_version:
                    figures.precision[key.model_version][key.outcome or "unknown"] += n
        figures.histogram += Counter()  # drops buckets a decision taken back emptied
        return figures


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
