"""Case review: the posting with its evidence highlighted safely, scores, contacts, network, history, decide.

Posting text and everything derived from it is untrusted: the text goes through `highlight_html`
(escaped, only our `<mark>` tags) into `st.html`, or into `st.text`; evidence, contacts and notes go into
DataFrames. Nothing of it reaches `st.markdown`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from review_ui.client import ApiError, VigilClient
from review_ui.highlight import POSTING_CSS, evidence_highlights, highlight_html
from review_ui.navigation import CASE, QUEUE, flash, go_to, open_case_by_number, show
from review_ui.tables import (
    BAND_COLORS,
    band_label,
    counts_frame,
    entities_frame,
    history_frame,
    indicators_frame,
    lease_left,
    related_frame,
)

DISMISS_REASONS = {
    "false_positive": "False positive — not a trafficking indicator",
    "insufficient_info": "Insufficient information",
    "duplicate": "Duplicate of another case",
    "out_of_scope": "Out of scope (other policy)",
}
ESCALATION_KINDS = {
    "minor_involved": "Minor involved (child-safety team; places a legal hold)",
    "adult_trafficking_law_enforcement": "Adult trafficking — law-enforcement referral",
    "policy_question": "Policy question for a senior reviewer",
}
DECISIONS = {"confirm": "Confirm violation", "dismiss": "Dismiss", "escalate": "Escalate"}


def _pick_case() -> None:
    show("info", "No case open. Claim the next case from the queue, or open one by its number.")
    open_case_by_number(input_key="case-pick", button_key="case-pick-open")


def _posting(posting: dict[str, Any]) -> None:
    st.markdown("**Posting** — shown as plain text; highlights mark the evidence (hover for why)")
    text = posting.get("text")
    access = posting.get("access") or {}
    if access.get("withheld"):
        show("warning", f"Withheld for your role ({', '.join(access['withheld'])}): {access.get('reason')}.")
    if text is None and posting.get("deleted"):
        show("warning", "The posting text was deleted at the platform's request; the decision is kept.")
    elif text is not None:
        st.html(POSTING_CSS + highlight_html(text, evidence_highlights(posting["score"])))
        st.caption("red: high-severity cue · amber: medium · blue: low · green dashed: contact / price / age")
        with st.expander("Unhighlighted text"):
            st.text(text)
    facts = {
        "platform": posting["source"],
        "platform id": posting["external_id"],
        "location": posting.get("location") or "—",
        "posted": (posting.get("posted_at") or "—")[:16].replace("T", " "),
        "ingested": posting["ingested_at"][:16].replace("T", " "),
        "legal hold": (posting.get("legal_hold_until") or "no")[:10],
    }
    facts_frame = pd.DataFrame({"field": list(facts), "value": list(facts.values())})
    st.dataframe(facts_frame, hide_index=True, width="stretch")


def _scores(case: dict[str, Any], score: dict[str, Any]) -> None:
    st.badge(f"{band_label(case['band'])} band", color=BAND_COLORS.get(case["band"], "gray"))
    top = st.columns(2)
    top[0].metric("Risk score", f"{case['risk_score']:.2f}")
    top[1].metric("Urgent score", f"{float(score.get('urgent_score', 0.0)):.2f}")
    for name, value in sorted((score.get("category_scores") or {}).items()):
        st.progress(min(max(float(value), 0.0), 1.0), text=f"{name.replace('_', ' ')}: {float(value):.2f}")
    st.caption(f"model {case.get('model_version') or '—'} · thresholds {score.get('thresholds', {})}")


def _network(client: VigilClient, posting: dict[str, Any], me: dict[str, Any]) -> None:
    for signal in (posting.get("network") or {}).get("signals") or []:
        show("warning", f"Network signal: {signal.get('explanation') or signal.get('id', '')}")
    related = client.related(posting["id"])["related"]
    if not related:
        st.caption("No other posting shares a contact or a near-identical text.")
        return
    st.dataframe(related_frame(related), hide_index=True, width="stretch")
    cluster_id = posting.get("cluster_id")
    if cluster_id is None:
        return
    cluster = client.cluster(int(cluster_id))
    features = cluster["features"]
    title = f"Network cluster #{cluster_id}: {cluster['size']} postings"
    with st.expander(title, expanded=cluster["size"] > 2):
        figures = st.columns(4)
        figures[0].metric("Postings", cluster["size"])
        figures[1].metric("Places", features["distinct_locations"])
        figures[2].metric("Postings per day", f"{features['postings_per_day']:.1f}")
        figures[3].metric("Confirmed share", f"{features['confirmed_share']:.0%}")
        if cluster["shared_contacts"]:
            st.text("Contacts shared inside the cluster (postings using each):")
            shared = cluster["shared_contacts"]
            st.dataframe(counts_frame(shared, label="contact"), hide_index=True, width="stretch")
        if cluster["locations"]:
            st.text("Places: " + ", ".join(cluster["locations"]))
        st.dataframe(related_frame(cluster["members"]), hide_index=True, width="stretch")
        if cluster.get("withheld_members"):
            st.caption(f"{cluster['withheld_members']} restricted member(s) withheld for your role.")
        _open_member_case(cluster["members"], exclude=posting["id"])
        if "cases:senior" in me["permissions"]:
            _cluster_decision(client, cluster)


def _cluster_decision(client: VigilClient, cluster: dict[str, Any]) -> None:
    """Senior bulk action: one decision for several undecided cases of the cluster, each audited."""
    open_ids = sorted(
        {m["case_id"] for m in cluster["members"] if m.get("case_id") and not m.get("decision")}
    )
    if len(open_ids) < 2:
        return
    st.text("Decide several cases of this cluster at once (each case is claimed, decided and audited):")
    key = f"bulk-{cluster['id']}"
    chosen = st.multiselect("Cases", open_ids, format_func=lambda c: f"case #{c}", key=f"{key}-cases")
    decision = st.radio("Bulk decision", ["confirm", "dismiss"], format_func=DECISIONS.__getitem__,
                        horizontal=True, key=f"{key}-decision")  # fmt: skip
    reason = None
    if decision == "dismiss":
        reason = st.selectbox("Bulk reason", list(DISMISS_REASONS), format_func=DISMISS_REASONS.__getitem__,
                              key=f"{key}-reason")  # fmt: skip
    notes = st.text_area("Bulk note", key=f"{key}-notes", max_chars=4000)
    if st.button("Apply to selected cases", key=f"{key}-apply", disabled=not chosen):
        try:
            results = client.cluster_decision(
                cluster["id"], case_ids=list(chosen), decision=decision, reason=reason, notes=notes or None
            )
        except ApiError as exc:
            show("error", f"The bulk decision was not applied: {exc}")
            return
        done = [r["case_id"] for r in results if r["ok"]]
        failed = [f"#{r['case_id']}: {r['error']}" for r in results if not r["ok"]]
        summary = f"Cluster #{cluster['id']}: {decision} recorded for " + (
            ", ".join(f"#{c}" for c in done) or "no case"
        )
        flash(
            "warning" if failed else "success",
            summary + (". Refused: " + "; ".join(failed) if failed else "."),
        )
        st.rerun()


def _open_member_case(members: list[dict[str, Any]], *, exclude: int) -> None:
    """Jump to the case of another cluster member."""
    case_ids = sorted({m["case_id"] for m in members if m.get("case_id") and m["id"] != exclude})
    if not case_ids:
        return
    columns = st.columns([3, 1])
    chosen = columns[0].selectbox(
        "Member case", case_ids, format_func=lambda c: f"case #{c}", key=f"member-case-{exclude}"
    )
    columns[1].button("Open member case", key=f"open-member-{exclude}", on_click=go_to, args=(CASE, chosen))


def _decide(client: VigilClient, case: dict[str, Any], then_next: bool) -> None:
    """Button callback, so it runs even if the case changed hands meanwhile and the panel is not redrawn."""
    case_id = case["id"]
    decision = st.session_state[f"decision-{case_id}"]
    notes = (st.session_state.get(f"notes-{case_id}") or "").strip() or None
    try:
        client.decide(
            case_id,
            decision=decision,
            reason=st.session_state.get(f"reason-{case_id}") if decision == "dismiss" else None,
            escalation_kind=st.session_state.get(f"kind-{case_id}") if decision == "escalate" else None,
            notes=notes,
        )
    except ApiError as exc:
        # Nothing typed is lost: the note is kept and shown again even if the panel cannot be.
        st.session_state[f"unsent-{case_id}"] = {"decision": decision, "notes": notes or ""}
        flash("error", f"The decision was not recorded: {exc}")
        return
    st.session_state.pop(f"unsent-{case_id}", None)
    flash("success", f"Case #{case_id}: {decision} — recorded.")
    if not then_next:
        return
    try:
        claimed = client.claim(queue=case["queue"])
    except ApiError as exc:
        flash("warning", f"Case #{case_id}: {decision} — recorded, but claiming the next case failed: {exc}")
        return
    if claimed:
        st.session_state["case_id"] = claimed[0]["id"]
    else:
        flash("info", f"Case #{case_id}: {decision} — recorded. The {case['queue']} queue is empty.")
        st.session_state.pop("case_id", None)
        go_to(QUEUE)


def _renew(client: VigilClient, case_id: int) -> None:
    try:
        client.renew(case_id)
    except ApiError as exc:
        flash("error", f"Could not renew the lease: {exc}")


def _release(client: VigilClient, case_id: int) -> None:
    try:
        client.release(case_id)
    except ApiError as exc:
        flash("error", f"Could not release the case: {exc}")
        return
    flash("info", f"Case #{case_id} released back to the queue.")
    st.session_state.pop("case_id", None)
    go_to(QUEUE)


def _decision_panel(client: VigilClient, case: dict[str, Any], options: list[dict[str, Any]]) -> None:
    """The decisions the API says this case accepts, each with the API's reason when it needs a note."""
    case_id = case["id"]
    st.subheader("Decision")
    st.caption(f"You hold this case · lease {lease_left(case)} left")
    why_note = {option["decision"]: option["note_required_because"] for option in options}
    decision = st.radio(
        "Decision",
        list(why_note),
        format_func=DECISIONS.__getitem__,
        horizontal=True,
        key=f"decision-{case_id}",
    )
    if decision == "dismiss":
        st.selectbox("Reason", list(DISMISS_REASONS), format_func=DISMISS_REASONS.__getitem__,
                     key=f"reason-{case_id}")  # fmt: skip
    if decision == "escalate":
        st.selectbox("Escalation kind", list(ESCALATION_KINDS), format_func=ESCALATION_KINDS.__getitem__,
                     key=f"kind-{case_id}")  # fmt: skip
    needed_because = why_note.get(decision)
    st.text_area(
        "Note (required)" if needed_because else "Note (optional)",
        key=f"notes-{case_id}",
        max_chars=4000,
        help=f"Required: {needed_because}." if needed_because else None,
    )
    buttons = st.columns(2)
    buttons[0].button("Decide & next", type="primary", key=f"decide-next-{case_id}", width="stretch",
                      on_click=_decide, args=(client, case, True))  # fmt: skip
    buttons[1].button("Decide", key=f"decide-{case_id}", width="stretch",
                      on_click=_decide, args=(client, case, False))  # fmt: skip
    buttons = st.columns(2)
    buttons[0].button("Renew lease", key=f"renew-{case_id}", width="stretch",
                      on_click=_renew, args=(client, case_id))  # fmt: skip
    buttons[1].button("Release", key=f"release-{case_id}", width="stretch",
                      on_click=_release, args=(client, case_id))  # fmt: skip


