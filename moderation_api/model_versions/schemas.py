"""Model version statuses and the shapes of the model registry API."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from moderation_api.request_model import RequestModel


class ModelStatus(StrEnum):
    CANDIDATE = "candidate"  # registered, not scoring anything
    SHADOW = "shadow"  # scores alongside the active model; routes nothing
    ACTIVE = "active"  # the one the API serves
    RETIRED = "retired"


class ModelVersionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, protected_namespaces=())

    version: str
    name: str
    status: ModelStatus
    model_dir: str
    metrics: dict[str, Any] | None
    encoder_sha256: str | None
    registered_at: datetime
    registered_by: str
    status_changed_at: datetime
    status_changed_by: str
    activated_at: datetime | None


class RegisterRequest(RequestModel):
    directory: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9._-]*$",
        description="a model directory's name inside the server's models directory (VIGIL_MODELS_ROOT)",
    )


class Proportion(BaseModel):
    """``successes`` of ``n`` with a 95% Wilson interval (None when n is 0)."""

    value: float | None
    ci95: list[float] | None
    successes: int
    n: int


class SideFigures(BaseModel):
    """One model against reviewers' decisions: a posting counts as flagged when the model put it at band
    ``review`` or ``urgent`` (it would open a case), as a violation when its decided case was confirmed or
    escalated as minor_involved, as none when dismissed as a false positive."""

    model_config = ConfigDict(protected_namespaces=())

    versions: dict[str, int] = Field(description="postings per model version (the active one can change)")
    precision: Proportion
    recall: Proportion
    latency_p50_ms: float | None = Field(description="scoring time per posting (batch time / batch size)")
    latency_p95_ms: float | None


class Disagreement(BaseModel):
    """Postings one model would have opened a case for and the other would not, and how reviewers decided
    them (most have no decided case: nobody opens one when the serving model does not flag)."""

    postings: int
    violation: int
    no_violation: int
    undecided: int


class BandCell(BaseModel):
    active_band: str
    shadow_band: str
    postings: int


class ComparisonOut(BaseModel):
    """The shadow version against the active model, on the postings the shadow scored."""

    model_config = ConfigDict(protected_namespaces=())

    shadow_version: str
    shadow_status: ModelStatus
    scored: int = Field(description="postings the shadow version scored")
    decided: int = Field(description="of which reviewers have since decided (a label: see SideFigures)")
    band_agreement: Proportion = Field(description="same band, on decided postings")
    case_agreement: Proportion = Field(description="both or neither would open a case, on decided postings")
    band_agreement_all: Proportion = Field(description="same band, on every posting scored")
    case_agreement_all: Proportion = Field(description="same case decision, on every posting scored")
    active: SideFigures
    shadow: SideFigures
    latency_ratio_p50: float | None = Field(description="shadow p50 / active p50 per posting")
    shadow_only: Disagreement = Field(description="the shadow would have opened a case, the active did not")
    active_only: Disagreement = Field(description="the active model opened a case, the shadow would not")
    bands: list[BandCell] = Field(description="postings per (active band, shadow band), every one scored")
