"""Event types, delivery states and the request/response shapes of the webhook admin API."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from moderation_api.db import MAX_ROW_ID
from moderation_api.request_model import RequestModel


class EventType(StrEnum):
    """What a platform is told about (the README's event catalogue)."""

    CASE_OPENED = "case.opened"
    CASE_DECIDED = "case.decided"
    CASE_ESCALATED = "case.escalated"
    CASE_REOPENED = "case.reopened"
    CASE_OVERTURNED = "case.overturned"
    LEGAL_HOLD_PLACED = "legal_hold.placed"
    LEGAL_HOLD_RELEASED = "legal_hold.released"
    APPEAL_OPENED = "appeal.opened"
    APPEAL_DECIDED = "appeal.decided"
    POSTING_DELETED = "posting.deleted"


EVENT_TEXT: dict[EventType, str] = {
    EventType.CASE_OPENED: "a case was opened (model flag, network signal or user notice)",
    EventType.CASE_DECIDED: "a case was confirmed (take the posting down) or dismissed",
    EventType.CASE_ESCALATED: "a case went to senior / child-safety review",
    EventType.CASE_REOPENED: "a decided case was reopened for review",
    EventType.CASE_OVERTURNED: "an appeal reversed the case's decision (restore or take down)",
    EventType.LEGAL_HOLD_PLACED: "the posting's content is preserved (US REPORT Act); it cannot be deleted",
    EventType.LEGAL_HOLD_RELEASED: "a legal hold ended and its snapshot was erased",
    EventType.APPEAL_OPENED: "an appeal (DSA Art. 20 complaint) was received",
    EventType.APPEAL_DECIDED: "an appeal was decided: upheld or overturned, with the reason",
    EventType.POSTING_DELETED: "the posting's text was erased on request",
}


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


class EndpointIn(RequestModel):
    url: str = Field(min_length=8, max_length=2000, description="http(s) URL receiving the events")
    event_types: list[EventType] = Field(min_length=1, max_length=len(EventType))
    description: str | None = Field(default=None, max_length=200)


class EndpointOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    event_types: list[EventType]
    description: str | None
    created_at: datetime
    created_by: str
    removed_at: datetime | None

    @field_validator("event_types", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return [name for name in value.split(",") if name] if isinstance(value, str) else value


class EndpointCreated(EndpointOut):
    secret: str = Field(description="the signing secret (whsec_...): shown only in this response")


class AttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempt: int
    at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int
    outcome: str
    next_attempt_at: datetime | None


class DeliveryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    event_id: int
    event_type: str
    endpoint_id: int
    status: DeliveryStatus
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    delivered_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    log: list[AttemptOut]


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    total: int


DeliveryId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]


class ReplayRequest(RequestModel):
    """Which deliveries of an endpoint to send again: given ids, or every dead one."""

    delivery_ids: list[Annotated[int, Field(ge=1, le=MAX_ROW_ID)]] | None = Field(
        default=None, max_length=1000
    )
    dead: bool = Field(default=False, description="replay every dead-lettered delivery of the endpoint")


class ReplayOut(BaseModel):
    replayed: int
