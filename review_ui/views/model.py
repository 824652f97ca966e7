"""Model: the card's metrics and plots, the thresholds in force, the registry of model versions and how
the shadow version compares with the active one on reviewers' decisions."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from review_ui.client import ApiError, VigilClient
from review_ui.labels import thresholds_label
from review_ui.navigation import show
from review_ui.tables import comparison_frames, model_metrics_frame, model_versions_frame


def render(client: VigilClient, me: dict[str, Any]) -> None:
    info = client.model()
    st.title("Model")
    st.text(f"{info['name']} · version {info['version']}")
    st.subheader("Thresholds in force")
    st.caption(
        "A risk score at or above 'review' opens a case; an urgent score (the calibrated probability of "
        "the urgent label) at or above 'urgent' puts a case that is already past 'review' in the urgent "
        "band, at the top of the queue. A high-severity indicator (debt bondage, document retention, "
        "confinement, minor cues) lifts the risk score to 'review' even when the model scores it lower."
    )
    thresholds = info["thresholds"]
    st.text(f"In force: {thresholds_label(thresholds)}")
    bands = pd.DataFrame({"band": list(thresholds), "threshold": list(thresholds.values())})
    st.dataframe(bands, hide_index=True)
    metrics = info.get("metrics")
    if metrics:
        st.subheader("Measured quality")
        st.caption(
            "test: grouped held-out split of the training corpora · heldout: postings written apart from all "
            "training data in 13 languages · craigslist_sample: real benign listings (false positives)"
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
    render_registry(client, me)


def render_registry(client: VigilClient, me: dict[str, Any]) -> None:
    st.subheader("Model versions")
    st.caption(
        "Every version the deployment knows. One is active (it scores and routes postings); one at most is "
        "in shadow (it scores every new posting too, stored apart: it opens no case and changes nothing). "
        "Administrators change statuses with `vigil model shadow / promote / rollback`; each change is "
        "audited."
    )
    versions = client.model_versions()
    if not versions:
        st.text("No version is registered: the API serves the model it was configured with.")
    else:
        st.dataframe(model_versions_frame(versions), hide_index=True, width="stretch")
    if "model:compare" not in me.get("permissions", []):
        return
    st.subheader("Shadow model against the active model")
    shadows = [v["version"] for v in versions if v["status"] == "shadow"]
    if not shadows:
        st.text("No version is in shadow now.")
        return
    try:
        comparison = client.model_compare(shadows[0])
    except ApiError as exc:
        show("error", f"The comparison is unavailable: {exc}")
        return
    st.text(
        f"Shadow version {comparison['shadow_version']}: {comparison['scored']} postings scored since it "
        f"entered shadow, {comparison['decided']} of them decided by reviewers since."
    )
    st.caption(
        "A model opens a case at band 'review' or 'urgent'. A decided posting counts as a violation when its "
        "case was confirmed or escalated as 'minor involved', and as none when dismissed as a false positive "
        "(other dismissals are left out). Figures are value [95% interval] (count of n). Cases open mostly "
        "where the active model flagged, so few postings only the shadow model flags get decided: read its "
        "recall with that in mind."
    )
    frames = comparison_frames(comparison)
    st.dataframe(frames["quality"], hide_index=True, width="stretch")
    st.dataframe(frames["agreement"], hide_index=True, width="stretch")
    st.dataframe(frames["gaps"], hide_index=True, width="stretch")
    with st.expander("Postings by band, active against shadow"):
        st.dataframe(frames["bands"], hide_index=True, width="stretch")
