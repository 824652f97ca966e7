"""The scoring contract: what a scored posting looks like to every consumer.

These plain, immutable types are shared by the scorer, the `vigil` CLI, the moderation API and the
review UI. They import nothing heavy so that any part of Vigil can use them cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, runtime_checkable


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
        """Map the two calibrated probabilities to a band.

        ``urgent`` needs both: the urgent probability past its threshold *and* a risk score past the
        review threshold, so a posting the risk head thinks benign never lands in the senior queue.
        """
        if risk_score < self.review:
            return Band.LOW
        return Band.URGENT if urgent_score >= self.urgent else Band.REVIEW

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
    # ISO 639-1 code (or "und") and whether the indicator lexicons cover it (classifier.language).
    language: str = "und"
    coverage: str = "unknown"
    # High-severity indicators that lifted the score to the review threshold (the documented floor).
    floor: tuple[str, ...] = ()
    model_risk_score: float | None = None

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
            "model_risk_score": round(
                self.risk_score if self.model_risk_score is None else self.model_risk_score, 6
            ),
            "floor": list(self.floor),
            "language": self.language,
            "coverage": self.coverage,
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


@dataclass(frozen=True, slots=True)
class NgramContribution:
    """A column of the character n-gram view and what it added to the risk logit (negative: lowered it).

    ``ngrams`` are the n-grams of the (normalized, lower-cased) text that hash to the column: usually one.
    They are pieces of posting text, so they are as untrusted and as restricted as the text itself.
    """

    ngrams: tuple[str, ...]
    contribution: float

    def to_dict(self) -> dict[str, Any]:
        return {"ngrams": list(self.ngrams), "contribution": round(self.contribution, 6)}


@dataclass(frozen=True, slots=True)
class ScoreExplanation:
    """Why the text model gave a posting its risk: the risk logit taken apart (no thresholds in it).

    ``model_risk_score = sigmoid(intercept + sum(views.values()))``; ``views["char_ngrams"]`` is
    ``char_ngram_bias`` plus every n-gram column's contribution, of which ``top_char_ngrams`` are the
    largest by size.
    """

    model_version: str
    model_risk_score: float
    intercept: float
    views: Mapping[str, float]
    char_ngram_bias: float
    top_char_ngrams: tuple[NgramContribution, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "model_version": self.model_version,
            "model_risk_score": round(self.model_risk_score, 6),
            "intercept": round(self.intercept, 6),
            "views": {name: round(value, 6) for name, value in self.views.items()},
            "char_ngram_bias": round(self.char_ngram_bias, 6),
            "top_char_ngrams": [term.to_dict() for term in self.top_char_ngrams],
        }


@runtime_checkable
class ScoreExplainer(Protocol):
    """A scorer that can take its risk score apart (the trained model; the keyword baseline cannot)."""

    def explain_texts(self, texts: Sequence[str], *, top: int = 10) -> list[ScoreExplanation]:
        """One explanation per text, in order."""
        ...
