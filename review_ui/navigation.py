"""Which pages a role sees, and moving between pages / cases from button callbacks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from review_ui.highlight import escape_markdown

QUEUE, CASE, ESCALATIONS, REPORTS, MODEL = "Queue", "Case review", "Escalations", "Reports", "Model"
BLIND_QA = "Blind QA"
APPEALS, WEBHOOKS = "Appeals", "Webhooks"
PAGE_PERMISSION = {
    QUEUE: "cases:read",
    CASE: "cases:read",
    ESCALATIONS: "cases:senior",
    BLIND_QA: "cases:work",
    APPEALS: "cases:read",
    REPORTS: "reports",
    MODEL: "model",
    WEBHOOKS: "webhooks",
}


def pages_for(me: Mapping[str, Any]) -> list[str]:
    """The pages a signed-in key may open, in sidebar order."""
    granted = set(me.get("permissions") or [])
    return [page for page, permission in PAGE_PERMISSION.items() if permission in granted]


def go_to(page: str, case_id: int | None = None) -> None:
    """Switch page (and case) from a callback or mid-run; the app applies it before drawing the sidebar.

    Streamlit forbids writing a widget's key once the widget is drawn, hence the pending ``next_page``.
    """
    st.session_state["next_page"] = page
    if case_id is not None:
        st.session_state["case_id"] = case_id


def open_case_by_number(*, input_key: str, button_key: str) -> None:
    """A case-number field with an "Open case" button that switches to that case."""
    chosen = st.number_input("Case number", min_value=1, step=1, value=None, key=input_key)
    if chosen is not None:
        st.button("Open case", key=button_key, on_click=go_to, args=(CASE, int(chosen)))


def apply_pending_page() -> None:
    if "next_page" in st.session_state:
        st.session_state["page"] = st.session_state.pop("next_page")


def flash(kind: str, message: str) -> None:
    """A message to show once on the next run (``success`` / ``info`` / ``warning`` / ``error``)."""
    st.session_state["flash"] = (kind, message)


def show(kind: str, message: str) -> None:
    """Show a status message now; its text is escaped (API details can echo what someone typed)."""
    box = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[kind]
    box(escape_markdown(message))


def show_flash() -> None:
    pending = st.session_state.pop("flash", None)
    if pending:
        show(*pending)
