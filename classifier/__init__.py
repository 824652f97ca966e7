"""Vigil's scoring engine: normalization, indicator detectors, the embedding risk model.

Importing this package is cheap; heavy pieces (ONNX Runtime, torch) load only when a scorer is built.
"""

from classifier.results import (
    Band,
    Category,
    Entity,
    EntityKind,
    IndicatorGroup,
    IndicatorHit,
    ScoreResult,
    Severity,
    Span,
    TextScorer,
    Thresholds,
)

__all__ = [
    "Band",
    "Category",
    "Entity",
    "EntityKind",
    "IndicatorGroup",
    "IndicatorHit",
    "ScoreResult",
    "Severity",
    "Span",
    "TextScorer",
    "Thresholds",
]
