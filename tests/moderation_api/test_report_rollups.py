"""The transparency report from daily rollups equals the same figures computed from every row, on SQLite
and PostgreSQL: over days of opens, decisions, escalations, undos, senior reopens and appeal overturns, for
whole-day and part-day windows; the rollups stay exact under concurrent decisions (real threads)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from moderation_api.appeals import service as appeals
from moderation_api.appeals.schemas import AppealOutcome
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.policy import Viewer
from moderation_api.auth.schemas import Principal, Role
from moderation_api.cases import flows, rollups
from moderation_api.cases import service as cases
from moderation_api.cases.models import Case, CaseRollup
from moderation_api.cases.schemas import CaseSource, CaseState, Decision, DismissReason, EscalationKind
from moderation_api.postings.models import Posting
from moderation_api.reports.quantiles import DurationSummary
from moderation_api.reports.service import transparency_report

DAY0 = datetime(2026, 3, 2, tzinfo=UTC)
SENIOR_VIEW = Viewer(role=Role.SENIOR, category_cutoff=0.5)


class Clock:
    """A settable ``utcnow`` for the services, so a history spreads over several days."""

    def __init__(self) -> None:
        self.now = DAY0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    from moderation_api.appeals import service as appeal_service
    from moderation_api.audit import service as audit_service

    clock = Clock()
    for module in (cases, audit_service, appeal_service):
        monkeypatch.setattr(module, "utcnow", clock)
    yield clock


def _who(n: int, role: Role = Role.SENIOR) -> Principal:
    return Principal(key_id=900 + n, name=f"rollup-{n}", role=role)


def _posting(session: Session, n: int, at: datetime) -> Posting:
    posting = Posting(
        source="rollup-test", external_id=f"r{n}", text="seeded text", text_sha256="-", ingested_at=at,
        model_name="m", model_version="1.0.0", risk_score=0.9, urgent_score=0.1, band="review", score={},
    )  # fmt: skip
    session.add(posting)
    session.flush()
    return posting


def _open(session: Session, n: int, source: CaseSource, categories: list[str]) -> Case:
    posting = _posting(session, n, DAY0)
    return cases.open_case(
        session, posting=posting, source=source, actor="model:m", actor_kind="model", minor=False,
        categories=categories,
    )  # fmt: skip


def _decide(session: Session, who: Principal, case_id: int, decision: Decision) -> None:
    flows.decide(
        session,
        principal=who,
        case_id=case_id,
        decision=decision,
        reason=DismissReason.FALSE_POSITIVE if decision is Decision.DISMISS else None,
        escalation_kind=EscalationKind.POLICY_QUESTION if decision is Decision.ESCALATE else None,
        notes="rollup test",
        hold_days=365,
        category_cutoff=0.5,
    )


def _history(session: Session, clock: Clock, *, cases_count: int, seed: int) -> None:
    """Cases opened over four days; each is worked at random: decided, escalated and decided by a senior,
    undone by its decider and decided again, reopened by a senior, or overturned on appeal."""
    rng = random.Random(seed)
    reviewer, senior, appeal_reviewer = _who(1, Role.REVIEWER), _who(2), _who(3)
    integrator = _who(4, Role.INTEGRATOR)
    sources = (CaseSource.AUTOMATED, CaseSource.AUTOMATED, CaseSource.NOTICE, CaseSource.NETWORK)
    for n in range(cases_count):
        clock.now = DAY0 + timedelta(hours=rng.uniform(0, 96))
        categories = rng.choice((["sex_trafficking"], ["labor_trafficking"], []))
        case = _open(session, n, rng.choice(sources), categories)
        session.commit()
        if rng.random() < 0.25:
            continue  # stays open
        clock.now += timedelta(seconds=rng.uniform(0.2, 40_000))
        cases.claim_case(session, principal=reviewer, case_id=case.id, lease_seconds=600)
        first = rng.choice((Decision.CONFIRM, Decision.DISMISS, Decision.ESCALATE))
        _decide(session, reviewer, case.id, first)
        path = rng.random()
        if first is Decision.ESCALATE:
            clock.now += timedelta(hours=rng.uniform(1, 30))
            cases.claim_case(session, principal=senior, case_id=case.id, lease_seconds=600)
            _decide(session, senior, case.id, rng.choice((Decision.CONFIRM, Decision.DISMISS)))
        elif path < 0.3:  # undone within the window and decided again
            clock.now += timedelta(seconds=30)
            cases.reopen(session, principal=reviewer, case_id=case.id, reason=None, window_seconds=120,
                         lease_seconds=600, now=clock.now)  # fmt: skip
            again = Decision.DISMISS if first is Decision.CONFIRM else Decision.CONFIRM
            _decide(session, reviewer, case.id, again)
        elif path < 0.5:  # a senior reopens it days later: open again, maybe decided again
            clock.now += timedelta(hours=rng.uniform(20, 50))
            cases.reopen(session, principal=senior, case_id=case.id, reason="second look", window_seconds=120,
                         lease_seconds=600, now=clock.now)  # fmt: skip
            if rng.random() < 0.5:
                cases.claim_case(session, principal=senior, case_id=case.id, lease_seconds=600)
                _decide(session, senior, case.id, first)
        elif path < 0.75 and first is Decision.CONFIRM:  # appealed and overturned
            clock.now += timedelta(hours=rng.uniform(1, 40))
            appeal = appeals.file_appeal(session, principal=integrator, case_id=case.id, statement="mine",
                                         appellant_ref=None, window_days=183)  # fmt: skip
            appeals.claim(session, principal=appeal_reviewer, viewer=SENIOR_VIEW, count=5, lease_seconds=600)
            appeals.decide(session, principal=appeal_reviewer, viewer=SENIOR_VIEW, appeal_id=appeal.id,
                           outcome=AppealOutcome.OVERTURNED, reason="not an ad")  # fmt: skip


def _row_scan(session: Session, start: datetime, end: datetime) -> dict[str, Any]:
    """The report's figures straight from the cases and audit events (the computation before rollups)."""
    opened = Counter(
        source for (source,) in session.execute(
            select(Case.source).where(Case.opened_at >= start, Case.opened_at < end)
        )
    )  # fmt: skip
    by_outcome: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    escalations: Counter[str] = Counter()
    dismissals: Counter[str] = Counter()
    for decision, reason, categories in session.execute(
        select(AuditEvent.decision, AuditEvent.reason, Case.categories)
        .join(Case, Case.id == AuditEvent.case_id)
        .where(AuditEvent.action.in_(("decide", "escalate")), AuditEvent.at >= start, AuditEvent.at < end)
    ):
        by_outcome[decision] += 1
        for category in [c for c in categories.split(",") if c] or ["uncategorized"]:
            by_category[category][decision] += 1
        if decision == "escalate":
            escalations[reason] += 1
        elif decision == "dismiss":
            dismissals[reason] += 1
    reopens = session.execute(
        select(AuditEvent.action, AuditEvent.details).where(
            AuditEvent.action.in_(("undo", "reopen")), AuditEvent.at >= start, AuditEvent.at < end
        )
    ).all()
    decided = session.execute(
        select(Case.opened_at, Case.decided_at, Case.decision, Case.source).where(
            Case.state == str(CaseState.DECIDED), Case.decided_at >= start, Case.decided_at < end
        )
    ).all()
    precision: dict[str, Counter[str]] = defaultdict(Counter)
    for row in decided:
        if row.source == "automated":
            precision["1.0.0"][row.decision] += 1
    return {
        "opened": dict(opened),
        "by_outcome": dict(by_outcome),
        "by_category": {k: dict(v) for k, v in by_category.items()},
        "escalations": dict(escalations),
        "dismissals": dict(dismissals),
        "reopened": dict(Counter(row.action for row in reopens)),
        "undone": dict(Counter(row.details["undone"]["decision"] for row in reopens)),
        "durations": DurationSummary.of((r.decided_at - r.opened_at).total_seconds() for r in decided),
        "precision": {k: dict(v) for k, v in precision.items()},
        "decided_days": dict(Counter(row.decided_at.date() for row in decided)),
    }


