"""Vigil review UI: sign in with an API key; the pages follow the key's role.

Run it with ``vigil demo`` (API + UI on demo data) or ``streamlit run review_ui/app.py`` with
``VIGIL_API_URL`` pointing at a running API. The UI talks to the API only, through `review_ui.client`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from review_ui import wellness
from review_ui.client import ApiError, VigilClient
from review_ui.navigation import (
    APPEALS,
    BLIND_QA,
    CASE,
    ESCALATIONS,
    MODEL,
    QUEUE,
    REPORTS,
    WEBHOOKS,
    apply_pending_page,
    pages_for,
    show,
    show_flash,
)
from review_ui.views import appeals, blind, case, model, queue, reports, webhooks
from review_ui.views.decision import undo_banner

MAX_CASE_ID = 2**31 - 1


def _sign_in() -> None:
    st.title("Vigil review")
    st.caption("Trafficking-risk review for trust-and-safety teams. Sign in with your API key.")
    with st.form("sign-in"):
        key = st.text_input("API key", type="password", placeholder="vgl_…")
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return
    if not key.strip():
        show("error", "Enter your API key.")
        return
    client = VigilClient(key.strip())
    try:
        me = client.me()
    except ApiError as exc:
        client.close()
        show("error", f"Sign-in failed: {exc}")
        return
    st.session_state["client"], st.session_state["me"] = client, me
    st.rerun()


def _sign_out() -> None:
    client = st.session_state.get("client")
    if client is not None:
        client.close()
    for name in list(st.session_state):
        del st.session_state[name]


def _case_from_url() -> None:
    """Open the case a link names (``?case=N``), once per session: afterwards the URL follows the reviewer."""
    if st.session_state.get("url-applied"):
        return
    st.session_state["url-applied"] = True
    wanted = st.query_params.get("case")
    if wanted is None:
        return
    if not (wanted.isascii() and wanted.isdigit() and len(wanted) <= 10 and 1 <= int(wanted) <= MAX_CASE_ID):
        show("warning", "The link names no valid case number; pick a case below.")
        return
    st.session_state["case_id"] = int(wanted)
    st.session_state["next_page"] = CASE


def _render(page: str, client: VigilClient, me: dict[str, Any]) -> None:
    if page == QUEUE:
        queue.render(client, me)
    elif page == ESCALATIONS:
        queue.render(client, me, queue="senior")
    elif page == BLIND_QA:
        blind.render_queue(client, me)
    elif page == CASE:
        case.render(client, me)
    elif page == REPORTS:
        reports.render(client, me)
    elif page == MODEL:
        model.render(client, me)
    elif page == APPEALS:
        appeals.render(client, me)
    elif page == WEBHOOKS:
        webhooks.render(client, me)


# Less empty space above the page: a case's header, posting and decision panel fit on a 1280×720 screen.
PAGE_CSS = "<style>[data-testid='stMainBlockContainer'] { padding-top: 4rem; }</style>"


def main() -> None:
    st.set_page_config(page_title="Vigil review", page_icon="🛡️", layout="wide")
    st.html(PAGE_CSS)
    client: VigilClient | None = st.session_state.get("client")
    me: dict[str, Any] | None = st.session_state.get("me")
    if client is None or me is None:
        _sign_in()
        return
    pages = pages_for(me)
    _case_from_url()
    apply_pending_page()
    if st.session_state.get("page") not in pages:
        st.session_state["page"] = pages[0]
    with st.sidebar:
        st.header("Vigil review")
        st.text(f"{me['name']} · {me['role']}")
        page = st.radio("Page", pages, key="page")
        st.button("Sign out", on_click=_sign_out)
        if "cases:read" in me["permissions"]:
            st.divider()
            wellness.sidebar()
        if me["role"] == "integrator":
            st.caption("Integrator keys score and ingest through the API; reviewing needs a reviewer key.")
    if page != CASE:
        st.query_params.pop("case", None)
        st.session_state.pop("shown-case", None)  # coming back to a case starts at its header
    # Always drawn, even empty: a message appearing above the page must not shift the elements below it,
    # or Streamlit shows the old and the new page together until the run ends.
    with st.container():
        show_flash()
        undo_banner(client)
    try:
        _render(page, client, me)
    except ApiError as exc:
        if exc.status == 401:
            _sign_out()
            show("error", f"Your key is no longer accepted ({exc.message}). Sign in again.")
        else:
            show("error", f"The Vigil API answered with an error: {exc}")


main()
