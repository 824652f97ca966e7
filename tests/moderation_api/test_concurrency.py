"""Real concurrency: threads with their own connections (and API processes) ingest, claim, decide and
sweep leases at once, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from classifier.baseline import KeywordScorer
from classifier.results import ScoreResult
from moderation_api.app import create_app
from moderation_api.audit import service as audit
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.schemas import Principal, Role
from moderation_api.auth.service import create_key
from moderation_api.cases import flows
from moderation_api.cases import service as cases
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import Decision, Queue
from moderation_api.db import AppLock, run_transaction, utcnow
from moderation_api.network.models import Cluster
from moderation_api.network.service import link_posting
from moderation_api.notices.models import Notice
from moderation_api.notices.schemas import NoticeIn
from moderation_api.notices.service import submit_notice
from moderation_api.postings.models import Posting
from moderation_api.postings.schemas import PostingIn
from moderation_api.postings.service import ingest
from moderation_api.settings import Settings
from tests.conftest import REPO_ROOT, empty_tables

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


# --- concurrent ingest --------------------------------------------------------------------------------

PHONES = [f"713-555-01{n:02d}" for n in range(7)]
CITIES = ["Houston", "Dallas", "Austin", "Miami", "Denver"]
BENIGN = [
    "Selling a mountain bike, barely used, new tires",
    "Room for rent near the bus line, utilities included",
    "Math tutoring for high school students, evenings",
    "Oak dining table with six chairs, pickup only",
    "Lost cat, grey tabby, answers to Milo, reward",
    "Guitar lessons for beginners, first lesson free",
    "Moving sale: sofa, lamps, a fridge and a desk",
    "Seasonal landscaping crew hiring, contract and weekly pay, Green Acres LLC",
    "Baby stroller in great condition, smoke-free home",
    "Used textbooks for first-year engineering courses",
]


def _overlapping_items(source: str = "s") -> list[PostingIn]:
    """20 postings whose contacts overlap (shared phones, a bridge, a template): merges, signals, cases."""
    items = []
    for n in range(20):
        if n % 2 == 0:
            text = AD.format(n=n) + f" Call {PHONES[n % 3]}"
        else:
            text = f"{BENIGN[n // 2]}. Text {PHONES[3 + (n // 2) % 4]}"
            if n % 5 == 0:  # a bridge into the flagged postings' cluster
                text += f" or {PHONES[n % 3]}"
        items.append(PostingIn(source=source, external_id=f"k{n:02d}", text=text, location=CITIES[n % 5]))
    return items


def _partition(session: Session) -> set[frozenset[str]]:
    groups: dict[int | None, set[str]] = {}
    for external_id, cluster_id in session.execute(select(Posting.external_id, Posting.cluster_id)):
        groups.setdefault(cluster_id, set()).add(external_id)
    return {frozenset(group) for group in groups.values()}


def _assert_cluster_sizes_consistent(session: Session) -> None:
    members = dict(
        session.execute(select(Posting.cluster_id, func.count()).group_by(Posting.cluster_id)).all()
    )
    sizes = dict(session.execute(select(Cluster.id, Cluster.size).where(Cluster.merged_into.is_(None))).all())
    assert None not in members and members == sizes  # no posting outside a cluster, no empty live cluster
    # Merged clusters stay as empty pointers into live ones.
    for size, into in session.execute(
        select(Cluster.size, Cluster.merged_into).where(Cluster.merged_into.is_not(None))
    ):
        assert size == 0 and session.get(Cluster, into) is not None


def test_permuted_concurrent_ingest_matches_a_single_threaded_rebuild(
    engine: Engine, committed_factory: sessionmaker[Session]
) -> None:
    items = _overlapping_items()
    barrier = threading.Barrier(8)

    def client(n: int) -> None:
        order = items[:]
        random.Random(n).shuffle(order)
        batch = 1 + n % 5  # batches of 1..5 postings: requests overlap in every way
        barrier.wait()
        with committed_factory() as session:
            for start in range(0, len(order), batch):
                results = ingest(
                    session,
                    scorer=KeywordScorer(),
                    items=order[start : start + batch],
                    actor="t",
                    category_cutoff=0.5,
                )
                assert [r.external_id for r in results] == [
                    i.external_id for i in order[start : start + batch]
                ]

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(client, range(8)))  # re-raises the first failure of any thread

    scorer = KeywordScorer()
    scores = scorer.score_texts([item.text for item in items])
    flagged = {item.external_id for item, result in zip(items, scores, strict=True) if result.flagged}
    with committed_factory() as session:
        per_key = Counter(session.scalars(select(Posting.external_id)))
        assert per_key == Counter({item.external_id: 1 for item in items})
        cases_per_posting = Counter(
            session.scalars(select(Posting.external_id).join(Case, Case.posting_id == Posting.id))
        )
        assert all(cases_per_posting[key] == 1 for key in flagged) and len(flagged) == 10
        assert max(cases_per_posting.values()) == 1  # network-signal cases too: never two for one posting
        _assert_cluster_sizes_consistent(session)
        concurrent = _partition(session)
    empty_tables(engine)
    with committed_factory() as session:
        ingest(session, scorer=scorer, items=items, actor="t", category_cutoff=0.5)
        rebuilt = _partition(session)
    assert concurrent == rebuilt and len(rebuilt) == 3


def test_join_follows_a_cluster_merged_away_by_a_concurrent_transaction(
    engine: Engine, committed_factory: sessionmaker[Session]
) -> None:
    """The reported ``max() arg is an empty sequence``: a cluster read, merged away, then locked."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serializes writers: no transaction can merge a cluster under another")
    texts = ["Room for rent. Call 713-555-0101", "Car for sale. Email jo@example.org", "Bike, jo@example.org"]
    with committed_factory() as session:
        lone, pair, _ = (
            session.get(Posting, r.posting_id)
            for r in ingest(
                session,
                scorer=KeywordScorer(),
                items=[PostingIn(source="s", external_id=f"p{n}", text=t) for n, t in enumerate(texts)],
                actor="t",
                category_cutoff=0.5,
            )
        )
        assert lone is not None and pair is not None and lone.cluster_id != pair.cluster_id
        merged_away, survivor = lone.cluster_id, pair.cluster_id
    merger = committed_factory()
    bridge = _stored(merger, "bridge", "Call 713 555 0101 or jo@example.org")
    link_posting(merger, posting=bridge)  # merges the lone posting's cluster into the pair's: uncommitted
    assert merger.get(Cluster, merged_away).merged_into == survivor  # type: ignore[union-attr]

    def join_the_lone_posting() -> int | None:
        with committed_factory() as session:
            posting = _stored(session, "late", "Still for rent, call 713-555-0101")
            # Sees the lone posting still in the cluster being merged away; blocks on that cluster's lock.
            facts = link_posting(session, posting=posting)
            session.commit()
            return facts.cluster_id

    with ThreadPoolExecutor(1) as pool:
        joined = pool.submit(join_the_lone_posting)
        _wait_until_blocked(engine)
        merger.commit()
        merger.close()
        assert joined.result(timeout=30) == survivor
    with committed_factory() as session:
        _assert_cluster_sizes_consistent(session)
        assert session.get(Cluster, survivor).size == 5  # type: ignore[union-attr]


