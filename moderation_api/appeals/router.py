from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from moderation_api.appeals import service
from moderation_api.appeals.schemas import (
    AppealClaimRequest,
    AppealDecisionRequest,
    AppealDetail,
    AppealIn,
    AppealState,
    AppealSummary,
)
from moderation_api.deps import (
    AppealSubmitter,
    AppealWorker,
    AppSettings,
    CaseReader,
    CurrentViewer,
    DbSession,
    RowId,
)

router = APIRouter(prefix="/v1/appeals", tags=["appeals"])


@router.post("", response_model=AppealSummary, status_code=status.HTTP_201_CREATED)
def file_appeal(
    body: AppealIn, principal: AppealSubmitter, session: DbSession, settings: AppSettings
) -> AppealSummary:
    """File a user's appeal of a decided case (DSA Art. 20) within the appeal window; 409 when the case is
    not decided, the window closed, or it was appealed already."""
    appeal = service.file_appeal(
        session,
        principal=principal,
        case_id=body.case_id,
        statement=body.statement,
        appellant_ref=body.appellant_ref,
        window_days=settings.appeal_window_days,
    )
    return AppealSummary.model_validate(appeal)


@router.get("", response_model=list[AppealSummary])
def list_appeals(
    _: CaseReader,
    viewer: CurrentViewer,
    session: DbSession,
    state: AppealState | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[AppealSummary]:
    """Appeals, oldest first; appeals of restricted cases only for roles that see every case."""
    rows, _total = service.list_appeals(session, viewer=viewer, state=state, limit=limit, offset=offset)
    return [AppealSummary.model_validate(row) for row in rows]


@router.post("/claim", response_model=list[AppealSummary])
def claim(
    body: AppealClaimRequest,
    principal: AppealWorker,
    viewer: CurrentViewer,
    session: DbSession,
    settings: AppSettings,
) -> list[AppealSummary]:
    """Claim the oldest appeals you may handle (never one of a case you decided); [] when none."""
    appeals = service.claim(
        session,
        principal=principal,
        viewer=viewer,
        count=body.count,
        lease_seconds=settings.lease_seconds,
    )
    return [AppealSummary.model_validate(appeal) for appeal in appeals]


@router.get("/{appeal_id}", response_model=AppealDetail)
def appeal_detail(appeal_id: RowId, _: CaseReader, viewer: CurrentViewer, session: DbSession) -> AppealDetail:
    """The appellant's statement next to the original decision, its reviewer and note."""
    return service.appeal_detail(session, appeal_id=appeal_id, viewer=viewer)


@router.post("/{appeal_id}/release", response_model=AppealSummary)
def release(appeal_id: RowId, principal: AppealWorker, session: DbSession) -> AppealSummary:
    appeal = service.release(session, principal=principal, appeal_id=appeal_id)
    return AppealSummary.model_validate(appeal)


@router.post("/{appeal_id}/decision", response_model=AppealSummary)
def decide(
    appeal_id: RowId,
    body: AppealDecisionRequest,
    principal: AppealWorker,
    viewer: CurrentViewer,
    session: DbSession,
) -> AppealSummary:
    """Uphold or overturn an appeal you hold, with the reason the appellant is told; an overturn reverses
    the case's decision (webhook events follow; legal holds stay)."""
    appeal = service.decide(
        session,
        principal=principal,
        viewer=viewer,
        appeal_id=appeal_id,
        outcome=body.outcome,
        reason=body.reason,
    )
    return AppealSummary.model_validate(appeal)
