from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from moderation_api.deps import AppSettings, DbSession, PostingReader, RowId, SeniorWorker
from moderation_api.network import service
from moderation_api.network.schemas import (
    BulkDecisionRequest,
    BulkDecisionResponse,
    BulkItemResult,
    ClusterOut,
    RelatedOut,
)

router = APIRouter(prefix="/v1", tags=["network"])


@router.get("/postings/{posting_id}/related", response_model=RelatedOut)
def related(posting_id: RowId, _: PostingReader, session: DbSession) -> RelatedOut:
    """Postings sharing a contact or a near-duplicate template with this one, and why."""
    try:
        return RelatedOut(**service.related(session, posting_id=posting_id))
    except service.ClusterNotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc


@router.get("/clusters/{cluster_id}", response_model=ClusterOut)
def cluster(cluster_id: RowId, _: PostingReader, session: DbSession) -> ClusterOut:
    """Members, shared contacts, places, timeline and features of a cluster."""
    try:
        return ClusterOut(**service.cluster_view(session, cluster_id=cluster_id))
    except service.ClusterNotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc


@router.post("/clusters/{cluster_id}/decision", response_model=BulkDecisionResponse)
def bulk_decision(
    cluster_id: RowId,
    body: BulkDecisionRequest,
    principal: SeniorWorker,
    session: DbSession,
    settings: AppSettings,
) -> BulkDecisionResponse:
    """Apply one decision to several cases of a cluster; each case is claimed and decided, each audited."""
    results = service.decide_cluster_cases(
        session,
        principal=principal,
        cluster_id=cluster_id,
        case_ids=body.case_ids,
        decision=body.decision,
        reason=body.reason,
        escalation_kind=body.escalation_kind,
        notes=body.notes,
        lease_seconds=settings.lease_seconds,
        hold_days=settings.legal_hold_days,
    )
    return BulkDecisionResponse(results=[BulkItemResult(**item) for item in results])