def _stored(session: Session, external_id: str, text: str) -> Posting:
    result = KeywordScorer().score_texts([text])[0]
    posting = Posting(
        source="s", external_id=external_id, text=text, text_sha256="-", model_name=result.model_name,
        model_version=result.model_version, risk_score=result.risk_score, urgent_score=result.urgent_score,
        band=str(result.band), score=result.to_dict(),
    )  # fmt: skip
    session.add(posting)
    session.flush()
    return posting


def _wait_until_blocked(engine: Engine) -> None:
    """Until a session of this database waits for a lock held by another."""
    deadline = time.monotonic() + 20
    with engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            if waiting:
                return
            connection.rollback()
            time.sleep(0.02)
    raise AssertionError("no session ever waited for the lock")


def test_deadlocked_units_of_work_are_restarted(
    engine: Engine, committed_factory: sessionmaker[Session]
) -> None:
    """Two transactions locking the same two rows in opposite orders: both complete, one after a restart."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite writers are serialized: no deadlock to recover from")
    _seed(committed_factory, 2)
    with committed_factory() as session:
        first, second = session.scalars(select(Case.id).order_by(Case.id)).all()
    barrier = threading.Barrier(2)
    attempts: Counter[str] = Counter()

    def worker(name: str, order: tuple[int, int]) -> None:
        with committed_factory() as session:

            def work() -> None:
                attempts[name] += 1
                for position, case_id in enumerate(order):
                    session.execute(
                        update(Case).where(Case.id == case_id).values(notice_count=Case.notice_count + 1)
                    )
                    if position == 0 and attempts[name] == 1:
                        barrier.wait()  # both hold their first row before asking for the other's
                session.commit()

            run_transaction(session, work)

    with ThreadPoolExecutor(2) as pool:
        for future in [pool.submit(worker, "a", (first, second)), pool.submit(worker, "b", (second, first))]:
            future.result(timeout=60)
    assert sorted(attempts.values()) == [1, 2]  # the deadlock victim ran again; the other once
    with committed_factory() as session:
        assert set(session.scalars(select(Case.notice_count))) == {2}  # each update applied exactly once


def test_permanent_errors_are_not_retried(committed_factory: sessionmaker[Session]) -> None:
    calls = 0

    def work() -> None:
        nonlocal calls
        calls += 1
        session.add(Case(posting_id=2**31 - 1, state="open", queue="standard", source="automated",
                         band="review", risk_score=0.5))  # fmt: skip
        session.commit()  # a foreign-key violation: retrying cannot help

    with committed_factory() as session, pytest.raises(IntegrityError):
        run_transaction(session, work, retry_unique=True)
    assert calls == 1


class _ProbingScorer(KeywordScorer):
    """Scores like the keyword baseline and records whether, while scoring, another writer could write."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.probes: list[bool] = []

    def score_texts(self, texts: Sequence[str]) -> list[ScoreResult]:
        self.probes.append(self._writer_can_start())
        return super().score_texts(texts)

    def _writer_can_start(self) -> bool:
        if self.engine.dialect.name == "sqlite":
            probe = sqlite3.connect(str(self.engine.url.database), timeout=0)
            try:
                probe.execute("BEGIN IMMEDIATE")  # the write lock, without waiting for it
                probe.execute("ROLLBACK")
                return True
            except sqlite3.OperationalError:
                return False
            finally:
                probe.close()
        with self.engine.connect() as connection:
            got = connection.execute(
                text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": int(AppLock.NETWORK)}
            )
            can = bool(got.scalar_one())
            connection.rollback()
            return can


