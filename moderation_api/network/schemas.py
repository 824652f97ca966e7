from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from moderation_api.cases.schemas import Decision, DismissReason, EscalationKind
from moderation_api.request_model import RequestModel


class Member(BaseModel):
    """A posting of the network; a restricted one the caller may not see carries only its id and why."""

    id: int
    external_id: str | None = None
    source: str | None = None
    location: str | None = None
    posted_at: datetime | None = None
    ingested_at: datetime | None = None
    band: str | None = None
    risk_score: float | None = None
    case_id: int | None = None
    case_state: str | None = None
    decision: str | None = None
    excerpt: str | None = Field(
        default=None, description="the start of the posting text, when the caller's role may see its text"
    )
    reasons: list[str] = Field(default_factory=list, description="why it is related (related endpoint)")
    restricted: str | None = Field(
        default=None, description="set when the member is withheld from the caller"
    )
    reason: str | None = Field(default=None, description="why it is withheld")


class ClusterFeatures(BaseModel):
    size: int
    distinct_locations: int
    distinct_contacts: int
    postings_per_day: float
    confirmed_share: float
    first_seen: datetime | None
    last_seen: datetime | None


class TimelinePoint(BaseModel):
    posting_id: int
    at: datetime
    location: str | None


class ClusterOut(BaseModel):
    id: int
    size: int
    features: ClusterFeatures
    shared_contacts: dict[str, int] = Field(
        description="contact value → postings using it (≥ 2), among the sampled members the caller may see"
    )
    locations: list[str]
    features_sample: int = Field(
        description="members (the latest) the place, contact and decision counts are taken over"
    )
    members: list[Member] = Field(description="one page of members, in id order")
    withheld_members: int = Field(
        description="restricted members of this page the caller's role does not see"
    )
    timeline: list[TimelinePoint] = Field(description="the page's visible members")
    next_after: int | None = Field(default=None, description="pass as ?after= for the next page; null: last")


class RelatedOut(BaseModel):
    posting_id: int
    cluster_id: int | None
    related: list[Member]


class BulkDecisionRequest(RequestModel):
    case_ids: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(min_length=1, max_length=100)
    decision: Decision
    reason: DismissReason | None = None
    escalation_kind: EscalationKind | None = None
    notes: str | None = Field(default=None, max_length=4000)


class BulkItemResult(BaseModel):
    case_id: int
    ok: bool
    state: str | None = None
    error: str | None = None


class BulkDecisionResponse(BaseModel):
    results: list[BulkItemResult]
