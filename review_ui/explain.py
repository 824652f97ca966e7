""" "Explain the score": what raised the text model's risk for a posting, from the API's explanation.

The figures are the model's own arithmetic (log-odds: a share of +1 multiplies the odds by e), not an
estimate: the views' shares plus the model's baseline give the score. The n-grams are pieces of posting
text, so they are untrusted: they go into table cells (never Markdown or HTML) with bidi and zero-width
controls shown as markers, and they stay hidden with the text until the reviewer reveals it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from review_ui.client import VigilClient
from review_ui.highlight import visible_controls

VIEW_LABELS = {
    "embedding": "meaning of the wording (sentence embedding)",
    "indicators": "indicator features (counts and flags of cues)",
    "char_ngrams": "character n-grams (spelling, emoji, any language)",
    "features": "all features",
}


def _direction(value: float) -> str:
    return "raises" if value > 0 else "lowers" if value < 0 else "—"


def views_frame(explanation: Mapping[str, Any]) -> pd.DataFrame:
    """The risk's log-odds by part, largest first, then the baseline: the rows add up to the score."""
    views = sorted(explanation["views"].items(), key=lambda item: -abs(float(item[1])))
    rows = [
        {"part": VIEW_LABELS.get(name, name.replace("_", " ")), "log-odds": round(float(value), 2),
         "effect": _direction(float(value))}
        for name, value in views
    ]  # fmt: skip
    intercept = float(explanation["intercept"])
    rows.append({"part": "model baseline", "log-odds": round(intercept, 2), "effect": _direction(intercept)})
    return pd.DataFrame(rows, columns=["part", "log-odds", "effect"])


def shown_ngram(gram: str) -> str:
    """An n-gram as plain text: controls as markers, the word-boundary padding as ␣ (so " gi" reads)."""
    return visible_controls(gram).replace(" ", "␣")


def ngrams_frame(explanation: Mapping[str, Any]) -> pd.DataFrame:
    rows = [
        {"n-gram": " / ".join(shown_ngram(gram) for gram in term["ngrams"]) or "(column shared by no n-gram)",
         "log-odds": round(float(term["contribution"]), 3), "effect": _direction(float(term["contribution"]))}
        for term in explanation.get("top_char_ngrams") or []
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["n-gram", "log-odds", "effect"])


def render(
    explanation: Mapping[str, Any] | None,
    unavailable: str | None,
    *,
    case: Mapping[str, Any],
    text_hidden: bool,
    no_indicator: bool,
) -> None:
    """The explanation as two tables, open when no indicator fired (then it is the only "why")."""
    title = "Why the text model scored it this way" if not no_indicator else "What raised the score"
    with st.expander(title, expanded=no_indicator):
        if explanation is None:
            st.caption(f"No explanation: {unavailable or 'not requested'}.")
            return
        risk = float(explanation["model_risk_score"])
        st.caption(
            f"The text model's risk {risk:.2f} taken apart in log-odds (+ raises, − lowers); the parts "
            "add up to the score. Shares of the whole posting, not of single words."
        )
        st.dataframe(views_frame(explanation), hide_index=True, width="stretch")
        if explanation.get("model_version") != case.get("model_version"):
            st.caption(
                f"Explained by the serving model {explanation.get('model_version')}; the case was scored by "
                f"{case.get('model_version') or 'an earlier model'}."
            )
        withheld = explanation.get("char_ngrams_withheld")
        if withheld:
            st.caption(f"Character n-grams withheld for your role: {withheld}.")
        elif text_hidden:
            st.caption("Character n-grams are pieces of the text: hidden with it until you reveal it.")
        else:
            st.caption("Character n-grams that moved the score most (␣ = a word boundary):")
            st.dataframe(ngrams_frame(explanation), hide_index=True, width="stretch")


def fetch_case(client: VigilClient, case_id: int) -> dict[str, Any]:
    """The case detail, with the explanation asked for once per opened case (it runs the model) and kept
    for the page's reruns."""
    cached = st.session_state.get("explanation")
    fresh = cached is None or cached[0] != case_id
    detail: dict[str, Any] = client.case(case_id, explain=fresh)
    if fresh:
        st.session_state["explanation"] = (
            case_id,
            detail.get("explanation"),
            detail.get("explanation_unavailable"),
        )
    _, detail["explanation"], detail["explanation_unavailable"] = st.session_state["explanation"]
    return detail
