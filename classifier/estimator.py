"""The risk estimator: per head, a stack of three views of a posting and a calibrating combiner.

A posting's model input is one (sparse) row ``[embedding ‖ indicator features ‖ character n-grams]``;
``view_sizes`` says how wide each block is. For every head the estimator fits:

1. one logistic regression per view — the MiniLM embedding (meaning, English-centred), the
   explainable indicator features (counts and flags), and TF-IDF-weighted hashed character n-grams
   (language-agnostic: it reads Russian or Thai as well as English, and survives spelling games);
2. a logistic *combiner* over the three views' out-of-fold decision values. Fitting it on out-of-fold
   values (grouped by template cluster when ``groups`` is given) is what keeps it honest: a view that
   memorised the training templates cannot vouch for itself. Being a logistic regression on scores,
   the combiner is also the calibration step (Platt scaling over the views), so its output is a
   probability a threshold can be set on.

Heads: ``risk`` = P(label >= 1), ``urgent`` = P(label == 2), and one per
:class:`~classifier.results.Category` present in the training data.

Thresholds are deliberately absent: they live in the model's ``config.json`` / settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from classifier.results import Category

RISK_HEAD = "risk"
URGENT_HEAD = "urgent"
CATEGORY_NAMES: tuple[str, ...] = tuple(str(category) for category in Category)
VIEW_NAMES: tuple[str, ...] = ("embedding", "indicators", "char_ngrams")


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


@dataclass(frozen=True, slots=True)
class HeadExplanation:
    """One row's head logit taken apart: ``logit = intercept + sum(views.values())``, and the character
    n-gram view's share split by hashed column: ``views["char_ngrams"] = char_ngram_bias +
    sum(char_ngram_columns.values())``. Every figure is in logit units of the head's output."""

    head: str
    intercept: float
    views: dict[str, float]
    char_ngram_bias: float
    char_ngram_columns: dict[int, float]

    @property
    def logit(self) -> float:
        return self.intercept + sum(self.views.values())

    @property
    def probability(self) -> float:
        return float(expit(self.logit))


class StackedHead:
    """One binary head: a fitted model per view and the combiner over their decision values."""

    def __init__(
        self,
        views: list[Pipeline],
        combiner: LogisticRegression,
        bounds: list[tuple[int, int]],
        *,
        sparse: list[bool],
    ) -> None:
        self.views = views
        self.combiner = combiner
        self.bounds = bounds
        self.sparse = sparse

    def blocks(self, X: sp.csr_matrix) -> list[Any]:
        """``X`` cut into the views' column blocks (dense views as arrays)."""
        return [
            _block(X, start, stop, sparse=sparse)
            for (start, stop), sparse in zip(self.bounds, self.sparse, strict=True)
        ]

    def view_scores(self, X: sp.csr_matrix, blocks: list[Any] | None = None) -> np.ndarray:
        """Each view's decision value, computed straight from the fitted parameters.

        Every view pipeline is linear (standardize or TF-IDF, then a logistic regression), so applying
        the fitted parameters directly gives scikit-learn's numbers without its per-call input checks,
        which cost ~60 ms a posting over the 15 view models of a stacked classifier. ``blocks`` lets
        the heads share one cut of ``X``.
        """
        columns = []
        for model, block, sparse in zip(self.views, blocks or self.blocks(X), self.sparse, strict=True):
            logreg = model.named_steps["logreg"]
            weights, bias = logreg.coef_[0], float(logreg.intercept_[0])
            if sparse:
                columns.append(_tfidf_dot(block, model.named_steps["tfidf"], weights) + bias)
            else:
                scaler = model.named_steps["scale"]
                columns.append(((block - scaler.mean_) / scaler.scale_) @ weights + bias)
        return np.column_stack(columns)

    def predict_proba(self, X: sp.csr_matrix, blocks: list[Any] | None = None) -> np.ndarray:
        logits = self.view_scores(X, blocks) @ self.combiner.coef_[0] + self.combiner.intercept_[0]
        return np.asarray(expit(logits), dtype=np.float64)


def _tfidf_dot(counts: sp.csr_matrix, transformer: TfidfTransformer, weights: np.ndarray) -> np.ndarray:
    """Rows of ``counts`` through ``TfidfTransformer`` (sublinear tf, idf, l2 norm), dotted with
    ``weights``: the same numbers as scikit-learn, straight on the CSR arrays (no matrix rebuilt)."""
    counts = sp.csr_matrix(counts)
    counts.sum_duplicates()
    data = counts.data.astype(np.float64)
    if transformer.sublinear_tf:
        data = np.log(data) + 1.0
    data *= transformer.idf_[counts.indices]
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=counts.shape[0]))
    norms[norms == 0.0] = 1.0
    return np.bincount(rows, weights=data * weights[counts.indices], minlength=counts.shape[0]) / norms


