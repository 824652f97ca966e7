from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from moderation_api.auth.schemas import Principal
from moderation_api.cases.schemas import CaseSummary
from moderation_api.db import run_transaction
from moderation_api.deps import AppSettings, CaseWorker, DbSession, RowId
from moderation_api.qa import service
from moderation_api.qa.schemas import AnswerRequest

router = APIRouter(prefix="/v1/qa", tags=["qa"])


def _answer_and_commit(
    session: Session, *, principal: Principal, case_id: int, body: AnswerRequest, double_review_rate: float
) -> CaseSummary:
    case = service.answer(session, principal=principal, case_id=case_id, body=body)
    service.maybe_double_review(session, case=case, rate=double_review_rate)
    session.commit()
    return CaseSummary.model_validate(case)


@router.post("/cases/{case_id}/claim", response_model=CaseSummary)
def claim(case_id: RowId, principal: CaseWorker, session: DbSession, settings: AppSettings) -> CaseSummary:
    """Claim one open blind review case (e.g. from a link); 403 for a second review of a case you decided,
    409 when someone holds it or it is decided. ``POST /v1/cases/claim`` with ``queue=qa`` takes the next."""
    case = service.claim_blind_case(
        session, principal=principal, case_id=case_id, lease_seconds=settings.lease_seconds
    )
    return CaseSummary.model_validate(case)


@router.post("/cases/{case_id}/answer", response_model=CaseSummary)
def answer(
    case_id: RowId, body: AnswerRequest, principal: CaseWorker, session: DbSession, settings: AppSettings
) -> CaseSummary:
    """Answer a blind review case you hold (a QA sample or a double review): ``violation`` with its
    ``category``, or not. Recorded as the case's decision, audited; 409 if you do not hold it, 403 on a
    second review of your own decision, 422 on a case that is not blind or an answer without a category."""
    return run_transaction(
        session,
        lambda: _answer_and_commit(
            session,
            principal=principal,
            case_id=case_id,
            body=body,
            double_review_rate=settings.double_review_rate,
        ),
    )
