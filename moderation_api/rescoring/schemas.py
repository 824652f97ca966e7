"""Statuses of re-scoring runs and chunks, and a run's progress as the API and CLI report it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class RunStatus(StrEnum):
    PENDING = "pending"  # recorded; chunks remain (or it is not planned yet)
    DONE = "done"
    SUPERSEDED = "superseded"  # another version became active before it finished: it stops


class ChunkStatus(StrEnum):
    PENDING = "pending"  # claimable when no live lease holds it
    DONE = "done"


class RunTrigger(StrEnum):
    PROMOTION = "promotion"
    ROLLBACK = "rollback"
    COMMAND = "command"


class RunProgress(BaseModel):
    model_config = ConfigDict(protected_namespaces=())

    run_id: int
    model_version: str
    since: datetime
    status: RunStatus
    trigger: RunTrigger
    requested_at: datetime
    requested_by: str
    finished_at: datetime | None
    chunks: int
    chunks_done: int
    rescored: int
    bands_changed: int
    cases_updated: int
    cases_opened: int
