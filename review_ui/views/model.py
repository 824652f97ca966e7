"""Model: the shipped model card's metrics and plots, and the thresholds in force."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from review_ui.client import ApiError, VigilClient
from review_ui.labels import thresholds_label
from review_ui.navigation import show
from review_ui.tables import model_metrics_frame


def render(client: VigilClient, me: dict[str, Any]) -> None:
    info = client.model()
    st.title("Model")
    st.text(f"{info['name']} · version {info['version']}")
    st.subheader("Thresholds in force")
    st.caption(
        "A risk score at or above 'review' opens a case; an urgent score (the calibrated probability of "
        "the urgent label) at or above 'urgent' puts the case in the urgent band, at the top of the queue."
    )
    thresholds = info["thresholds"]
    st.text(f"In force: {thresholds_label(thresholds)}")
    bands = pd.DataFrame({"band": list(thresholds), "threshold": list(thresholds.values())})
    st.dataframe(bands, hide_index=True)
    metrics = info.get("metrics")
    if metrics:
        st.subheader("Measured quality")
        st.caption(
            "test: held-out generated + real marketplace listings · heldout_handwritten: written separately, "
            "half of it non-English · craigslist_sample: 1,000 real benign listings (false positives)"
        )
        st.dataframe(model_metrics_frame(metrics), hide_index=True, width="stretch")
    else:
        st.caption("This scorer ships no metrics (keyword baseline).")
    plots = info.get("plots") or []
    if plots:
        st.subheader("Plots")
        for column, name in zip(st.columns(len(plots)), plots, strict=True):
            try:
                column.image(client.model_plot(name), caption=name, width="stretch")
            except ApiError as exc:
                show("error", f"Plot {name} is unavailable: {exc}")
    if info.get("card_markdown"):
        with st.expander("Model card (full text)"):
            # Shown as text, as the API asks of clients: the card file is an artifact, not UI markup.
            st.code(info["card_markdown"], language="markdown", wrap_lines=True)
