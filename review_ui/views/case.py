"""Case review: the posting with its evidence highlighted safely, scores, contacts, network, history, decide.

Posting text and everything derived from it is untrusted: the text goes through `highlight_html`
(escaped, only our `<mark>` tags) into `st.html`, or into `st.text`; evidence, contacts and notes go into
DataFrames. Nothing of it reaches `st.markdown`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from review_ui import explain
from review_ui.client import ApiError, VigilClient
from review_ui.highlight import (
    POSTING_CSS,
    control_explanations,
    evidence_highlights,
    hidden_controls,
    highlight_html,
    visible_controls,
)
from review_ui.labels import (
    DECISIONS,
    DISMISS_REASONS,
    QUEUES,
    SOURCES,
    STATES,
    actor_label,
    decision_label,
    label,
    thresholds_label,
)
from review_ui.navigation import CASE, go_to, open_case_by_number, show
from review_ui.tables import (
    BAND_COLORS,
    band_label,
    counts_frame,
    entities_frame,
    history_frame,
    indicators_frame,
    lease_left,
    notices_frame,
    parse_time,
    related_frame,
    score_notes,
)
from review_ui.timers import elapsed
from review_ui.views import blind
from review_ui.views.blind import BLIND_SOURCES
from review_ui.views.decision import decision_panel, reopen_panel
from review_ui.wellness import reveal_prompt, text_hidden

EXCERPT_CHARS = 90
# Longer postings open collapsed to their first lines, with "Show all".
LONG_POSTING_CHARS = 1200


def _pick_case() -> None:
    show("info", "No case open. Claim the next case from the queue, or open one by its number.")
    open_case_by_number(input_key="case-pick", button_key="case-pick-open")


def _posting(posting: dict[str, Any], *, hidden: bool, case: dict[str, Any]) -> None:
    st.markdown("**Posting** — shown as plain text; highlights mark the evidence (hover for why)")
    text = posting.get("text")
    access = posting.get("access") or {}
    if access.get("withheld"):
        show("warning", f"Withheld for your role ({', '.join(access['withheld'])}): {access.get('reason')}.")
    if text is None and posting.get("deleted"):
        show("warning", "The posting text was deleted at the platform's request; the decision is kept.")
    elif text is not None and hidden:
        reveal_prompt(case)
    elif text is not None:
        found = hidden_controls(text)
        if found:
            show(
                "warning",
                f"{sum(found.values())} invisible or direction-changing character(s) in this text, shown as "
                "purple markers where they are (they can reverse or split words so filters and readers "
                "miss them): " + "; ".join(control_explanations(found)),
            )
        body = highlight_html(text, evidence_highlights(posting["score"]))
        collapsed = len(text) > LONG_POSTING_CHARS and not st.session_state.get(f"show-all-{case['id']}")
        st.html(POSTING_CSS + (f'<div class="vigil-collapsed">{body}</div>' if collapsed else body))
        if collapsed:  # the decision panel stays beside the posting's start; the rest is one click away
            st.button(
                f"Show all ({len(text):,} characters)",
                key=f"show-all-{case['id']}-button",
                on_click=st.session_state.__setitem__,
                args=(f"show-all-{case['id']}", True),
            )
        st.caption("red: high-severity cue · amber: medium · blue: low · green dashed: contact / price / age")
        with st.expander("Unhighlighted text"):
            st.text(visible_controls(text))
    facts = {
        "platform": visible_controls(posting["source"]),
        "platform id": visible_controls(posting["external_id"]),
        "location": visible_controls(posting.get("location") or "—"),
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
    for line in score_notes(score, minor=bool(case.get("minor"))):
        show("info", line)
    st.caption(
        f"model {case.get('model_version') or '—'} · thresholds: {thresholds_label(score.get('thresholds'))}"
    )


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
    page_key = f"cluster-after-{cluster_id}"  # members come a page at a time (a cluster can be huge)
    cluster = client.cluster(int(cluster_id), after=st.session_state.get(page_key))
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
        pager = st.columns(2)
        if st.session_state.get(page_key) is not None and pager[0].button(
            "First members", key=f"{page_key}-0"
        ):
            st.session_state.pop(page_key)
            st.rerun()
        if cluster.get("next_after") is not None and pager[1].button("Next members", key=f"{page_key}-next"):
            st.session_state[page_key] = cluster["next_after"]
            st.rerun()
        _open_member_case(cluster["members"], exclude=posting["id"])
        if "cases:senior" in me["permissions"]:
            _cluster_decision(client, cluster)


def _member_label(member: dict[str, Any]) -> str:
    """A cluster member as the bulk picker lists it: case, band, risk and the start of its text."""
    excerpt = member.get("excerpt")
    text = (
        visible_controls(" ".join(excerpt.split()))[:EXCERPT_CHARS]
        if excerpt
        else "text not shown for your role"
    )
    risk = float(member["risk_score"])
    return f"#{member['case_id']} · {band_label(member['band'])} · risk {risk:.2f} · {text}"


def _bulk_apply(client: VigilClient, cluster_id: int, plan: dict[str, Any]) -> None:
    key = f"bulk-{cluster_id}"
    try:
        results = client.cluster_decision(
            cluster_id, case_ids=plan["case_ids"], decision=plan["decision"], reason=plan["reason"],
            notes=plan["notes"],
        )  # fmt: skip
    except ApiError as exc:
        st.session_state[f"{key}-result"] = ("error", f"The bulk decision was not applied: {exc}")
        return
    done = [f"#{r['case_id']}" for r in results if r["ok"]]
    failed = [f"#{r['case_id']}: {r['error']}" for r in results if not r["ok"]]
    what = decision_label(plan["decision"], plan["reason"])
    summary = f"{what.capitalize()}: " + (", ".join(done) or "no case") + "."
    st.session_state[f"{key}-result"] = (
        "warning" if failed else "success",
        summary + (" Refused: " + "; ".join(failed) if failed else ""),
    )
    st.session_state.pop(f"{key}-plan", None)


def _cluster_decision(client: VigilClient, cluster: dict[str, Any]) -> None:
    """Senior bulk action: one decision for several undecided cases of the cluster, each audited.

    Cases are picked by their text, band and risk; nothing is sent before a confirmation step that says
    exactly what will happen, and the result appears here, where the button was.
    """
    key = f"bulk-{cluster['id']}"
    result = st.session_state.get(f"{key}-result")
    members = {m["case_id"]: m for m in cluster["members"] if m.get("case_id") and not m.get("decision")}
    if len(members) < 2:
        if result:
            show(*result)
        return
    st.markdown(
        "**Decide several cases of this cluster at once** (each case is claimed, decided and audited)"
    )
    with st.form(f"{key}-form", border=False, enter_to_submit=False):
        chosen = st.multiselect("Cases", sorted(members), format_func=lambda c: _member_label(members[c]),
                                key=f"{key}-cases", placeholder="Choose the cases to decide")  # fmt: skip
        decision = st.radio("Bulk decision", ["confirm", "dismiss"], format_func=DECISIONS.__getitem__,
                            horizontal=True, index=None, key=f"{key}-decision")  # fmt: skip
        reason = st.selectbox(
            "Reason (for a dismissal)",
            list(DISMISS_REASONS),
            index=None,
            format_func=lambda r: DISMISS_REASONS[r].capitalize(),
            key=f"{key}-reason",
        )
        notes = st.text_area("Note (kept on every case)", key=f"{key}-notes", max_chars=4000, height=68)
        review = st.form_submit_button("Review bulk decision…", key=f"{key}-review")
    if review:
        problem = (
            "Choose at least one case." if not chosen
            else "Choose confirm or dismiss." if decision is None
            else "Choose the dismissal reason." if decision == "dismiss" and reason is None
            else None
        )  # fmt: skip
        if problem:
            show("error", problem)
        else:
            st.session_state[f"{key}-plan"] = {
                "case_ids": list(chosen), "decision": decision,
                "reason": reason if decision == "dismiss" else None, "notes": (notes or "").strip() or None,
            }  # fmt: skip
            st.session_state.pop(f"{key}-result", None)
    plan = st.session_state.get(f"{key}-plan")
    if plan:
        what = decision_label(plan["decision"], plan["reason"])
        with st.container(border=True):
            show("warning", f"{len(plan['case_ids'])} case(s) will be claimed and {what}, each audited under "
                            "your name with the same note:")  # fmt: skip
            st.dataframe(
                pd.DataFrame([{"case": _member_label(members[c])} for c in plan["case_ids"] if c in members]),
                hide_index=True, width="stretch",
            )  # fmt: skip
            with st.container(horizontal=True, gap="small"):
                st.button(
                    f"{what.capitalize()}: {len(plan['case_ids'])} case(s)",
                    type="primary",
                    key=f"{key}-apply",
                    on_click=_bulk_apply,
                    args=(client, cluster["id"], plan),
                )
                st.button("Cancel", key=f"{key}-cancel", on_click=st.session_state.pop, args=(f"{key}-plan",))
    if result:
        show(*result)


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
        show(
            "info",
            f"Held by {actor_label(case['assignee'])} · lease {lease_left(case)} left. Read-only for you.",
        )
    elif case["state"] == "decided":
        outcome = decision_label(case["decision"], case.get("decision_reason"), case.get("escalation_kind"))
        when = (case.get("decided_at") or "")[:16].replace("T", " ")
        show("info", f"Decided: {outcome} ({when} UTC)." if when else f"Decided: {outcome}.")
    elif case.get("escalation_kind"):
        by = f" by {actor_label(case['escalated_by'])}" if case.get("escalated_by") else ""
        show("info", f"Escalated{by}: {decision_label('escalate', kind=case['escalation_kind'])}. "
                     "Awaiting a senior reviewer.")  # fmt: skip
    elif case["state"] == "open":
        may_work = "cases:work" in me["permissions"]
        show("info", "Open in the queue." + (" Claim it from the queue to decide it." if may_work else ""))
    return mine


def _note_form(client: VigilClient, case_id: int, history: list[dict[str, Any]]) -> None:
    """An internal note without deciding: the API audits it; it joins the history shown below at once."""
    with st.form(key=f"note-form-{case_id}", clear_on_submit=True, border=False):
        text = st.text_area("Internal note (does not decide the case)", key=f"note-{case_id}", height=68)
        sent = st.form_submit_button("Add note", key=f"add-note-{case_id}")
    if not sent:
        return
    if not text.strip():
        show("error", "Write the note first.")
        return
    try:
        history.append(client.add_note(case_id, notes=text))
    except ApiError as exc:
        show("error", f"The note was not saved: {exc}")
        st.text("Your note (copy it if you need it):")
        st.code(text, language=None, wrap_lines=True)
        return
    show("success", "Note added to the history.")


def _scroll_to_top(case_id: int) -> None:
    """A newly opened case starts at its header: Streamlit keeps the scroll position between reruns."""
    if st.session_state.get("shown-case") == case_id:
        return
    st.session_state["shown-case"] = case_id
    st.html(
        f"<script>/* case {case_id} */ (() => {{"
        " const main = document.querySelector('[data-testid=\"stMain\"]');"
        " if (main) main.scrollTo({top: 0}); window.scrollTo(0, 0);"
        " if (document.activeElement && document.activeElement.blur) document.activeElement.blur(); })();"
        "</script>",
        unsafe_allow_javascript=True,
    )


def _header(case: dict[str, Any], score: dict[str, Any]) -> None:
    st.title(f"Case #{case['id']}")
    parts = [
        f"{band_label(case['band'])} band",
        f"risk {case['risk_score']:.2f}",
        label(STATES, case["state"]),
        f"{label(QUEUES, case['queue'])} queue",
        f"opened by {label(SOURCES, case['source'])}",
    ]
    if case.get("network_boost"):
        parts.append("raised by a network signal")
    if case.get("notice_count"):
        parts.append(f"{case['notice_count']} user notice(s)")
    st.caption(" · ".join(parts))
    opened = parse_time(case.get("opened_at"))
    if opened is not None and case["state"] != "decided":
        elapsed(f"in-queue-{case['id']}", opened, text="In queue for {time} since it was opened")


def render(client: VigilClient, me: dict[str, Any]) -> None:
    case_id = st.session_state.get("case_id")
    if case_id is None:
        st.title("Case review")
        _pick_case()
        return
    try:
        detail = explain.fetch_case(client, int(case_id))
    except ApiError as exc:
        st.title("Case review")
        show("error", f"Case #{case_id} cannot be shown: {exc}")
        _pick_case()
        return
    case, posting = detail["case"], detail["posting"]
    if case["source"] in BLIND_SOURCES:  # no score, band, evidence or earlier decision: its own view
        blind.render_case(client, me, detail)
        return
    score = posting.get("score") or {}
    st.query_params["case"] = str(case["id"])  # a link to this case; reloading it opens it again
    _header(case, score)
    if case.get("minor"):
        show("error", "Minor cues: handle under the child-safety procedure.")
    may_decide = _status(case, me)
    if not may_decide:
        _unsent(case["id"])
    hidden = text_hidden(case)
    left, right = st.columns([5, 4], gap="medium")
    with left:
        _posting(posting, hidden=hidden, case=case)
    with right:
        if may_decide and "cases:work" in me["permissions"]:
            decision_panel(client, case, detail["decisions"])
        elif (detail.get("reopen") or {}).get("allowed"):
            reopen_panel(client, case, detail["reopen"])
        _scores(case, score)
    st.subheader("Indicators")
    indicators = indicators_frame(score)
    if hidden:  # the indicators' names stay; the words they quote wait for "Reveal"
        indicators["evidence"] = "hidden"
    if indicators.empty:
        st.caption("No indicator fired; the score comes from the text model alone.")
    else:
        st.dataframe(indicators, hide_index=True, width="stretch")
    explain.render(
        detail.get("explanation"), detail.get("explanation_unavailable"), case=case, text_hidden=hidden,
        no_indicator=indicators.empty,
    )  # fmt: skip
    st.subheader("Contacts, prices and ages")
    if hidden:
        st.caption("Hidden with the text until you reveal it.")
    st.dataframe(entities_frame({} if hidden else score), hide_index=True, width="stretch")
    st.subheader("Postings sharing a contact or text")
    _network(client, posting, me)
    if detail["notices"]:
        st.subheader("User notices")
        st.dataframe(notices_frame(detail["notices"]), hide_index=True, width="stretch")
    st.subheader("Audit history")
    history_shown = "history" not in ((detail.get("access") or {}).get("withheld") or [])
    if "cases:work" in me["permissions"] and history_shown:
        _note_form(client, case["id"], detail["history"])
    st.dataframe(history_frame(detail["history"]), hide_index=True, width="stretch")
    _scroll_to_top(case["id"])  # last, so that it shifts no element of the page
