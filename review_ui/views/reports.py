"""Reports: the transparency counts as figures, tables and charts; CSV and DSA statement downloads."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import streamlit as st

from review_ui.client import ApiError, VigilClient
from review_ui.labels import DECIDED, DISMISS_REASONS, ESCALATION_KINDS, REOPEN_ACTIONS, SOURCES
from review_ui.navigation import show
from review_ui.tables import (
    counts_frame,
    daily_frame,
    humanize_seconds,
    outcomes_by_category_frame,
    precision_frame,
    reviewers_frame,
)
from review_ui.views import error_rates

DEFAULT_DAYS = 30


def _period() -> tuple[datetime, datetime]:
    today = datetime.now(UTC).date()
    columns = st.columns(2)
    first: date = columns[0].date_input("From", value=today - timedelta(days=DEFAULT_DAYS), key="report-from")
    last: date = columns[1].date_input("To (inclusive)", value=today, key="report-to")
    # The API's period is half-open [start, end): the last chosen day counts in full.
    return datetime.combine(first, time(), UTC), datetime.combine(last + timedelta(days=1), time(), UTC)


def _dsa_export(client: VigilClient) -> None:
    st.subheader("EU DSA statements of reasons")
    st.caption(
        "Confirmed decisions in the Transparency Database's format. No posting text or platform ids: "
        "each statement carries an opaque keyed id."
    )
    if st.button("Prepare DSA export", key="dsa-prepare"):
        try:
            st.session_state["dsa-export"] = client.dsa_statements()
        except ApiError as exc:
            show("error", f"The DSA export failed: {exc}")
    statements = st.session_state.get("dsa-export")
    if statements is not None:
        st.text(f"{len(statements)} statement(s) ready")
        st.download_button(
            "Download DSA statements (JSON)",
            data=json.dumps({"statements": statements}, indent=2),
            file_name="vigil-dsa-statements.json",
            mime="application/json",
            key="dsa-download",
        )


def _reviewers(client: VigilClient, *, start: datetime, end: datetime) -> None:
    """For leads: the team's work per reviewer, without names (and so without a ranking) unless asked."""
    st.subheader("Reviewers")
    report = client.reviewer_stats(start=start, end=end)
    st.metric("Team median handling time", humanize_seconds(report["median_handling_seconds"]))
    st.caption(
        "Handling time: from a reviewer's claim of a case to their decision (audit trail). Undone: taken "
        "back by the reviewer; overturned: reopened by a senior or reversed on appeal (rate in %). For "
        "supporting reviewers, not for ranking them."
    )
    names = st.checkbox("Show reviewer names", value=False, key="reviewer-names")
    if not report["reviewers"]:
        st.caption("No decisions in this period.")
        return
    st.dataframe(reviewers_frame(report["reviewers"], names=names), hide_index=True, width="stretch")


def render(client: VigilClient, me: dict[str, Any]) -> None:
    st.title("Transparency report")
    start, end = _period()
    if end <= start:
        show("error", "The report period must end after it starts.")
        return
    report = client.transparency(start=start, end=end)
    figures = st.columns(5)
    figures[0].metric("Cases opened", report["cases_opened"]["total"])
    figures[1].metric("Decisions", report["decisions"]["total"])
    median = humanize_seconds(report["time_to_decision"]["median_seconds"])
    figures[2].metric("Median time to decision", median)
    figures[3].metric("User notices", report["notices"]["received"])
    reopened = report.get("reopened") or {"total": 0, "by_action": {}, "by_undone_outcome": {}}
    figures[4].metric(
        "Decisions taken back",
        reopened["total"],
        help="Undone by the reviewer who decided (within the undo window) or reopened by a senior reviewer. "
        "The decision taken back still counts under Decisions, and so does the new one.",
    )

    st.subheader("Opened vs decided per day")
    daily = daily_frame(report)
    if daily.empty:
        st.caption("No activity in this period.")
    else:
        st.line_chart(daily)

    left, right = st.columns(2)
    with left:
        st.subheader("Outcomes by category")
        outcomes = outcomes_by_category_frame(report)
        if outcomes.empty:
            st.caption("No decisions in this period.")
        else:
            st.bar_chart(outcomes)
            st.dataframe(outcomes, width="stretch")
    with right:
        st.subheader("Automated-flag precision by model version")
        precision = precision_frame(report)
        st.dataframe(precision, hide_index=True, width="stretch")
        if not precision.empty and precision["precision"].notna().any():
            st.bar_chart(precision.set_index("model version")["precision"])

    error_rates.render(report)

    columns = st.columns(4)
    with columns[0]:
        st.subheader("Cases by detection source")
        by_source = report["cases_opened"]["by_source"]
        st.dataframe(counts_frame(by_source, label="opened by", names=SOURCES), hide_index=True)
    with columns[1]:
        st.subheader("Escalations by kind")
        kinds = report["escalations_by_kind"]
        st.dataframe(counts_frame(kinds, label="kind", names=ESCALATION_KINDS), hide_index=True)
    with columns[2]:
        st.subheader("Dismissals by reason")
        reasons = report["dismissals_by_reason"]
        st.dataframe(counts_frame(reasons, label="reason", names=DISMISS_REASONS), hide_index=True)
    with columns[3]:
        st.subheader("Decisions taken back")
        st.dataframe(counts_frame(reopened["by_action"], label="how", names=REOPEN_ACTIONS), hide_index=True)
        undone = reopened["by_undone_outcome"]
        st.dataframe(counts_frame(undone, label="what was taken back", names=DECIDED), hide_index=True)

    if me["role"] in ("senior", "admin"):
        _reviewers(client, start=start, end=end)

    st.subheader("Downloads")
    try:
        csv = client.transparency_csv(start=start, end=end)
    except ApiError as exc:
        show("error", f"The CSV export failed: {exc}")
    else:
        st.download_button(
            "Download report (CSV)",
            data=csv,
            file_name=f"vigil-transparency-{start.date()}-{(end - timedelta(days=1)).date()}.csv",
            mime="text/csv",
            key="report-csv",
        )
    _dsa_export(client)
