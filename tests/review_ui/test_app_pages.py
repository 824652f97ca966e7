"""Every page of the review UI, run by Streamlit's AppTest against the real API on loopback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.review_ui.conftest import LiveApi

APP = str(Path(__file__).resolve().parents[2] / "review_ui" / "app.py")
TIMEOUT = 60


def signed_in(key: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_input[0].input(key)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def messages(at: AppTest, kind: str) -> str:
    # Status messages are Markdown-escaped by the UI; drop the escapes to read them.
    return " ".join(element.value.replace("\\", "") for element in getattr(at, kind))


def open_page(at: AppTest, page: str) -> AppTest:
    at.sidebar.radio[0].set_value(page).run()
    assert not at.exception, at.exception
    return at


def test_sign_in_shows_the_pages_of_the_role(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    assert list(at.sidebar.radio[0].options) == ["Queue", "Case review", "Model"]
    at = signed_in(ui_env.keys["senior"])
    assert list(at.sidebar.radio[0].options) == ["Queue", "Case review", "Escalations", "Reports", "Model"]
    at = signed_in(ui_env.keys["auditor"])
    assert "Reports" in at.sidebar.radio[0].options and "Escalations" not in at.sidebar.radio[0].options
    assert not [b for b in at.button if b.label == "Claim next case"]  # auditors read, never decide


def test_a_wrong_key_is_refused_plainly(ui_env: LiveApi) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_input[0].input("vgl_not-a-key")
    at.button[0].click().run()
    assert "Sign-in failed" in messages(at, "error") and "unknown" in messages(at, "error").lower()
    assert not at.sidebar.radio  # still on the sign-in screen


def test_queue_counts_and_claim_next_opens_the_case(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    stats = ui_env.call("GET", "/v1/cases/stats", as_role="reviewer")
    assert at.metric[0].label == "Open" and int(at.metric[0].value) == stats["by_state"]["open"]
    listed = at.dataframe[0].value
    assert len(listed) == stats["by_queue"]["standard"]["open"] and set(listed["state"]) == {"open"}
    at.selectbox(key="f-band-None").set_value("urgent").run()
    assert set(at.dataframe[0].value["band"]) == {"URGENT"}
    at.button(key="claim-standard").click().run()
    assert at.session_state["page"] == "Case review" and at.title[0].value.startswith("Case #")
    case_id = at.session_state["case_id"]
    mine = ui_env.call("GET", "/v1/cases/mine", as_role="reviewer")
    assert [case["id"] for case in mine] == [case_id]
    open_page(at, "Queue")
    assert [b.label for b in at.button if b.key == f"open-mine-{case_id}"] == ["Open"]
    assert "lease: 9 min" in " ".join(t.value for t in at.text)


def test_case_review_shows_hostile_text_inert_with_evidence(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    hostile = ui_env.call("GET", "/v1/cases", as_role="reviewer", params={"state": "open"})["items"]
    posting_ids = {case["posting_id"]: case["id"] for case in hostile}
    target = next(
        case_id
        for posting_id, case_id in posting_ids.items()
        if "<script>" in (ui_env.call("GET", f"/v1/postings/{posting_id}", as_role="reviewer")["text"] or "")
    )
    at.number_input(key="open-id-None").set_value(target).run()
    at.button(key="open-by-id-None").click().run()
    assert at.title[0].value == f"Case #{target}"
    (posting_html,) = at.get("html")
    body = posting_html.proto.body
    assert "<script>" not in body and "<img" not in body and "&lt;script&gt;" in body
    assert '<mark class="' in body and "**new girls**" in body  # Markdown left as typed
    indicators = at.dataframe[1].value
    assert len(indicators) >= 3 and set(indicators["severity"]) <= {"high", "medium", "low"}
    contacts = at.dataframe[2].value
    assert "+17135550177" in set(contacts["normalized"])
    history = at.dataframe[-1].value
    assert list(history["action"]) == ["open"]
    # held by nobody: no decision panel for a case the reviewer has not claimed
    assert not [b for b in at.button if b.label == "Decide & next"]


def test_decide_dismiss_then_next_and_audit(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    at.button(key="claim-standard").click().run()
    first = at.session_state["case_id"]
    at.radio(key=f"decision-{first}").set_value("dismiss").run()
    at.selectbox(key=f"reason-{first}").set_value("insufficient_info").run()
    at.text_area(key=f"notes-{first}").input("advert for a bakery").run()
    at.button(key=f"decide-next-{first}").click().run()
    assert not at.exception, at.exception
    second = at.session_state["case_id"]
    assert second != first and at.title[0].value == f"Case #{second}"
    assert f"Case #{first}: dismiss — recorded" in messages(at, "success")
    detail = ui_env.call("GET", f"/v1/cases/{first}", as_role="reviewer")
    assert (detail["case"]["decision"], detail["case"]["decision_reason"]) == ("dismiss", "insufficient_info")
    assert detail["history"][-1]["notes"] == "advert for a bakery"
    assert detail["history"][-1]["actor"] == "key:ui-reviewer"


def test_refused_decisions_are_shown_and_the_note_is_kept(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    at.button(key="claim-standard").click().run()
    case_id = at.session_state["case_id"]
    # Escalating without a note breaks the review policy: the API refuses, the UI says why.
    at.radio(key=f"decision-{case_id}").set_value("escalate").run()
    at.button(key=f"decide-{case_id}").click().run()
    assert "a note is required" in messages(at, "error")
    # The case is released behind the reviewer's back (another tab): the decision is refused (409), the
    # reviewer is told, and the note they typed is still on screen.
    at.radio(key=f"decision-{case_id}").set_value("confirm").run()
    at.text_area(key=f"notes-{case_id}").input("clear pimp ad").run()
    ui_env.call("POST", f"/v1/cases/{case_id}/release", as_role="reviewer")
    at.button(key=f"decide-{case_id}").click().run()
    assert not at.exception, at.exception
    assert "not recorded" in messages(at, "error") and "HTTP 409" in messages(at, "error")
    assert [code.value for code in at.code] == ["clear pimp ad"]
    detail = ui_env.call("GET", f"/v1/cases/{case_id}", as_role="reviewer")
    assert detail["case"]["state"] == "open" and detail["case"]["decision"] is None


def test_escalations_page_for_senior_reviewers(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["senior"])
    open_page(at, "Escalations")
    assert at.title[0].value == "Escalations"
    query = {"queue": "senior", "state": "open"}
    senior_open = ui_env.call("GET", "/v1/cases", as_role="senior", params=query)
    assert senior_open["total"] >= 1  # the posting with a stated age of 15
    assert len(at.dataframe[0].value) == senior_open["total"]
    at.button(key="claim-senior").click().run()
    case_id = at.session_state["case_id"]
    assert "Minor cues" in messages(at, "error")
    # A senior decision is final: no escalating further.
    assert list(at.radio(key=f"decision-{case_id}").options) == ["Confirm violation", "Dismiss"]
    at.text_area(key=f"notes-{case_id}").input("stated age 15, reported to NCMEC").run()
    at.button(key=f"decide-{case_id}").click().run()
    detail = ui_env.call("GET", f"/v1/cases/{case_id}", as_role="senior")
    assert detail["case"]["decision"] == "confirm" and detail["case"]["queue"] == "senior"


def test_reports_page_tables_charts_and_downloads(ui_env: LiveApi) -> None:
    (case,) = ui_env.call("POST", "/v1/cases/claim", as_role="reviewer", json={"count": 1})
    ui_env.call("POST", f"/v1/cases/{case['id']}/decision", as_role="reviewer", json={"decision": "confirm"})
    at = signed_in(ui_env.keys["auditor"])
    open_page(at, "Reports")
    assert at.title[0].value == "Transparency report"
    figures = {metric.label: metric.value for metric in at.metric}
    report = ui_env.call("GET", "/v1/reports/transparency", as_role="auditor")
    assert int(figures["Cases opened"]) == report["cases_opened"]["total"] and int(figures["Decisions"]) == 1
    assert figures["Median time to decision"] != "—"
    precision = next(df.value for df in at.dataframe if "model version" in df.value.columns)
    assert list(precision["confirmed"]) == [1]
    assert at.get("download_button")  # the CSV download is offered
    at.button(key="dsa-prepare").click().run()
    assert "1 statement(s) ready" in " ".join(t.value for t in at.text)


def test_model_page_shows_the_shipped_card(start_api: Callable[..., LiveApi], monkeypatch) -> None:
    api = start_api(scorer="model", seed=False)
    monkeypatch.setenv("VIGIL_API_URL", api.url)
    at = signed_in(api.keys["reviewer"])
    open_page(at, "Model")
    info = api.call("GET", "/v1/model", as_role="reviewer")
    assert at.title[0].value == "Model" and info["version"] in at.main.text[0].value
    bands = at.dataframe[0].value
    assert dict(zip(bands["band"], bands["threshold"], strict=True)) == info["thresholds"]
    quality = at.dataframe[1].value
    assert {"test", "heldout_handwritten", "craigslist_sample"} <= set(quality["evaluation set"])
    assert len(at.get("image")) == len(info["plots"]) >= 1


def test_case_review_shows_the_network_cluster(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["senior"])
    cases = ui_env.call("GET", "/v1/cases", params={"limit": 200})["items"]
    by_external = {ui_env.call("GET", f"/v1/postings/{c['posting_id']}")["external_id"]: c for c in cases}
    case, twin = by_external["u1"], by_external["u3"]  # the same ad re-posted with another phone number
    at.number_input(key="open-id-None").set_value(case["id"]).run()
    at.button(key="open-by-id-None").click().run()
    related = next(df.value for df in at.dataframe if "why related" in df.value.columns)
    assert twin["posting_id"] in set(related["posting"])
    assert "near-duplicate text" in " ".join(related["why related"])
    (cluster,) = [e for e in at.expander if e.label.startswith("Network cluster #")]
    assert cluster.label.endswith(": 2 postings")
    at.selectbox(key=f"member-case-{case['posting_id']}").set_value(twin["id"]).run()
    at.button(key=f"open-member-{case['posting_id']}").click().run()
    assert at.title[0].value == f"Case #{twin['id']}"  # followed the link to the re-posted ad's case


def test_senior_applies_one_decision_to_a_cluster(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["senior"])
    cases = ui_env.call("GET", "/v1/cases", params={"limit": 200})["items"]
    by_external = {ui_env.call("GET", f"/v1/postings/{c['posting_id']}")["external_id"]: c for c in cases}
    case, twin = by_external["u1"], by_external["u3"]
    at.number_input(key="open-id-None").set_value(case["id"]).run()
    at.button(key="open-by-id-None").click().run()
    cluster_id = ui_env.call("GET", f"/v1/postings/{case['posting_id']}")["cluster_id"]
    key = f"bulk-{cluster_id}"
    at.multiselect(key=f"{key}-cases").set_value([case["id"], twin["id"]]).run()
    at.text_area(key=f"{key}-notes").input("same operation, same template").run()
    at.button(key=f"{key}-apply").click().run()
    assert not at.exception, at.exception
    assert "confirm recorded for" in messages(at, "success")
    for case_id in (case["id"], twin["id"]):
        detail = ui_env.call("GET", f"/v1/cases/{case_id}")
        assert detail["case"]["decision"] == "confirm"
        assert detail["history"][-1]["actor"] == "key:ui-senior"
        assert detail["history"][-1]["notes"] == "same operation, same template"


def test_auditor_opens_a_minor_case_with_its_content_withheld(ui_env: LiveApi) -> None:
    cases = ui_env.call("GET", "/v1/cases", as_role="auditor", params={"queue": "senior"})["items"]
    (minor,) = [case for case in cases if case["minor"]]
    at = signed_in(ui_env.keys["auditor"])
    at.number_input(key="open-id-None").set_value(minor["id"]).run()
    at.button(key="open-by-id-None").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == f"Case #{minor['id']}" and "Minor cues" in messages(at, "error")
    assert "Withheld for your role (text, evidence, contacts)" in messages(at, "warning")
    assert not at.get("html")  # no posting text drawn
    shown = " ".join(str(df.value.to_dict()) for df in at.dataframe) + " ".join(t.value for t in at.text)
    assert "Mia" not in shown and "15" not in " ".join(at.dataframe[2].value["as written"])
    assert list(at.dataframe[-1].value["action"]) == ["open"]  # the audit history is the auditor's to read


def test_reviewer_lists_no_minor_case(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    listed = at.dataframe[0].value
    assert len(listed) >= 1 and set(listed["queue"]) == {"standard"} and "yes" not in set(listed["minor"])