def _unsent(case_id: int) -> None:
    """A decision the API refused after the case changed hands: keep the reviewer's words visible."""
    unsent = st.session_state.get(f"unsent-{case_id}")
    if unsent and unsent["notes"]:
        st.text(f"Your unsent {unsent['decision']} note (copy it if you need it):")
        st.code(unsent["notes"], language=None, wrap_lines=True)


def _status(case: dict[str, Any], me: dict[str, Any]) -> bool:
    """Explain who holds the case; True when the signed-in reviewer holds it and may decide now."""
    mine = case["state"] == "assigned" and case["assignee"] == f"key:{me['name']}"
    if mine and lease_left(case) == "expired":
        show("error", "Your lease on this case expired: claim it again from the queue before deciding.")
        return False
    if case["state"] == "assigned" and not mine:
        show("info", f"Held by {case['assignee']} · lease {lease_left(case)} left. Read-only for you.")
    elif case["state"] == "decided":
        outcome = case["decision"] or ""
        detail = case.get("decision_reason") or case.get("escalation_kind") or ""
        show("info", f"Decided: {outcome} {detail}".strip())
    elif case["state"] == "open":
        show("info", "Open in the queue. Claim it from the queue to decide it.")
    return mine


def render(client: VigilClient, me: dict[str, Any]) -> None:
    case_id = st.session_state.get("case_id")
    if case_id is None:
        st.title("Case review")
        _pick_case()
        return
    try:
        detail = client.case(int(case_id))
    except ApiError as exc:
        st.title("Case review")
        show("error", f"Case #{case_id} cannot be shown: {exc}")
        _pick_case()
        return
    case, posting = detail["case"], detail["posting"]
    score = posting.get("score") or {}
    st.title(f"Case #{case['id']}")
    st.caption(
        f"{case['state']} · {case['queue']} queue · opened by {case['source']}"
        + (" · raised by network signal" if case.get("network_boost") else "")
        + (f" · {case['notice_count']} user notice(s)" if case.get("notice_count") else "")
    )
    if case.get("minor"):
        show("error", "Minor cues: handle under the child-safety procedure.")
    may_decide = _status(case, me)
    if not may_decide:
        _unsent(case["id"])
    left, right = st.columns([3, 2], gap="large")
    with left:
        _posting(posting)
    with right:
        _scores(case, score)
        if may_decide and "cases:work" in me["permissions"]:
            _decision_panel(client, case, detail["decisions"])
    st.subheader("Indicators")
    indicators = indicators_frame(score)
    if indicators.empty:
        st.caption("No indicator fired; the score comes from the text model alone.")
    else:
        st.dataframe(indicators, hide_index=True, width="stretch")
    st.subheader("Contacts, prices and ages")
    st.dataframe(entities_frame(score), hide_index=True, width="stretch")
    st.subheader("Postings sharing a contact or text")
    _network(client, posting, me)
    if detail["notices"]:
        st.subheader("User notices")
        st.dataframe(pd.DataFrame(detail["notices"]), hide_index=True, width="stretch")
    st.subheader("Audit history")
    st.dataframe(history_frame(detail["history"]), hide_index=True, width="stretch")
