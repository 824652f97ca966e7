from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class AuditAction(StrEnum):
    """Audited actions besides the case transitions (whose names are the transition names)."""

    POSTING_DELETED = "posting_deleted"
    RETENTION_ERASED = "retention_erased"
    LEGAL_HOLD_PLACED = "legal_hold_placed"
    LEGAL_HOLD_EXPIRED = "legal_hold_expired"
    PRIORITY_BOOST = "priority_boost"
    PRIORITY_WITHDRAWN = "priority_withdrawn"  # a boost lost its reason (the confirmation was overturned)
    KEY_CREATED = "key_created"
    KEY_REVOKED = "key_revoked"
    DATASET_EXPORTED = "dataset_exported"
    MODEL_REGISTERED = "model_registered"
    MODEL_STATUS_CHANGED = "model_status_changed"
    WEBHOOK_ADDED = "webhook_added"
    WEBHOOK_REMOVED = "webhook_removed"
    WEBHOOK_REPLAYED = "webhook_replayed"
    WEBHOOKS_PRUNED = "webhooks_pruned"  # delivered (or long-dead) events and their logs deleted
    NOTE_ADDED = "note"  # an internal note on a case; the case is not changed
    RESCORE_REQUESTED = "rescore_requested"  # a re-scoring run was recorded (a promotion or `vigil rescore`)
    RESCORE_FINISHED = "rescore_finished"


class ActorKind(StrEnum):
    HUMAN = "human"
    MODEL = "model"
    SYSTEM = "system"


class ChainBreak(BaseModel):
    """The first row at which the audit chain does not verify."""

    seq: int
    event_id: int | None
    problem: str


class ChainReport(BaseModel):
    ok: bool
    rows_checked: int
    head_seq: int = Field(description="seq of the last row that verified (0: none)")
    head_hash: str = Field(description="its hash: record it elsewhere and pass it back as an anchor")
    broken: ChainBreak | None = None
