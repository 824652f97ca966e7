"""Real concurrency: threads with their own connections claim and decide at once (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from classifier.baseline import KeywordScorer
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.schemas import Principal, Role
from moderation_api.cases import flows
from moderation_api.cases import service as cases
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import Decision, Queue
from moderation_api.db import utcnow
from moderation_api.postings.schemas import PostingIn
from moderation_api.postings.service import ingest

AD = (
    "New girls every week, Asian & Latina girls available. Incall only at motel. Daddy handles booking. "
    "No LE. #{n}"
)


def _reviewer(n: int) -> Principal:
    return Principal(key_id=n, name=f"reviewer-{n}", role=Role.REVIEWER)


def _seed(factory: sessionmaker[Session], count: int) -> None:
    with factory() as session:
        items = [PostingIn(source="s", external_id=str(n), text=AD.format(n=n)) for n in range(count)]
        results = ingest(session, scorer=KeywordScorer(), items=items, actor="test", category_cutoff=0.5)
        assert all(r.case_id for r in results)


def test_many_reviewers_never_hold_the_same_case(committed_factory: sessionmaker[Session]) -> None:
    _seed(committed_factory, 40)
    barrier = threading.Barrier(8)

    def work(n: int) -> list[int]:
        barrier.wait()
        taken: list[int] = []
        with committed_factory() as session:
            for _ in range(10):
                got = cases.claim(
                    session, principal=_reviewer(n), queue=Queue.STANDARD, count=2, lease_seconds=600
                )
                taken += [case.id for case in got]
        return taken

    with ThreadPoolExecutor(8) as pool:
        claimed = [case_id for ids in pool.map(work, range(8)) for case_id in ids]
    assert len(claimed) == 40 and len(set(claimed)) == 40, Counter(claimed).most_common(3)
    with committed_factory() as session:
        claims = session.scalars(select(AuditEvent.case_id).where(AuditEvent.action == "claim")).all()
        assert sorted(claims) == sorted(claimed)  # one claim event per case: no lost or double writes


def test_racing_decisions_exactly_one_wins(committed_factory: sessionmaker[Session]) -> None:
    _seed(committed_factory, 1)
    reviewer = _reviewer(1)
    with committed_factory() as session:
        (case,) = cases.claim(session, principal=reviewer, queue=Queue.STANDARD, count=1, lease_seconds=600)
    barrier = threading.Barrier(6)

    def decide(_: int) -> str:
        barrier.wait()
        with committed_factory() as session:
            try:
                flows.decide(
                    session,
                    principal=reviewer,
                    case_id=case.id,
                    decision=Decision.CONFIRM,
                    reason=None,
                    escalation_kind=None,
                    notes=None,
                    hold_days=365,
                    category_cutoff=0.5,
                )
                return "won"
            except cases.CaseConflictError:
                return "conflict"

    with ThreadPoolExecutor(6) as pool:
        outcomes = Counter(pool.map(decide, range(6)))
    assert outcomes == Counter({"won": 1, "conflict": 5})
    with committed_factory() as session:
        decided = session.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.action == "decide")
        ).all()
        assert len(decided) == 1


def test_expired_leases_return_to_the_queue(committed_factory: sessionmaker[Session]) -> None:
    _seed(committed_factory, 2)
    first, second = _reviewer(1), _reviewer(2)
    with committed_factory() as session:
        held = cases.claim(session, principal=first, queue=Queue.STANDARD, count=2, lease_seconds=600)
        assert len(held) == 2
        assert cases.claim(session, principal=second, queue=Queue.STANDARD, count=1, lease_seconds=600) == []
        session.execute(update(Case).values(lease_expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
        retaken = cases.claim(session, principal=second, queue=Queue.STANDARD, count=2, lease_seconds=600)
        assert sorted(c.id for c in retaken) == sorted(c.id for c in held)
        try:
            flows.decide(
                session,
                principal=first,
                case_id=held[0].id,
                decision=Decision.CONFIRM,
                reason=None,
                escalation_kind=None,
                notes=None,
                hold_days=365,
                category_cutoff=0.5,
            )
        except cases.CaseConflictError as exc:
            assert "not assigned to you" in str(exc)
        else:
            raise AssertionError("the first reviewer's expired lease must not allow a decision")
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.case_id == held[0].id).order_by(AuditEvent.id)
        ).all()
        assert actions == ["open", "claim", "lease_expired", "claim"]


def test_expire_leases_sweeps_without_claiming(committed_factory: sessionmaker[Session]) -> None:
    _seed(committed_factory, 3)
    with committed_factory() as session:
        cases.claim(session, principal=_reviewer(1), queue=Queue.STANDARD, count=3, lease_seconds=600)
        session.execute(update(Case).values(lease_expires_at=utcnow() - timedelta(seconds=5)))
        session.commit()
        assert cases.expire_leases(session) == 3
        assert set(session.scalars(select(Case.state))) == {"open"}
