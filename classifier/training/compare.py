"""The candidate against the active model on the reviewed hold-out (the platform's own decided cases).

Each model is measured at its own thresholds, floor included (what it would route if it served):
average precision of ``risk_score`` with a 95% bootstrap interval, and recall / precision of the
``review``-or-higher and ``urgent`` bands with 95% Wilson intervals — overall and per language. Every
figure carries the sample size it rests on; a proportion over fewer than :data:`SMALL_SAMPLE` postings
(or an AP over fewer than :data:`SMALL_POSITIVES` positives) is marked ``small``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from classifier.evaluation import DIGITS, Labels, wilson_interval
from classifier.results import Band, ScoreResult

SMALL_SAMPLE = 30
SMALL_POSITIVES = 10
BOOTSTRAP_RESAMPLES = 1000


def proportion(successes: int, trials: int) -> dict[str, Any]:
    return {
        "value": round(successes / trials, DIGITS) if trials else None,
        "ci": wilson_interval(successes, trials),
        "n": trials,
        "small": trials < SMALL_SAMPLE,
    }


def ap_score(truth: np.ndarray, scores: np.ndarray) -> float:
    """Average precision exactly as scikit-learn computes it (a step sum over distinct thresholds),
    without its per-call input checks: the bootstrap calls it thousands of times."""
    order = np.argsort(-scores, kind="mergesort")
    ranked, hits = scores[order], truth[order].astype(np.float64)
    last = np.r_[np.flatnonzero(np.diff(ranked)), len(ranked) - 1]  # last row of each distinct score
    tps = np.cumsum(hits)[last]
    precision = tps / (last + 1)
    recall = tps / tps[-1]
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def _bootstrap(truth: np.ndarray, statistic: Any, *, seed: int) -> list[float] | None:
    """95% percentile interval of ``statistic(rows)`` over resamples that keep both classes."""
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(BOOTSTRAP_RESAMPLES):
        pick = rng.integers(0, len(truth), len(truth))
        if 0 < truth[pick].sum() < len(pick):
            values.append(statistic(pick))
    if not values:
        return None
    return [round(float(np.percentile(values, q)), DIGITS) for q in (2.5, 97.5)]


def average_precision(truth: np.ndarray, risk: np.ndarray, *, seed: int) -> dict[str, Any]:
    positives = int(truth.sum())
    defined = 0 < positives < len(truth)
    return {
        "value": round(ap_score(truth, risk), DIGITS) if defined else None,
        "ci": _bootstrap(truth, lambda pick: ap_score(truth[pick], risk[pick]), seed=seed)
        if defined
        else None,
        "n": len(truth),
        "positives": positives,
        "small": len(truth) < SMALL_SAMPLE or positives < SMALL_POSITIVES,
    }


def measures(label: np.ndarray, results: Sequence[ScoreResult], *, seed: int) -> dict[str, Any]:
    """AP and band recall / precision of one model's results against reviewed labels."""
    needs_review, is_urgent = label >= 1, label == 2
    bands = [result.band for result in results]
    flagged = np.array([band is not Band.LOW for band in bands], dtype=bool)
    urgent = np.array([band is Band.URGENT for band in bands], dtype=bool)
    risk = np.array([result.risk_score for result in results], dtype=np.float64)
    return {
        "n": len(label),
        "average_precision": average_precision(needs_review, risk, seed=seed),
        "review_recall": proportion(int((flagged & needs_review).sum()), int(needs_review.sum())),
        "review_precision": proportion(int((flagged & needs_review).sum()), int(flagged.sum())),
        "urgent_recall": proportion(int((urgent & is_urgent).sum()), int(is_urgent.sum())),
        "urgent_precision": proportion(int((urgent & is_urgent).sum()), int(urgent.sum())),
    }


def ap_difference(
    truth: np.ndarray, candidate: np.ndarray, active: np.ndarray, *, seed: int
) -> dict[str, Any]:
    """Candidate AP minus active AP with a paired 95% bootstrap interval (same resamples for both)."""
    if not 0 < truth.sum() < len(truth):
        return {"value": None, "ci": None}

    def difference(pick: Any) -> float:
        return ap_score(truth[pick], candidate[pick]) - ap_score(truth[pick], active[pick])

    return {
        "value": round(difference(slice(None)), DIGITS),
        "ci": _bootstrap(truth, difference, seed=seed),
    }


def compare_on_holdout(
    labels: Labels,
    candidate: Sequence[ScoreResult],
    active: Sequence[ScoreResult],
    *,
    seed: int,
) -> dict[str, Any]:
    """Both models overall and per language, and the paired AP difference."""
    models = {"candidate": candidate, "active": active}
    out: dict[str, Any] = {
        "n": len(labels.label),
        "label_counts": {str(k): int((labels.label == k).sum()) for k in (0, 1, 2)},
        "versions": {name: results[0].model_version if results else None for name, results in models.items()},
        "thresholds": {
            name: results[0].thresholds.to_dict() if results else None for name, results in models.items()
        },
        "overall": {name: measures(labels.label, results, seed=seed) for name, results in models.items()},
        "ap_difference": ap_difference(
            labels.label >= 1,
            np.array([r.risk_score for r in candidate], dtype=np.float64),
            np.array([r.risk_score for r in active], dtype=np.float64),
            seed=seed,
        ),
        "languages": {},
    }
    for lang in sorted(set(labels.lang.tolist())):
        rows = [int(i) for i in np.flatnonzero(labels.lang == lang)]
        out["languages"][lang] = {
            name: measures(labels.label[rows], [results[i] for i in rows], seed=seed)
            for name, results in models.items()
        }
    return out
