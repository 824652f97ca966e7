"""One posting → normalized text, entities, indicator hits and the numeric features the model reads.

:func:`analyze` is the single place both training and scoring turn text into features, so the two can
never drift apart; the feature order is :data:`FEATURE_NAMES`, recorded in every model's config.json.

Features that let a model take a shortcut are left out on purpose: the share of capital letters (an
ALL-CAPS posting is not riskier), the number of phone numbers (nearly every posting, benign or not,
carries one; only a *disguised* contact counts) and first-person wording (traffickers write in the
first person too).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from classifier.entities import extract_entities
from classifier.indicators.catalog import CONTEXT_NAMES, INDICATORS, MITIGATOR_NAMES
from classifier.indicators.detect import detect
from classifier.normalize import NormalizedText, normalize
from classifier.results import Entity, EntityKind, IndicatorHit, Severity

COUNT_CAP = 3
ENTITY_KINDS = (EntityKind.EMAIL, EntityKind.HANDLE, EntityKind.URL, EntityKind.PRICE, EntityKind.AGE)

FEATURE_NAMES: tuple[str, ...] = (
    *(f"ind:{spec.id}" for spec in INDICATORS),
    *(f"mit:{name}" for name in MITIGATOR_NAMES),
    *(f"ctx:{name}" for name in CONTEXT_NAMES),
    *(f"ent:{kind}" for kind in ENTITY_KINDS),
    "ent:obfuscated",
    "agg:indicators",
    "agg:high_severity",
    "agg:weight",
    "txt:log_chars",
    "txt:code_emoji",
    "txt:exclamations",
)
_WEIGHTS = {spec.id: spec.weight for spec in INDICATORS}


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


@lru_cache(maxsize=2048)
def analyze(text: str) -> TextAnalysis:
    """Analyze one posting (cached: platforms see the same text re-posted many times)."""
    normalized = normalize(text)
    entities = tuple(extract_entities(text))
    found = detect(normalized, entities)
    by_id = {hit.id: hit for hit in found.indicators}
    kinds = [entity.kind for entity in entities]
    features = [
        *(_cap(len(by_id[spec.id].spans)) if spec.id in by_id else 0.0 for spec in INDICATORS),
        *(_cap(found.mitigators[name]) for name in MITIGATOR_NAMES),
        *(1.0 if name in found.contexts else 0.0 for name in CONTEXT_NAMES),
        *(_cap(kinds.count(kind)) for kind in ENTITY_KINDS),
        _cap(sum(entity.obfuscated for entity in entities)),
        float(len(found.indicators)),
        float(sum(hit.severity is Severity.HIGH for hit in found.indicators)),
        sum(_WEIGHTS[hit.id] for hit in found.indicators),
        math.log1p(len(text)) / 8.0,
        _cap(len(normalized.emoji)),
        _cap(text.count("!")),
    ]
    return TextAnalysis(
        normalized, entities, found.indicators, found.mitigators, found.contexts, tuple(features)
    )


def indicator_feature_vector(text: str) -> tuple[float, ...]:
    """The feature row for ``text`` in :data:`FEATURE_NAMES` order."""
    return analyze(text).features
