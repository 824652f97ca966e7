"""Error rates people can publish (issue 13 part 6): the figures equal a hand computation on a fixture."""

from __future__ import annotations

import csv
import io
import math
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from moderation_api.cases.models import Case
from moderation_api.postings.models import Posting
from moderation_api.qa.figures import SMALL_SAMPLE, cohen_kappa, proportion, wilson

START = datetime(2026, 10, 1, tzinfo=UTC)
END = START + timedelta(days=14)  # two 7-day periods


def test_wilson_interval_matches_the_formula_worked_by_hand() -> None:
    # 2 of 20, z = 1.96: centre (0.1 + 1.96²/40) / (1 + 1.96²/20) = 0.16445; half-width 0.13659.
    low, high = wilson(2, 20) or (0, 0)
    assert low == pytest.approx(0.02787, abs=1e-4) and high == pytest.approx(0.30104, abs=1e-4)
    assert wilson(0, 10) == (0.0, pytest.approx(0.27753, abs=1e-4))  # honest at k = 0, unlike Wald's [0, 0]
    assert wilson(0, 0) is None
    assert proportion(2, 20).small_sample and not proportion(3, SMALL_SAMPLE).small_sample


def test_cohens_kappa_matches_the_hand_computation() -> None:
    # 3 both-yes, 5 both-no, 1 each way: p_o = 0.8, p_e = 0.4·0.4 + 0.6·0.6 = 0.52, κ = 0.28 / 0.48.
    pairs = [(True, True)] * 3 + [(False, False)] * 5 + [(True, False), (False, True)]
    agreement = cohen_kappa(pairs)
    assert agreement.n == 10 and agreement.observed_agreement == pytest.approx(0.8)
    assert agreement.kappa == pytest.approx(0.28 / 0.48) and agreement.small_sample
    assert cohen_kappa([(True, True)] * 4).kappa is None  # both raters constant alike: undefined, not 1
    assert cohen_kappa([]).n == 0


def _case(session: Session, posting: Posting, *, source: str, decision: str, day: int, version: str = "1.1.0",
          review_of: int | None = None) -> Case:  # fmt: skip
    at = START + timedelta(days=day, hours=12)
    case = Case(posting_id=posting.id, state="decided", queue="qa", source=source, band="low", risk_score=0.1,
                categories="", model_version=version, opened_at=at - timedelta(hours=1), decided_at=at,
                decision=decision, review_of=review_of)  # fmt: skip
    session.add(case)
    session.flush()
    return case


def _fixture(session: Session) -> None:
    posting = Posting(source="f", external_id="1", text="t", model_name="m", model_version="1.1.0",
                      risk_score=0.1, urgent_score=0.0, band="low", score={"language": "en"})  # fmt: skip
    session.add(posting)
    session.flush()
    # Week 1: 20 blind QA answers, 2 violations. Week 2: 10 answers, 1 violation.
    for n in range(20):
        _case(session, posting, source="qa_sample", decision="confirm" if n < 2 else "dismiss", day=1)
    for n in range(10):
        _case(session, posting, source="qa_sample", decision="confirm" if n < 1 else "dismiss", day=9)
    # Week 1: 8 model-opened cases decided, 6 confirmed; one of another version (1 of 1).
    firsts = [_case(session, posting, source="automated", decision="confirm" if n < 6 else "dismiss", day=2)
              for n in range(8)]  # fmt: skip
    _case(session, posting, source="automated", decision="confirm", day=3, version="1.2.0")
    # Double reviews (week 2) of the 8 first decisions: (c,c) ×5, (c,d) ×1, (d,d) ×1, (d,c) ×1.
    seconds = ["confirm"] * 5 + ["dismiss", "dismiss", "confirm"]
    for first, second in zip(firsts, seconds, strict=True):
        _case(session, posting, source="double_review", decision=second, day=10, review_of=first.id)
    # Outside the window: never counted.
    _case(session, posting, source="qa_sample", decision="confirm", day=20)
    session.commit()


def _rows(report: dict) -> dict[tuple[str, str], dict]:
    return {
        (row["model_version"], "all" if row["whole_window"] else row["period_start"][:10]): row
        for row in report["error_rates"]["rows"]
    }


def test_transparency_report_error_rates_equal_the_hand_computation(
    client: TestClient, keys: dict, session: Session
) -> None:
    _fixture(session)
    params = {"start": START.isoformat(), "end": END.isoformat()}
    report = client.get("/v1/reports/transparency", params=params, headers=keys["auditor"]).json()
    rows = _rows(report)
    assert set(rows) == {("1.1.0", "2026-10-01"), ("1.1.0", "2026-10-08"), ("1.1.0", "all"),
                         ("1.2.0", "2026-10-01"), ("1.2.0", "all")}  # fmt: skip
    week1, week2, whole = rows[("1.1.0", "2026-10-01")], rows[("1.1.0", "2026-10-08")], rows[("1.1.0", "all")]
    assert (week1["miss_rate"]["k"], week1["miss_rate"]["n"], week1["miss_rate"]["rate"]) == (2, 20, 0.1)
    assert (
        week1["miss_rate"]["low"] == pytest.approx(0.02787, abs=1e-4) and week1["miss_rate"]["small_sample"]
    )
    assert (whole["miss_rate"]["k"], whole["miss_rate"]["n"]) == (3, 30) and not whole["miss_rate"][
        "small_sample"
    ]
    assert whole["miss_rate"]["rate"] == pytest.approx(0.1)
    assert (week1["flag_precision"]["k"], week1["flag_precision"]["n"]) == (6, 8)
    assert week1["flag_precision"]["rate"] == 0.75
    # Kappa by hand: p_o = 6/8; first yes 6/8, second yes 6/8: p_e = 0.5625 + 0.0625 = 0.625.
    assert week2["agreement"]["n"] == 8 and week2["agreement"]["observed_agreement"] == pytest.approx(0.75)
    assert week2["agreement"]["kappa"] == pytest.approx((0.75 - 0.625) / (1 - 0.625))
    assert week1["agreement"]["n"] == 0 and week1["agreement"]["kappa"] is None
    other = rows[("1.2.0", "all")]
    assert other["flag_precision"]["n"] == 1 and other["flag_precision"]["small_sample"]
    assert report["error_rates"]["small_sample_below"] == SMALL_SAMPLE == 30


def test_transparency_csv_carries_the_error_rate_rows(
    client: TestClient, keys: dict, session: Session
) -> None:
    _fixture(session)
    params = {"start": START.isoformat(), "end": END.isoformat(), "format": "csv"}
    response = client.get("/v1/reports/transparency", params=params, headers=keys["auditor"])
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["section", "key", "value"]
    figures = {key: value for section, key, value in rows[1:] if section == "error_rates"}
    assert figures["small_sample_below"] == "30" and figures["period_days"] == "7"
    assert figures["1.1.0/all/miss_rate/n"] == "30" and figures["1.1.0/all/miss_rate/k"] == "3"
    assert figures["1.1.0/2026-10-01..2026-10-08/miss_rate/rate"] == "0.1"
    assert figures["1.1.0/2026-10-01..2026-10-08/miss_rate/small_sample"] == "true"
    assert math.isclose(float(figures["1.1.0/2026-10-08..2026-10-15/agreement/kappa"]), 1 / 3, abs_tol=1e-5)
    assert figures["1.1.0/2026-10-01..2026-10-08/agreement/kappa"] == ""  # no pairs: empty, not 0
    for figure in ("n", "k", "rate", "low", "high", "small_sample"):
        assert f"1.1.0/all/flag_precision/{figure}" in figures
