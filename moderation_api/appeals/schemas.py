"""Appeal states and outcomes, and the request/response shapes of the appeals API."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from moderation_api.auth.schemas import AccessNote
from moderation_api.cases.schemas import CaseSummary
from moderation_api.db import MAX_ROW_ID
from moderation_api.request_model import RequestModel


class AppealState(StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    DECIDED = "decided"


class AppealOutcome(StrEnum):
    UPHELD = "upheld"
    OVERTURNED = "overturned"


class Appellant(StrEnum):
    POSTER = "poster"  # whose posting was taken down (appeals a confirmation)
    NOTIFIER = "notifier"  # who sent the notice (appeals a dismissal)


class AppealIn(RequestModel):
    """A complaint against a decision, filed by the platform on behalf of the affected user."""

    case_id: int = Field(ge=1, le=MAX_ROW_ID)
    statement: str = Field(min_length=1, max_length=5000, description="the user's own words")
    appellant_ref: str | None = Field(
        default=None, max_length=200, description="the platform's reference for the user (no personal data)"
    )


class AppealClaimRequest(RequestModel):
    count: int = Field(default=1, ge=1, le=20)


class AppealDecisionRequest(RequestModel):
    outcome: AppealOutcome
    reason: str = Field(
        min_length=1, max_length=4000, description="the reasoned decision, sent to the appellant"
    )


class AppealSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    state: AppealState
    appellant: Appellant
    appellant_ref: str | None
    received_at: datetime
    original_decision: str
    restricted: bool
    categories: list[str]
    assignee: str | None
    lease_expires_at: datetime | None
    decided_at: datetime | None
    outcome: AppealOutcome | None
    outcome_reason: str | None

    @field_validator("categories", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return [name for name in value.split(",") if name] if isinstance(value, str) else value


class OriginalDecision(BaseModel):
    """The decision under appeal as its reviewer left it (who and the note are history data)."""

    decision: str | None
    reason: str | None
    decided_at: datetime | None
    decided_by: str | None
    notes: str | None


class AppealDetail(BaseModel):
    """What the appeal's reviewer reads side by side: the original decision and the appellant's words."""

    appeal: AppealSummary
    statement: str
    case: CaseSummary
    original: OriginalDecision
    access: AccessNote
