"""Blind QA: the QA queue page and the blind review of one case (a QA sample or a second review).

The API never sends a blind case's score, band, indicators, evidence, categories or earlier decisions; this
view shows what it gets — the posting as plain text and its plain facts — and asks one question: is this a
violation (and of which kind) or not. The posting text is untrusted: it goes through `highlight_html` with
no highlights (escaped; invisible characters shown as markers), never through Markdown.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from review_ui.client import ApiError, VigilClient
from review_ui.highlight import POSTING_CSS, highlight_html, visible_controls
from review_ui.labels import CATEGORIES, STATES, actor_label, label
from review_ui.navigation import BLIND_QA, CASE, flash, go_to, show
from review_ui.tables import lease_left

BLIND_SOURCES = ("qa_sample", "double_review")
VIOLATION, NOT_VIOLATION = "violation", "not a violation"
ANSWER_CATEGORIES = ("sex_trafficking", "labor_trafficking", "minor_involved")
WHY_BLIND = (
    "Blind review: you see the posting without the model's score, band, indicators or any earlier "
    "decision, so your answer measures what the model and other reviewers miss, not what they said."
)


def _claim_next(client: VigilClient) -> None:
    try:
        claimed = client.claim(queue="qa")
    except ApiError as exc:
        flash("error", f"Could not claim a QA case: {exc}")
        return
    if not claimed:
        flash("info", "No blind QA case is waiting for you.")
        return
    go_to(CASE, claimed[0]["id"])


def render_queue(client: VigilClient, me: dict[str, Any]) -> None:
    st.title("Blind QA")
    st.caption(
        "A small random share of postings the model did not flag, and of decided cases, reviewed again "
        "without the model's view. Second reviews of your own decisions are never given to you."
    )
    by_state = client.stats()["by_queue"].get("qa", {})
    figures = st.columns(3)
    figures[0].metric("Waiting", by_state.get("open", 0))
    figures[1].metric("Being answered", by_state.get("assigned", 0))
    figures[2].metric("Answered", by_state.get("decided", 0))
    st.button("Claim next QA case", type="primary", key="claim-qa", on_click=_claim_next, args=(client,))
    held = [case for case in client.my_cases() if case["source"] in BLIND_SOURCES]
    for case in held:
        cells = st.columns([1, 3, 2])
        cells[0].text(f"#{case['id']}")
        cells[1].text(f"lease: {lease_left(case)}")
        cells[2].button("Open", key=f"open-qa-{case['id']}", on_click=go_to, args=(CASE, case["id"]))


def _answer(client: VigilClient, case_id: int) -> None:
    """Form callback: send the answer; on success go back to the QA page for the next one."""
    verdict = st.session_state.get(f"qa-verdict-{case_id}")
    category = st.session_state.get(f"qa-category-{case_id}")
    notes = (st.session_state.get(f"qa-notes-{case_id}") or "").strip() or None
    error_key = f"qa-error-{case_id}"
    if verdict is None:
        st.session_state[error_key] = "Choose: violation or not a violation."
        return
    if verdict == VIOLATION and category is None:
        st.session_state[error_key] = "Choose the kind of violation."
        return
    try:
        client.answer(case_id, violation=verdict == VIOLATION,
                      category=category if verdict == VIOLATION else None, notes=notes)  # fmt: skip
    except ApiError as exc:
        st.session_state[error_key] = f"Not recorded: {exc}"
        return
    st.session_state.pop(error_key, None)
    flash("success", f"Answer recorded on case #{case_id}.")
    go_to(BLIND_QA)


def _answer_form(client: VigilClient, case_id: int) -> None:
    st.markdown("**Is this posting a violation?**")
    with st.form(f"qa-form-{case_id}", border=False, enter_to_submit=False):
        st.radio(
            "Answer",
            [VIOLATION, NOT_VIOLATION],
            index=None,
            horizontal=True,
            key=f"qa-verdict-{case_id}",
            format_func=str.capitalize,
        )
        st.selectbox(
            "Kind of violation (when it is one)",
            ANSWER_CATEGORIES,
            index=None,
            format_func=lambda c: label(CATEGORIES, c).capitalize(),
            key=f"qa-category-{case_id}",
        )
        st.text_area("Note (optional)", key=f"qa-notes-{case_id}", max_chars=4000, height=68)
        st.form_submit_button("Record answer", type="primary", key=f"qa-submit-{case_id}",
                              on_click=_answer, args=(client, case_id))  # fmt: skip
    error = st.session_state.get(f"qa-error-{case_id}")
    if error:
        show("error", error)


def render_case(client: VigilClient, me: dict[str, Any], detail: dict[str, Any]) -> None:
    case, posting = detail["case"], detail["posting"]
    st.title(f"Blind review #{case['id']}")
    st.caption(WHY_BLIND)
    mine = case["state"] == "assigned" and case["assignee"] == f"key:{me['name']}"
    if case["state"] == "decided":
        show("info", "Answered.")
    elif case["state"] == "assigned" and not mine:
        show("info", f"Held by {actor_label(case['assignee'])} · lease {lease_left(case)} left.")
    elif not mine:
        show("info", f"{label(STATES, case['state']).capitalize()} in the blind QA queue.")
    left, right = st.columns([5, 4], gap="medium")
    with left:
        text = posting.get("text")
        if text is None:
            show("warning", "The posting text is not available (deleted or withheld for your role).")
        else:
            st.html(POSTING_CSS + highlight_html(text, []))
        facts = {
            "platform": visible_controls(posting["source"]),
            "location": visible_controls(posting.get("location") or "—"),
            "posted": (posting.get("posted_at") or "—")[:16].replace("T", " "),
            "language": str((posting.get("score") or {}).get("language") or "—"),
        }
        st.dataframe(pd.DataFrame({"field": list(facts), "value": list(facts.values())}), hide_index=True)
    with right:
        if mine and "cases:work" in me["permissions"]:
            _answer_form(client, case["id"])
        elif case["state"] == "open" and "cases:work" in me["permissions"]:
            st.button("Claim this QA case", key=f"qa-claim-{case['id']}", on_click=_claim_one,
                      args=(client, case["id"]))  # fmt: skip


def _claim_one(client: VigilClient, case_id: int) -> None:
    try:
        client.claim_blind(case_id)
    except ApiError as exc:
        flash("error", f"Could not claim case #{case_id}: {exc}")
