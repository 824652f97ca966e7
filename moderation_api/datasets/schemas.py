"""Reviewed training rows and the summary of an export."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum, StrEnum

from pydantic import BaseModel, Field


class ReviewLabel(IntEnum):
    """The corpus labels (classifier/training/corpus/LABELING.md): what a reviewer should do."""

    BENIGN = 0
    REVIEW = 1
    URGENT = 2


class Exclusion(StrEnum):
    """Why a case gave no row."""

    UNDECIDED = "undecided"  # open or held, not escalated as minor_involved
    DISMISSED_OTHER = "dismissed_other_reason"  # insufficient_info, duplicate, out_of_scope
    POSTING_DELETED = "posting_deleted"
    TEXT_GONE = "text_gone"  # erased by the retention sweep
    # A blind second review measures reviewer agreement; the first decision is the posting's label.
    SECOND_REVIEW = "second_review"


class ReviewedRow(BaseModel):
    """One labeled row. The first keys are the corpus's (``id``, ``text``, ``label``, ``categories``,
    ``cluster``, ``source``), so training reads reviewed rows like the project's own corpora."""

    id: str = Field(description="reviewed-case:<case id>")
    text: str
    label: ReviewLabel
    categories: list[str] = Field(description="the case's categories for labels 1-2; empty for 0")
    cluster: str = Field(description="group key for a grouped split: the network cluster, else the posting")
    source: str = "reviewed"
    case_id: int
    posting_id: int
    cluster_id: int | None
    language: str | None = Field(description="the stored score's language, when the scorer reported one")
    model_version: str | None = Field(description="the model version that scored the case")
    decision: str = Field(description="confirm, dismiss, or escalate (minor_involved, awaiting a senior)")
    decided_at: datetime


class ExportSummary(BaseModel):
    rows: int
    labels: dict[str, int] = Field(description="rows per label")
    excluded: dict[str, int] = Field(description="cases without a row, per reason")
    exported_at: datetime
    exported_by: str


class ReviewedExport(BaseModel):
    summary: ExportSummary
    rows: list[ReviewedRow]