def _block(X: sp.csr_matrix, start: int, stop: int, *, sparse: bool) -> Any:
    block = X[:, start:stop]
    return block if sparse else block.toarray()


class RiskClassifier(ClassifierMixin, BaseEstimator):
    """Stacked, calibrated multi-head risk model; ``predict_proba`` gives P(label = 0, 1, 2).

    ``fit(X, y, categories=None, groups=None, sample_weight=None)``: ``X`` is the (sparse or dense)
    ``[embedding ‖ indicator features ‖ character n-grams]`` matrix whose block widths are
    ``view_sizes`` (``None``: all of ``X`` is one dense view); ``y`` holds labels 0 benign / 1 review /
    2 urgent; ``categories`` an optional
    ``(n, 3)`` 0/1 matrix (or lists of category names) for the per-category heads; ``groups`` the
    template cluster of each row, so the combiner's out-of-fold values never come from a model that
    saw the same template. A head whose target has a single class in training becomes a constant.
    """

    def __init__(
        self,
        view_sizes: tuple[int, ...] | None = None,
        view_C: tuple[float, ...] = (0.05, 0.5, 10.0),
        combiner_C: float = 1.0,
        cv: int = 5,
        class_weight: str | None = "balanced",
        max_iter: int = 3000,
        random_state: int | None = 0,
    ) -> None:
        self.view_sizes = view_sizes
        self.view_C = view_C
        self.combiner_C = combiner_C
        self.cv = cv
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # the character n-gram view is sparse by nature
        return tags

    def _bounds(self) -> list[tuple[int, int]]:
        if self.view_sizes is None:
            return [(0, self.n_features_in_)]
        bounds, start = [], 0
        for size in self.view_sizes:
            bounds.append((start, start + int(size)))
            start += int(size)
        return bounds

    def _is_sparse_view(self, index: int) -> bool:
        return self.view_sizes is not None and index == len(VIEW_NAMES) - 1

    def _view_model(self, index: int) -> Pipeline:
        logreg = LogisticRegression(
            C=self.view_C[index],
            class_weight=self.class_weight,
            max_iter=self.max_iter,
            random_state=self.random_state,
        )
        if self._is_sparse_view(index):
            # Hashed n-gram counts: TF-IDF weighting, no standardisation (it would blow up rare n-grams);
            # liblinear reaches the same optimum as lbfgs on this sparse problem in half the time.
            logreg.set_params(solver="liblinear")
            return Pipeline([("tfidf", TfidfTransformer(sublinear_tf=True)), ("logreg", logreg)])
        return Pipeline([("scale", StandardScaler()), ("logreg", logreg)])

    def _folds(self, target: np.ndarray, groups: np.ndarray | None) -> list[tuple[np.ndarray, np.ndarray]]:
        positives = int(target.sum())
        n_splits = max(2, min(self.cv, positives, len(target) - positives))
        if groups is not None and len(np.unique(groups)) >= n_splits:
            splitter: Any = GroupKFold(n_splits=n_splits)
            return list(splitter.split(target, target, groups))
        splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=self.random_state)
        return list(splitter.split(target, target))

    def _head(
        self, X: sp.csr_matrix, target: np.ndarray, groups: np.ndarray | None, weight: np.ndarray | None
    ) -> StackedHead | float:
        positives = int(target.sum())
        if positives == 0 or positives == len(target):
            return float(positives > 0)
        bounds = self._bounds()
        out_of_fold = np.zeros((len(target), len(bounds)))
        fitted: list[Pipeline] = []
        for index, (start, stop) in enumerate(bounds):
            block = _block(X, start, stop, sparse=self._is_sparse_view(index))
            for train, held in self._folds(target, groups):
                if len(np.unique(target[train])) < 2:
                    continue
                model = clone(self._view_model(index))
                fit_weight = None if weight is None else {"logreg__sample_weight": weight[train]}
                model.fit(block[train], target[train], **(fit_weight or {}))
                out_of_fold[held, index] = model.decision_function(block[held])
            model = self._view_model(index)
            model.fit(block, target, **({} if weight is None else {"logreg__sample_weight": weight}))
            fitted.append(model)
        combiner = LogisticRegression(C=self.combiner_C, max_iter=self.max_iter)
        combiner.fit(out_of_fold, target, sample_weight=weight)
        return StackedHead(
            fitted, combiner, bounds, sparse=[self._is_sparse_view(i) for i in range(len(bounds))]
        )

    def fit(
        self,
        X: Any,
        y: Any,
        categories: Any = None,
        groups: Any = None,
        sample_weight: Any = None,
    ) -> RiskClassifier:
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=np.float64)
        X = sp.csr_matrix(X)
        if len(self.view_C) != len(VIEW_NAMES):
            raise ValueError(f"view_C needs one value per view {VIEW_NAMES}")
        if self.view_sizes is not None and (
            len(self.view_sizes) != len(VIEW_NAMES) or sum(int(v) for v in self.view_sizes) != X.shape[1]
        ):
            raise ValueError(
                f"view_sizes {self.view_sizes} must give {len(VIEW_NAMES)} blocks adding up to the "
                f"{X.shape[1]} columns of X"
            )
        check_classification_targets(y)
        y = np.asarray(y)
        if not np.isin(y, (0, 1, 2)).all():
            raise ValueError("labels must be 0 (benign), 1 (review) or 2 (urgent)")
        group_array = None if groups is None else np.asarray(groups)
        weight = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self.classes_ = np.array([0, 1, 2])
        heads: dict[str, StackedHead | float] = {
            RISK_HEAD: self._head(X, (y >= 1).astype(np.int64), group_array, weight),
            URGENT_HEAD: self._head(X, (y == 2).astype(np.int64), group_array, weight),
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
                heads[name] = self._head(X, matrix[:, column].astype(np.int64), group_array, weight)
        self.heads_ = heads
        self.n_iter_ = max(
            (
                int(np.max(view.named_steps["logreg"].n_iter_))
                for head in heads.values()
                if isinstance(head, StackedHead)
                for view in head.views
            ),
            default=0,
        )
        return self

    def predict_scores(self, X: Any) -> dict[str, np.ndarray]:
        """Every head's calibrated probability: ``risk``, ``urgent`` and one per category."""
        check_is_fitted(self, "heads_")
        X = sp.csr_matrix(validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False))
        fitted = [head for head in self.heads_.values() if isinstance(head, StackedHead)]
        blocks = fitted[0].blocks(X) if fitted else None  # every head cuts X the same way
        scores = {
            name: np.full(X.shape[0], head) if isinstance(head, float) else head.predict_proba(X, blocks)
            for name, head in self.heads_.items()
        }
        # urgent ⊂ review: keep P(label = 2) <= P(label >= 1) after separate calibration.
        scores[URGENT_HEAD] = np.minimum(scores[URGENT_HEAD], scores[RISK_HEAD])
        return scores

    def view_contributions(self, X: Any, head: str = RISK_HEAD) -> np.ndarray:
        """The combiner's weighted input from each view (columns in :data:`VIEW_NAMES` order)."""
        check_is_fitted(self, "heads_")
        X = sp.csr_matrix(validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False))
        fitted = self.heads_[head]
        if isinstance(fitted, float):
            return np.zeros((X.shape[0], len(self._bounds())))
        return fitted.view_scores(X) * fitted.combiner.coef_[0]

    def explain(self, X: Any, head: str = RISK_HEAD) -> list[HeadExplanation]:
        """Per row of ``X``, ``head``'s logit as the sum of its parts (see :class:`HeadExplanation`).

        Every part is linear, so the parts add up exactly: the combiner's weight times each view's decision
        value, and inside the character n-gram view its coefficient times the TF-IDF weight of each n-gram
        column. ``urgent`` is explained before it is capped at ``risk``. ValueError for a constant head.
        """
        check_is_fitted(self, "heads_")
        X = sp.csr_matrix(validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False))
        fitted = self.heads_[head]
        if isinstance(fitted, float):
            raise ValueError(f"head {head!r} is constant ({fitted}) in this model: nothing to explain")
        names = VIEW_NAMES if self.view_sizes is not None else ("features",)
        weights = fitted.combiner.coef_[0]
        blocks = fitted.blocks(X)
        contributions = fitted.view_scores(X, blocks) * weights
        explanations = []
        for row in range(X.shape[0]):
            columns: dict[int, float] = {}
            bias = 0.0
            if self.view_sizes is not None:
                char_view = len(VIEW_NAMES) - 1
                model = fitted.views[char_view]
                coef = model.named_steps["logreg"].coef_[0] * weights[char_view]
                tfidf = sp.csr_matrix(model.named_steps["tfidf"].transform(blocks[char_view][row]))
                columns = {int(j): float(v * coef[j]) for j, v in zip(tfidf.indices, tfidf.data, strict=True)}
                bias = float(model.named_steps["logreg"].intercept_[0] * weights[char_view])
            explanations.append(
                HeadExplanation(
                    head=head,
                    intercept=float(fitted.combiner.intercept_[0]),
                    views={name: float(value) for name, value in zip(names, contributions[row], strict=True)},
                    char_ngram_bias=bias,
                    char_ngram_columns=columns,
                )
            )
        return explanations

    def predict_proba(self, X: Any) -> np.ndarray:
        scores = self.predict_scores(X)
        risk, urgent = scores[RISK_HEAD], scores[URGENT_HEAD]
        return np.column_stack([1.0 - risk, risk - urgent, urgent])

    def predict(self, X: Any) -> np.ndarray:
        proba = self.predict_proba(X)
        return np.asarray(self.classes_[np.argmax(proba, axis=1)])
