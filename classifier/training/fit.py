"""Fit step of `vigil train`: the stacked estimator and the band thresholds.

Thresholds are picked on the validation split through the same band rule scoring uses (the
high-severity floor included), never on the held-out set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from classifier.estimator import RiskClassifier, category_matrix
from classifier.evaluation import DIGITS

Row = dict[str, Any]


def row_weights(rows: Sequence[Row], source_weights: dict[str, float]) -> np.ndarray:
    """Per-row training weight by ``source`` (1.0 unless configured)."""
    return np.array([source_weights.get(str(row.get("source")), 1.0) for row in rows], dtype=np.float64)


def fit_estimator(
    rows: Sequence[Row],
    inputs: sp.csr_matrix,
    *,
    view_sizes: tuple[int, ...],
    seed: int,
    source_weights: dict[str, float],
) -> RiskClassifier:
    from classifier.training.data import split_group

    estimator = RiskClassifier(view_sizes=view_sizes, random_state=seed)
    return estimator.fit(
        inputs,
        np.array([row["label"] for row in rows]),
        category_matrix([row.get("categories") or [] for row in rows]),
        groups=np.array([split_group(row) for row in rows]),
        sample_weight=row_weights(rows, source_weights),
    )


def _floor_down(value: float) -> float:
    return math.floor(value * 10**DIGITS) / 10**DIGITS


def review_threshold(
    needs_review: np.ndarray, model_risk: np.ndarray, floored: np.ndarray, *, target_recall: float
) -> float:
    """The highest threshold whose flagged recall (model risk >= t, or the floor) reaches the target."""
    positives = needs_review.astype(bool)
    if not positives.any():
        raise ValueError("no positive examples to pick a threshold on")
    for candidate in sorted({_floor_down(v) for v in model_risk[positives]}, reverse=True):
        flagged = (model_risk >= candidate) | floored
        if flagged[positives].mean() >= target_recall:
            return candidate
    return 0.0


def urgent_threshold(
    is_urgent: np.ndarray, urgent: np.ndarray, flagged: np.ndarray, *, target_precision: float
) -> float:
    """The lowest threshold whose urgent band (urgent >= t among flagged) keeps precision >= target.

    Picked for precision because the urgent band jumps the senior queue: filling it with postings
    that are not urgent costs the child-safety reviewers' time where it matters most.
    """
    truth = is_urgent.astype(bool)
    candidates = sorted({_floor_down(v) for v in urgent[flagged & truth]})
    for candidate in candidates:
        band = flagged & (urgent >= candidate)
        if band.any() and truth[band].mean() >= target_precision:
            return candidate
    return candidates[-1] if candidates else 1.0
