"""Explainable indicator detectors for trafficking-risk cues (see ``catalog`` for the taxonomy)."""

from classifier.indicators.catalog import INDICATORS, INDICATORS_BY_ID, LEXICON_LANGUAGES, IndicatorSpec
from classifier.indicators.detect import detect, detect_indicators

__all__ = [
    "INDICATORS",
    "INDICATORS_BY_ID",
    "LEXICON_LANGUAGES",
    "IndicatorSpec",
    "detect",
    "detect_indicators",
]
