"""Every setting is read from the one Settings object and reaches what it configures."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from classifier.baseline import KeywordScorer
from classifier.scoring import ModelScorer, default_model_dir
from moderation_api.app import create_app, load_scorer_for
from moderation_api.settings import Settings


def test_encoder_threads_dir_and_thresholds_come_from_vigil_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VIGIL_ENCODER_THREADS", "1")
    monkeypatch.setenv("VIGIL_THRESHOLD_REVIEW", "0.31")
    monkeypatch.setenv("VIGIL_CATEGORY_CUTOFF", "0.7")
    settings = Settings(run_migrations=False)
    assert (settings.encoder_threads, settings.category_cutoff) == (1, 0.7)
    scorer = load_scorer_for(settings)
    assert isinstance(scorer, ModelScorer)
    assert scorer.encoder.session.get_session_options().intra_op_num_threads == 1
    assert scorer.thresholds.review == 0.31 and scorer.thresholds.urgent == scorer.config.thresholds.urgent
    assert scorer.model_dir == default_model_dir()  # re-thresholding keeps the card and plots reachable


def test_the_keyword_baseline_takes_thresholds_and_has_no_model_card() -> None:
    scorer = load_scorer_for(Settings(scorer="keyword", threshold_urgent=0.9, run_migrations=False))
    assert isinstance(scorer, KeywordScorer)
    assert scorer.thresholds.urgent == 0.9 and scorer.model_dir is None


def test_the_case_list_carries_the_sla_targets_from_the_vigil_variables(
    monkeypatch, session_factory, keys: dict
) -> None:
    monkeypatch.setenv("VIGIL_SLA_URGENT_MINUTES", "15")
    monkeypatch.setenv("VIGIL_SLA_REVIEW_MINUTES", "240")
    settings = Settings(run_migrations=False)
    app = create_app(settings, scorer=KeywordScorer(), session_factory=session_factory)
    with TestClient(app) as client:
        page = client.get("/v1/cases", headers=keys["reviewer"]).json()
    assert page["sla_minutes"] == {"urgent": 15, "review": 240}
    monkeypatch.setenv("VIGIL_SLA_URGENT_MINUTES", "0")
    with pytest.raises(ValueError, match="sla_urgent_minutes"):
        Settings(run_migrations=False)
