from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from moderation_api.deps import DbSession, ReportReader
from moderation_api.reports import service
from moderation_api.reports.dsa import MAX_BATCH
from moderation_api.reports.export import report_csv, report_filename
from moderation_api.reports.schemas import DsaStatementPage, ReportFormat, ReviewerReport, TransparencyReport
from moderation_api.request_model import UtcDateTime

router = APIRouter(prefix="/v1/reports", tags=["reports"])


@router.get("/transparency", response_model=TransparencyReport)
def transparency(
    _: ReportReader,
    session: DbSession,
    start: UtcDateTime | None = None,
    end: UtcDateTime | None = None,
    format: ReportFormat = ReportFormat.JSON,
    daily: bool = False,
) -> TransparencyReport | Response:
    """Transparency counts for ``[start, end)`` (default: the last 30 days); ``format=csv`` for a download."""
    default_start, default_end = service.default_period()
    report = service.transparency_report(
        session, start=start or default_start, end=end or default_end, daily=daily
    )
    if format is ReportFormat.CSV:
        return Response(
            report_csv(report),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{report_filename(report)}"'},
        )
    return report


@router.get("/dsa-statements", response_model=DsaStatementPage)
def dsa_statements(
    request: Request,
    _: ReportReader,
    session: DbSession,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_BATCH)] = MAX_BATCH,
) -> DsaStatementPage:
    """Confirmed decisions as EU DSA statements of reasons, at most 100 per page; follow ``next_cursor``."""
    return service.dsa_statements(session, secret=request.app.state.puid_secret, cursor=cursor, limit=limit)


@router.get("/reviewers", response_model=ReviewerReport)
def reviewers(
    _: ReportReader, session: DbSession, start: UtcDateTime | None = None, end: UtcDateTime | None = None
) -> ReviewerReport:
    """Per reviewer for ``[start, end)`` (default: the last 30 days): decisions, median handling time (claim
    to decision), decisions undone and overturned. Ordered by name; for supporting reviewers, not ranking."""
    default_start, default_end = service.default_period()
    return service.reviewer_report(session, start=start or default_start, end=end or default_end)
