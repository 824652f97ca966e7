"""Queue and Escalations pages: counts, claim next, the reviewer's held cases, a filterable case list."""

from __future__ import annotations

from typing import Any

import streamlit as st

from review_ui.client import ApiError, VigilClient
from review_ui.labels import CATEGORIES, SOURCES, STATES, label
from review_ui.navigation import CASE, flash, go_to, open_case_by_number
from review_ui.tables import (
    band_label,
    cases_frame,
    highlight_overdue,
    humanize_seconds,
    lease_left,
    parse_time,
)
from review_ui.timers import countdown

ANY = "any"
PAGE_SIZE = 50


def claim_next(client: VigilClient, queue: str) -> None:
    """Button callback: claim the highest-priority case of ``queue`` and open it."""
    try:
        claimed = client.claim(queue=queue)
    except ApiError as exc:
        flash("error", f"Could not claim a case: {exc}")
        return
    if not claimed:
        flash("info", f"The {queue} queue is empty: nothing to claim.")
        return
    go_to(CASE, claimed[0]["id"])
    flash("success", f"Claimed case #{claimed[0]['id']}.")


def _counts(stats: dict[str, Any], queue: str | None) -> None:
    by_state = stats["by_queue"].get(queue, {}) if queue else stats["by_state"]
    columns = st.columns(5)
    columns[0].metric("Open", by_state.get("open", 0))
    columns[1].metric("Assigned", by_state.get("assigned", 0))
    columns[2].metric("Decided", by_state.get("decided", 0))
    columns[3].metric("Open — minor cues", stats["open_minor"])
    columns[4].metric("Expired leases", stats["expired_leases"])
    if not queue:
        bands = st.columns(3)
        for column, band in zip(bands, ("urgent", "review", "low"), strict=True):
            column.metric(f"Undecided — {band_label(band)}", stats["by_band"].get(band, 0))


def _my_cases(client: VigilClient) -> None:
    st.subheader("My claimed cases")
    mine = client.my_cases()
    if not mine:
        st.caption("You hold no cases. Claim the next one above.")
        return
    for case in mine:
        cells = st.columns([1, 2, 2, 2, 2])
        cells[0].text(f"#{case['id']}")
        cells[1].text(f"{band_label(case['band'])} · {label(STATES, case['state'])}")
        cells[2].text("blind review" if case["risk_score"] is None else f"risk {case['risk_score']:.2f}")
        expires = parse_time(case.get("lease_expires_at"))
        with cells[3]:
            if expires is None:
                st.text(f"lease: {lease_left(case)}")
            else:
                countdown(f"my-lease-{case['id']}-{int(expires.timestamp())}", expires,
                          running="lease {time} left", warning="lease ends in {time}: open it to renew",
                          ended="lease ended")  # fmt: skip
        cells[4].button("Open", key=f"open-mine-{case['id']}", on_click=go_to, args=(CASE, case["id"]))


def _case_list(client: VigilClient, *, queue: str | None) -> None:
    st.subheader("Cases")
    filters = st.columns(5)
    words = {ANY: "any", "risk": "highest risk", "urgent": "URGENT", **STATES, **CATEGORIES, **SOURCES}

    def pick(column: int, name: str, options: list[str], key: str, index: int = 0) -> str:
        return str(filters[column].selectbox(name, options, index=index, key=f"{key}-{queue}",
                                             format_func=lambda value: label(words, value)))  # fmt: skip

    state = pick(0, "State", [ANY, "open", "assigned", "decided"], "f-state", index=1)
    band = pick(1, "Band", [ANY, "urgent", "review", "low"], "f-band")
    category = pick(2, "Category", [ANY, "sex_trafficking", "labor_trafficking", "minor_involved"], "f-cat")
    source = pick(3, "Opened by", [ANY, *SOURCES], "f-src")
    sort = pick(4, "Sort", ["priority", "oldest", "newest", "risk"], "f-sort")
    page = st.number_input("Page", min_value=1, value=1, step=1, key=f"f-page-{queue}")
    result = client.list_cases(
        queue=queue,
        state=state,
        band=band,
        category=category,
        source=source,
        sort=sort,
        limit=PAGE_SIZE,
        offset=(int(page) - 1) * PAGE_SIZE,
    )
    st.caption(
        f"{result['total']} matching cases · page {page} · priority: minor cues first, then network signals, "
        "then risk, then the oldest"
    )
    frame = cases_frame(
        result["items"], escalations=queue == "senior", sla_minutes=result.get("sla_minutes") or {}
    )
    st.dataframe(highlight_overdue(frame), hide_index=True, width="stretch")
    targets = result.get("sla_minutes") or {}
    if targets:
        st.caption(
            "SLA: "
            + " · ".join(
                f"{band_label(band)} within {humanize_seconds(m * 60)}" for band, m in targets.items()
            )
            + " of opening; overdue cases are tinted red."
        )
    open_case_by_number(input_key=f"open-id-{queue}", button_key=f"open-by-id-{queue}")


def render(client: VigilClient, me: dict[str, Any], *, queue: str | None = None) -> None:
    """The standard queue overview, or one queue's (``queue="senior"``: the Escalations page)."""
    senior = queue == "senior"
    st.title("Escalations" if senior else "Queue")
    if senior:
        st.caption("Escalated cases and cases with minor cues: decided by senior / child-safety reviewers.")
    _counts(client.stats(), queue)
    can_work = "cases:work" in me["permissions"] and (not senior or "cases:senior" in me["permissions"])
    if can_work:
        st.button(
            "Claim next escalation" if senior else "Claim next case",
            type="primary",
            key=f"claim-{queue or 'standard'}",
            on_click=claim_next,
            args=(client, queue or "standard"),
        )
        _my_cases(client)
    # The API lists only the cases the signed-in role may open (no restricted case for a reviewer).
    _case_list(client, queue=queue)
