"""Appeals (DSA Art. 20): the appellant's statement beside the decision it contests, and deciding it.

The statement is the affected user's own words and the note a reviewer's: both are untrusted text, shown with
`st.text` (controls as markers), never as Markdown. Claiming and deciding follow the API's rules (nobody
takes the appeal of a case they decided; restricted cases go to seniors); the UI only asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from review_ui.client import ApiError, VigilClient
from review_ui.highlight import visible_controls
from review_ui.labels import actor_label, categories_label, decision_label, label
from review_ui.navigation import CASE, flash, go_to, show
from review_ui.tables import lease_left

APPEAL_STATES = {"open": "open", "assigned": "claimed", "decided": "decided"}
APPELLANTS = {"poster": "the poster (contests a takedown)", "notifier": "the notifier (contests a dismissal)"}
OUTCOMES = {"upheld": "Uphold the decision", "overturned": "Overturn the decision"}
OUTCOME_DONE = {"upheld": "upheld", "overturned": "overturned"}
PAGE_SIZE = 50


def _when(value: str | None) -> str:
    return (value or "—")[:16].replace("T", " ")


def appeals_frame(appeals: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    rows = [
        {
            "appeal": f"#{a['id']}",
            "case": f"#{a['case_id']}",
            "received": _when(a["received_at"]),
            "by": label(APPELLANTS, a["appellant"]).split(" (")[0],
            "contests": decision_label(a["original_decision"]),
            "categories": categories_label(a.get("categories")),
            "state": label(APPEAL_STATES, a["state"]),
            "held by": actor_label(a.get("assignee")),
            "outcome": label(OUTCOME_DONE, a.get("outcome")),
        }
        for a in appeals
    ]
    columns = ["appeal", "case", "received", "by", "contests", "categories", "state", "held by", "outcome"]
    return pd.DataFrame(rows, columns=columns)


def _open(appeal_id: int) -> None:
    st.session_state["appeal_id"] = appeal_id


def _claim(client: VigilClient) -> None:
    try:
        claimed = client.claim_appeal()
    except ApiError as exc:
        flash("error", f"Could not claim an appeal: {exc}")
        return
    if not claimed:
        flash(
            "info", "No appeal waiting that you may take (nobody handles the appeal of their own decision)."
        )
        return
    st.session_state["appeal_id"] = claimed[0]["id"]
    flash("success", f"Claimed appeal #{claimed[0]['id']}.")


def _release(client: VigilClient, appeal_id: int) -> None:
    try:
        client.release_appeal(appeal_id)
    except ApiError as exc:
        flash("error", f"Could not release the appeal: {exc}")
        return
    flash("info", f"Appeal #{appeal_id} released back to the appeals queue.")


def _decide(client: VigilClient, appeal_id: int) -> None:
    outcome = st.session_state.get(f"appeal-outcome-{appeal_id}")
    reason = (st.session_state.get(f"appeal-reason-{appeal_id}") or "").strip()
    errors = {}
    if outcome is None:
        errors["outcome"] = "Choose: uphold or overturn."
    if not reason:
        errors["reason"] = "Write the reason: the appellant is told it."
    st.session_state[f"appeal-errors-{appeal_id}"] = errors
    if errors:
        return
    try:
        client.decide_appeal(appeal_id, outcome=str(outcome), reason=reason)
    except ApiError as exc:
        errors["form"] = f"Not recorded: {exc}"
        return
    flash(
        "success",
        f"Appeal #{appeal_id} {OUTCOME_DONE[str(outcome)]}; the platform is told through its webhooks.",
    )


def _error(appeal_id: int, field: str) -> None:
    message = (st.session_state.get(f"appeal-errors-{appeal_id}") or {}).get(field)
    if message:
        show("error", message)


def _decision_form(client: VigilClient, appeal: dict[str, Any]) -> None:
    appeal_id = appeal["id"]
    with st.container(border=True):
        st.markdown("**Your decision on the appeal**")
        with st.form(f"appeal-form-{appeal_id}", border=False, enter_to_submit=False):
            st.radio(
                "Outcome",
                list(OUTCOMES),
                format_func=OUTCOMES.__getitem__,
                index=None,
                horizontal=True,
                key=f"appeal-outcome-{appeal_id}",
            )
            _error(appeal_id, "outcome")
            st.text_area(
                "Reason — required (sent to the appellant)",
                key=f"appeal-reason-{appeal_id}",
                max_chars=4000,
                height=100,
            )
            _error(appeal_id, "reason")
            st.caption(
                "Overturning reverses the case's decision: the platform is told, and the DSA statement is "
                "updated; a legal hold stays."
            )
            st.form_submit_button(
                "Record the appeal decision",
                type="primary",
                key=f"appeal-decide-{appeal_id}",
                on_click=_decide,
                args=(client, appeal_id),
            )
            _error(appeal_id, "form")
        st.button("Release", key=f"appeal-release-{appeal_id}", on_click=_release, args=(client, appeal_id))
        st.caption(f"Lease: {lease_left(appeal)} left.")


def _side_by_side(detail: dict[str, Any]) -> None:
    """The original decision and its reviewer's note on the left, the appellant's statement on the right."""
    appeal, original = detail["appeal"], detail["original"]
    left, right = st.columns(2, gap="medium")
    with left, st.container(border=True):
        st.markdown("**Original decision**")
        st.text(decision_label(original.get("decision"), original.get("reason")).capitalize())
        withheld = (detail.get("access") or {}).get("withheld") or []
        by = (
            actor_label(original.get("decided_by")) if "history" not in withheld else "withheld for your role"
        )
        st.caption(f"by {by} · {_when(original.get('decided_at'))} UTC")
        st.markdown("**Reviewer's note**")
        if "history" in withheld:
            show("warning", f"Withheld for your role: {(detail.get('access') or {}).get('reason')}.")
        elif original.get("notes"):
            st.text(visible_controls(original["notes"]))
        else:
            st.caption("The reviewer left no note.")
    with right, st.container(border=True):
        st.markdown(f"**Appellant's statement** — {label(APPELLANTS, appeal['appellant'])}")
        st.text(visible_controls(detail["statement"]))
        st.caption(
            f"received {_when(appeal['received_at'])} UTC"
            + (
                f" · platform reference {visible_controls(appeal['appellant_ref'])}"
                if appeal.get("appellant_ref")
                else ""
            )
        )


def _appeal(client: VigilClient, me: dict[str, Any], appeal_id: int) -> None:
    try:
        detail = client.appeal(appeal_id)
    except ApiError as exc:
        show("error", f"Appeal #{appeal_id} cannot be shown: {exc}")
        return
    appeal, case = detail["appeal"], detail["case"]
    st.subheader(f"Appeal #{appeal['id']} of case #{case['id']}")
    st.caption(
        f"{label(APPEAL_STATES, appeal['state'])} · categories: {categories_label(appeal.get('categories'))}"
        + (" · restricted (senior reviewers)" if appeal.get("restricted") else "")
    )
    _side_by_side(detail)
    st.button(
        f"Open case #{case['id']}", key=f"appeal-case-{appeal_id}", on_click=go_to, args=(CASE, case["id"])
    )
    if appeal["state"] == "decided":
        show(
            "info",
            f"Decided: {label(OUTCOME_DONE, appeal.get('outcome'))} ({_when(appeal.get('decided_at'))} UTC).",
        )
        if appeal.get("outcome_reason"):
            st.text("Reason given: " + visible_controls(appeal["outcome_reason"]))
    elif appeal["state"] == "assigned" and appeal.get("assignee") == f"key:{me['name']}":
        _decision_form(client, appeal)
    elif appeal["state"] == "assigned":
        show("info", f"Held by {actor_label(appeal.get('assignee'))}. Read-only for you.")


def render(client: VigilClient, me: dict[str, Any]) -> None:
    st.title("Appeals")
    st.caption(
        "Complaints against decisions (DSA Art. 20), filed by the platform for the affected user. Nobody "
        "handles the appeal of a case they decided."
    )
    if "appeals:work" in me["permissions"]:
        st.button("Claim next appeal", type="primary", key="claim-appeal", on_click=_claim, args=(client,))
    state = st.selectbox(
        "State",
        ["open", "assigned", "decided", "any"],
        key="appeals-state",
        format_func=lambda s: "any" if s == "any" else label(APPEAL_STATES, s),
    )
    listed = client.appeals(state=None if state == "any" else state, limit=PAGE_SIZE)
    if listed:
        st.dataframe(appeals_frame(listed), hide_index=True, width="stretch")
        columns = st.columns([3, 1], vertical_alignment="bottom")
        chosen = columns[0].selectbox(
            "Appeal", [a["id"] for a in listed], format_func=lambda i: f"appeal #{i}", key="appeal-pick"
        )
        columns[1].button("Open appeal", key="appeal-open", on_click=_open, args=(chosen,))
    else:
        st.caption("No appeal in this state.")
    appeal_id = st.session_state.get("appeal_id")
    if appeal_id is not None:
        st.divider()
        _appeal(client, me, int(appeal_id))
