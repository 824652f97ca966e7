"""Every page of the review UI, run by Streamlit's AppTest against the real API on loopback."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.review_ui.conftest import URGENT, LiveApi

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


def posting_html(at: AppTest) -> str:
    (posting,) = [element.proto.body for element in at.get("html") if "vigil-posting" in element.proto.body]
    return str(posting)


def buttons(at: AppTest) -> dict[str, object]:
    """Every button and form submit button by key."""
    return {b.key: b for b in [*at.button, *at.get("form_submit_button")] if b.key}


def choose(at: AppTest, case_id: int, decision: str, option: str | None = None) -> AppTest:
    at.button(key=f"decision-{case_id}-{decision}").click().run()
    if option:
        at.button(key=f"option-{case_id}-{option}").click().run()
    assert not at.exception, at.exception
    return at


def submit(at: AppTest, case_id: int, *, then_next: bool) -> AppTest:
    key = f"decide-next-{case_id}" if then_next else f"decide-{case_id}"
    (button,) = [b for b in at.get("form_submit_button") if b.key == key]
    button.click().run()
    assert not at.exception, at.exception
    return at


def clock(at: AppTest, prefix: str) -> list[str]:
    """The browser-side clocks whose element id starts with ``prefix`` (their first paint and config)."""
    return [str(h.proto.body) for h in at.get("html") if f'id="{prefix}' in h.proto.body]


def open_page(at: AppTest, page: str) -> AppTest:
    at.sidebar.radio[0].set_value(page).run()
    assert not at.exception, at.exception
    return at


def test_sign_in_shows_the_pages_of_the_role(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    assert list(at.sidebar.radio[0].options) == ["Queue", "Case review", "Blind QA", "Appeals", "Model"]
    at = signed_in(ui_env.keys["senior"])
    pages = ["Queue", "Case review", "Escalations", "Blind QA", "Appeals", "Reports", "Model"]
    assert list(at.sidebar.radio[0].options) == pages
    assert "Webhooks" in signed_in(ui_env.keys["admin"]).sidebar.radio[0].options
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
    (lease,) = clock(at, f"my-lease-{case_id}-")  # counts down live in the browser
    assert 'class="vigil-clock running">lease 9:' in lease


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
    body = posting_html(at)
    assert "<script>" not in body and "<img" not in body and "&lt;script&gt;" in body
    assert '<mark class="' in body and "**new girls**" in body  # Markdown left as typed
    indicators = at.dataframe[1].value
    assert len(indicators) >= 3 and set(indicators["severity"]) <= {"high", "medium", "low"}
    contacts = at.dataframe[2].value
    assert "+17135550177" in set(contacts["normalized"])
    history = at.dataframe[-1].value
    assert list(history["action"]) == ["opened"] and history["who"][0] == "model vigil-keyword-baseline:1.0.0"
    # held by nobody: no decision panel for a case the reviewer has not claimed
    assert not [key for key in buttons(at) if key.startswith("decide")]


def test_no_decision_is_preselected_and_the_button_says_what_it_will_do(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    at.button(key="claim-standard").click().run()
    case_id = at.session_state["case_id"]
    choices = [at.button(key=f"decision-{case_id}-{d}") for d in ("confirm", "dismiss", "escalate")]
    assert [b.label for b in choices] == ["Confirm violation", "Dismiss", "Escalate"]
    assert {b.proto.type for b in choices} == {"secondary"}  # nothing chosen
    assert buttons(at)[f"decide-next-{case_id}"].label == "Decide & next"
    # Submitting with nothing chosen records nothing and says so next to the decision buttons.
    submit(at, case_id, then_next=True)
    assert "Choose a decision" in messages(at, "error")
    assert ui_env.call("GET", f"/v1/cases/{case_id}", as_role="reviewer")["case"]["state"] == "assigned"
    choose(at, case_id, "escalate")
    kinds = {key: b for key, b in buttons(at).items() if key.startswith(f"option-{case_id}-")}
    assert {b.proto.type for b in kinds.values()} == {"secondary"}  # no escalation kind chosen for you
    assert buttons(at)[f"decide-next-{case_id}"].label == "Decide & next"
    assert at.text_area(key=f"notes-{case_id}").label == "Note — required"  # the API's rule for escalations
    choose(at, case_id, "dismiss", "false_positive")
    assert at.button(key=f"decision-{case_id}-dismiss").proto.type == "primary"
    assert buttons(at)[f"decide-next-{case_id}"].label == "Dismiss as false positive & next"
    assert buttons(at)[f"decide-{case_id}"].label == "Dismiss as false positive only"
    band = ui_env.call("GET", f"/v1/cases/{case_id}", as_role="reviewer")["case"]["band"]
    expected_label = "Note — required" if band == "urgent" else "Note (optional)"
    assert at.text_area(key=f"notes-{case_id}").label == expected_label
    if band == "urgent":  # the note rule is checked here too, next to the note field
        submit(at, case_id, then_next=True)
        assert "A note is required: dismissing an urgent-band case" in messages(at, "error")
    assert "V confirm · D dismiss · E escalate" in " ".join(c.value for c in at.caption)


def test_decide_dismiss_then_next_undo_and_audit(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    at.button(key="claim-standard").click().run()
    first = at.session_state["case_id"]
    choose(at, first, "dismiss", "insufficient_info")
    at.text_area(key=f"notes-{first}").input("advert for a bakery")
    submit(at, first, then_next=True)
    second = at.session_state["case_id"]
    assert second != first and at.title[0].value == f"Case #{second}"
    assert f"Case #{first} dismissed as insufficient information — recorded." in messages(at, "success")
    # The next case opens with nothing chosen and its own empty note.
    assert at.button(key=f"decision-{second}-confirm").proto.type == "secondary"
    assert at.text_area(key=f"notes-{second}").value == ""
    detail = ui_env.call("GET", f"/v1/cases/{first}", as_role="reviewer")
    assert (detail["case"]["decision"], detail["case"]["decision_reason"]) == ("dismiss", "insufficient_info")
    assert detail["history"][-1]["notes"] == "advert for a bakery"
    assert detail["history"][-1]["actor"] == "key:ui-reviewer"

    at.button(key="undo-last").click().run()
    assert not at.exception, at.exception
    assert at.session_state["case_id"] == first and at.title[0].value == f"Case #{first}"
    assert "decision taken back" in messages(at, "success")
    undone = ui_env.call("GET", f"/v1/cases/{first}", as_role="reviewer")
    assert (undone["case"]["state"], undone["case"]["assignee"]) == ("assigned", "key:ui-reviewer")
    assert undone["history"][-1]["action"] == "undo"
    assert at.button(key=f"decision-{first}-dismiss").proto.type == "secondary"  # decide it afresh
    assert "undone by the decider" in list(at.dataframe[-1].value["action"])


def test_refused_decisions_are_shown_and_the_note_is_kept(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    at.button(key="claim-standard").click().run()
    case_id = at.session_state["case_id"]
    # Escalating without a kind or a note: nothing is sent; each problem is named at its field.
    choose(at, case_id, "escalate")
    submit(at, case_id, then_next=False)
    assert "Choose the escalation kind" in messages(at, "error") and "A note is required" in messages(
        at, "error"
    )
    # The case is released behind the reviewer's back (another tab): the decision is refused (409), the
    # reviewer is told, and the note they typed is still on screen.
    choose(at, case_id, "confirm")
    at.text_area(key=f"notes-{case_id}").input("clear pimp ad")
    ui_env.call("POST", f"/v1/cases/{case_id}/release", as_role="reviewer")
    submit(at, case_id, then_next=False)
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
    assert sorted(k for k in buttons(at) if k.startswith(f"decision-{case_id}-")) == [
        f"decision-{case_id}-confirm",
        f"decision-{case_id}-dismiss",
    ]
    choose(at, case_id, "confirm")
    at.text_area(key=f"notes-{case_id}").input("stated age 15, reported to NCMEC")
    submit(at, case_id, then_next=False)
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
    assert {"test", "heldout", "craigslist_sample"} <= set(quality["evaluation set"])
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


def test_senior_applies_one_decision_to_a_cluster_after_confirming(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["senior"])
    cases = ui_env.call("GET", "/v1/cases", params={"limit": 200})["items"]
    by_external = {ui_env.call("GET", f"/v1/postings/{c['posting_id']}")["external_id"]: c for c in cases}
    case, twin = by_external["u1"], by_external["u3"]
    at.number_input(key="open-id-None").set_value(case["id"]).run()
    at.button(key="open-by-id-None").click().run()
    cluster_id = ui_env.call("GET", f"/v1/postings/{case['posting_id']}")["cluster_id"]
    key = f"bulk-{cluster_id}"
    picker = at.multiselect(key=f"{key}-cases")
    assert picker.format_func(twin["id"]).startswith(f"#{twin['id']} · URGENT · risk ")
    assert "NEW girls every week" in picker.format_func(twin["id"])  # the text, to recognise the posting
    picker.set_value([case["id"], twin["id"]])
    at.radio(key=f"{key}-decision").set_value("confirm")
    at.text_area(key=f"{key}-notes").input("same operation, same template")
    (review,) = [b for b in at.get("form_submit_button") if b.key == f"{key}-review"]
    review.click().run()
    assert not at.exception, at.exception
    # Nothing is applied yet: the step says what will happen and lists the cases.
    assert "2 case(s) will be claimed and confirmed as a violation" in messages(at, "warning")
    assert ui_env.call("GET", f"/v1/cases/{twin['id']}")["case"]["decision"] is None
    at.button(key=f"{key}-apply").click().run()
    assert not at.exception, at.exception
    assert f"Confirmed as a violation: #{case['id']}, #{twin['id']}." in messages(at, "success")
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
    assert not [h for h in at.get("html") if "vigil-posting" in h.proto.body]  # no posting text drawn
    shown = " ".join(str(df.value.to_dict()) for df in at.dataframe) + " ".join(t.value for t in at.text)
    assert "Mia" not in shown and "15" not in " ".join(at.dataframe[2].value["as written"])
    assert list(at.dataframe[-1].value["action"]) == ["opened"]  # the audit history is the auditor's to read


def test_reviewer_lists_no_minor_case(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    listed = at.dataframe[0].value
    assert len(listed) >= 1 and set(listed["queue"]) == {"standard"} and "yes" not in set(listed["minor"])
    assert set(listed["opened by"]) <= {"the model", "the model + network"} and "None" not in str(
        listed.to_dict()
    )


def test_senior_queue_shows_the_escalation_kind_reviewer_and_note(ui_env: LiveApi) -> None:
    (case,) = ui_env.call("POST", "/v1/cases/claim", as_role="reviewer", json={"count": 1})
    body = {
        "decision": "escalate",
        "escalation_kind": "policy_question",
        "notes": "is an escort ad in scope?",
    }
    ui_env.call("POST", f"/v1/cases/{case['id']}/decision", as_role="reviewer", json=body)
    at = signed_in(ui_env.keys["senior"])
    open_page(at, "Escalations")
    listed = at.dataframe[0].value.set_index("id")
    assert {"escalation", "escalated by", "escalation note"} <= set(listed.columns)
    row = listed.loc[case["id"]]
    assert (row["escalation"], row["escalated by"], row["escalation note"]) == (
        "policy question",
        "ui-reviewer",
        "is an escort ad in scope?",
    )
    assert row["queue"] == "senior / child safety" and row["opened by"].startswith("the model")


def test_a_posting_with_bidi_controls_shows_markers(ui_env: LiveApi) -> None:
    text = "NEW girls every week, incall at motel, daddy books, no LE. "
    text += "Text \u202e7710-555-317\u202c no\u200bcops"
    (result,) = ui_env.call(
        "POST",
        "/v1/postings",
        as_role="integrator",
        json={"postings": [{"source": "ui-test", "external_id": "bidi", "text": text}]},
    )["results"]
    at = signed_in(ui_env.keys["reviewer"])
    at.number_input(key="open-id-None").set_value(result["case_id"]).run()
    at.button(key="open-by-id-None").click().run()
    at.button(key=f"reveal-{result['case_id']}").click().run()  # an urgent posting: hidden until revealed
    body = posting_html(at)
    assert "\u202e" not in body and "\u200b" not in body
    shown = re.sub(r"<[^>]+>", "", body)  # what the browser shows: the markers in place, nothing reordered
    assert "Text ⟨RLO⟩7710-555-317⟨PDF⟩ no⟨ZWSP⟩cops" in shown
    assert "3 invisible or direction-changing character(s)" in messages(at, "warning")
    assert "⟨RLO⟩ ×1: right-to-left override" in messages(at, "warning")
    assert any("⟨RLO⟩7710-555-317⟨PDF⟩" in t.value for t in at.text)  # the unhighlighted text too


def test_a_case_link_opens_the_case_and_the_url_follows_the_reviewer(ui_env: LiveApi) -> None:
    cases = ui_env.call("GET", "/v1/cases", as_role="reviewer", params={"state": "open"})["items"]
    target = cases[-1]["id"]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["case"] = str(target)
    at.run()
    at.text_input[0].input(ui_env.keys["reviewer"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.session_state["page"] == "Case review" and at.title[0].value == f"Case #{target}"
    assert at.query_params["case"] == str(target)
    open_page(at, "Queue")
    assert "case" not in at.query_params  # the link is the case page's only
    at.button(key="claim-standard").click().run()
    claimed = at.session_state["case_id"]
    assert at.query_params["case"] == str(claimed)


def test_a_link_with_no_valid_case_number_is_refused_plainly(ui_env: LiveApi) -> None:
    for bad in ("abc", "0", "99999999999999999999", "１２"):
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.query_params["case"] = bad
        at.run()
        at.text_input[0].input(ui_env.keys["reviewer"])
        at.button[0].click().run()
        assert not at.exception, at.exception
        assert "names no valid case number" in messages(at, "warning") and at.session_state["page"] == "Queue"


def test_a_senior_reopens_a_decided_case_with_a_reason(ui_env: LiveApi) -> None:
    (case,) = ui_env.call("POST", "/v1/cases/claim", as_role="reviewer", json={"count": 1})
    ui_env.call("POST", f"/v1/cases/{case['id']}/decision", as_role="reviewer", json={"decision": "confirm"})
    at = signed_in(ui_env.keys["reviewer2"])  # another reviewer: no reopen offered
    at.number_input(key="open-id-None").set_value(case["id"]).run()
    at.button(key="open-by-id-None").click().run()
    assert f"reopen-{case['id']}" not in buttons(at) and "Decided: confirmed as a violation" in messages(
        at, "info"
    )
    at = signed_in(ui_env.keys["senior"])
    at.number_input(key="open-id-None").set_value(case["id"]).run()
    at.button(key="open-by-id-None").click().run()
    assert at.text_area(key=f"reopen-reason-{case['id']}").label == "Reason — required"
    buttons(at)[f"reopen-{case['id']}"].click().run()
    assert "needs a reason" in messages(at, "error")
    at.text_area(key=f"reopen-reason-{case['id']}").input("the ad is a bakery's")
    buttons(at)[f"reopen-{case['id']}"].click().run()
    assert not at.exception, at.exception
    assert f"Case #{case['id']} reopened." in messages(at, "success")
    detail = ui_env.call("GET", f"/v1/cases/{case['id']}")
    assert detail["case"]["state"] == "open" and detail["history"][-1]["notes"] == "the ad is a bakery's"
    open_page(at, "Reports")
    assert int({m.label: m.value for m in at.metric}["Decisions taken back"]) == 1


def test_a_reviewer_adds_an_internal_note_without_deciding(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    at.button(key="claim-standard").click().run()
    case_id = at.session_state["case_id"]
    at.text_area(key=f"note-{case_id}").input("same phone as the bakery ad <b>x</b>")
    (add,) = [b for b in at.get("form_submit_button") if b.key == f"add-note-{case_id}"]
    add.click().run()
    assert not at.exception, at.exception
    assert "Note added to the history." in messages(at, "success")
    history = at.dataframe[-1].value
    assert list(history["action"])[-1] == "internal note"
    detail = ui_env.call("GET", f"/v1/cases/{case_id}", as_role="reviewer")
    assert detail["case"]["state"] == "assigned"  # not decided
    assert (detail["history"][-1]["action"], detail["history"][-1]["notes"]) == (
        "note",
        "same phone as the bakery ad <b>x</b>",
    )
    at.run()  # a rerun shows the note once, now read from the API
    assert list(at.dataframe[-1].value["action"]).count("internal note") == 1


def test_urgent_and_minor_text_stays_hidden_until_the_reviewer_reveals_it(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["senior"])
    cases = ui_env.call("GET", "/v1/cases", params={"state": "open", "limit": 200})["items"]
    minor = next(case for case in cases if case["minor"])
    text = ui_env.call("GET", f"/v1/postings/{minor['posting_id']}")["text"]
    at.number_input(key="open-id-None").set_value(minor["id"]).run()
    at.button(key="open-by-id-None").click().run()
    assert not at.exception, at.exception
    drawn = lambda: " ".join(  # noqa: E731 - everything of the page that could carry the posting's words
        [h.proto.body for h in at.get("html")]
        + [str(df.value.to_dict()) for df in at.dataframe]
        + [t.value for t in at.text]
    )
    assert "Mia" not in drawn() and not [h for h in at.get("html") if "vigil-posting" in h.proto.body]
    assert "Text and quoted evidence hidden (minor cues)" in messages(at, "info")
    assert set(at.dataframe[1].value["evidence"]) == {"hidden"} and at.dataframe[2].value.empty
    at.button(key=f"reveal-{minor['id']}").click().run()
    assert "Mia" in posting_html(at) and "Mia" in text
    assert "hidden" not in set(at.dataframe[1].value["evidence"])

    # Urgent cases are hidden too; a reviewer may turn hiding off for the session.
    urgent = next(c for c in cases if c["band"] == "urgent" and not c["minor"])
    at.session_state["case_id"] = urgent["id"]
    at.run()
    assert f"reveal-{urgent['id']}" in [b.key for b in at.button]
    at.sidebar.checkbox(key="wellness-hide").uncheck().run()
    assert posting_html(at) and f"reveal-{urgent['id']}" not in [b.key for b in at.button]


def test_the_shift_timer_and_break_reminder(ui_env: LiveApi) -> None:
    at = signed_in(ui_env.keys["reviewer"])
    assert 'class="vigil-clock running">On shift for 0:0' in clock(at, "shift-clock")[0]
    assert not [b for b in at.button if b.key == "wellness-snooze"]
    at.session_state["wellness-shift-started"] -= 95 * 60  # 95 minutes into the shift
    at.session_state["wellness-remind-from"] -= 95 * 60
    at.run()
    assert "reviewing for 95 minutes" in messages(at, "info")
    # the live clock in the sidebar starts where the shift started and says a break is due
    (shift,) = clock(at, "shift-clock")
    assert 'class="vigil-clock warning">On shift for 1:35:0' in shift
    assert '"mode": "up"' in shift and '"warnAt": 5400' in shift
    at.button(key="wellness-snooze").click().run()
    assert "reviewing for" not in messages(at, "info")
    (shift,) = clock(at, "shift-clock")  # the reminder counts from the snooze: due in 90 minutes again
    due = int(re.findall(r'"warnAt": (\d+)', shift)[0])
    assert 'class="vigil-clock running"' in shift and 95 * 60 + 90 * 60 <= due < 95 * 60 + 90 * 60 + 60
    at.sidebar.number_input(key="wellness-break-minutes").set_value(0).run()  # 0: no reminder
    at.session_state["wellness-remind-from"] -= 600 * 60
    at.run()
    assert "reviewing for" not in messages(at, "info")


def test_reports_reviewers_section_for_seniors_hides_names_by_default(ui_env: LiveApi) -> None:
    for who in ("reviewer", "reviewer2"):
        (case,) = ui_env.call("POST", "/v1/cases/claim", as_role=who, json={"count": 1})
        ui_env.call("POST", f"/v1/cases/{case['id']}/decision", as_role=who, json={"decision": "confirm"})
    ui_env.call("POST", f"/v1/cases/{case['id']}/reopen", json={"reason": "second look"})  # a senior reopens
    at = signed_in(ui_env.keys["senior"])
    open_page(at, "Reports")
    (table,) = [df.value for df in at.dataframe if "median handling" in df.value.columns]
    assert list(table["reviewer"]) == ["Reviewer 1", "Reviewer 2"]  # no names, in name order: no ranking
    assert list(table["decisions"]) == [1, 1] and list(table["overturned"]) == [0, 1]
    assert list(table["overturn rate"]) == [0.0, 100.0]
    assert "Team median handling time" in [m.label for m in at.metric]
    at.checkbox(key="reviewer-names").check().run()
    (table,) = [df.value for df in at.dataframe if "median handling" in df.value.columns]
    assert list(table["reviewer"]) == ["ui-reviewer", "ui-reviewer2"]
    auditor = open_page(signed_in(ui_env.keys["auditor"]), "Reports")
    assert not [df for df in auditor.dataframe if "median handling" in df.value.columns]


def test_queue_shows_time_in_queue_and_overdue_cases_by_band_sla(
    start_api: Callable[..., LiveApi], monkeypatch
) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from moderation_api.cases.models import Case
    from moderation_api.db import make_engine

    api = start_api(sla_urgent_minutes=30, sla_review_minutes=600)
    monkeypatch.setenv("VIGIL_API_URL", api.url)
    cases = api.call("GET", "/v1/cases", as_role="reviewer", params={"state": "open"})["items"]
    late = next(case["id"] for case in cases if case["band"] == "urgent")
    engine = make_engine(api.database_url)
    with engine.begin() as connection:  # this case has waited two hours
        connection.execute(
            update(Case).where(Case.id == late).values(opened_at=datetime.now(UTC) - timedelta(hours=2))
        )
    engine.dispose()
    at = signed_in(api.keys["reviewer"])
    listed = at.dataframe[0].value.set_index("id")
    assert listed.loc[late, "in queue"] == "2.0 h" and listed.loc[late, "SLA"].startswith("overdue by 90 min")
    others = listed.drop(index=late)
    assert not others.empty and not others["SLA"].str.startswith("overdue").any()
    urgent_left = set(others[others["band"] == "URGENT"]["SLA"])
    assert urgent_left and all(value.endswith("min left") for value in urgent_left)
    assert "SLA: URGENT within 30 min · review within 10.0 h" in " ".join(c.value for c in at.caption)


def test_a_long_posting_opens_collapsed_with_show_all(ui_env: LiveApi) -> None:
    text = URGENT + " Bike for sale, 21 speeds, barely used." * 40 + " THE LAST LINE"
    (result,) = ui_env.call(
        "POST",
        "/v1/postings",
        as_role="integrator",
        json={"postings": [{"source": "ui-test", "external_id": "long", "text": text}]},
    )["results"]
    case_id = result["case_id"] or pytest.fail("the long posting opened no case")
    at = signed_in(ui_env.keys["senior"])
    at.sidebar.checkbox(key="wellness-hide").uncheck()  # an urgent posting: shown at once for this test
    at.number_input(key="open-id-None").set_value(case_id).run()
    at.button(key="open-by-id-None").click().run()
    assert '<div class="vigil-collapsed">' in str([h.proto.body for h in at.get("html")])
    show_all = at.button(key=f"show-all-{case_id}-button")
    assert show_all.label == f"Show all ({len(text):,} characters)"
    show_all.click().run()
    assert 'vigil-collapsed">' not in str([h.proto.body for h in at.get("html")])
    assert "THE LAST LINE" in posting_html(at)
    assert f"show-all-{case_id}-button" not in [b.key for b in at.button]


def test_model_page_shows_the_registry_and_the_shadow_comparison(
    start_api: Callable[..., LiveApi], monkeypatch, tmp_path: Path
) -> None:
    import json
    import shutil
    import time

    from moderation_api.audit.schemas import ActorKind
    from moderation_api.db import make_engine, make_session_factory
    from moderation_api.model_versions import service

    shipped = Path(__file__).resolve().parents[2] / "models" / "vigil-risk-1.1.0"
    strict = (
        tmp_path / "vigil-risk-1.1.0-strict"
    )  # a copy under another version; the shipped one is untouched
    shutil.copytree(shipped, strict)
    config = json.loads((strict / "config.json").read_text(encoding="utf-8"))
    config["version"], config["thresholds"]["review"] = "1.1.0-strict", 0.95
    (strict / "config.json").write_text(json.dumps(config), encoding="utf-8")
    api = start_api(scorer="model", seed=False, model_check_seconds=0.05)
    engine = make_engine(api.database_url)
    with make_session_factory(engine)() as session:
        for path in (shipped, strict):
            service.register(session, model_dir=path, actor="cli:ops", actor_kind=ActorKind.HUMAN)
        service.promote(session, version="1.1.0", actor="cli:ops", actor_kind=ActorKind.HUMAN)
        service.shadow(session, version="1.1.0-strict", actor="cli:ana", actor_kind=ActorKind.HUMAN)
    engine.dispose()
    texts = (("u1", URGENT), ("b1", "Trek bike, $300"))
    postings = [{"source": "ui", "external_id": eid, "text": text} for eid, text in texts]
    deadline = time.monotonic() + 180
    while True:  # until the shadow scored a batch (the API's follower loads it in the background)
        api.call("POST", "/v1/postings", as_role="integrator", json={"postings": postings})
        if api.call("GET", "/v1/model/compare", as_role="senior")["scored"] or time.monotonic() > deadline:
            break
        time.sleep(0.5)
        postings = [{**p, "external_id": p["external_id"] + "x"} for p in postings]
    for queue in ("standard", "senior"):  # the urgent ad's cases may sit in either queue
        for case in api.call("POST", "/v1/cases/claim", as_role="senior", json={"count": 20, "queue": queue}):
            decision = {"decision": "confirm", "notes": "seen"}
            api.call("POST", f"/v1/cases/{case['id']}/decision", as_role="senior", json=decision)
    monkeypatch.setenv("VIGIL_API_URL", api.url)
    at = open_page(signed_in(api.keys["senior"]), "Model")
    frames = {tuple(df.value.columns): df.value for df in at.dataframe}
    registry = next(df for cols, df in frames.items() if "changed by" in cols)
    rows = dict(zip(registry["version"], registry["status"], strict=True))
    assert rows == {
        "vigil-risk 1.1.0": "active (serving)",
        "vigil-risk 1.1.0-strict": "shadow (scores every posting, routes nothing)",
    }
    assert set(registry["changed by"]) == {"cli ops", "cli ana"}
    assert "heldout: AP" in " ".join(registry["measured quality"])
    quality = next(df for cols, df in frames.items() if "shadow model" in cols)
    assert list(quality["measure"])[:2] == ["precision of opened cases", "recall of violations"]
    assert quality["active model"][0].startswith("1.000 [") and " ms" in quality["shadow model"][2]
    gaps = next(df for cols, df in frames.items() if "not decided" in cols)
    assert list(gaps["cases"]) == ["only the shadow model would open", "only the active model opened"]
    assert "None" not in " ".join(str(v) for df in frames.values() for v in df.to_numpy().ravel())
    # A reviewer sees the registry, not the comparison (leads and admins only).
    reviewer = open_page(signed_in(api.keys["reviewer"]), "Model")
    assert any("changed by" in df.value.columns for df in reviewer.dataframe)
    assert not any("shadow model" in df.value.columns for df in reviewer.dataframe)
    assert not reviewer.get("error") or not any("comparison" in e.value for e in reviewer.error)


NO_INDICATOR = "Beautiful girl visiting, gentlemen welcome, call me"


def test_a_case_no_indicator_fired_on_shows_what_raised_its_score(
    start_api: Callable[..., LiveApi], monkeypatch: pytest.MonkeyPatch
) -> None:
    api = start_api(scorer="model", seed=False)
    monkeypatch.setenv("VIGIL_API_URL", api.url)
    posting = {"source": "ui-test", "external_id": "plain", "text": NO_INDICATOR}
    (result,) = api.call("POST", "/v1/postings", as_role="integrator", json={"postings": [posting]})[
        "results"
    ]
    case_id = result["case_id"] or pytest.fail("the posting opened no case")
    at = signed_in(api.keys["reviewer"])
    at.number_input(key="open-id-None").set_value(case_id).run()
    at.button(key="open-by-id-None").click().run()
    assert not at.exception, at.exception
    (expander,) = [e for e in at.expander if e.label == "What raised the score"]
    views, ngrams = (frame.value for frame in expander.dataframe)
    assert list(views["part"])[-1] == "model baseline"
    # the table is the API's arithmetic: each view's share and the baseline, which add up to the score
    found = api.call("GET", f"/v1/cases/{case_id}", as_role="reviewer", params={"explain": "true"})[
        "explanation"
    ]
    expected = {
        **{k: round(v, 2) for k, v in found["views"].items()},
        "baseline": round(found["intercept"], 2),
    }
    assert sorted(views["log-odds"]) == sorted(expected.values())
    logit = found["intercept"] + sum(found["views"].values())
    assert 1 / (1 + math.exp(-logit)) == pytest.approx(result["risk_score"], abs=1e-5)
    assert len(ngrams) == 12 and set(ngrams["effect"]) <= {"raises", "lowers"}
    shown = [gram.replace("␣", " ").strip() for cell in ngrams["n-gram"] for gram in cell.split(" / ")]
    assert all(gram in NO_INDICATOR.lower() for gram in shown)
    assert "taken apart in log-odds" in " ".join(c.value for c in expander.caption)


def test_lease_warning_in_its_last_minute_with_one_click_renew_and_a_live_time_in_queue(
    start_api: Callable[..., LiveApi], monkeypatch: pytest.MonkeyPatch
) -> None:
    api = start_api(lease_seconds=50)  # every lease starts inside its last minute
    monkeypatch.setenv("VIGIL_API_URL", api.url)
    at = signed_in(api.keys["reviewer"])
    at.button(key="claim-standard").click().run()
    case_id = at.session_state["case_id"]
    (lease,) = clock(at, f"lease-{case_id}-")
    assert 'class="vigil-clock warning">Lease ends in 0:4' in lease and "renew it (L)" in lease
    assert '"mode": "down"' in lease and '"warnAt": 60' in lease
    (in_queue,) = clock(at, f"in-queue-{case_id}")
    assert "In queue for 0:" in in_queue and '"mode": "up"' in in_queue
    before = api.call("GET", f"/v1/cases/{case_id}", as_role="reviewer")["case"]["lease_expires_at"]
    time.sleep(1.1)
    at.button(key=f"renew-{case_id}").click().run()
    assert not at.exception, at.exception
    after = api.call("GET", f"/v1/cases/{case_id}", as_role="reviewer")["case"]["lease_expires_at"]
    assert after > before
    (renewed,) = clock(at, f"lease-{case_id}-")  # a new clock for the new expiry
    assert renewed != lease and "Lease ends in 0:" in renewed
    # the queue's "My claimed cases" counts the lease down live too
    open_page(at, "Queue")
    (mine,) = clock(at, f"my-lease-{case_id}-")
    assert "lease ends in 0:" in mine


APPEAL_STATEMENT = "My bike ad was taken down by mistake. <b>**Please**</b> check \u202eagain\u202c"


def test_an_appeal_shows_the_decision_its_note_and_the_statement_side_by_side_and_is_decided(
    ui_env: LiveApi,
) -> None:
    # reviewer confirms a case with a note; the platform files the poster's appeal
    (case,) = ui_env.call("POST", "/v1/cases/claim", as_role="reviewer", json={"queue": "standard"})
    body = {"decision": "confirm", "notes": "sells <i>people</i>, not bikes"}
    ui_env.call("POST", f"/v1/cases/{case['id']}/decision", as_role="reviewer", json=body)
    filed = {"case_id": case["id"], "statement": APPEAL_STATEMENT, "appellant_ref": "user-7"}
    appeal = ui_env.call("POST", "/v1/appeals", as_role="integrator", json=filed)
    # the deciding reviewer may not take it: nothing to claim for them
    at = open_page(signed_in(ui_env.keys["reviewer"]), "Appeals")
    at.button(key="claim-appeal").click().run()
    assert "No appeal waiting that you may take" in messages(at, "info")
    # another reviewer claims it and reads both sides
    at = open_page(signed_in(ui_env.keys["reviewer2"]), "Appeals")
    assert f"#{appeal['id']}" in list(at.dataframe[0].value["appeal"])
    at.button(key="claim-appeal").click().run()
    assert not at.exception, at.exception
    assert f"Claimed appeal #{appeal['id']}." in messages(at, "success")
    texts = [t.value for t in at.text]
    assert "Confirmed as a violation" in texts and "sells <i>people</i>, not bikes" in texts
    # the statement as written, as plain text, with the override as a marker
    assert "My bike ad was taken down by mistake. <b>**Please**</b> check ⟨RLO⟩again⟨PDF⟩" in texts
    assert not [m for m in at.markdown if "Please" in m.value]
    columns = [c for c in at.columns if any("Appellant" in m.value for m in c.markdown)]
    assert columns, "the statement sits in a column beside the original decision"
    # both choices are needed: nothing preselected
    form_button = next(b for b in at.get("form_submit_button") if b.key == f"appeal-decide-{appeal['id']}")
    form_button.click().run()
    assert "Choose: uphold or overturn." in messages(at, "error")
    at.radio(key=f"appeal-outcome-{appeal['id']}").set_value("overturned")
    at.text_area(key=f"appeal-reason-{appeal['id']}").input("The ad is for a real bicycle.")
    next(b for b in at.get("form_submit_button") if b.key == f"appeal-decide-{appeal['id']}").click().run()
    assert not at.exception, at.exception
    assert f"Appeal #{appeal['id']} overturned" in messages(at, "success")
    decided = ui_env.call("GET", f"/v1/appeals/{appeal['id']}", as_role="senior")["appeal"]
    assert (decided["outcome"], decided["outcome_reason"]) == ("overturned", "The ad is for a real bicycle.")
    assert "Decided: overturned" in messages(at, "info")


def test_admin_registers_a_webhook_reads_its_delivery_log_and_replays_dead_deliveries(
    start_api: Callable[..., LiveApi], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.review_ui.conftest import free_port

    api = start_api(
        seed=False, webhook_allow_private_targets=True, webhook_max_attempts=1, webhook_dispatch_seconds=0.2
    )
    monkeypatch.setenv("VIGIL_API_URL", api.url)
    at = open_page(signed_in(api.keys["admin"]), "Webhooks")
    assert "No endpoint registered." in [c.value for c in at.caption]
    dead_end = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens: every attempt fails
    at.text_input(key="wh-url").input(dead_end)
    at.multiselect(key="wh-events").set_value(["case.opened"])
    next(b for b in at.get("form_submit_button") if b.key == "wh-register").click().run()
    assert not at.exception, at.exception
    assert "Endpoint #" in messages(at, "success")
    (secret,) = [c.value for c in at.code]
    assert secret.startswith("whsec_")
    at.button(key="wh-secret-done").click().run()
    assert not at.code  # shown once
    # an ingested posting opens a case: one case.opened event, delivered (and failing) in the background
    posting = {"source": "ui-test", "external_id": "w1", "text": URGENT}
    api.call("POST", "/v1/postings", as_role="integrator", json={"postings": [posting]})
    (endpoint,) = api.call("GET", "/v1/webhooks/endpoints", as_role="admin")
    deadline = time.monotonic() + 30
    while api.call("GET", f"/v1/webhooks/endpoints/{endpoint['id']}/deliveries", as_role="admin",
                   params={"status": "dead"})["total"] == 0:  # fmt: skip
        assert time.monotonic() < deadline, "the delivery never went dead"
        time.sleep(0.2)
    at.run()
    log = at.dataframe[1].value
    assert next(iter(log["event"])).startswith("case.opened #") and list(log["status"]) == ["dead"]
    assert list(log["attempts"]) == [1] and next(iter(log["last error"])) != "—"
    attempts = at.dataframe[2].value
    assert list(attempts["outcome"]) and list(attempts["attempt"]) == [1]
    at.button(key=f"wh-replay-dead-{endpoint['id']}").click().run()
    assert not at.exception, at.exception
    assert "1 of the dead deliveries will be sent again" in messages(at, "success")
    audit = api.call("GET", f"/v1/webhooks/endpoints/{endpoint['id']}/deliveries", as_role="admin")
    assert audit["items"][0]["status"] in ("pending", "dead")  # replayed: retried at once, fails again
