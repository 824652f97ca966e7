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
