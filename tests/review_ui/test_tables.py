"""Score notes shown next to the scores: each explains a score a reviewer could find inconsistent."""

from __future__ import annotations

from review_ui.tables import score_notes


def test_limited_coverage_is_explained_with_the_language_name() -> None:
    notes = score_notes({"language": "th", "coverage": "limited", "risk_score": 0.2, "indicators": []})
    assert any("Thai" in note and "no indicator lexicon" in note for note in notes)


def test_floor_names_the_indicator_and_the_model_probability() -> None:
    score = {
        "language": "en",
        "coverage": "full",
        "risk_score": 0.4,
        "model_risk_score": 0.05,
        "floor": ["labor.document_retention"],
        "indicators": [{"id": "labor.document_retention"}],
    }
    (floor_note,) = [note for note in score_notes(score) if "raised" in note]
    assert "0.05" in floor_note and "labor.document_retention" in floor_note


def test_high_risk_without_indicators_says_where_the_score_comes_from() -> None:
    notes = score_notes({"language": "en", "coverage": "full", "risk_score": 0.97, "indicators": []})
    assert any("No indicator fired" in note for note in notes)
    assert not any(
        "No indicator fired" in note for note in score_notes({"risk_score": 0.1, "indicators": []})
    )