def test_postings_are_scored_before_the_write_lock_is_taken(
    engine: Engine, committed_factory: sessionmaker[Session]
) -> None:
    scorer = _ProbingScorer(engine)
    items = [PostingIn(source="s", external_id=str(n), text=AD.format(n=n)) for n in range(50)]
    with committed_factory() as session:
        results = ingest(session, scorer=scorer, items=items, actor="t", category_cutoff=0.5)
    assert all(r.created for r in results) and scorer.probes == [True]


def test_concurrent_notices_on_one_posting_share_one_case(committed_factory: sessionmaker[Session]) -> None:
    """Six users report the same (new, benign) posting at once while a reviewer keeps claiming it."""
    notice = NoticeIn(
        source="s", external_id="n1", text="Selling a sofa, text 713-555-0150", category="other"
    )
    integrator = Principal(key_id=1, name="platform", role=Role.INTEGRATOR)
    barrier = threading.Barrier(7)

    def report(_: int) -> int:
        barrier.wait()
        with committed_factory() as session:
            return submit_notice(
                session, scorer=KeywordScorer(), notice=notice, principal=integrator, category_cutoff=0.5
            ).case_id

    def claim_and_release() -> None:
        barrier.wait()
        with committed_factory() as session:
            for _ in range(20):
                for case in cases.claim(
                    session, principal=_reviewer(1), queue=Queue.STANDARD, count=1, lease_seconds=600
                ):
                    for _ in range(7):  # each of the 6 notices may change the case once: reload, retry
                        try:
                            cases.release(session, principal=_reviewer(1), case_id=case.id)
                            break
                        except cases.CaseConflictError:
                            session.rollback()

    with ThreadPoolExecutor(7) as pool:
        reviewer = pool.submit(claim_and_release)
        case_ids = set(pool.map(report, range(6)))
        reviewer.result()
    with committed_factory() as session:
        (case,) = session.scalars(select(Case)).all()
        assert case_ids == {case.id} and case.notice_count == 6
        assert session.scalar(select(func.count()).select_from(Notice)) == 6


