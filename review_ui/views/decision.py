"""Deciding a case safely and fast: nothing preselected, the button says what it will do, undo after.

- The reviewer picks the decision and then the reason (dismiss) or kind (escalate) with buttons; nothing is
  chosen until they click or press its key. Picking reruns only this panel (a fragment), not the page.
- The note sits in a form: typing never reruns anything, and the submit sends note and choice together.
  The note is marked required when the API's note rule for the chosen decision says so.
- Problems are shown next to the field they concern; a refusal by the API next to the submit button.
- After a decision the reviewer sees what was recorded and can undo it within the API's window.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import streamlit as st

from review_ui.client import ApiError, VigilClient
from review_ui.labels import (
    DECISIONS,
    DISMISS_REASON_HELP,
    DISMISS_REASONS,
    ESCALATION_KIND_HELP,
    ESCALATION_KINDS,
    action_label,
    decision_label,
)
from review_ui.navigation import CASE, QUEUE, flash, go_to, show
from review_ui.tables import parse_time
from review_ui.timers import countdown

DECISION_KEYS = {"confirm": "V", "dismiss": "D", "escalate": "E"}
OPTION_KEYS = ("1", "2", "3", "4")
NEXT_KEY, RENEW_KEY, UNDO_KEY = "Ctrl+Enter", "L", "U"
SHORTCUT_HELP = (
    "Keys: V confirm · D dismiss · E escalate · 1–4 reason or kind · Ctrl+Enter decide & next "
    "(works in the note too) · L renew lease · U undo the last decision"
)


def _choice(case_id: int) -> dict[str, str]:
    choice: dict[str, str] = st.session_state.setdefault(f"choice-{case_id}", {})
    return choice


def _errors(case_id: int) -> dict[str, str]:
    errors: dict[str, str] = st.session_state.setdefault(f"errors-{case_id}", {})
    return errors


def _pick(case_id: int, field: str, value: str) -> None:
    choice = _choice(case_id)
    if field == "decision" and choice.get("decision") != value:
        choice.clear()  # a reason chosen for dismiss is no escalation kind
    choice[field] = value
    _errors(case_id).pop(field, None)
    _errors(case_id).pop("form", None)


def _pick_buttons(case_id: int, field: str, options: dict[str, str], keys: dict[str, str]) -> None:
    chosen = _choice(case_id).get(field)
    row = st.container(horizontal=True, gap="small")
    for value, text in options.items():
        row.button(
            text,
            key=f"{field}-{case_id}-{value}",
            type="primary" if value == chosen else "secondary",
            shortcut=keys[value],
            on_click=_pick,
            args=(case_id, field, value),
        )


def _field_error(case_id: int, field: str) -> None:
    message = _errors(case_id).get(field)
    if message:
        show("error", message)


def _validate(case_id: int, why_note: dict[str, str | None], notes: str | None) -> bool:
    """The checks the UI can make before asking the API; each problem is kept for the field it concerns."""
    choice, errors = _choice(case_id), _errors(case_id)
    errors.clear()
    decision = choice.get("decision")
    if decision is None:
        errors["decision"] = "Choose a decision: confirm, dismiss or escalate."
    elif decision != "confirm" and not choice.get("option"):
        errors["option"] = "Choose a reason." if decision == "dismiss" else "Choose the escalation kind."
    needed_because = why_note.get(decision or "")
    if needed_because and not notes:
        errors["note"] = f"A note is required: {needed_because}."
    return not errors


def _submit(
    client: VigilClient, case: dict[str, Any], why_note: dict[str, str | None], then_next: bool
) -> None:
    """Form callback: validate, record the decision, offer undo, and claim the next case if asked."""
    case_id = case["id"]
    notes = (st.session_state.get(f"notes-{case_id}") or "").strip() or None
    if not _validate(case_id, why_note, notes):
        return
    choice = _choice(case_id)
    decision, option = choice["decision"], choice.get("option")
    try:
        recorded = client.decide(
            case_id,
            decision=decision,
            reason=option if decision == "dismiss" else None,
            escalation_kind=option if decision == "escalate" else None,
            notes=notes,
        )
    except ApiError as exc:
        if exc.status == 422:  # the request was incomplete: the reviewer fixes it right here
            _errors(case_id)["form"] = f"Not recorded: {exc.message}"
            return
        # The case changed hands: keep the reviewer's words, show why on the page.
        st.session_state[f"unsent-{case_id}"] = {"decision": decision, "notes": notes or ""}
        flash("error", f"The decision was not recorded: {exc}")
        st.session_state["page-stale"] = True
        return
    st.session_state.pop(f"unsent-{case_id}", None)
    what = decision_label(
        decision, option if decision == "dismiss" else None, option if decision == "escalate" else None
    )
    st.session_state["undo"] = {"case_id": case_id, "what": what, "until": recorded.get("undo_until")}
    st.session_state["page-stale"] = True
    if not then_next:
        return
    try:
        claimed = client.claim(queue=case["queue"])
    except ApiError as exc:
        flash("warning", f"Claiming the next case failed: {exc}")
        return
    if claimed:
        st.session_state["case_id"] = claimed[0]["id"]
    else:
        flash("info", f"The {case['queue']} queue is empty.")
        st.session_state.pop("case_id", None)
        go_to(QUEUE)


def _renew(client: VigilClient, case_id: int) -> None:
    try:
        client.renew(case_id)
    except ApiError as exc:
        flash("error", f"Could not renew the lease: {exc}")
    st.session_state["page-stale"] = True


def _release(client: VigilClient, case_id: int) -> None:
    try:
        client.release(case_id)
    except ApiError as exc:
        flash("error", f"Could not release the case: {exc}")
        return
    flash("info", f"Case #{case_id} released back to the queue.")
    st.session_state.pop("case_id", None)
    go_to(QUEUE)


def _lease(client: VigilClient, case: dict[str, Any]) -> None:
    case_id = case["id"]
    expires = parse_time(case.get("lease_expires_at"))
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    with row:
        if expires is not None:
            countdown(
                f"lease-{case_id}-{int(expires.timestamp())}",
                expires,
                running="You hold this case · lease {time} left",
                warning="Lease ends in {time}: renew it (L) or the case returns to the queue",
                ended="Your lease ended: the case is back in the queue; claim it again to decide",
            )
        st.button("Renew lease", key=f"renew-{case_id}", shortcut=RENEW_KEY, on_click=_renew,
                  args=(client, case_id))  # fmt: skip
        st.button("Release", key=f"release-{case_id}", on_click=_release, args=(client, case_id))


@st.fragment
def decision_panel(client: VigilClient, case: dict[str, Any], options: list[dict[str, Any]]) -> None:
    """The decisions the API says this case accepts; a rerun of this panel leaves the page as it is."""
    if st.session_state.get("case_id") != case["id"] or st.session_state.pop("page-stale", False):
        st.rerun()  # a decision was recorded, or the case changed: draw the whole page again
    case_id = case["id"]
    why_note = {option["decision"]: option["note_required_because"] for option in options}
    choice = _choice(case_id)
    decision = choice.get("decision")
    with st.container(border=True):
        st.markdown("**Decision** — choose one")
        _pick_buttons(case_id, "decision", {d: DECISIONS[d] for d in why_note}, DECISION_KEYS)
        _field_error(case_id, "decision")
        if decision in ("dismiss", "escalate"):
            names, helps = (
                (DISMISS_REASONS, DISMISS_REASON_HELP)
                if decision == "dismiss"
                else (ESCALATION_KINDS, ESCALATION_KIND_HELP)
            )
            st.markdown(
                "**Reason** (required)" if decision == "dismiss" else "**Escalation kind** (required)"
            )
            options_shown = {value: f"{names[value].capitalize()}" for value in names}
            keys = dict(zip(options_shown, OPTION_KEYS, strict=False))
            _pick_buttons(case_id, "option", options_shown, keys)
            chosen = choice.get("option")
            if chosen:
                st.caption(helps[chosen].capitalize() + ".")
            _field_error(case_id, "option")
        needed_because = why_note.get(decision or "")
        action = action_label(decision, choice.get("option"))
        with st.form(f"decide-form-{case_id}", border=False, enter_to_submit=False):
            st.text_area(
                "Note — required" if needed_because else "Note (optional)",
                key=f"notes-{case_id}",
                max_chars=4000,
                height=68,
                placeholder=f"Required: {needed_because}"
                if needed_because
                else "Why (kept in the audit trail)",
            )
            _field_error(case_id, "note")
            buttons = st.container(horizontal=True, gap="small")
            with buttons:
                st.form_submit_button(
                    f"{action} & next" if action else "Decide & next",
                    type="primary",
                    key=f"decide-next-{case_id}",
                    shortcut=NEXT_KEY,
                    on_click=_submit,
                    args=(client, case, why_note, True),
                )
                st.form_submit_button(
                    f"{action} only" if action else "Decide only",
                    key=f"decide-{case_id}",
                    on_click=_submit,
                    args=(client, case, why_note, False),
                )
            _field_error(case_id, "form")
        _lease(client, case)
    st.caption(SHORTCUT_HELP)


def _undo(client: VigilClient, case_id: int) -> None:
    try:
        client.reopen(case_id)
    except ApiError as exc:
        flash("error", f"Case #{case_id} could not be undone: {exc}")
        st.session_state.pop("undo", None)
        return
    st.session_state.pop("undo", None)
    st.session_state.pop(f"choice-{case_id}", None)
    flash("success", f"Case #{case_id}: decision taken back. You hold it again; decide it anew.")
    go_to(CASE, case_id)


def undo_banner(client: VigilClient) -> None:
    """What the last decision recorded, with an Undo button while the API's undo window is open."""
    last = st.session_state.get("undo")
    if not last:
        return
    until = parse_time(last.get("until"))
    message = f"Case #{last['case_id']} {last['what']} — recorded."
    if until is None or until <= datetime.now(UTC):
        st.session_state.pop("undo", None)
        show("success", message)
        return
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        show("success", message)
        st.button(f"Undo case #{last['case_id']}", key="undo-last", shortcut=UNDO_KEY, on_click=_undo,
                  args=(client, last["case_id"]))  # fmt: skip
        countdown(
            f"undo-{last['case_id']}-{int(until.timestamp())}",
            until,
            running="undo possible for {time}",
            warning="undo possible for {time}",
            ended="the undo window has closed",
        )


