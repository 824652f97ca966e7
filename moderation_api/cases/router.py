from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from moderation_api.cases import service
from moderation_api.cases.schemas import (
    AuditEventOut,
    CaseDetail,
    CasePage,
    CaseSort,
    CaseSource,
    CaseState,
    CaseStats,
    CaseSummary,
    ClaimRequest,
    DecisionRequest,
    NoticeView,
    PostingView,
    Queue,
)
from moderation_api.deps import AppSettings, CaseReader, CaseWorker, DbSession, RowId
from moderation_api.notices.service import notices_of_case
from moderation_api.postings.service import active_hold, get_posting
from moderation_api.request_model import UtcDateTime

router = APIRouter(prefix="/v1/cases", tags=["cases"])


@contextmanager
def _http_errors() -> Iterator[None]:
    """Map workflow errors to HTTP: 404 / 403 / 409 / 422."""
    try:
        yield
    except service.CaseNotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
    except service.CaseForbiddenError as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
    except (service.CaseConflictError, service.InvalidTransitionError) as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    except service.DecisionInvalidError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc


@router.get("", response_model=CasePage)
def list_cases(
    _: CaseReader,
    session: DbSession,
    state: CaseState | None = None,
    queue: Queue | None = None,
    band: Annotated[str | None, Query(pattern="^(low|review|urgent)$")] = None,
    category: Annotated[
        str | None, Query(pattern="^(sex_trafficking|labor_trafficking|minor_involved)$")
    ] = None,
    assignee: Annotated[str | None, Query(max_length=120)] = None,
    source: CaseSource | None = None,
    opened_from: UtcDateTime | None = None,
    opened_to: UtcDateTime | None = None,
    sort: CaseSort = CaseSort.PRIORITY,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> CasePage:
    """Cases with filters, sorting (priority: minor cues, then risk, then age) and pagination."""
    rows, total = service.list_cases(
        session,
        state=state,
        queue=queue,
        band=band,
        category=category,
        assignee=assignee,
        source=source,
        opened_from=opened_from,
        opened_to=opened_to,
        sort=sort,
        limit=limit,
        offset=offset,
    )
    return CasePage(
        items=[CaseSummary.model_validate(row) for row in rows], total=total, limit=limit, offset=offset
    )


@router.get("/stats", response_model=CaseStats)
def case_stats(_: CaseReader, session: DbSession) -> CaseStats:
    """Counts by state, queue and band for the queue overview."""
    return CaseStats(**service.stats(session))


@router.get("/mine", response_model=list[CaseSummary])
def my_cases(principal: CaseWorker, session: DbSession) -> list[CaseSummary]:
    """The caller's claimed cases, with their lease expiry."""
    rows, _ = service.list_cases(session, state=CaseState.ASSIGNED, assignee=principal.actor, limit=200)
    return [CaseSummary.model_validate(row) for row in rows]


@router.post("/claim", response_model=list[CaseSummary])
def claim(
    body: ClaimRequest, principal: CaseWorker, session: DbSession, settings: AppSettings
) -> list[CaseSummary]:
    """Claim the next case(s) of a queue by priority, each with a lease; [] when the queue is empty."""
    with _http_errors():
        cases = service.claim(
            session,
            principal=principal,
            queue=body.queue,
            count=body.count,
            lease_seconds=settings.lease_seconds,
        )
    return [CaseSummary.model_validate(case) for case in cases]


@router.get("/{case_id}", response_model=CaseDetail)
def case_detail(case_id: RowId, principal: CaseReader, session: DbSession) -> CaseDetail:
    """The case with its posting, score and evidence, notices and full audit history."""
    with _http_errors():
        case = service.get_case(session, case_id=case_id)
        if case.queue == str(Queue.SENIOR) and case.minor and principal.role not in service.SENIOR_ROLES:
            raise service.CaseForbiddenError("cases involving minors are restricted to senior reviewers")
    posting = get_posting(session, posting_id=case.posting_id)
    return CaseDetail(
        case=CaseSummary.model_validate(case),
        posting=PostingView(
            id=posting.id,
            source=posting.source,
            external_id=posting.external_id,
            text=posting.text,
            location=posting.location,
            posted_at=posting.posted_at,
            ingested_at=posting.ingested_at,
            score=posting.score,
            legal_hold=active_hold(session, posting_id=posting.id) is not None,
            cluster_id=posting.cluster_id,
            network=posting.network,
        ),
        history=[AuditEventOut.model_validate(e) for e in service.history(session, case_id=case.id)],
        notices=[NoticeView.model_validate(n) for n in notices_of_case(session, case_id=case.id)],
    )


@router.post("/{case_id}/renew", response_model=CaseSummary)
def renew(case_id: RowId, principal: CaseWorker, session: DbSession, settings: AppSettings) -> CaseSummary:
    with _http_errors():
        case = service.renew(
            session, principal=principal, case_id=case_id, lease_seconds=settings.lease_seconds
        )
    return CaseSummary.model_validate(case)


@router.post("/{case_id}/release", response_model=CaseSummary)
def release(case_id: RowId, principal: CaseWorker, session: DbSession) -> CaseSummary:
    with _http_errors():
        case = service.release(session, principal=principal, case_id=case_id)
    return CaseSummary.model_validate(case)


@router.post("/{case_id}/decision", response_model=CaseSummary)
def decide(
    case_id: RowId, body: DecisionRequest, principal: CaseWorker, session: DbSession, settings: AppSettings
) -> CaseSummary:
    """Confirm, dismiss (reason) or escalate (kind) a case you hold; 409 if you do not or it is decided."""
    with _http_errors():
        case = service.decide(
            session,
            principal=principal,
            case_id=case_id,
            decision=body.decision,
            reason=body.reason,
            escalation_kind=body.escalation_kind,
            notes=body.notes,
            hold_days=settings.legal_hold_days,
        )
    return CaseSummary.model_validate(case)