def _assert_report_matches_rows(session: Session, start: datetime, end: datetime) -> None:
    report = transparency_report(session, start=start, end=end, daily=True)
    rows = _row_scan(session, start, end)
    assert {k: v for k, v in report.cases_opened.by_source.items() if v} == rows["opened"]
    assert {k: v for k, v in report.decisions.by_outcome.items() if v} == rows["by_outcome"]
    assert report.decisions.by_category == rows["by_category"]
    assert report.escalations_by_kind == rows["escalations"]
    assert report.dismissals_by_reason == rows["dismissals"]
    assert {k: v for k, v in report.reopened.by_action.items() if v} == rows["reopened"]
    assert report.reopened.by_undone_outcome == rows["undone"]
    durations: DurationSummary = rows["durations"]
    ttd = report.time_to_decision
    assert ttd.count == durations.count
    if durations.count:
        assert ttd.mean_seconds == pytest.approx(durations.mean, rel=1e-9)
        for estimate, exact in ((ttd.median_seconds, durations.median), (ttd.p90_seconds, durations.p90)):
            assert estimate is not None and exact is not None
            assert abs(estimate - exact) <= max(rollups.ALPHA * exact, 0.5) + 1e-6
    got = {p.model_version: (p.confirmed, p.dismissed) for p in report.automated_precision}
    want = {v: (c.get("confirm", 0), c.get("dismiss", 0)) for v, c in rows["precision"].items()}
    assert got == want
    assert report.daily is not None
    assert {p.day: p.decided for p in report.daily if p.decided} == rows["decided_days"]


