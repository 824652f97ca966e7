"""Blind review answers and the published error-rate figures (issue 13 parts 5 and 6)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field, model_validator

from moderation_api.request_model import RequestModel


class ViolationCategory(StrEnum):
    """What a blind reviewer says the posting is, when it is a violation."""

    SEX_TRAFFICKING = "sex_trafficking"
    LABOR_TRAFFICKING = "labor_trafficking"
    MINOR_INVOLVED = "minor_involved"


NO_VIOLATION = "no_violation"  # the decision_reason of a "not a violation" answer


class AnswerRequest(RequestModel):
    violation: bool = Field(
        description="is the posting a violation (trafficking indicators that warrant action)?"
    )
    category: ViolationCategory | None = Field(default=None, description="required when violation is true")
    notes: str | None = Field(default=None, max_length=4000)

    @model_validator(mode="after")
    def _category_with_violation(self) -> AnswerRequest:
        if self.violation and self.category is None:
            raise ValueError("a violation needs its category: " + ", ".join(ViolationCategory))
        if not self.violation and self.category is not None:
            raise ValueError("a category is only given with a violation")
        return self


class Proportion(BaseModel):
    """k of n, with the Wilson 95% score interval; ``small_sample`` when n is below the threshold."""

    n: int
    k: int
    rate: float | None
    low: float | None
    high: float | None
    small_sample: bool


class Agreement(BaseModel):
    """Cohen's kappa between first decisions and blind second reviews (violation or not)."""

    n: int
    observed_agreement: float | None
    kappa: float | None = Field(description="null when undefined (no pairs, or both raters constant alike)")
    small_sample: bool


class ErrorRates(BaseModel):
    """One model version in one period (or in the whole report window when ``whole_window``)."""

    model_version: str
    period_start: datetime
    period_end: datetime
    whole_window: bool
    miss_rate: Proportion = Field(
        description="blind QA samples of low-band postings answered in the period judged violations"
    )
    flag_precision: Proportion = Field(
        description="model-opened cases finally decided in the period that were confirmed"
    )
    agreement: Agreement


# Below 30 a proportion's interval is wide and kappa unstable (the usual rule of thumb for a normal
# approximation); such figures are published with small_sample = true rather than hidden.
SMALL_SAMPLE = 30
DEFAULT_PERIOD_DAYS = 7


class ErrorRateReport(BaseModel):
    period_days: int = Field(
        default=DEFAULT_PERIOD_DAYS, description="length of each period (the last one may be shorter)"
    )
    small_sample_below: int = Field(
        default=SMALL_SAMPLE, description="samples smaller than this are labelled small"
    )
    rows: list[ErrorRates] = Field(default_factory=list)
