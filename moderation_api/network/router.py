from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from moderation_api.cases import flows
from moderation_api.deps import AppSettings, CurrentViewer, DbSession, PostingReader, RowId, SeniorWorker
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
def related(posting_id: RowId, _: PostingReader, viewer: CurrentViewer, session: DbSession) -> RelatedOut:
    """Postings sharing a contact or a near-duplicate template with this one, and why; restricted ones the
    caller's role may not see are listed by id with the reason only."""
    return RelatedOut(**service.related(session, posting_id=posting_id, viewer=viewer))


@router.get("/clusters/{cluster_id}", response_model=ClusterOut)
def cluster(
    cluster_id: RowId,
    _: PostingReader,
    viewer: CurrentViewer,
    session: DbSession,
    after: Annotated[
        int | None, Query(ge=0, le=2**63 - 1, description="last member id of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_MEMBER_PAGE)] = service.MEMBER_PAGE,
) -> ClusterOut:
    """A cluster's summary (features, shared contacts, places), then a page of its members in id order
    (members the caller's role may not see are withheld); ``next_after`` pages on."""
    return ClusterOut(
        **service.cluster_view(session, cluster_id=cluster_id, viewer=viewer, after=after, limit=limit)
    )


@router.post("/clusters/{cluster_id}/decision", response_model=BulkDecisionResponse)
def bulk_decision(
    cluster_id: RowId,
    body: BulkDecisionRequest,
    principal: SeniorWorker,
    session: DbSession,
    settings: AppSettings,
) -> BulkDecisionResponse:
    """Apply one decision to several cases of a cluster; each case is claimed and decided, each audited."""
    results = flows.decide_cluster_cases(
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
        category_cutoff=settings.category_cutoff,
    )
    return BulkDecisionResponse(results=[BulkItemResult(**item) for item in results])