def _stored(session: Session) -> rollups.Totals:
    """Every stored rollup row, day by day."""
    return {
        rollups.Key(
            r.day, r.metric, r.source, r.outcome, r.reason, r.categories, r.model_version, r.bucket
        ): (rollups.Tally(r.n, r.seconds))
        for r in session.scalars(select(CaseRollup))
    }


def _same_totals(left: rollups.Totals, right: rollups.Totals) -> bool:
    keys = {k for k, t in left.items() if t.n} | {k for k, t in right.items() if t.n}
    empty = rollups.Tally()
    return all(
        left.get(k, empty).n == right.get(k, empty).n
        and left.get(k, empty).seconds == pytest.approx(right.get(k, empty).seconds, abs=1e-6)
        for k in keys
    )


def test_rollup_report_equals_row_scan_over_days_of_decisions_reopens_and_overturns(
    session: Session, clock: Clock
) -> None:
    _history(session, clock, cases_count=120, seed=3)
    session.expire_all()
    actions = Counter(session.scalars(select(AuditEvent.action)))
    # The history really has every kind of transition the rollups must follow.
    assert min(actions["undo"], actions["reopen"], actions["overturn"], actions["escalate"]) >= 3, actions
    windows = [
        (DAY0 - timedelta(days=1), DAY0 + timedelta(days=9)),  # whole days: rollups only
        (DAY0 + timedelta(hours=5, minutes=17), DAY0 + timedelta(days=3, hours=7)),  # part days at both ends
        (DAY0 + timedelta(days=1, hours=2), DAY0 + timedelta(days=1, hours=20)),  # inside one day
    ]
    for start, end in windows:
        _assert_report_matches_rows(session, start, end)


def test_rollups_kept_by_transitions_equal_a_rebuild_from_rows(session: Session, clock: Clock) -> None:
    _history(session, clock, cases_count=60, seed=8)
    kept = _stored(session)
    assert kept and _same_totals(kept, rollups.scan(session))
    assert rollups.rebuild(session) > 0
    assert _same_totals(_stored(session), kept)


def test_rolled_back_transition_leaves_no_rollup_delta(session: Session, clock: Clock) -> None:
    case = _open(session, 0, CaseSource.AUTOMATED, [])
    session.commit()
    before = _stored(session)
    cases.claim_case(session, principal=_who(1), case_id=case.id, lease_seconds=600)
    cases.record_decision(session, principal=_who(1), case_id=case.id, decision=Decision.CONFIRM, reason=None,
                          escalation_kind=None, notes=None, hold_days=365)  # fmt: skip
    session.rollback()
    session.expire_all()
    assert _same_totals(_stored(session), before)


def test_histogram_quantiles_are_within_one_percent_of_the_exact_ones() -> None:
    rng = random.Random(1)
    values = [rng.lognormvariate(8, 2) for _ in range(5001)] + [0.2, 0.7, 1.0]
    exact = DurationSummary.of(values)
    histogram = Counter(rollups.bucket_of(v) for v in values)
    for q, want in ((0.5, exact.median), (0.9, exact.p90)):
        got = rollups.histogram_quantile(histogram, q)
        assert got is not None and want is not None and abs(got - want) <= rollups.ALPHA * want
    assert rollups.histogram_quantile(Counter(), 0.5) is None


def test_concurrent_decisions_keep_rollups_exact(committed_factory: sessionmaker[Session]) -> None:
    """Eight threads, each with its own connection, decide cases opened the same day: every decision adds
    to the same rollup rows at once; afterwards the rows equal a scan of the cases (no lost update, no
    deadlock)."""
    engine = committed_factory.kw["bind"]
    if engine.dialect.name != "postgresql":
        pytest.skip("concurrent writers are serialized on SQLite; this is PostgreSQL's test")
    with committed_factory() as session:
        ids = []
        for n in range(64):
            ids.append(_open(session, n, CaseSource.AUTOMATED, ["sex_trafficking"]).id)
        session.commit()

    def work(worker: int) -> int:
        who = _who(10 + worker)
        done = 0
        with committed_factory() as session:
            for case_id in ids[worker::8]:
                cases.claim_case(session, principal=who, case_id=case_id, lease_seconds=600)
                _decide(session, who, case_id, (Decision.CONFIRM, Decision.DISMISS)[case_id % 2])
                done += 1
        return done

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(work, range(8))) == 64
    with committed_factory() as session:
        stored = _stored(session)
        assert _same_totals(stored, rollups.scan(session))
        decided = sum(t.n for k, t in stored.items() if k.metric == rollups.Metric.DECIDED)
        assert decided == 64
        assert session.scalar(select(CaseRollup.n).where(CaseRollup.metric == "opened")) == 64
