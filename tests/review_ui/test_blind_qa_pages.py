"""The blind QA flow and the error-rate chart in the review UI (AppTest against the real API on loopback)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.review_ui.conftest import BENIGN, LiveApi
from tests.review_ui.test_app_pages import messages, open_page, signed_in


@pytest.fixture
def qa_env(start_api: Callable[..., LiveApi], monkeypatch: pytest.MonkeyPatch) -> LiveApi:
    """Every low-band posting sampled into the blind QA queue, every decision double reviewed."""
    api = start_api(qa_sample_rate=1.0, double_review_rate=1.0)
    monkeypatch.setenv("VIGIL_API_URL", api.url)
    return api


def test_a_blind_qa_case_shows_the_posting_without_the_models_view_and_records_the_answer(
    qa_env: LiveApi,
) -> None:
    at = signed_in(qa_env.keys["reviewer"])
    open_page(at, "Blind QA")
    at.button(key="claim-qa").click().run()
    assert not at.exception, at.exception
    (title,) = [t.value for t in at.title]
    assert title.startswith("Blind review #")
    case_id = int(title.removeprefix("Blind review #"))
    page = " ".join(str(e.proto.body) for e in at.get("html"))
    assert "Trek mountain bike" in page  # the posting, as escaped plain text
    assert not at.metric and not at.get("badge")  # no risk score, band or category scores
    assert not [df for df in at.dataframe if "indicator" in " ".join(map(str, df.value.columns))]
    everything = json.dumps([str(e.proto) for e in at.main]).lower()
    assert "risk" not in everything and "urgent" not in everything
    # A violation without its kind is refused in place, nothing sent.
    at.radio(key=f"qa-verdict-{case_id}").set_value("violation")
    at.get("form_submit_button")[0].click().run()
    assert "Choose the kind of violation" in messages(at, "error")
    assert qa_env.call("GET", f"/v1/cases/{case_id}", as_role="auditor")["case"]["state"] == "assigned"
    at.radio(key=f"qa-verdict-{case_id}").set_value("not a violation")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, at.exception
    assert f"Answer recorded on case #{case_id}" in messages(at, "success")
    detail = qa_env.call("GET", f"/v1/cases/{case_id}", as_role="auditor")
    assert (detail["case"]["state"], detail["case"]["decision"]) == ("decided", "dismiss")
    assert detail["case"]["source"] == "qa_sample" and BENIGN.startswith(detail["posting"]["text"][:20])


def test_reports_page_plots_error_rates_with_intervals(qa_env: LiveApi) -> None:
    for _ in range(3):  # decide flagged cases (model precision) ...
        (case,) = qa_env.call("POST", "/v1/cases/claim", as_role="senior", json={"count": 1})
        if case["source"] != "automated":
            continue
        body = {"decision": "confirm"}
        qa_env.call("POST", f"/v1/cases/{case['id']}/decision", as_role="senior", json=body)
    (sample,) = qa_env.call("GET", "/v1/cases", as_role="auditor", params={"source": "qa_sample"})["items"]
    qa_env.call("POST", f"/v1/qa/cases/{sample['id']}/claim", as_role="reviewer")
    body = {"violation": True, "category": "sex_trafficking"}  # ... and answer the blind QA sample
    qa_env.call("POST", f"/v1/qa/cases/{sample['id']}/answer", as_role="reviewer", json=body)
    at = signed_in(qa_env.keys["auditor"])
    open_page(at, "Reports")
    assert "Error rates of automated flagging" in [s.value for s in at.subheader]
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    layered = [spec for spec in specs if "facet" in spec]
    assert layered, specs
    marks = [layer["mark"]["type"] for layer in layered[0]["spec"]["layer"]]
    assert marks == ["area", "line"]  # the Wilson interval as a band under the rate
    assert "Samples under 30 are marked small" in " ".join(c.value for c in at.caption)
    whole = next(df.value for df in at.dataframe if "figure" in df.value.columns)
    assert set(whole["small sample"]) == {"yes"}
    assert "Miss rate (blind QA samples judged violations)" in set(whole["figure"])
