"""Explainable indicator detectors for trafficking-risk cues (see ``catalog`` for the taxonomy)."""

from classifier.indicators.catalog import INDICATORS, INDICATORS_BY_ID, IndicatorSpec
from classifier.indicators.detect import detect_indicators

__all__ = ["INDICATORS", "INDICATORS_BY_ID", "IndicatorSpec", "detect_indicators"]
