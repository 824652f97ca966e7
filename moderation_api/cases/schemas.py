"""Case states, decisions and the request/response shapes of the queue API."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from moderation_api.auth.policy import blind_case
from moderation_api.auth.schemas import AccessNote
from moderation_api.postings.schemas import PostingOut
from moderation_api.request_model import RequestModel


class CaseState(StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    DECIDED = "decided"


class Queue(StrEnum):
    STANDARD = "standard"
    SENIOR = "senior"  # senior / child-safety reviewers
    QA = "qa"  # blind QA samples and double reviews (moderation_api.qa)


class CaseSource(StrEnum):
    AUTOMATED = "automated"
    NOTICE = "notice"
    NETWORK = "network"
    QA_SAMPLE = "qa_sample"  # a random low-band posting, reviewed blind to measure misses
    DOUBLE_REVIEW = "double_review"  # a decided case re-reviewed blind by a second reviewer


class Decision(StrEnum):
    CONFIRM = "confirm"
    DISMISS = "dismiss"
    ESCALATE = "escalate"


class DismissReason(StrEnum):
    FALSE_POSITIVE = "false_positive"
    INSUFFICIENT_INFO = "insufficient_info"
    DUPLICATE = "duplicate"
    OUT_OF_SCOPE = "out_of_scope"


class EscalationKind(StrEnum):
    MINOR_INVOLVED = "minor_involved"
    ADULT_TRAFFICKING_LAW_ENFORCEMENT = "adult_trafficking_law_enforcement"
    POLICY_QUESTION = "policy_question"


class CaseSort(StrEnum):
    PRIORITY = "priority"
    OLDEST = "oldest"
    NEWEST = "newest"
    RISK = "risk"


class ClaimRequest(RequestModel):
    count: int = Field(default=1, ge=1, le=20)
    queue: Queue = Queue.STANDARD


class DecisionRequest(RequestModel):
    decision: Decision
    reason: DismissReason | None = Field(default=None, description="required for dismiss")
    escalation_kind: EscalationKind | None = Field(default=None, description="required for escalate")
    notes: str | None = Field(default=None, max_length=4000)


class CaseSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    posting_id: int
    state: CaseState
    queue: Queue
    source: CaseSource
    band: str | None = Field(description="null on blind review cases (qa_sample, double_review)")
    risk_score: float | None = Field(description="null on blind review cases")
    minor: bool
    categories: list[str]
    model_version: str | None
    assignee: str | None
    lease_expires_at: datetime | None
    opened_at: datetime
    decided_at: datetime | None
    decision: Decision | None
    decision_reason: str | None
    escalation_kind: str | None
    notice_count: int
    network_boost: bool
    review_of: int | None = Field(default=None, description="double_review: the case re-reviewed (id only)")
    escalated_by: str | None = Field(
        default=None, description="who escalated it (only for roles that see senior-queue history)"
    )
    escalation_note: str | None = Field(
        default=None,
        description="the escalating reviewer's note (only for roles that see senior-queue history)",
    )

    @field_validator("categories", mode="before")
    @classmethod
    def _split_categories(cls, value: Any) -> Any:
        return [name for name in value.split(",") if name] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _blind(self) -> Self:
        """A blind review case never carries what the model said (every route builds its summary here)."""
        if blind_case(self.source):
            self.band, self.risk_score, self.categories, self.model_version = None, None, [], None
            self.network_boost = False
        return self


class DecisionOut(CaseSummary):
    undo_until: datetime | None = Field(
        default=None, description="until when the decider can take the decision back (POST .../reopen)"
    )


class ReopenRequest(RequestModel):
    reason: str | None = Field(
        default=None,
        max_length=4000,
        description="why; required when a senior reopens someone else's decision or after the undo window",
    )


class NoteRequest(RequestModel):
    notes: str = Field(min_length=1, max_length=4000, description="an internal note; the case is not decided")


class ReopenOption(BaseModel):
    """Whether the caller may reopen the case now: ``undo`` (the decider within the window: they hold it
    again) or ``reopen`` (a senior reviewer: back to the queue, with a reason); else why not."""

    allowed: bool
    action: str | None = Field(default=None, description="undo / reopen")
    undo_until: datetime | None = None
    reason_required: bool = False
    why_not: str | None = None


class CasePage(BaseModel):
    items: list[CaseSummary]
    total: int
    limit: int
    offset: int
    sla_minutes: dict[str, int] = Field(
        default_factory=dict,
        description="band -> minutes after opening when an undecided case is overdue (VIGIL_SLA_*_MINUTES)",
    )


class AuditEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor: str
    actor_kind: str
    action: str
    from_state: str | None
    to_state: str
    decision: str | None
    reason: str | None
    notes: str | None
    details: dict[str, Any] | None


class DecisionOption(BaseModel):
    """A decision the workflow accepts on this case, and why it needs a note (None: the note is optional)."""

    decision: Decision
    note_required_because: str | None


class NoticeView(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    received_at: datetime
    category: str | None
    explanation: str | None


class NgramContributionOut(BaseModel):
    ngrams: list[str] = Field(description="the posting's character n-grams hashed to this model column")
    contribution: float = Field(description="added to the risk logit (negative: lowered it)")


class ScoreExplanationOut(BaseModel):
    """The serving model's risk for the posting taken apart: ``model_risk_score = sigmoid(intercept +
    sum(views))``; ``views.char_ngrams = char_ngram_bias + the sum over every n-gram column``."""

    model_version: str = Field(description="the model that explains; it can differ from the one that scored")
    model_risk_score: float
    intercept: float
    views: dict[str, float] = Field(description="each view's weighted share of the risk logit")
    char_ngram_bias: float
    top_char_ngrams: list[NgramContributionOut] = Field(
        description="the largest n-gram contributions; empty when the caller may not see the text"
    )
    char_ngrams_withheld: str | None = Field(
        default=None, description="why the n-grams (pieces of the posting text) are withheld from the caller"
    )


class CaseDetail(BaseModel):
    case: CaseSummary
    posting: PostingOut
    history: list[AuditEventOut]
    notices: list[NoticeView]
    decisions: list[DecisionOption] = Field(
        description="what may be decided on this case; escalate needs a kind"
    )
    access: AccessNote = Field(description="what of the case's history the caller's role does not see")
    reopen: ReopenOption = Field(description="whether the caller may take the latest decision back now")
    explanation: ScoreExplanationOut | None = Field(
        default=None, description="with ?explain=true: what raised the text model's risk for this posting"
    )
    explanation_unavailable: str | None = Field(
        default=None, description="with ?explain=true: why there is no explanation"
    )


class CaseStats(BaseModel):
    by_state: dict[str, int]
    by_queue: dict[str, dict[str, int]]
    by_band: dict[str, int]
    open_minor: int
    expired_leases: int
