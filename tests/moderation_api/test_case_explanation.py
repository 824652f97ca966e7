"""``GET /v1/cases/{id}?explain=true`` with the shipped model: the risk taken apart by view and character
n-gram, consistent with the stored score, and the n-grams withheld from whoever may not see the text
(SQLite and PostgreSQL)."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from classifier.scoring import ModelScorer, load_scorer
from moderation_api.app import create_app
from moderation_api.settings import Settings
from tests.moderation_api.test_workflow_api import MINOR_AD, URGENT_AD, ingest

NO_INDICATOR_AD = "Beautiful girl visiting, gentlemen welcome, call me"


@pytest.fixture(scope="module")
def model_scorer() -> ModelScorer:
    return load_scorer()


@pytest.fixture
def model_client(
    settings: Settings, session_factory: sessionmaker[Session], keys: dict, model_scorer: ModelScorer
) -> Iterator[TestClient]:
    app = create_app(settings, scorer=model_scorer, session_factory=session_factory)
    with TestClient(app) as client:
        yield client


def explained(client: TestClient, keys: dict, case_id: int, who: str) -> dict:
    response = client.get(f"/v1/cases/{case_id}", params={"explain": "true"}, headers=keys[who])
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_case_no_indicator_fired_on_is_explained_by_views_and_ngrams(
    model_client: TestClient, keys: dict, model_scorer: ModelScorer
) -> None:
    (result,) = ingest(model_client, keys, ("x1", NO_INDICATOR_AD))
    detail = explained(model_client, keys, result["case_id"], "reviewer")
    score = detail["posting"]["score"]
    assert score["indicators"] == [] and detail["case"]["band"] != "low"
    found = detail["explanation"]
    assert detail["explanation_unavailable"] is None and found["model_version"] == model_scorer.model_version
    # the views' shares and the intercept give back the score stored at ingest
    logit = found["intercept"] + sum(found["views"].values())
    assert 1 / (1 + math.exp(-logit)) == pytest.approx(score["model_risk_score"], abs=1e-5)
    assert found["model_risk_score"] == pytest.approx(score["model_risk_score"], abs=1e-5)
    terms = found["top_char_ngrams"]
    assert terms and found["char_ngrams_withheld"] is None
    assert all(gram.strip() in NO_INDICATOR_AD.lower() for term in terms for gram in term["ngrams"])
    # without the flag the detail stays as cheap as before
    plain = model_client.get(f"/v1/cases/{result['case_id']}", headers=keys["reviewer"]).json()
    assert plain["explanation"] is None and plain["explanation_unavailable"] is None


def test_ngrams_are_withheld_from_a_role_that_may_not_see_the_text(
    model_client: TestClient, keys: dict
) -> None:
    (result,) = ingest(model_client, keys, ("m1", MINOR_AD))
    assert model_client.get(f"/v1/cases/{result['case_id']}", headers=keys["reviewer"]).status_code == 403
    for_auditor = explained(model_client, keys, result["case_id"], "auditor")
    assert for_auditor["posting"]["text"] is None
    assert for_auditor["explanation"]["top_char_ngrams"] == []
    assert "minor cues" in for_auditor["explanation"]["char_ngrams_withheld"]
    assert set(for_auditor["explanation"]["views"]) == {"embedding", "indicators", "char_ngrams"}
    for_senior = explained(model_client, keys, result["case_id"], "senior")
    assert (
        for_senior["explanation"]["top_char_ngrams"]
        and for_senior["explanation"]["char_ngrams_withheld"] is None
    )


def test_deleted_text_and_a_scorer_without_a_model_give_a_reason_not_an_explanation(
    client: TestClient, model_client: TestClient, keys: dict
) -> None:
    (result,) = ingest(client, keys, ("k1", URGENT_AD))  # the keyword baseline serves `client`
    detail = explained(client, keys, result["case_id"], "reviewer")
    assert detail["explanation"] is None and "does not explain" in detail["explanation_unavailable"]
    deleted = model_client.delete(f"/v1/postings/{result['posting_id']}", headers=keys["integrator"])
    assert deleted.status_code in (200, 204), deleted.text
    detail = explained(model_client, keys, result["case_id"], "reviewer")
    assert (
        detail["explanation"] is None and detail["explanation_unavailable"] == "the posting text was deleted"
    )
