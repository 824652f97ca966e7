from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class SweepReport(BaseModel):
    """What one retention sweep erased (every item is also an audit event)."""

    holds_expired: int = Field(description="legal holds past hold_until whose snapshot was cleared")
    deleted_erased: int = Field(description="deleted postings that still carried text-derived data")
    retention_erased: int = Field(description="postings whose text outlived the retention period")
    retention_days: int
    cutoff: datetime = Field(description="postings last active before this were in scope")
    webhook_events_pruned: int = Field(
        default=0, description="outbox events deleted (delivered or long dead)"
    )
    webhook_deliveries_pruned: int = Field(default=0, description="their deliveries")
    webhook_attempts_pruned: int = Field(default=0, description="their attempt logs")
