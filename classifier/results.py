"""The scoring contract: what a scored posting looks like to every consumer.

These plain, immutable types are shared by the scorer, the `vigil` CLI, the moderation API and the
review UI. They import nothing heavy so that any part of Vigil can use them cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol


class Band(StrEnum):
    """Action band derived from the risk score by thresholds kept in configuration."""

    LOW = "low"
    REVIEW = "review"
    URGENT = "urgent"


class Category(StrEnum):
    """Harm categories the model scores separately."""

    SEX_TRAFFICKING = "sex_trafficking"
    LABOR_TRAFFICKING = "labor_trafficking"
    MINOR_INVOLVED = "minor_involved"


class IndicatorGroup(StrEnum):
    """Which part of the taxonomy an indicator belongs to (``general`` covers shared cues)."""

    SEX_TRAFFICKING = "sex_trafficking"
    LABOR_TRAFFICKING = "labor_trafficking"
    MINOR_INVOLVED = "minor_involved"
    GENERAL = "general"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class EntityKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    HANDLE = "handle"
    URL = "url"
    PRICE = "price"
    AGE = "age"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into the ORIGINAL posting text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class IndicatorHit:
    """One indicator that fired, with the evidence that made it fire."""

    id: str
    name: str
    group: IndicatorGroup
    severity: Severity
    explanation: str
    spans: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "group": str(self.group),
            "severity": str(self.severity),
            "explanation": self.explanation,
            "spans": [span.to_dict() for span in self.spans],
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """A contact, price or age found in the posting.

    ``text`` is exactly what the poster wrote (``original[start:end]``); ``value`` is the normalized
    form used for linking postings: E.164 for phones, lower-case for emails, ``platform:handle`` for
    messenger handles, the URL host+path for links, ``amount currency[/unit]`` for prices, the number
    for ages.
    """

    kind: EntityKind
    text: str
    value: str
    start: int
    end: int
    platform: str | None = None
    obfuscated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "text": self.text,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "platform": self.platform,
            "obfuscated": self.obfuscated,
        }


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Band thresholds. ``review`` applies to ``risk_score``; ``urgent`` to the urgent probability.

    They live in the model card / settings, never inside the estimator, so operators can move them
    without retraining.
    """

    review: float
    urgent: float

    def __post_init__(self) -> None:
        for name in ("review", "urgent"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"threshold {name}={value!r} must be within [0, 1]")

    def band(self, *, risk_score: float, urgent_score: float) -> Band:
        """Map the two calibrated probabilities to a band."""
        if urgent_score >= self.urgent:
            return Band.URGENT
        if risk_score >= self.review:
            return Band.REVIEW
        return Band.LOW

    def to_dict(self) -> dict[str, float]:
        return {"review": self.review, "urgent": self.urgent}


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """The full score of one posting.

    ``risk_score`` is the calibrated probability that the posting deserves human review (label >= 1);
    ``urgent_score`` the calibrated probability that it is urgent (label 2).
    """

    model_name: str
    model_version: str
    risk_score: float
    urgent_score: float
    band: Band
    category_scores: Mapping[str, float]
    indicators: tuple[IndicatorHit, ...]
    entities: tuple[Entity, ...]
    thresholds: Thresholds
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def flagged(self) -> bool:
        return self.band is not Band.LOW

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": {"name": self.model_name, "version": self.model_version},
            "model_version": self.model_version,
            "risk_score": round(self.risk_score, 6),
            "urgent_score": round(self.urgent_score, 6),
            "band": str(self.band),
            "flagged": self.flagged,
            "thresholds": self.thresholds.to_dict(),
            "category_scores": {k: round(v, 6) for k, v in self.category_scores.items()},
            "indicators": [hit.to_dict() for hit in self.indicators],
            "entities": [entity.to_dict() for entity in self.entities],
        }


class TextScorer(Protocol):
    """Anything that scores posting texts: the trained model, the keyword baseline, a test double."""

    @property
    def model_name(self) -> str: ...

    @property
    def model_version(self) -> str: ...

    @property
    def thresholds(self) -> Thresholds: ...

    @property
    def model_dir(self) -> Path | None:
        """Where the model's card, metrics and plots live; None for a scorer without a trained model."""
        ...

    def with_thresholds(self, thresholds: Thresholds) -> TextScorer:
        """The same scorer with other band thresholds."""
        ...

    def score_texts(self, texts: Sequence[str]) -> list[ScoreResult]:
        """Score texts in order; one result per text."""
        ...
