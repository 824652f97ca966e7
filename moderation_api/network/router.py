from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from moderation_api.auth.policy import AccessDeniedError
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


@contextmanager
def _http_errors() -> Iterator[None]:
    try:
        yield
    except service.ClusterNotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
    except AccessDeniedError as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc


@router.get("/postings/{posting_id}/related", response_model=RelatedOut)
def related(posting_id: RowId, _: PostingReader, viewer: CurrentViewer, session: DbSession) -> RelatedOut:
    """Postings sharing a contact or a near-duplicate template with this one, and why; restricted ones the
    caller's role may not see are listed by id with the reason only."""
    with _http_errors():
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
    with _http_errors():
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
