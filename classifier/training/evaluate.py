"""Evaluate step of `vigil train`: the model and two baselines on every set, at matched operating
points, split by language and source, with intervals, plus a robustness table.

Baselines, measured by the same code on the same sets:
- ``keyword``: the hand-weighted indicator scorer (:mod:`classifier.baseline`);
- ``char_tfidf``: character n-gram TF-IDF + logistic regression trained on the same training rows —
  the plain text classifier every model change has to beat.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from classifier.evaluation import (
    Labels,
    ScoreTable,
    bootstrap_ap_interval,
    evaluate,
    recall_at_precision,
    threshold_for_recall,
)
from classifier.results import ScoreResult, Thresholds

Row = dict[str, Any]
MATCHED_PRECISIONS = (0.85, 0.90, 0.95)


class CharTfidfBaseline:
    """Character n-gram TF-IDF + logistic regression on the raw text (risk and urgent heads)."""

    def __init__(self, *, seed: int) -> None:
        self.seed = seed

    def fit(self, texts: Sequence[str], labels: np.ndarray) -> CharTfidfBaseline:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectorizer_ = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        )
        X = self.vectorizer_.fit_transform(texts)
        self.heads_ = {
            name: LogisticRegression(C=10.0, max_iter=3000, random_state=self.seed).fit(X, target)
            for name, target in (("risk", labels >= 1), ("urgent", labels == 2))
        }
        return self

    def table(self, texts: Sequence[str]) -> ScoreTable:
        X = self.vectorizer_.transform(texts)
        risk = self.heads_["risk"].predict_proba(X)[:, 1]
        urgent = np.minimum(self.heads_["urgent"].predict_proba(X)[:, 1], risk)
        return ScoreTable(risk=risk, urgent=urgent, categories=np.zeros((len(texts), 3)))


def tuned_thresholds(
    labels: Labels, table: ScoreTable, *, target_recall: float, urgent_recall: float
) -> Thresholds:
    return Thresholds(
        review=threshold_for_recall(labels.label >= 1, table.risk, target_recall),
        urgent=threshold_for_recall(labels.label == 2, table.urgent, urgent_recall),
    )


def operating_points(labels: Labels, table: ScoreTable, *, seed: int) -> dict[str, Any]:
    """AP with a bootstrap interval and the best recall at fixed precisions (matched comparisons)."""
    truth = labels.label >= 1
    from sklearn.metrics import average_precision_score

    if truth.all() or not truth.any():
        return {"average_precision": None, "average_precision_ci": None, "recall_at_precision": {}}
    return {
        "average_precision": round(float(average_precision_score(truth, table.risk)), 4),
        "average_precision_ci": bootstrap_ap_interval(truth, table.risk, seed=seed),
        "recall_at_precision": {
            f"{precision:.2f}": recall_at_precision(truth, table.risk, precision)
            for precision in MATCHED_PRECISIONS
        },
    }


def source_split(
    rows: Sequence[Row], labels: Labels, table: ScoreTable, thresholds: Thresholds
) -> dict[str, Any]:
    """Metrics per ``source`` (generated / written / craigslist …) of one set."""
    sources = np.array([str(row.get("source", "unknown")) for row in rows], dtype=object)
    out = {}
    for source in sorted(set(sources.tolist())):
        mask = sources == source
        values = evaluate(labels.subset(mask), table.subset(mask), thresholds)
        out[source] = {
            "n": values["n"],
            "flagged": {k: values["flagged"][k] for k in ("precision", "recall", "false_positive_rate")}
            | {k: values["flagged"][k] for k in ("precision_ci", "recall_ci", "false_positive_rate_ci")},
        }
    return out


def robustness_row(
    labels: Labels, plain: Sequence[ScoreResult], transformed: Sequence[ScoreResult]
) -> dict[str, Any]:
    """Flagged recall / FPR and AP of a transformed copy next to the plain text's."""
    from sklearn.metrics import average_precision_score

    truth = labels.label >= 1

    def measure(results: Sequence[ScoreResult]) -> dict[str, Any]:
        flagged = np.array([result.flagged for result in results])
        risk = np.array([result.risk_score for result in results])
        return {
            "recall": round(float(flagged[truth].mean()), 4) if truth.any() else None,
            "false_positive_rate": round(float(flagged[~truth].mean()), 4) if (~truth).any() else None,
            "average_precision": round(float(average_precision_score(truth, risk)), 4)
            if 0 < truth.sum() < len(truth)
            else None,
        }

    ours, base = measure(transformed), measure(plain)
    return {
        **ours,
        "recall_change": None if ours["recall"] is None else round(ours["recall"] - base["recall"], 4),
    }


def comparison(
    sets: Mapping[str, Sequence[Row]],
    tables: Mapping[str, Mapping[str, ScoreTable]],
    *,
    names: Sequence[str],
    seed: int,
) -> dict[str, Any]:
    """Per scorer and set: AP (with interval) and recall at matched precision."""
    return {
        scorer: {
            name: operating_points(Labels.from_rows(sets[name]), by_set[name], seed=seed) for name in names
        }
        for scorer, by_set in tables.items()
    }