# --- lease sweeps -------------------------------------------------------------------------------------


def _expire_all_leases(session: Session) -> None:
    session.execute(
        update(Case).where(Case.state == "assigned").values(lease_expires_at=utcnow() - timedelta(seconds=1))
    )
    session.commit()


def test_concurrent_sweepers_return_each_expired_lease_once(committed_factory: sessionmaker[Session]) -> None:
    _seed(committed_factory, 30)
    with committed_factory() as session:
        held = cases.claim(session, principal=_reviewer(1), queue=Queue.STANDARD, count=30, lease_seconds=600)
        assert len(held) == 30
        _expire_all_leases(session)
    barrier = threading.Barrier(4)

    def sweep(_: int) -> int:
        barrier.wait()
        with committed_factory() as session:
            return cases.expire_leases(session)

    with ThreadPoolExecutor(4) as pool:
        assert sum(pool.map(sweep, range(4))) == 30
    with committed_factory() as session:
        events = session.scalars(select(AuditEvent.case_id).where(AuditEvent.action == "lease_expired")).all()
        assert sorted(events) == sorted(case.id for case in held)  # one transition per case, none doubled
        assert set(session.execute(select(Case.state, Case.assignee)).all()) == {("open", None)}


def test_the_api_process_sweeps_expired_leases_in_the_background(
    engine: Engine, committed_factory: sessionmaker[Session]
) -> None:
    with committed_factory() as session:
        integrator = {"X-API-Key": create_key(session, name="integrator", role=Role.INTEGRATOR, actor="test")}
        reviewer = {"X-API-Key": create_key(session, name="reviewer", role=Role.REVIEWER, actor="test")}
        session.commit()
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        scorer="keyword",
        run_migrations=False,
        lease_sweep_seconds=0.1,
    )
    postings = [{"source": "s", "external_id": str(n), "text": AD.format(n=n)} for n in range(3)]
    with TestClient(create_app(settings)) as client:
        client.post("/v1/postings", json={"postings": postings}, headers=integrator).raise_for_status()
        claimed = client.post("/v1/cases/claim", json={"count": 3}, headers=reviewer).json()
        assert len(claimed) == 3 and len(client.get("/v1/cases/mine", headers=reviewer).json()) == 3
        with committed_factory() as session:
            _expire_all_leases(session)
        deadline = time.monotonic() + 20
        while client.get("/v1/cases/mine", headers=reviewer).json():
            assert time.monotonic() < deadline, "expired leases were never swept"
            time.sleep(0.05)
        history = client.get(f"/v1/cases/{claimed[0]['id']}", headers=reviewer).json()["history"]
    assert [(e["action"], e["actor"], e["to_state"]) for e in history][-1] == (
        "lease_expired",
        "system",
        "open",
    )


# --- several API processes on one PostgreSQL ----------------------------------------------------------


