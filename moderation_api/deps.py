"""FastAPI dependencies, as ``Annotated`` aliases routers use directly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, Security, status
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from classifier.results import TextScorer
from moderation_api.auth.policy import PERMISSIONS, Permission, Viewer
from moderation_api.auth.schemas import Principal
from moderation_api.auth.service import AuthError, authenticate
from moderation_api.db import MAX_ROW_ID
from moderation_api.model_versions.shadow import Shadow
from moderation_api.settings import Settings

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="a Vigil API key")


def get_session(request: Request) -> Iterator[Session]:
    session = request.app.state.session_factory()
    try:
        yield session
    finally:
        session.close()


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_scorer(request: Request) -> TextScorer:
    scorer: TextScorer | None = getattr(request.app.state, "scorer", None)
    if scorer is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "the scoring model is not loaded yet")
    return scorer


def get_shadow(request: Request) -> Shadow | None:
    """The shadow version this process scores ingested postings with too (None: no shadow)."""
    shadow: Shadow | None = getattr(request.app.state, "shadow", None)
    return shadow


def get_optional_scorer(request: Request) -> TextScorer | None:
    """The scorer when loaded, else None: for routes where scoring is an extra, not the point."""
    scorer: TextScorer | None = getattr(request.app.state, "scorer", None)
    return scorer


RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="a row id")]

DbSession = Annotated[Session, Depends(get_session)]
AppSettings = Annotated[Settings, Depends(get_settings)]
Scorer = Annotated[TextScorer, Depends(get_scorer)]
ShadowScoring = Annotated[Shadow | None, Depends(get_shadow)]
OptionalScorer = Annotated[TextScorer | None, Depends(get_optional_scorer)]


def get_principal(session: DbSession, api_key: Annotated[str | None, Security(api_key_header)]) -> Principal:
    try:
        return authenticate(session, plain=api_key)
    except AuthError as exc:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, str(exc), headers={"WWW-Authenticate": "X-API-Key"}
        ) from exc


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def get_viewer(principal: CurrentPrincipal, settings: AppSettings) -> Viewer:
    return Viewer(role=principal.role, category_cutoff=settings.category_cutoff)


CurrentViewer = Annotated[Viewer, Depends(get_viewer)]


def require(permission: Permission) -> Callable[[Principal], Principal]:
    """A dependency that lets only roles holding ``permission`` through (403 otherwise)."""
    allowed = PERMISSIONS[permission]

    def check(principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"role {principal.role} may not {permission}; allowed: {', '.join(sorted(allowed))}",
            )
        return principal

    return check


Integrator = Annotated[Principal, Depends(require(Permission.INGEST))]
Scoring = Annotated[Principal, Depends(require(Permission.SCORE))]
NoticeSender = Annotated[Principal, Depends(require(Permission.NOTICES))]
CaseReader = Annotated[Principal, Depends(require(Permission.CASES_READ))]
CaseWorker = Annotated[Principal, Depends(require(Permission.CASES_WORK))]
SeniorWorker = Annotated[Principal, Depends(require(Permission.CASES_SENIOR))]
PostingReader = Annotated[Principal, Depends(require(Permission.POSTINGS_READ))]
PostingDeleter = Annotated[Principal, Depends(require(Permission.POSTINGS_DELETE))]
ReportReader = Annotated[Principal, Depends(require(Permission.REPORTS))]
ModelAdmin = Annotated[Principal, Depends(require(Permission.MODEL_ADMIN))]
ModelComparer = Annotated[Principal, Depends(require(Permission.MODEL_COMPARE))]
DatasetExporter = Annotated[Principal, Depends(require(Permission.DATASETS_EXPORT))]
AppealSubmitter = Annotated[Principal, Depends(require(Permission.APPEALS_SUBMIT))]
AppealWorker = Annotated[Principal, Depends(require(Permission.APPEALS_WORK))]
WebhookAdmin = Annotated[Principal, Depends(require(Permission.WEBHOOKS))]
