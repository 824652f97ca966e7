"""Score notes shown next to the scores: each explains a score a reviewer could find inconsistent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from review_ui.tables import cases_frame, score_notes, sla_status


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


def test_sla_status_counts_time_in_queue_against_the_band_target() -> None:
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    opened = (now - timedelta(minutes=90)).isoformat()
    targets = {"urgent": 60, "review": 24 * 60}
    assert sla_status({"opened_at": opened, "band": "urgent", "state": "open"}, targets, now=now) == (
        "90 min",
        "overdue by 30 min",
    )
    assert sla_status({"opened_at": opened, "band": "review", "state": "assigned"}, targets, now=now) == (
        "90 min",
        "22.5 h left",
    )
    assert sla_status({"opened_at": opened, "band": "low", "state": "open"}, targets, now=now) == (
        "90 min",
        "",
    )
    assert sla_status({"opened_at": opened, "band": "urgent", "state": "decided"}, targets, now=now) == (
        "",
        "",
    )
    exactly = (now - timedelta(minutes=60)).isoformat()
    assert (
        sla_status({"opened_at": exactly, "band": "urgent", "state": "open"}, targets, now=now)[1]
        == "0 s left"
    )


def test_case_table_without_targets_shows_no_sla() -> None:
    case = {
        "id": 1, "band": "urgent", "risk_score": 0.9, "state": "open", "queue": "standard",
        "source": "automated", "opened_at": "2026-11-30T10:00:00+00:00",
    }  # fmt: skip
    frame = cases_frame([case], now=datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    assert (frame["in queue"][0], frame["SLA"][0]) == ("2.0 h", "")


def test_child_safety_routing_names_the_cue_or_the_model_score() -> None:
    cue = {"group": "minor_involved", "id": "minor.youth_language", "name": "Youth language"}
    with_cue = score_notes({"indicators": [cue], "category_scores": {"minor_involved": 0.2}}, minor=True)
    assert any("Youth language" in note and "Child-safety" in note for note in with_cue)
    by_model = score_notes({"indicators": [], "category_scores": {"minor_involved": 0.71}}, minor=True)
    assert any("0.71" in note and "no explicit minor cue" in note for note in by_model)
    assert not any("Child-safety" in note for note in score_notes({"indicators": [cue]}, minor=False))


def test_explanation_ngrams_show_controls_as_markers_and_boundaries_as_visible_spaces() -> None:
    from review_ui.explain import ngrams_frame, shown_ngram, views_frame

    assert shown_ngram(" no\u200bc") == "␣no⟨ZWSP⟩c"
    assert shown_ngram("\u202eab ") == "⟨RLO⟩ab␣"
    frame = ngrams_frame({"top_char_ngrams": [{"ngrams": [" gi", "x\u202e"], "contribution": 0.4},
                                              {"ngrams": ["ok"], "contribution": -0.2}]})  # fmt: skip
    assert frame.to_dict("records") == [
        {"n-gram": "␣gi / x⟨RLO⟩", "log-odds": 0.4, "effect": "raises"},
        {"n-gram": "ok", "log-odds": -0.2, "effect": "lowers"},
    ]
    views = views_frame({"views": {"embedding": 0.5, "char_ngrams": -2.0}, "intercept": 1.0})
    assert list(views["part"]) == [
        "character n-grams (spelling, emoji, any language)",
        "meaning of the wording (sentence embedding)",
        "model baseline",
    ]