def _assert_audit_trails_valid(session: Session) -> None:
    """Replay every case's audit trail through the workflow: no claim of a held case (no double hold), no
    action by anyone but the holder, no transition from a state the case was not in; ends in its state."""
    events: dict[int, list[AuditEvent]] = {}
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        events.setdefault(event.case_id, []).append(event)
    for case in session.scalars(select(Case)):
        state: str | None = None
        holder: str | None = None
        for event in events[case.id]:
            where = f"case {case.id}: {event.action} by {event.actor}"
            assert event.from_state == state, where
            if event.action == "claim":
                holder = event.actor
            elif event.action in ("renew", "release", "decide", "escalate"):
                assert event.actor == holder, where
            elif event.action == "lease_expired":
                assert event.actor_kind == "system", where
            if event.to_state != "assigned":
                holder = None
            state = event.to_state
        assert (state, holder) == (case.state, case.assignee if case.state == "assigned" else None)


def _start_api_processes(url: str, count: int, logs: Path) -> list[tuple[subprocess.Popen[bytes], str]]:
    """``count`` real `vigil api` processes on loopback against ``url``, ready to serve."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "VIGIL_SCORER": "keyword",
        "VIGIL_RUN_MIGRATIONS": "false",
        "VIGIL_LEASE_SWEEP_SECONDS": "0.2",
    }
    servers = []
    for n in range(count):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        command = [
            sys.executable,
            "-m",
            "moderation_api.cli",
            "api",
            "--port",
            str(port),
            "--database-url",
            url,
        ]
        log = (logs / f"api-{n}.log").open("wb")
        process = subprocess.Popen(command, env=env, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
        servers.append((process, f"http://127.0.0.1:{port}"))
    deadline = time.monotonic() + 40
    for process, base in servers:
        while True:
            assert process.poll() is None and time.monotonic() < deadline, "an API process did not start"
            try:
                if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
    return servers


def test_several_api_processes_keep_the_workflow_guarantees(
    engine: Engine, committed_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("several API processes share PostgreSQL (SQLite is the single-process embedded default)")
    names = ["integrator", "r1", "r2", "r3", "r4"]
    with committed_factory() as session:
        keys = {
            name: {
                "X-API-Key": create_key(
                    session, name=name, role=Role.INTEGRATOR if n == 0 else Role.REVIEWER, actor="test"
                )
            }
            for n, name in enumerate(names)
        }
        session.commit()
    items = _overlapping_items("a") + _overlapping_items("b")
    payload = [item.model_dump(mode="json", exclude_none=True) for item in items]
    servers = _start_api_processes(engine.url.render_as_string(hide_password=False), 3, tmp_path)
    statuses: Counter[tuple[str, int]] = Counter()
    done = threading.Event()

    def call(client: httpx.Client, what: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = client.request(method, path, **kwargs)
        statuses[(what, response.status_code)] += 1
        return response

    def integrator(n: int) -> None:
        order = payload[:]
        random.Random(n).shuffle(order)
        with httpx.Client(base_url=servers[n % 3][1], headers=keys["integrator"], timeout=60) as client:
            for start in range(0, len(order), 4):
                call(client, "ingest", "POST", "/v1/postings", json={"postings": order[start : start + 4]})

    ingesting = threading.Event()
    ingesting.set()
    # Actions rotate rather than being drawn at random: a draw could (and once in CI did) leave a run
    # with no release at all, and the test would then check nothing about releases.
    actions = ["confirm", "release", "dismiss", "keep"]

    def reviewer(n: int) -> None:
        name, taken, round_ = names[1 + n], n, 0
        # Reviewers work while postings arrive and for 15 rounds at least, so some claims meet a full queue.
        while ingesting.is_set() or round_ < 15:
            with httpx.Client(  # each round on the next process: one reviewer's requests hit all of them
                base_url=servers[(n + round_) % 3][1], headers=keys[name], timeout=60
            ) as client:
                claimed = call(client, "claim", "POST", "/v1/cases/claim", json={"count": 2})
                for case in claimed.json() if claimed.status_code == 200 else []:
                    action, taken = actions[taken % len(actions)], taken + 1
                    if action == "release":
                        call(client, "release", "POST", f"/v1/cases/{case['id']}/release")
                    elif action != "keep":  # kept cases are left for the lease sweeps
                        body = {"decision": action, "reason": "insufficient_info", "notes": "checked"}
                        if action == "confirm":
                            body = {"decision": "confirm"}
                        call(client, "decide", "POST", f"/v1/cases/{case['id']}/decision", json=body)
            round_ += 1
            time.sleep(0.05)

    def clock() -> None:
        # Time passes: leases run out. One row per statement, so the harness itself never holds a lock
        # while waiting for another (the API processes are what is under test).
        with engine.connect() as connection:
            while not done.wait(0.3):
                _expire_held_leases(connection)

    try:
        with ThreadPoolExecutor(11) as pool:
            ticking = pool.submit(clock)
            integrators = [pool.submit(integrator, n) for n in range(6)]
            reviewers = [pool.submit(reviewer, n) for n in range(4)]
            try:
                try:
                    for future in integrators:
                        future.result(timeout=120)
                finally:  # a failed integrator must not leave the reviewers working forever
                    ingesting.clear()
                for future in reviewers:
                    future.result(timeout=120)
            finally:
                done.set()
            ticking.result(timeout=30)
        with engine.connect() as connection:
            _expire_held_leases(connection)
        deadline = time.monotonic() + 20
        with committed_factory() as session:
            while session.scalar(select(func.count()).where(Case.state == "assigned")):
                assert time.monotonic() < deadline, "the API processes never swept the expired leases"
                session.rollback()
                time.sleep(0.1)
    finally:
        for process, _ in servers:
            process.terminate()
        for process, _ in servers:
            process.wait(timeout=20)

    assert {status for (_, status) in statuses} <= {200, 409}, statuses  # no 500, no deadlock surfaced
    assert statuses[("ingest", 200)] == 6 * 10 and statuses[("claim", 200)] >= 4 * 15
    assert statuses[("decide", 200)] > 0 and statuses[("release", 200)] > 0, statuses
    with committed_factory() as session:
        assert session.scalar(select(func.count()).where(AuditEvent.action == "lease_expired")) > 0
        _assert_audit_trails_valid(session)
        chain = audit.verify(session)  # three processes appended to one hash chain: no fork, no gap
        assert chain.ok and chain.rows_checked == session.scalar(select(func.count()).select_from(AuditEvent))
        per_key = Counter(session.execute(select(Posting.source, Posting.external_id)).all())
        assert len(per_key) == 40 and set(per_key.values()) == {1}
        # A blind double review is a second case on purpose (``review_of`` names the first); no other twins.
        cases_per_posting = Counter(session.scalars(select(Case.posting_id).where(Case.review_of.is_(None))))
        assert max(cases_per_posting.values()) == 1
        _assert_cluster_sizes_consistent(session)
        concurrent = _partition_by_key(session)
    empty_tables(engine)
    with committed_factory() as session:
        ingest(session, scorer=KeywordScorer(), items=items, actor="t", category_cutoff=0.5)
        assert _partition_by_key(session) == concurrent


def _expire_held_leases(connection: Connection) -> None:
    held = connection.execute(select(Case.id).where(Case.state == "assigned")).scalars().all()
    connection.commit()
    for case_id in held:
        connection.execute(
            update(Case)
            .where(Case.id == case_id, Case.state == "assigned")
            .values(lease_expires_at=utcnow() - timedelta(seconds=1))
        )
        connection.commit()


def _partition_by_key(session: Session) -> set[frozenset[tuple[str, str]]]:
    groups: dict[int | None, set[tuple[str, str]]] = {}
    for source, external_id, cluster_id in session.execute(
        select(Posting.source, Posting.external_id, Posting.cluster_id)
    ):
        groups.setdefault(cluster_id, set()).add((source, external_id))
    return {frozenset(group) for group in groups.values()}
