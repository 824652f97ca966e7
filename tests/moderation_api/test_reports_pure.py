"""Unit tests of the database-free parts of reports: quantiles, DSA mapping, cursors, CSV."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from moderation_api.reports.dsa import (
    DECISION_FACTS_MAX,
    ConfirmedCase,
    InvalidCursorError,
    build_statement,
    decode_cursor,
    encode_cursor,
    make_puid,
)
from moderation_api.reports.export import CSV_HEADER, report_csv, report_filename, report_rows
from moderation_api.reports.quantiles import DurationSummary, quantile
from moderation_api.reports.schemas import (
    AppealCounts,
    CountsBySource,
    DailyPoint,
    DecisionCounts,
    ModelPrecision,
    NoticeOutcomes,
    Period,
    ReopenCounts,
    TimeToDecision,
    TransparencyReport,
)

SECRET = b"test-secret"
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


# --- quantiles ---------------------------------------------------------------------------------------


def test_quantile_small_cases_by_hand() -> None:
    assert quantile([], 0.5) is None
    assert quantile([7.0], 0.5) == 7.0
    assert quantile([1.0, 3.0], 0.5) == 2.0
    assert quantile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    # p90 of 1..10: position 0.9 * 9 = 8.1 -> 9 + 0.1 * (10 - 9)
    assert quantile([float(v) for v in range(1, 11)], 0.9) == pytest.approx(9.1)
    assert quantile([1.0, 5.0], 0.0) == 1.0
    assert quantile([1.0, 5.0], 1.0) == 5.0


def test_quantile_rejects_out_of_range_q() -> None:
    with pytest.raises(ValueError, match="within"):
        quantile([1.0], 1.5)


@given(
    st.lists(st.floats(min_value=0, max_value=1e7, allow_nan=False), min_size=1, max_size=200),
    st.floats(min_value=0, max_value=1),
)
def test_quantile_matches_numpy_linear(values: list[float], q: float) -> None:
    expected = float(np.quantile(np.array(values), q, method="linear"))
    assert quantile(sorted(values), q) == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_duration_summary() -> None:
    rng = random.Random(3)
    values = [rng.uniform(0, 1000) for _ in range(1001)]
    summary = DurationSummary.of(values)
    assert summary.count == 1001
    assert summary.median == pytest.approx(float(np.median(values)))
    assert summary.p90 == pytest.approx(float(np.quantile(values, 0.9)))
    assert summary.mean == pytest.approx(float(np.mean(values)))
    assert DurationSummary.of([]) == DurationSummary(count=0, mean=None, median=None, p90=None)


# --- DSA statements ----------------------------------------------------------------------------------


def _case(**overrides: object) -> ConfirmedCase:
    fields: dict[str, object] = {
        "case_id": 42,
        "source": "automated",
        "opened_at": T0,
        "decided_at": T0 + timedelta(days=1, hours=3),
        "content_date": datetime(2026, 2, 27, 8, 0, tzinfo=UTC),
        "minor_involved": False,
        "indicator_names": ("Third-person voice", "Price codes"),
        "model_version": "1.0.0",
    }
    fields.update(overrides)
    return ConfirmedCase(**fields)  # type: ignore[arg-type]


def test_automated_flag_maps_to_voluntary_violence_statement() -> None:
    statement = build_statement(_case(), secret=SECRET)
    assert statement.decision_visibility == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert statement.decision_ground == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert statement.incompatible_content_illegal == "Yes"
    assert statement.category == "STATEMENT_CATEGORY_VIOLENCE"
    assert statement.category_addition == []
    assert statement.category_specification == ["KEYWORD_HUMAN_TRAFFICKING"]
    assert statement.content_type == ["CONTENT_TYPE_TEXT"]
    assert statement.source_type == "SOURCE_VOLUNTARY"
    assert statement.automated_detection == "Yes"
    assert statement.automated_decision == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert statement.content_date == date(2026, 2, 27)
    assert statement.application_date == date(2026, 3, 2)
    assert "Third-person voice; Price codes" in statement.decision_facts
    assert "1.0.0" in statement.decision_facts


def test_notice_maps_to_article_16_without_automated_detection() -> None:
    statement = build_statement(_case(source="notice"), secret=SECRET)
    assert statement.source_type == "SOURCE_ARTICLE_16"
    assert statement.automated_detection == "No"
    assert "Article 16" in statement.decision_facts


def test_network_flag_is_voluntary_and_automated() -> None:
    statement = build_statement(_case(source="network"), secret=SECRET)
    assert statement.source_type == "SOURCE_VOLUNTARY"
    assert statement.automated_detection == "Yes"


def test_minor_maps_to_protection_of_minors_keeping_trafficking_keyword() -> None:
    statement = build_statement(_case(minor_involved=True), secret=SECRET)
    assert statement.category == "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"
    assert statement.category_addition == ["STATEMENT_CATEGORY_VIOLENCE"]
    assert statement.category_specification == ["KEYWORD_HUMAN_TRAFFICKING"]
    assert "minor" in statement.decision_facts


def test_content_date_falls_back_to_opened_date() -> None:
    assert build_statement(_case(content_date=None), secret=SECRET).content_date == T0.date()


def test_fully_automated_decision_is_reported_as_such() -> None:
    statement = build_statement(_case(decided_by_human=False), secret=SECRET)
    assert statement.automated_decision == "AUTOMATED_DECISION_FULLY"


def test_puid_is_keyed_stable_and_opaque() -> None:
    first = make_puid(42, secret=SECRET)
    assert first == make_puid(42, secret=SECRET)
    assert first != make_puid(43, secret=SECRET)
    assert first != make_puid(42, secret=b"other-secret")
    assert len(first) == 64 and set(first) <= set("0123456789abcdef")
    assert build_statement(_case(), secret=SECRET).puid == first


def test_decision_facts_is_capped_and_deduplicated() -> None:
    names = [f"indicator number {i} " + "x" * 80 for i in range(200)]
    facts = build_statement(_case(indicator_names=names + names), secret=SECRET).decision_facts
    assert len(facts) <= DECISION_FACTS_MAX
    assert facts.count("indicator number 1 ") == 1


def test_statement_json_contains_no_posting_text_or_ids() -> None:
    secret_text = "call 555 0123 for our girls"
    statement = build_statement(_case(case_id="case-9f", indicator_names=("Price codes",)), secret=SECRET)
    dumped = json.dumps(statement.model_dump(mode="json"))
    assert secret_text not in dumped
    assert "case-9f" not in dumped


# --- cursors -----------------------------------------------------------------------------------------


def test_cursor_round_trip_and_garbage() -> None:
    stamp = datetime(2026, 3, 2, 15, 4, 5, 123456, tzinfo=UTC)
    assert decode_cursor(encode_cursor(stamp, 1234)) == (stamp, 1234)
    for garbage in ("", "!!!", "bm90LWEtY3Vyc29y", encode_cursor(stamp, 1)[:-3]):
        with pytest.raises(InvalidCursorError):
            decode_cursor(garbage)


# --- CSV -----------------------------------------------------------------------------------------------


def _report(model_version: str = "1.0.0") -> TransparencyReport:
    return TransparencyReport(
        period=Period(start=T0, end=T0 + timedelta(days=31)),
        generated_at=T0 + timedelta(days=40),
        cases_opened=CountsBySource(total=5, by_source={"automated": 3, "notice": 1, "network": 1}),
        decisions=DecisionCounts(
            total=4,
            by_outcome={"confirm": 2, "dismiss": 1, "escalate": 1},
            by_category={"sex_trafficking": {"confirm": 2, "dismiss": 1, "escalate": 0}},
            by_source={"automated": {"confirm": 2, "dismiss": 1, "escalate": 1}},
        ),
        escalations_by_kind={"minor_involved": 1},
        dismissals_by_reason={"false_positive": 1},
        reopened=ReopenCounts(total=2, by_action={"undo": 1, "reopen": 1}, by_undone_outcome={"confirm": 2}),
        time_to_decision=TimeToDecision(count=3, mean_seconds=60.0, median_seconds=30.0, p90_seconds=150.5),
        automated_precision=[
            ModelPrecision(model_version=model_version, decided=3, confirmed=2, dismissed=1, precision=2 / 3)
        ],
        notices=NoticeOutcomes(received=1, by_outcome={"confirm": 0, "dismiss": 0, "pending": 1}),
        appeals=AppealCounts(
            received=3,
            decided=2,
            upheld=1,
            overturned=1,
            median_seconds_to_decision=7200.0,
            by_category={"sex_trafficking": {"received": 3, "decided": 2, "upheld": 1, "overturned": 1}},
        ),
        daily=[DailyPoint(day=T0.date(), opened=5, decided=4)],
    )


def test_csv_is_long_format_with_every_figure() -> None:
    report = _report()
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert tuple(rows[0]) == CSV_HEADER
    assert all(len(row) == 3 for row in rows)
    table = {(section, key): value for section, key, value in rows[1:]}
    assert len(table) == len(rows) - 1, "each (section, key) appears once"
    assert table[("cases_opened_by_source", "automated")] == "3"
    assert table[("decisions_by_category", "sex_trafficking/confirm")] == "2"
    assert table[("time_to_decision", "median_seconds")] == "30"
    assert table[("time_to_decision", "p90_seconds")] == "150.5"
    assert table[("automated_precision", "1.0.0/precision")] == "0.666667"
    assert table[("notice_outcomes", "pending")] == "1"
    assert table[("reopened", "total")] == "2" and table[("reopened_by_action", "undo")] == "1"
    assert table[("reopened_by_undone_outcome", "confirm")] == "2"
    assert table[("daily_opened", "2026-03-01")] == "5"
    assert table[("appeals", "received")] == "3" and table[("appeals", "overturned")] == "1"
    assert table[("appeals", "median_seconds_to_decision")] == "7200"
    assert table[("appeals_by_category", "sex_trafficking/upheld")] == "1"
    assert len(rows) - 1 == len(list(report_rows(report)))


def test_csv_neutralises_formula_cells() -> None:
    rows = list(csv.reader(io.StringIO(report_csv(_report(model_version="=HYPERLINK(1)")))))
    keys = [key for section, key, _ in rows if section == "automated_precision"]
    assert keys and all(key.startswith("'=") for key in keys)


def test_filename_names_the_window() -> None:
    assert report_filename(_report()) == "vigil-transparency_2026-03-01_2026-04-01.csv"
