from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, status

from moderation_api.audit.schemas import ActorKind
from moderation_api.auth.policy import Permission
from moderation_api.deps import AppSettings, DbSession, ModelAdmin, ModelComparer, require
from moderation_api.model_versions import compare, service
from moderation_api.model_versions.schemas import ComparisonOut, ModelVersionOut, RegisterRequest
from moderation_api.rescoring.service import activation_hook

router = APIRouter(prefix="/v1/model", tags=["model"])

VERSION_PATTERN = r"^[A-Za-z0-9._+-]+$"
VersionPath = Annotated[str, Path(min_length=1, max_length=50, pattern=VERSION_PATTERN)]


def _changed(request: Request) -> None:
    """This process changed the registry: its follower loads the active version now, not in N seconds."""
    follower = request.app.state.model_follower
    if follower is not None:
        follower.nudge()


@router.get(
    "/versions", response_model=list[ModelVersionOut], dependencies=[Depends(require(Permission.MODEL))]
)
def list_versions(session: DbSession) -> list[ModelVersionOut]:
    """Every registered model version with its status, headline metrics and who changed it last."""
    return [ModelVersionOut.model_validate(model) for model in service.list_versions(session)]


@router.post("/versions", response_model=ModelVersionOut, status_code=status.HTTP_201_CREATED)
def register(
    body: RegisterRequest, principal: ModelAdmin, session: DbSession, settings: AppSettings
) -> ModelVersionOut:
    """Register a trained model directory (by its name inside the models directory) as a candidate."""
    model = service.register(
        session,
        model_dir=settings.models_root / body.directory,
        actor=principal.actor,
        actor_kind=ActorKind.HUMAN,
    )
    return ModelVersionOut.model_validate(model)


@router.post("/versions/{version}/shadow", response_model=ModelVersionOut)
def shadow(
    version: VersionPath, principal: ModelAdmin, session: DbSession, request: Request
) -> ModelVersionOut:
    """Put a version in shadow: it scores every ingested posting alongside the active model and routes
    nothing (a version already in shadow is retired). Refused when its encoder differs from the active
    version's."""
    model = service.shadow(session, version=version, actor=principal.actor, actor_kind=ActorKind.HUMAN)
    _changed(request)
    return ModelVersionOut.model_validate(model)


@router.post("/versions/{version}/promote", response_model=ModelVersionOut)
def promote(
    version: VersionPath, principal: ModelAdmin, session: DbSession, request: Request, settings: AppSettings
) -> ModelVersionOut:
    """Make a version the active model (the current one is retired); API processes switch within
    ``VIGIL_MODEL_CHECK_SECONDS`` without a restart, and re-score open cases and recent postings
    (``VIGIL_RESCORE_ON_PROMOTION``)."""
    model = service.promote(
        session,
        version=version,
        actor=principal.actor,
        actor_kind=ActorKind.HUMAN,
        on_activated=activation_hook(settings),
    )
    _changed(request)
    return ModelVersionOut.model_validate(model)


@router.post("/rollback", response_model=ModelVersionOut)
def rollback(
    principal: ModelAdmin, session: DbSession, request: Request, settings: AppSettings
) -> ModelVersionOut:
    """Retire the active version and reactivate the one active before it (returned)."""
    model = service.rollback(
        session,
        actor=principal.actor,
        actor_kind=ActorKind.HUMAN,
        on_activated=activation_hook(settings),
    )
    _changed(request)
    return ModelVersionOut.model_validate(model)


@router.get("/compare", response_model=ComparisonOut)
def compare_shadow(
    _: ModelComparer,
    session: DbSession,
    version: Annotated[
        str | None,
        Query(min_length=1, max_length=50, pattern=VERSION_PATTERN, description="default: the shadow now"),
    ] = None,
) -> ComparisonOut:
    """The shadow version against the active model on postings reviewers have since decided: agreement,
    precision / recall of each (Wilson 95%), the cases one would open and the other not, latency."""
    return compare.compare(session, version=version)
