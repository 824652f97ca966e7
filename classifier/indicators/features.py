"""One posting → normalized text, entities, indicator hits and the numeric features the model reads.

:func:`analyze` is the single place both training and scoring turn text into features, so the two can
never drift apart; the feature order is :data:`FEATURE_NAMES`, recorded in every model's config.json.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from classifier.entities import extract_entities
from classifier.indicators.catalog import INDICATORS
from classifier.indicators.detect import (
    CONTEXT_NAMES,
    MITIGATOR_NAMES,
    contexts,
    detect_indicators,
    mitigators,
)
from classifier.normalize import NormalizedText, normalize
from classifier.results import Entity, EntityKind, IndicatorHit, Severity

COUNT_CAP = 3

FEATURE_NAMES: tuple[str, ...] = (
    *(f"ind:{spec.id}" for spec in INDICATORS),
    *(f"mit:{name}" for name in MITIGATOR_NAMES),
    *(f"ctx:{name}" for name in CONTEXT_NAMES),
    "ent:phone",
    "ent:email",
    "ent:handle",
    "ent:url",
    "ent:price",
    "ent:age",
    "ent:obfuscated",
    "agg:indicators",
    "agg:high_severity",
    "agg:weight",
    "txt:log_chars",
    "txt:upper_ratio",
    "txt:emoji",
    "txt:exclamations",
)


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """Everything the explainable layer finds in one posting."""

    normalized: NormalizedText
    entities: tuple[Entity, ...]
    indicators: tuple[IndicatorHit, ...]
    mitigators: dict[str, int]
    contexts: frozenset[str]
    features: tuple[float, ...]


def _cap(value: int) -> float:
    return float(min(value, COUNT_CAP))


def _text_features(text: str) -> list[float]:
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    emoji = sum(unicodedata.category(c) == "So" for c in text)
    return [math.log1p(len(text)) / 8.0, upper, _cap(emoji), _cap(text.count("!"))]


@lru_cache(maxsize=2048)
def analyze(text: str) -> TextAnalysis:
    """Analyze one posting (cached: platforms see the same text re-posted many times)."""
    normalized = normalize(text)
    entities = tuple(extract_entities(text))
    hits = tuple(detect_indicators(normalized, entities))
    found_mitigators = mitigators(normalized)
    found_contexts = contexts(normalized)
    by_id = {hit.id: hit for hit in hits}
    kinds = [entity.kind for entity in entities]
    weights = {spec.id: spec.weight for spec in INDICATORS}
    features = [
        *(_cap(len(by_id[spec.id].spans)) if spec.id in by_id else 0.0 for spec in INDICATORS),
        *(_cap(found_mitigators[name]) for name in MITIGATOR_NAMES),
        *(1.0 if name in found_contexts else 0.0 for name in CONTEXT_NAMES),
        *(_cap(kinds.count(kind)) for kind in (EntityKind.PHONE, EntityKind.EMAIL, EntityKind.HANDLE)),
        *(_cap(kinds.count(kind)) for kind in (EntityKind.URL, EntityKind.PRICE, EntityKind.AGE)),
        _cap(sum(entity.obfuscated for entity in entities)),
        float(len(hits)),
        float(sum(hit.severity is Severity.HIGH for hit in hits)),
        sum(weights[hit.id] for hit in hits),
        *_text_features(text),
    ]
    return TextAnalysis(normalized, entities, hits, found_mitigators, found_contexts, tuple(features))


def indicator_feature_vector(text: str) -> tuple[float, ...]:
    """The feature row for ``text`` in :data:`FEATURE_NAMES` order."""
    return analyze(text).features
