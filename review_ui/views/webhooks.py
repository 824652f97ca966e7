"""Webhooks (admins): the registered endpoints and, per endpoint, its delivery log with replay.

Everything here goes through the webhook admin API; a new endpoint's signing secret is shown once, right
after registering, as the API returns it once. URLs, descriptions and error texts are shown as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from review_ui.client import ApiError, VigilClient
from review_ui.highlight import visible_controls
from review_ui.labels import actor_label
from review_ui.navigation import show

STATUSES = {"pending": "pending (on its way or waiting to retry)", "delivered": "delivered", "dead": "dead"}
PAGE_SIZE = 50


def _when(value: str | None) -> str:
    return (value or "—")[:19].replace("T", " ")


def endpoints_frame(endpoints: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    rows = [
        {
            "endpoint": f"#{e['id']}",
            "URL": visible_controls(e["url"]),
            "events": ", ".join(e["event_types"]),
            "description": visible_controls(e.get("description") or "—"),
            "registered": f"{_when(e['created_at'])} by {actor_label(e.get('created_by'))}",
            "removed": _when(e.get("removed_at")) if e.get("removed_at") else "—",
        }
        for e in endpoints
    ]
    return pd.DataFrame(rows, columns=["endpoint", "URL", "events", "description", "registered", "removed"])


def deliveries_frame(deliveries: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per delivery: status, attempts and the last error, newest first (the API's order)."""
    rows = [
        {
            "delivery": d["id"],
            "event": f"{d['event_type']} #{d['event_id']}",
            "status": d["status"],
            "attempts": d["attempts"],
            "last HTTP status": str(d["last_status_code"]) if d.get("last_status_code") is not None else "—",
            "last error": visible_controls(d.get("last_error") or "—"),
            "created": _when(d["created_at"]),
            "delivered": _when(d.get("delivered_at")) if d.get("delivered_at") else "—",
            "next attempt": _when(d["next_attempt_at"]) if d["status"] == "pending" else "—",
        }
        for d in deliveries
    ]
    columns = [
        "delivery",
        "event",
        "status",
        "attempts",
        "last HTTP status",
        "last error",
        "created",
        "delivered",
        "next attempt",
    ]
    return pd.DataFrame(rows, columns=columns)


def attempts_frame(delivery: Mapping[str, Any]) -> pd.DataFrame:
    rows = [
        {
            "attempt": a["attempt"],
            "at": _when(a["at"]),
            "outcome": a["outcome"],
            "HTTP status": str(a["status_code"]) if a.get("status_code") is not None else "—",
            "error": visible_controls(a.get("error") or "—"),
            "took": f"{a['duration_ms']} ms",
        }
        for a in delivery.get("log") or []
    ]
    return pd.DataFrame(rows, columns=["attempt", "at", "outcome", "HTTP status", "error", "took"])


def _register(client: VigilClient) -> None:
    url = (st.session_state.get("wh-url") or "").strip()
    events = list(st.session_state.get("wh-events") or [])
    description = (st.session_state.get("wh-description") or "").strip() or None
    if not url or not events:
        st.session_state["wh-result"] = ("error", "Give the URL and at least one event type.")
        return
    try:
        created = client.add_webhook_endpoint(url=url, event_types=events, description=description)
    except ApiError as exc:
        st.session_state["wh-result"] = ("error", f"Not registered: {exc}")
        return
    st.session_state["wh-result"] = ("success", f"Endpoint #{created['id']} registered.")
    st.session_state["wh-secret"] = (created["id"], created["secret"])
    st.session_state["wh-endpoint"] = created["id"]


def _register_form(client: VigilClient, event_types: dict[str, str]) -> None:
    with st.expander("Register an endpoint", expanded=not st.session_state.get("wh-has-endpoints")):
        with st.form("wh-form", border=False, enter_to_submit=False):
            st.text_input("URL (http or https)", key="wh-url", max_chars=2000, placeholder="https://…")
            st.multiselect(
                "Event types",
                list(event_types),
                key="wh-events",
                format_func=lambda t: f"{t} — {event_types[t]}",
            )
            st.text_input("Description (optional)", key="wh-description", max_chars=200)
            st.form_submit_button(
                "Register endpoint", type="primary", key="wh-register", on_click=_register, args=(client,)
            )
        result = st.session_state.pop("wh-result", None)
        if result:
            show(*result)
        secret = st.session_state.get("wh-secret")
        if secret:
            show("warning", f"Signing secret of endpoint #{secret[0]}: copy it now, it is not shown again.")
            st.code(secret[1], language=None)
            st.button(
                "I have stored the secret",
                key="wh-secret-done",
                on_click=st.session_state.pop,
                args=("wh-secret",),
            )