def _reopen(client: VigilClient, case_id: int) -> None:
    reason = (st.session_state.get(f"reopen-reason-{case_id}") or "").strip() or None
    try:
        client.reopen(case_id, reason=reason)
    except ApiError as exc:
        st.session_state[f"reopen-error-{case_id}"] = f"Not reopened: {exc.message}"
        return
    st.session_state.pop(f"reopen-error-{case_id}", None)
    st.session_state.pop(f"choice-{case_id}", None)
    flash("success", f"Case #{case_id} reopened.")


def reopen_panel(client: VigilClient, case: dict[str, Any], option: dict[str, Any]) -> None:
    """For a decided (or just escalated) case the signed-in reviewer may take back: say how, then do it."""
    case_id = case["id"]
    undo = option.get("action") == "undo"
    with st.container(border=True):
        st.markdown("**Undo your decision**" if undo else "**Reopen this case**")
        st.caption(
            "You decided it moments ago: undoing gives the case back to you to decide again."
            if undo
            else "It goes back to its queue for a new decision; the reason is kept in the audit trail."
        )
        with st.form(f"reopen-form-{case_id}", border=False, enter_to_submit=False):
            required = bool(option.get("reason_required"))
            reason_label = "Reason — required" if required else "Reason (optional)"
            st.text_area(reason_label, key=f"reopen-reason-{case_id}", max_chars=4000, height=68)
            st.form_submit_button("Undo my decision" if undo else "Reopen case", key=f"reopen-{case_id}",
                                  on_click=_reopen, args=(client, case_id))  # fmt: skip
            error = st.session_state.get(f"reopen-error-{case_id}")
            if error:
                show("error", error)
