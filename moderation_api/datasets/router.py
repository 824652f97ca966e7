from __future__ import annotations

from fastapi import APIRouter

from moderation_api.audit.schemas import ActorKind
from moderation_api.datasets import service
from moderation_api.datasets.schemas import ReviewedExport, ReviewedRow
from moderation_api.deps import DatasetExporter, DbSession

router = APIRouter(prefix="/v1/datasets", tags=["datasets"])


@router.post("/reviewed", response_model=ReviewedExport)
def export_reviewed(principal: DatasetExporter, session: DbSession) -> ReviewedExport:
    """Decided cases as labeled training rows (posting text included), with counts of cases left out.
    Audited; 409 when no case gives a row."""
    rows: list[ReviewedRow] = []
    summary = service.export_reviewed(
        session, actor=principal.actor, actor_kind=ActorKind.HUMAN, sink=rows.append
    )
    return ReviewedExport(summary=summary, rows=rows)
