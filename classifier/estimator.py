"""The risk estimator: calibrated logistic heads over ``[embedding ‖ indicator features]``.

One scikit-learn estimator holds five binary heads, each a standardized logistic regression wrapped in
``CalibratedClassifierCV`` so its output is a probability a threshold can be set on:

- ``risk``: P(label >= 1), the posting deserves human review;
- ``urgent``: P(label == 2);
- one head per :class:`~classifier.results.Category` present in the training data.

Thresholds are deliberately absent: they live in the model's ``config.json`` / settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from classifier.results import Category

RISK_HEAD = "risk"
URGENT_HEAD = "urgent"
CATEGORY_NAMES: tuple[str, ...] = tuple(str(category) for category in Category)


def category_matrix(categories: Iterable[Iterable[str]], names: Sequence[str] = CATEGORY_NAMES) -> np.ndarray:
    """Rows of category-name lists → a 0/1 matrix with one column per name."""
    index = {name: column for column, name in enumerate(names)}
    rows = list(categories)
    matrix = np.zeros((len(rows), len(names)), dtype=np.int64)
    for row, labels in enumerate(rows):
        for label in labels:
            if label not in index:
                raise ValueError(f"unknown category {label!r}; expected one of {list(names)}")
            matrix[row, index[label]] = 1
    return matrix


class RiskClassifier(ClassifierMixin, BaseEstimator):
    """Calibrated multi-head risk model; ``predict_proba`` gives P(label = 0, 1, 2).

    ``fit(X, y, categories)``: ``y`` holds labels 0 benign / 1 review / 2 urgent; ``categories`` is an
    optional ``(n, 3)`` 0/1 matrix (or lists of category names) for the per-category heads.
    A head whose target has a single class in training becomes a constant prior.
    """

    def __init__(
        self,
        C: float = 0.5,
        calibration: str = "sigmoid",
        cv: int = 5,
        class_weight: str | None = "balanced",
        max_iter: int = 2000,
        random_state: int | None = 0,
    ) -> None:
        self.C = C
        self.calibration = calibration
        self.cv = cv
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def _head(self, X: np.ndarray, target: np.ndarray) -> CalibratedClassifierCV | float:
        positives = int(target.sum())
        negatives = len(target) - positives
        if positives == 0 or negatives == 0:
            return float(positives > 0)
        base = Pipeline(
            [
                ("scale", StandardScaler()),
                (
                    "logreg",
                    LogisticRegression(
                        C=self.C,
                        class_weight=self.class_weight,
                        max_iter=self.max_iter,
                        random_state=self.random_state,
                    ),
                ),
            ]
        )
        folds = max(2, min(self.cv, positives, negatives))
        # ensemble=False: one model on all rows + a calibrator fit on its out-of-fold scores, so scoring
        # runs one pipeline per head instead of `cv` (single-posting latency is dominated by this).
        calibrated = CalibratedClassifierCV(base, method=self.calibration, cv=folds, ensemble=False)
        return calibrated.fit(X, target)

    def fit(self, X: Any, y: Any, categories: Any = None) -> RiskClassifier:
        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        y = np.asarray(y)
        if not np.isin(y, (0, 1, 2)).all():
            raise ValueError("labels must be 0 (benign), 1 (review) or 2 (urgent)")
        self.classes_ = np.array([0, 1, 2])
        heads: dict[str, CalibratedClassifierCV | float] = {
            RISK_HEAD: self._head(X, (y >= 1).astype(np.int64)),
            URGENT_HEAD: self._head(X, (y == 2).astype(np.int64)),
        }
        self.category_names_: tuple[str, ...] = ()
        if categories is not None:
            matrix = np.asarray(categories)
            if matrix.ndim != 2:
                matrix = category_matrix(categories)
            if matrix.shape != (len(y), len(CATEGORY_NAMES)):
                raise ValueError(f"categories must have shape ({len(y)}, {len(CATEGORY_NAMES)})")
            self.category_names_ = CATEGORY_NAMES
            for column, name in enumerate(CATEGORY_NAMES):
                heads[name] = self._head(X, matrix[:, column].astype(np.int64))
        self.heads_ = heads
        self.n_iter_ = max(
            (
                int(np.max(fold.estimator.named_steps["logreg"].n_iter_))
                for head in heads.values()
                if not isinstance(head, float)
                for fold in head.calibrated_classifiers_
            ),
            default=0,
        )
        return self

    def _head_proba(self, name: str, X: np.ndarray) -> np.ndarray:
        head = self.heads_[name]
        if isinstance(head, float):
            return np.full(X.shape[0], head)
        return np.asarray(head.predict_proba(X)[:, 1], dtype=np.float64)

    def predict_scores(self, X: Any) -> dict[str, np.ndarray]:
        """Every head's calibrated probability: ``risk``, ``urgent`` and one per category."""
        check_is_fitted(self, "heads_")
        X = validate_data(self, X, dtype=np.float64, reset=False)
        scores = {name: self._head_proba(name, X) for name in self.heads_}
        # urgent ⊂ review: keep P(label = 2) <= P(label >= 1) after separate calibration.
        scores[URGENT_HEAD] = np.minimum(scores[URGENT_HEAD], scores[RISK_HEAD])
        return scores

    def predict_proba(self, X: Any) -> np.ndarray:
        scores = self.predict_scores(X)
        risk, urgent = scores[RISK_HEAD], scores[URGENT_HEAD]
        return np.column_stack([1.0 - risk, risk - urgent, urgent])

    def predict(self, X: Any) -> np.ndarray:
        proba = self.predict_proba(X)
        return np.asarray(self.classes_[np.argmax(proba, axis=1)])