def _replay(client: VigilClient, endpoint_id: int, *, dead: bool) -> None:
    chosen = [] if dead else list(st.session_state.get(f"wh-replay-{endpoint_id}") or [])
    if not dead and not chosen:
        st.session_state["wh-replay-result"] = ("error", "Choose the deliveries to send again.")
        return
    try:
        count = client.replay_webhook_deliveries(endpoint_id, delivery_ids=chosen or None, dead=dead)
    except ApiError as exc:
        st.session_state["wh-replay-result"] = ("error", f"Not replayed: {exc}")
        return
    what = "dead deliveries" if dead else "chosen deliveries"
    st.session_state["wh-replay-result"] = (
        "success" if count else "info",
        f"{count} of the {what} will be sent again with a fresh attempt budget"
        + ("." if count else " (pending ones are already on their way)."),
    )


def _remove(client: VigilClient, endpoint_id: int) -> None:
    try:
        client.remove_webhook_endpoint(endpoint_id)
    except ApiError as exc:
        st.session_state["wh-replay-result"] = ("error", f"Not removed: {exc}")
        return
    st.session_state["wh-replay-result"] = ("info", f"Endpoint #{endpoint_id} removed; its log is kept.")


def _deliveries(client: VigilClient, endpoint: Mapping[str, Any]) -> None:
    endpoint_id = int(endpoint["id"])
    st.subheader(f"Deliveries to endpoint #{endpoint_id}")
    st.caption(visible_controls(endpoint["url"]))
    status = st.selectbox(
        "Status",
        ["any", *STATUSES],
        key=f"wh-status-{endpoint_id}",
        format_func=lambda s: "any" if s == "any" else STATUSES[s],
    )
    page = client.webhook_deliveries(endpoint_id, status=None if status == "any" else status, limit=PAGE_SIZE)
    items = page["items"]
    st.caption(
        f"{page['total']} deliveries"
        + (f" · newest {len(items)} shown" if page["total"] > len(items) else "")
    )
    if items:
        st.dataframe(deliveries_frame(items), hide_index=True, width="stretch")
        by_id = {d["id"]: d for d in items}
        shown = st.selectbox("Attempt log of delivery", list(by_id), key=f"wh-log-{endpoint_id}")
        if shown is not None:
            st.dataframe(attempts_frame(by_id[shown]), hide_index=True, width="stretch")
    if endpoint.get("removed_at"):
        st.caption("Removed: nothing is sent to it any more.")
        return
    replayable = [d["id"] for d in items if d["status"] != "pending"]
    with st.container(border=True):
        st.markdown("**Replay**")
        st.multiselect(
            "Deliveries to send again",
            replayable,
            key=f"wh-replay-{endpoint_id}",
            format_func=lambda i: f"#{i} · {by_id[i]['event_type']} · {by_id[i]['status']}",
        )
        with st.container(horizontal=True, gap="small"):
            st.button(
                "Replay chosen",
                key=f"wh-replay-chosen-{endpoint_id}",
                on_click=_replay,
                args=(client, endpoint_id),
                kwargs={"dead": False},
            )
            st.button(
                "Replay every dead delivery",
                key=f"wh-replay-dead-{endpoint_id}",
                on_click=_replay,
                args=(client, endpoint_id),
                kwargs={"dead": True},
            )
        result = st.session_state.pop("wh-replay-result", None)
        if result:
            show(*result)
    with st.expander("Remove this endpoint"):
        sure = st.checkbox(
            "Stop sending to it (its pending deliveries become dead)", key=f"wh-sure-{endpoint_id}"
        )
        st.button(
            "Remove endpoint",
            key=f"wh-remove-{endpoint_id}",
            disabled=not sure,
            on_click=_remove,
            args=(client, endpoint_id),
        )


def render(client: VigilClient, me: dict[str, Any]) -> None:
    st.title("Webhooks")
    st.caption(
        "Signed event callbacks to the platform (HMAC-SHA256, at least once, retried with backoff, "
        "dead after the attempt limit). Each delivery's attempts are logged here."
    )
    event_types = client.webhook_event_types()
    include_removed = st.checkbox("Show removed endpoints", key="wh-include-removed")
    endpoints = client.webhook_endpoints(include_removed=include_removed)
    st.session_state["wh-has-endpoints"] = bool(endpoints)
    _register_form(client, event_types)
    if not endpoints:
        st.caption("No endpoint registered.")
        return
    st.dataframe(endpoints_frame(endpoints), hide_index=True, width="stretch")
    by_id = {e["id"]: e for e in endpoints}
    if st.session_state.get("wh-endpoint") not in by_id:
        st.session_state.pop("wh-endpoint", None)  # removed or not listed: the first one instead
    chosen = st.selectbox(
        "Endpoint",
        list(by_id),
        key="wh-endpoint",
        format_func=lambda i: f"#{i} · {visible_controls(by_id[i]['url'])}",
    )
    _deliveries(client, by_id[chosen])
