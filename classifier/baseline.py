"""The keyword-only baseline: indicator weights summed into a score, no embeddings, no training.

It is the yardstick in the model card (what do the embeddings add?) and a fast, dependency-free
scorer for tests and for deployments that cannot run the encoder.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from classifier.indicators.catalog import INDICATORS_BY_ID
from classifier.indicators.features import analyze
from classifier.results import IndicatorGroup, ScoreResult, Severity, Thresholds

KEYWORD_MODEL_NAME = "vigil-keyword-baseline"
KEYWORD_MODEL_VERSION = "1.0.0"
DEFAULT_KEYWORD_THRESHOLDS = Thresholds(review=0.5, urgent=0.5)

# Hand-set, not learned: how strongly context wording argues against a risk reading.
MITIGATION = {"awareness_or_news": 2.5, "licensed_professional": 1.0, "transparent_employer": 0.8}
RISK_BIAS, URGENT_BIAS, CATEGORY_BIAS = -1.7, -3.2, -1.8

_GROUP_CATEGORY = {
    IndicatorGroup.SEX_TRAFFICKING: "sex_trafficking",
    IndicatorGroup.LABOR_TRAFFICKING: "labor_trafficking",
    IndicatorGroup.MINOR_INVOLVED: "minor_involved",
}


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


class KeywordScorer:
    """Implements :class:`~classifier.results.TextScorer` from indicator weights alone."""

    model_name = KEYWORD_MODEL_NAME
    model_version = KEYWORD_MODEL_VERSION

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        self._thresholds = thresholds or DEFAULT_KEYWORD_THRESHOLDS

    @property
    def thresholds(self) -> Thresholds:
        return self._thresholds

    @property
    def model_dir(self) -> Path | None:
        return None  # no trained model: no card or plots

    def with_thresholds(self, thresholds: Thresholds) -> KeywordScorer:
        return KeywordScorer(thresholds)

    def score_text(self, text: str) -> ScoreResult:
        analysis = analyze(text)
        mitigation = sum(weight for name, weight in MITIGATION.items() if analysis.mitigators.get(name))
        weights = {hit.id: INDICATORS_BY_ID[hit.id].weight for hit in analysis.indicators}
        total = sum(weights.values())
        high = sum(weights[hit.id] for hit in analysis.indicators if hit.severity is Severity.HIGH)
        risk = _sigmoid(RISK_BIAS + total - mitigation)
        urgent = _sigmoid(URGENT_BIAS + 1.2 * high + 0.4 * (total - high) - mitigation)
        general = sum(weights[hit.id] for hit in analysis.indicators if hit.group is IndicatorGroup.GENERAL)
        categories = {}
        for group, name in _GROUP_CATEGORY.items():
            own = sum(weights[hit.id] for hit in analysis.indicators if hit.group is group)
            categories[name] = (
                _sigmoid(CATEGORY_BIAS + 1.5 * own + 0.3 * general - mitigation) if own else 0.02
            )
        return ScoreResult(
            model_name=self.model_name,
            model_version=self.model_version,
            risk_score=risk,
            urgent_score=urgent,
            band=self._thresholds.band(risk_score=risk, urgent_score=urgent),
            category_scores=categories,
            indicators=analysis.indicators,
            entities=analysis.entities,
            thresholds=self._thresholds,
        )

    def score_texts(self, texts: Sequence[str]) -> list[ScoreResult]:
        return [self.score_text(text) for text in texts]
