"""Request / response shapes for scoring and ingest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from moderation_api.auth.schemas import AccessNote
from moderation_api.request_model import RequestModel, UtcDateTime

# The hard ceiling of a posting text in the API schema; the deployment's limit is Settings.max_text_chars
# (default 20 000), checked by the services.
MAX_TEXT_CHARS = 100_000
EARLIEST_POSTED_AT = datetime(1990, 1, 1, tzinfo=UTC)


class ScoreItem(RequestModel):
    id: str | None = Field(default=None, max_length=200, description="echoed back, optional")
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)


class ScoreRequest(RequestModel):
    """One posting (``text``) or a batch (``items``)."""

    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT_CHARS)
    items: list[ScoreItem] | None = Field(default=None, min_length=1)


class ScoreOut(BaseModel):
    """The score response described in DOMAIN.md: model + version, risk, band, categories, evidence."""

    id: str | None = None
    model: dict[str, str]
    model_version: str
    risk_score: float
    urgent_score: float
    band: str
    flagged: bool
    thresholds: dict[str, float]
    category_scores: dict[str, float]
    indicators: list[dict[str, Any]]
    entities: list[dict[str, Any]]


class ScoreResponse(BaseModel):
    results: list[ScoreOut]


class PostingIn(RequestModel):
    source: str = Field(min_length=1, max_length=100, description="the platform / site the posting is from")
    external_id: str = Field(min_length=1, max_length=200, description="the platform's id; idempotency key")
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    location: str | None = Field(default=None, max_length=200, description="city / region, optional")
    posted_at: UtcDateTime | None = Field(
        default=None, description="when the platform published it, with a time zone; optional"
    )

    @field_validator("posted_at")
    @classmethod
    def _plausible_posted_at(cls, value: datetime | None) -> datetime | None:
        """A publication date outside 1990 .. tomorrow is a client bug, and would break date arithmetic."""
        if value is not None and not EARLIEST_POSTED_AT <= value <= datetime.now(UTC) + timedelta(days=1):
            raise ValueError("posted_at must lie between 1990-01-01 and tomorrow")
        return value


class IngestRequest(RequestModel):
    postings: list[PostingIn] = Field(min_length=1)


class IngestResult(BaseModel):
    posting_id: int
    source: str
    external_id: str
    created: bool = Field(description="false when this (source, external_id) was ingested before")
    band: str
    risk_score: float
    model_version: str
    case_id: int | None
    text_changed: bool = Field(
        default=False, description="a retry carried different text; the stored posting is kept"
    )
    cluster_id: int | None = Field(default=None, description="network cluster (shared contact / template)")
    network_signals: list[dict[str, str]] = Field(
        default_factory=list, description="network signals that fired for this posting: id and explanation"
    )


class IngestResponse(BaseModel):
    results: list[IngestResult]


class CaseOutcome(BaseModel):
    """A case about the posting as the platform needs it: where it stands and what was decided."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    state: str
    decision: str | None
    decision_reason: str | None
    decided_at: datetime | None


class PostingOut(BaseModel):
    id: int
    source: str
    external_id: str
    text: str | None = Field(
        description="plain text; never render it as HTML/Markdown; None if deleted or withheld"
    )
    location: str | None
    posted_at: datetime | None
    ingested_at: datetime
    deleted: bool
    legal_hold_until: datetime | None
    score: dict[str, Any] = Field(
        description="the score; evidence spans and entities are emptied if withheld"
    )
    cases: list[CaseOutcome]
    cluster_id: int | None
    network: dict[str, Any] | None = Field(description="cluster id, size and the network signals that fired")
    access: AccessNote = Field(description="what the caller's role does not see of this posting, and why")
