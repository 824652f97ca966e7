"""Blind QA (issue 13 part 5): sampling of low-band postings, blind responses, answers, double reviews."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from classifier.baseline import KeywordScorer
from moderation_api.app import create_app
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.schemas import Principal, Role
from moderation_api.cases import flows
from moderation_api.cases import service as cases
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, Decision, Queue
from moderation_api.postings.models import Posting
from moderation_api.qa import service as qa
from moderation_api.qa.models import QaStratum
from moderation_api.settings import Settings
from tests.moderation_api.test_workflow_api import BENIGN, URGENT_AD, claim, ingest

LOW_TEXTS = [
    ("en1", BENIGN),
    ("es1", "Bicicleta de montaña en buen estado, 21 velocidades, precio negociable."),
    ("fr1", "Vélo de route en très bon état, prix à discuter, contactez-moi."),
]
# What a blind response must never carry, whatever the role.
MODEL_KEYS = ("risk_score", "urgent_score", "band", "category_scores", "indicators", "entities", "thresholds")


def _client(settings: Settings, session_factory: sessionmaker[Session], **rates: float) -> TestClient:
    app = create_app(
        settings.model_copy(update=rates), scorer=KeywordScorer(), session_factory=session_factory
    )
    return TestClient(app)


@pytest.fixture
def qa_client(settings: Settings, session_factory: sessionmaker[Session], keys: dict) -> Iterator[TestClient]:
    """Every low-band posting sampled, every decision double reviewed (the rules under test, not rates)."""
    with _client(settings, session_factory, qa_sample_rate=1.0, double_review_rate=1.0) as client:
        yield client


def _low_posting(n: int, *, language: str, kind: str) -> Posting:
    labor, sex = (0.03, 0.01) if kind == "job" else (0.01, 0.03)
    categories = {"sex_trafficking": sex, "labor_trafficking": labor, "minor_involved": 0.0}
    score = {
        "language": language,
        "band": "low",
        "risk_score": 0.02,
        "indicators": [],
        "category_scores": categories,
    }
    return Posting(
        source="strata",
        external_id=f"{language}-{kind}-{n}",
        text=f"posting {n}",
        model_name="m",
        model_version="v-test",
        risk_score=0.02,
        urgent_score=0.0,
        band="low",
        score=score,
    )


def _sample(session: Session, postings: list[Posting], rate: float) -> list[Case]:
    session.add_all(postings)
    session.flush()
    opened = qa.sample_low_band(session, postings=postings, rate=rate, ingested_by="test")
    session.commit()
    return opened


def test_each_language_and_kind_stratum_is_sampled_at_the_rate(session: Session) -> None:
    sizes = {("en", "personal"): 250, ("en", "job"): 150, ("es", "personal"): 100, ("fr", "job"): 40}
    postings = [
        _low_posting(n, language=lang, kind=kind) for (lang, kind), size in sizes.items() for n in range(size)
    ]
    opened: list[Case] = []
    for start in range(0, len(postings), 37):  # uneven batches interleaving strata, as ingest sees them
        opened += _sample(session, postings[start : start + 37], rate=0.02)
    by_stratum = Counter(qa.stratum_of(session.get_one(Posting, case.posting_id)) for case in opened)
    for stratum, size in sizes.items():
        # Systematic sampling: exactly the share, up to the one posting the random phase decides.
        assert by_stratum[stratum] in (size * 2 // 100, size * 2 // 100 + 1), (stratum, by_stratum)
    strata = {(s.language, s.kind): s for s in session.scalars(select(QaStratum))}
    assert {key: s.seen for key, s in strata.items()} == sizes
    assert sum(s.sampled for s in strata.values()) == len(opened)
    assert all(case.queue == Queue.QA and case.source == CaseSource.QA_SAMPLE for case in opened)
    opened_events = session.scalars(
        select(AuditEvent).where(AuditEvent.case_id.in_([c.id for c in opened]), AuditEvent.action == "open")
    ).all()
    assert len(opened_events) == len(opened) and {e.actor for e in opened_events} == {qa.QA_ACTOR}


def test_a_zero_rate_samples_nothing_and_flagged_postings_are_never_sampled(
    session: Session, qa_client: TestClient, keys: dict
) -> None:
    assert _sample(session, [_low_posting(n, language="en", kind="job") for n in range(50)], rate=0.0) == []
    results = ingest(qa_client, keys, ("u1", URGENT_AD), *LOW_TEXTS)
    sources = Counter(session.scalars(select(Case.source)))
    assert sources == {"automated": 1, "qa_sample": 3}  # the flagged posting has its own case, no QA case
    assert results[1]["case_id"] is None  # the platform is not told which postings were sampled


def test_api_responses_for_a_qa_case_are_blind_for_every_role(qa_client: TestClient, keys: dict) -> None:
    (result,) = ingest(qa_client, keys, LOW_TEXTS[0])
    posting_id = result["posting_id"]
    (claimed,) = claim(qa_client, keys, queue="qa")
    case_id = claimed["id"]
    assert claimed["band"] is None and claimed["risk_score"] is None and claimed["categories"] == []
    for role in ("reviewer", "senior", "admin", "auditor"):
        detail = qa_client.get(f"/v1/cases/{case_id}", headers=keys[role]).json()
        assert detail["case"]["band"] is None and detail["case"]["risk_score"] is None, role
        assert detail["case"]["model_version"] is None and detail["case"]["categories"] == []
        assert detail["posting"]["score"] == {"language": "en"}, role
        assert detail["posting"]["cases"] == [] and detail["posting"]["network"] is None
        assert detail["posting"]["text"] == BENIGN  # the posting itself is what the reviewer judges
        assert "band" in detail["posting"]["access"]["withheld"]
        assert all(event["details"] is None for event in detail["history"]), role
        assert detail["decisions"] == []  # answered with /v1/qa/cases/{id}/answer, not the decision panel
        listed = qa_client.get("/v1/cases", params={"queue": "qa"}, headers=keys[role]).json()["items"]
        assert [(c["id"], c["band"], c["risk_score"]) for c in listed] == [(case_id, None, None)]
        flat = json.dumps(detail)
        assert not any(f'"{key}": ' in flat and f'"{key}": null' not in flat for key in MODEL_KEYS), role
    mine = qa_client.get("/v1/cases/mine", headers=keys["reviewer"]).json()
    assert mine[0]["risk_score"] is None
    # The posting route: blind to everyone who could answer while the QA case is undecided...
    for role in ("reviewer", "senior", "admin"):
        assert qa_client.get(f"/v1/postings/{posting_id}", headers=keys[role]).json()["score"] == {
            "language": "en"
        }
    # ...but the platform still reads its own posting's score.
    assert (
        qa_client.get(f"/v1/postings/{posting_id}", headers=keys["integrator"]).json()["score"]["band"]
        == "low"
    )


def _answer(client: TestClient, keys: dict, case_id: int, who: str = "reviewer", **body: Any) -> Any:
    return client.post(f"/v1/qa/cases/{case_id}/answer", json=body, headers=keys[who])


def _events(session: Session, case_id: int) -> list[str]:
    return list(
        session.scalars(
            select(AuditEvent.action).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
        )
    )


@pytest.mark.parametrize(
    "body",
    [
        {"violation": True},  # a violation needs its category
        {"violation": True, "category": "arson"},
        {"violation": False, "category": "sex_trafficking"},
        {"violation": "maybe"},
        {"violation": True, "category": "sex_trafficking", "score": 0.9},  # unknown field
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_written(
    qa_client: TestClient, keys: dict, session: Session, body: dict
) -> None:
    ingest(qa_client, keys, LOW_TEXTS[0])
    (claimed,) = claim(qa_client, keys, queue="qa")
    before = _events(session, claimed["id"])
    response = _answer(qa_client, keys, claimed["id"], **body)
    assert response.status_code == 422, response.text
    assert _events(session, claimed["id"]) == before == ["open", "claim"]
    assert session.scalar(select(Case.state).where(Case.id == claimed["id"])) == "assigned"


def test_a_qa_answer_is_recorded_as_the_cases_decision(
    qa_client: TestClient, keys: dict, session: Session
) -> None:
    ingest(qa_client, keys, LOW_TEXTS[0])
    (claimed,) = claim(qa_client, keys, queue="qa")
    # The ordinary decision route refuses blind cases (the panel would show what the answer must not see).
    refused = qa_client.post(
        f"/v1/cases/{claimed['id']}/decision", json={"decision": "confirm"}, headers=keys["reviewer"]
    )
    assert refused.status_code == 422 and "blind" in refused.json()["detail"]
    not_held = _answer(qa_client, keys, claimed["id"], who="reviewer2", violation=False)
    assert not_held.status_code == 409
    done = _answer(
        qa_client, keys, claimed["id"], violation=True, category="labor_trafficking", notes="fee debt"
    )
    assert done.status_code == 200, done.text
    assert done.json()["decision"] == "confirm" and done.json()["categories"] == []  # blind, even now
    case = session.get_one(Case, claimed["id"])
    session.refresh(case)
    assert (case.state, case.decision, case.decision_reason) == ("decided", "confirm", "labor_trafficking")
    decide_event = session.scalars(
        select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.action == "decide")
    ).one()
    assert decide_event.actor == "key:reviewer" and decide_event.details == {"blind": True}
    # Answering an ordinary case through the QA route is refused too.
    ingest(qa_client, keys, ("u1", URGENT_AD))
    (flagged,) = claim(qa_client, keys)
    assert _answer(qa_client, keys, flagged["id"], violation=False).status_code == 422


def test_a_decision_opens_a_blind_double_review_the_first_reviewer_never_gets(
    qa_client: TestClient, keys: dict, session: Session
) -> None:
    (result,) = ingest(qa_client, keys, ("u1", URGENT_AD))
    (first,) = claim(qa_client, keys)
    decided = qa_client.post(
        f"/v1/cases/{first['id']}/decision", json={"decision": "confirm"}, headers=keys["reviewer"]
    )
    assert decided.status_code == 200
    review = session.scalars(select(Case).where(Case.review_of == first["id"])).one()
    assert (review.source, review.queue, review.state) == ("double_review", "qa", "open")
    assert _events(session, review.id) == ["open"]
    assert claim(qa_client, keys, "reviewer", queue="qa") == []  # never the first reviewer
    own = qa_client.post(f"/v1/qa/cases/{review.id}/claim", headers=keys["reviewer"])
    assert own.status_code == 403 and "which you decided" in own.json()["detail"]
    assert _events(session, review.id) == ["open"]  # nothing written
    (second,) = claim(qa_client, keys, "reviewer2", queue="qa")
    assert second["id"] == review.id and second["review_of"] == first["id"]
    detail = qa_client.get(f"/v1/cases/{review.id}", headers=keys["reviewer2"]).json()
    # The first decision is nowhere in what the second reviewer sees.
    assert detail["posting"]["cases"] == [] and "confirm" not in json.dumps(detail)
    answered = _answer(qa_client, keys, review.id, who="reviewer2", violation=False)
    assert answered.status_code == 200 and answered.json()["decision"] == "dismiss"
    assert _events(session, review.id) == ["open", "claim", "second_review"]
    # A second review is a measurement: the posting's own outcome is still the first decision, no
    # double review of the double review, and no DSA statement for it.
    outcome = qa_client.get(f"/v1/postings/{result['posting_id']}", headers=keys["integrator"]).json()[
        "cases"
    ]
    assert [(c["id"], c["decision"]) for c in outcome] == [(first["id"], "confirm"), (review.id, "dismiss")]
    assert session.scalar(select(func.count()).where(Case.review_of == review.id)) == 0
    statements = qa_client.get("/v1/reports/dsa-statements", headers=keys["auditor"]).json()["items"]
    assert len(statements) == 1


def test_escalations_and_a_zero_rate_open_no_double_review(
    settings: Settings, session_factory: sessionmaker[Session], keys: dict, session: Session
) -> None:
    with _client(settings, session_factory, double_review_rate=0.0) as client:
        ingest(client, keys, ("u1", URGENT_AD))
        (case,) = claim(client, keys)
        client.post(
            f"/v1/cases/{case['id']}/decision",
            json={"decision": "dismiss", "reason": "false_positive", "notes": "n"},
            headers=keys["reviewer"],
        )
    with _client(settings, session_factory, double_review_rate=1.0) as client:
        ingest(client, keys, ("u2", URGENT_AD + " again"))
        (case,) = claim(client, keys)
        body = {"decision": "escalate", "escalation_kind": "policy_question", "notes": "unsure"}
        assert (
            client.post(f"/v1/cases/{case['id']}/decision", json=body, headers=keys["reviewer"]).status_code
            == 200
        )
    assert session.scalar(select(func.count()).where(Case.source == "double_review")) == 0


def _worker(n: int) -> Principal:
    return Principal(key_id=n, name=f"qa-reviewer-{n}", role=Role.REVIEWER)


def test_concurrent_claims_never_give_the_first_reviewer_their_own_double_review(
    committed_factory: sessionmaker[Session],
) -> None:
    """Two reviewers decide cases, then both claim the QA queue at once from several threads each."""
    per_reviewer = 12
    with committed_factory() as session:
        items = [
            {"source": "dr", "external_id": str(n), "text": URGENT_AD + f" #{n}"}
            for n in range(2 * per_reviewer)
        ]
        from moderation_api.postings.schemas import PostingIn
        from moderation_api.postings.service import ingest as ingest_postings

        ingest_postings(
            session,
            scorer=KeywordScorer(),
            items=[PostingIn(**i) for i in items],
            actor="t",
            category_cutoff=0.5,
        )
    first_by: dict[int, str] = {}
    for n in (1, 2):
        for _ in range(per_reviewer):
            with committed_factory() as session:
                (case,) = cases.claim(
                    session, principal=_worker(n), queue=Queue.STANDARD, count=1, lease_seconds=600
                )
                flows.decide(
                    session,
                    principal=_worker(n),
                    case_id=case.id,
                    decision=Decision.CONFIRM,
                    reason=None,
                    escalation_kind=None,
                    notes=None,
                    hold_days=365,
                    category_cutoff=0.5,
                    double_review_rate=1.0,
                )
                first_by[case.id] = _worker(n).actor

    def work(n: int) -> list[tuple[str, int]]:
        got: list[tuple[str, int]] = []
        principal = _worker(1 + n % 2)
        with committed_factory() as session:
            while True:
                taken = cases.claim(session, principal=principal, queue=Queue.QA, count=2, lease_seconds=600)
                if not taken:
                    return got
                got += [(principal.actor, case.id) for case in taken]

    with ThreadPoolExecutor(8) as pool:
        claims = [c for batch in pool.map(work, range(8)) for c in batch]
    with committed_factory() as session:
        review_of = dict(
            session.execute(select(Case.id, Case.review_of).where(Case.source == "double_review")).all()
        )
    assert len(review_of) == 2 * per_reviewer
    assert sorted(case_id for _, case_id in claims) == sorted(review_of)  # each claimed exactly once
    assert all(first_by[review_of[case_id]] != actor for actor, case_id in claims)
    assert Counter(actor for actor, _ in claims) == {
        _worker(1).actor: per_reviewer,
        _worker(2).actor: per_reviewer,
    }


def test_concurrent_ingest_keeps_the_stratum_counters_exact(committed_factory: sessionmaker[Session]) -> None:
    """Sampling transactions racing on the same strata (no network lock taken): every posting counted once,
    and the samples match the counters."""
    threads, per_thread = 6, 50

    def work(n: int) -> int:
        with committed_factory() as session:
            opened = 0
            for batch in range(5):
                postings = [_low_posting(n * 1000 + batch * 100 + i, language=("en", "de")[i % 2], kind="job")
                            for i in range(per_thread // 5)]  # fmt: skip
                opened += len(_sample(session, postings, rate=0.1))
            return opened

    with ThreadPoolExecutor(threads) as pool:
        opened = sum(pool.map(work, range(threads)))
    with committed_factory() as session:
        strata = {s.language: s for s in session.scalars(select(QaStratum))}
        assert {lang: s.seen for lang, s in strata.items()} == {
            "en": threads * per_thread // 2,
            "de": threads * per_thread // 2,
        }
        qa_cases = session.scalar(select(func.count()).where(Case.source == "qa_sample"))
        assert qa_cases == opened == sum(s.sampled for s in strata.values())
        for stratum in strata.values():
            assert stratum.sampled in (stratum.seen // 10, stratum.seen // 10 + 1)
