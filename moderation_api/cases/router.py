from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from moderation_api.cases import flows, service
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
    DecisionOut,
    DecisionRequest,
    NoteRequest,
    Queue,
    ReopenRequest,
)
from moderation_api.deps import (
    AppSettings,
    CaseReader,
    CaseWorker,
    CurrentViewer,
    DbSession,
    OptionalScorer,
    RowId,
)
from moderation_api.request_model import UtcDateTime

router = APIRouter(prefix="/v1/cases", tags=["cases"])


@router.get("", response_model=CasePage)
def list_cases(
    _: CaseReader,
    viewer: CurrentViewer,
    session: DbSession,
    settings: AppSettings,
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
    """Cases with filters, sorting (priority: minor cues, then risk, then age) and pagination; only the
    cases the caller's role may see (a reviewer's list has no case of a restricted posting)."""
    rows, total = service.list_cases(
        session,
        viewer=viewer,
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
        items=service.summaries(session, cases=rows, viewer=viewer),
        total=total,
        limit=limit,
        offset=offset,
        sla_minutes={"urgent": settings.sla_urgent_minutes, "review": settings.sla_review_minutes},
    )


@router.get("/stats", response_model=CaseStats)
def case_stats(_: CaseReader, session: DbSession) -> CaseStats:
    """Counts by state, queue and band for the queue overview."""
    return CaseStats(**service.stats(session))


@router.get("/mine", response_model=list[CaseSummary])
def my_cases(principal: CaseWorker, viewer: CurrentViewer, session: DbSession) -> list[CaseSummary]:
    """The caller's claimed cases, with their lease expiry."""
    rows, _ = service.list_cases(
        session, viewer=viewer, state=CaseState.ASSIGNED, assignee=principal.actor, limit=200
    )
    return service.summaries(session, cases=rows, viewer=viewer)


@router.post("/claim", response_model=list[CaseSummary])
def claim(
    body: ClaimRequest, principal: CaseWorker, session: DbSession, settings: AppSettings
) -> list[CaseSummary]:
    """Claim the next case(s) of a queue by priority, each with a lease; [] when the queue is empty."""
    cases = service.claim(
        session,
        principal=principal,
        queue=body.queue,
        count=body.count,
        lease_seconds=settings.lease_seconds,
    )
    return [CaseSummary.model_validate(case) for case in cases]


@router.get("/{case_id}", response_model=CaseDetail)
def case_detail(
    case_id: RowId,
    principal: CaseReader,
    viewer: CurrentViewer,
    session: DbSession,
    settings: AppSettings,
    scorer: OptionalScorer,
    explain: bool = False,
) -> CaseDetail:
    """The case with its posting, score and evidence, notices, full audit history, the decisions it
    accepts (and which need a note) and whether the caller may reopen it; 403 for a restricted case the
    caller's role may not see. ``explain=true`` adds the serving model's risk taken apart by view and by
    character n-gram (the n-grams only for callers who may see the text)."""
    return flows.case_detail(
        session,
        case_id=case_id,
        viewer=viewer,
        principal=principal,
        reopen_window_seconds=settings.reopen_window_seconds,
        explainer=scorer if explain else None,
        explain=explain,
    )


@router.post("/{case_id}/renew", response_model=CaseSummary)
def renew(case_id: RowId, principal: CaseWorker, session: DbSession, settings: AppSettings) -> CaseSummary:
    case = service.renew(session, principal=principal, case_id=case_id, lease_seconds=settings.lease_seconds)
    return CaseSummary.model_validate(case)


@router.post("/{case_id}/release", response_model=CaseSummary)
def release(case_id: RowId, principal: CaseWorker, session: DbSession) -> CaseSummary:
    case = service.release(session, principal=principal, case_id=case_id)
    return CaseSummary.model_validate(case)


@router.post("/{case_id}/decision", response_model=DecisionOut)
def decide(
    case_id: RowId, body: DecisionRequest, principal: CaseWorker, session: DbSession, settings: AppSettings
) -> DecisionOut:
    """Confirm, dismiss (reason) or escalate (kind) a case you hold; 409 if you do not or it is decided.
    ``undo_until`` says until when you can take it back (``POST /v1/cases/{id}/reopen``)."""
    case = flows.decide(
        session,
        principal=principal,
        case_id=case_id,
        decision=body.decision,
        reason=body.reason,
        escalation_kind=body.escalation_kind,
        notes=body.notes,
        hold_days=settings.legal_hold_days,
        category_cutoff=settings.category_cutoff,
        double_review_rate=settings.double_review_rate,
    )
    until = service.undo_until(session, case=case, window_seconds=settings.reopen_window_seconds)
    return DecisionOut.model_validate(case).model_copy(update={"undo_until": until})


@router.post("/{case_id}/reopen", response_model=CaseSummary)
def reopen(
    case_id: RowId, body: ReopenRequest, principal: CaseWorker, session: DbSession, settings: AppSettings
) -> CaseSummary:
    """Take a decision (or an escalation) back, audited. The reviewer who decided may undo it within
    ``reopen_window_seconds`` (they hold the case again); a senior reviewer or admin may reopen any decided
    case later, with a ``reason`` (it returns to its queue). 403 for anyone else or after the window, 409
    when the case is not decided, 422 without a required reason."""
    case = service.reopen(
        session,
        principal=principal,
        case_id=case_id,
        reason=body.reason,
        window_seconds=settings.reopen_window_seconds,
        lease_seconds=settings.lease_seconds,
    )
    return CaseSummary.model_validate(case)


@router.post("/{case_id}/notes", response_model=AuditEventOut, status_code=status.HTTP_201_CREATED)
def add_note(
    case_id: RowId, body: NoteRequest, principal: CaseWorker, viewer: CurrentViewer, session: DbSession
) -> AuditEventOut:
    """Add an internal note to a case without deciding it (any state; you need not hold it). It is audited
    and shown in the case's history to whoever may see that history; 403 for a case your role may not see."""
    return flows.add_note(session, case_id=case_id, viewer=viewer, principal=principal, notes=body.notes)
