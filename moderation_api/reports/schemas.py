"""Response shapes of the transparency endpoints."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from moderation_api.qa.schemas import ErrorRateReport


class ReportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


class Period(BaseModel):
    """Half-open reporting window ``[start, end)`` in UTC."""

    start: datetime
    end: datetime


class CountsBySource(BaseModel):
    total: int
    by_source: dict[str, int] = Field(description="automated / notice / network")


class DecisionCounts(BaseModel):
    """Every decision taken in the window (an escalated case decided again by a senior counts twice)."""

    total: int
    by_outcome: dict[str, int] = Field(description="confirm / dismiss / escalate")
    by_category: dict[str, dict[str, int]] = Field(
        description="case category -> outcome -> count; a case in several categories counts in each"
    )
    by_source: dict[str, dict[str, int]] = Field(description="detection source -> outcome -> count")


class ReopenCounts(BaseModel):
    """Decisions taken back in the window: undone by their decider, or reopened by a senior reviewer.

    The decision taken back still counts under ``decisions`` (it was taken); so does the one that follows.
    """

    total: int
    by_action: dict[str, int] = Field(description="undo (the decider, within the window) / reopen (a senior)")
    by_undone_outcome: dict[str, int] = Field(description="confirm / dismiss / escalate: what was taken back")


class TimeToDecision(BaseModel):
    """Seconds from a case being opened to its final decision, for cases finally decided in the window."""

    count: int
    mean_seconds: float | None
    median_seconds: float | None = Field(description="the figure the DSA harmonised report asks for")
    p90_seconds: float | None


class ModelPrecision(BaseModel):
    """How often a model version's automated flags were upheld by a human: confirmed / decided."""

    model_version: str
    decided: int
    confirmed: int
    dismissed: int
    precision: float | None


class NoticeOutcomes(BaseModel):
    """User notices (DSA Art. 16) received in the window and where their cases stand now."""

    received: int
    by_outcome: dict[str, int] = Field(description="confirm / dismiss / escalate (awaiting senior) / pending")


class AppealCounts(BaseModel):
    """Appeals (DSA Art. 20 complaints): received in the window, and decided in the window by outcome."""

    received: int
    decided: int
    upheld: int
    overturned: int
    median_seconds_to_decision: float | None = Field(
        description="from receipt to decision, for appeals decided in the window"
    )
    by_category: dict[str, dict[str, int]] = Field(
        description="case category -> received / decided / upheld / overturned"
    )


class DailyPoint(BaseModel):
    day: date
    opened: int
    decided: int


class TransparencyReport(BaseModel):
    period: Period
    generated_at: datetime
    cases_opened: CountsBySource
    decisions: DecisionCounts
    escalations_by_kind: dict[str, int]
    dismissals_by_reason: dict[str, int]
    reopened: ReopenCounts
    time_to_decision: TimeToDecision
    automated_precision: list[ModelPrecision]
    notices: NoticeOutcomes
    appeals: AppealCounts
    error_rates: ErrorRateReport = Field(
        default_factory=ErrorRateReport,
        description="per model version and period: miss rate (blind QA), flag precision, reviewer agreement",
    )
    daily: list[DailyPoint] | None = Field(default=None, description="present when daily=true")


class DsaStatement(BaseModel):
    """One statement of reasons in the EU DSA Transparency Database API's own field names and enums.

    It never carries posting text or external ids: ``puid`` is an opaque keyed hash of the case id and
    ``decision_facts`` is built from indicator names only.
    """

    model_config = ConfigDict(frozen=True)

    puid: str
    decision_visibility: list[str]
    decision_ground: str
    incompatible_content_ground: str
    incompatible_content_explanation: str
    incompatible_content_illegal: str
    category: str
    category_addition: list[str]
    category_specification: list[str]
    content_type: list[str]
    content_date: date
    application_date: date
    decision_facts: str = Field(max_length=5000)
    source_type: str
    automated_detection: str
    automated_decision: str


class DsaStatementPage(BaseModel):
    """A batch of at most 100 statements (the Transparency Database's batch limit) and the next cursor."""

    items: list[DsaStatement]
    next_cursor: str | None


class ReviewerFigures(BaseModel):
    """One reviewer's work in the window. Figures for leads to support people, not to rank them."""

    actor: str
    decisions: int = Field(description="decisions and escalations taken in the window")
    by_outcome: dict[str, int] = Field(description="confirm / dismiss / escalate")
    handled: int = Field(description="decisions whose claim is in the audit trail (the handling-time sample)")
    median_handling_seconds: float | None = Field(description="claim (or undo) to decision, median")
    undone: int = Field(description="of these decisions, taken back by the reviewer (undo)")
    overturned: int = Field(description="of these decisions, reopened by a senior or reversed on appeal")
    overturn_rate: float | None = Field(description="overturned / decisions (None: no decisions)")


class ReviewerReport(BaseModel):
    """Per-reviewer figures for ``[start, end)``, ordered by reviewer name (never by a figure)."""

    period: Period
    reviewers: list[ReviewerFigures]
    median_handling_seconds: float | None = Field(description="the whole team's median handling time")
