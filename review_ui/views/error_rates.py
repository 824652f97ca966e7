"""The Reports page's error rates (DSA Art. 15(1)(e)): miss rate, flag precision and reviewer agreement per
model version over time, with Wilson 95% intervals; small samples are marked, never hidden."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

FIGURES = {
    "miss_rate": "Miss rate (blind QA samples judged violations)",
    "flag_precision": "Precision of automated flags",
}
COLUMNS = ["model version", "period", "figure", "rate", "low", "high", "n", "small sample"]


def error_rates_frame(report: Mapping[str, Any], *, whole_window: bool = False) -> pd.DataFrame:
    """One row per model version, period and proportion figure (periods, or the whole window)."""
    rows = []
    for row in (report.get("error_rates") or {}).get("rows") or []:
        if bool(row["whole_window"]) != whole_window:
            continue
        for figure, title in FIGURES.items():
            value = row[figure]
            if not value["n"]:
                continue
            rows.append(
                {
                    "model version": row["model_version"],
                    "period": pd.Timestamp(row["period_start"]),
                    "figure": title,
                    "rate": value["rate"],
                    "low": value["low"],
                    "high": value["high"],
                    "n": value["n"],
                    "small sample": "yes" if value["small_sample"] else "",
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def agreement_frame(report: Mapping[str, Any]) -> pd.DataFrame:
    rows = [
        {
            "model version": row["model_version"],
            "period": "whole window" if row["whole_window"] else str(row["period_start"])[:10],
            "kappa": row["agreement"]["kappa"],
            "n": row["agreement"]["n"],
            "small sample": "yes" if row["agreement"]["small_sample"] else "",
        }
        for row in (report.get("error_rates") or {}).get("rows") or []
        if row["agreement"]["n"]
    ]
    return pd.DataFrame(rows, columns=["model version", "period", "kappa", "n", "small sample"])


def chart(frame: pd.DataFrame) -> alt.FacetChart:
    """Each figure over time per model version: the rate as a line, its Wilson interval as a band."""
    base = alt.Chart(frame).encode(
        x=alt.X("period:T", title="period start"), color=alt.Color("model version:N")
    )
    interval = alt.Y("low:Q", title="rate", scale=alt.Scale(domain=[0, 1]))
    band = base.mark_area(opacity=0.2).encode(y=interval, y2="high:Q")
    line = base.mark_line(point=True).encode(
        y="rate:Q", tooltip=["model version", "period", "rate", "low", "high", "n", "small sample"]
    )
    return alt.layer(band, line).facet(row=alt.Row("figure:N", title=None))


def render(report: Mapping[str, Any]) -> None:
    st.subheader("Error rates of automated flagging")
    rates = report.get("error_rates") or {}
    small = rates.get("small_sample_below", 30)
    st.caption(
        f"Per model version and {rates.get('period_days', 7)}-day period, with Wilson 95% intervals. Miss "
        "rate: the share of randomly sampled low-band postings that blind reviewers judged violations. "
        "Precision: the share of decided model-opened cases that were confirmed. Agreement: Cohen's kappa "
        f"between first decisions and blind second reviews. Samples under {small} are marked small."
    )
    frame = error_rates_frame(report)
    if frame.empty:
        st.caption("No blind QA answers or decided model-opened cases in this period.")
    else:
        st.altair_chart(chart(frame), width="stretch")
    whole = error_rates_frame(report, whole_window=True)
    if not whole.empty:
        st.dataframe(whole.drop(columns=["period"]), hide_index=True, width="stretch")
    agreement = agreement_frame(report)
    if agreement.empty:
        st.caption("No double reviews answered in this period.")
    else:
        st.dataframe(agreement, hide_index=True, width="stretch")
