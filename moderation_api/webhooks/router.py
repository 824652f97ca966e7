from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from moderation_api.deps import AppSettings, DbSession, RowId, WebhookAdmin
from moderation_api.webhooks import service
from moderation_api.webhooks.schemas import (
    EVENT_TEXT,
    DeliveryPage,
    DeliveryStatus,
    EndpointCreated,
    EndpointIn,
    EndpointOut,
    ReplayOut,
    ReplayRequest,
)

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])


@router.get("/event-types", response_model=dict[str, str])
def event_types(_: WebhookAdmin) -> dict[str, str]:
    """The event catalogue: type -> when it is sent."""
    return {str(kind): text for kind, text in EVENT_TEXT.items()}


@router.post("/endpoints", response_model=EndpointCreated, status_code=status.HTTP_201_CREATED)
def add_endpoint(
    body: EndpointIn, principal: WebhookAdmin, session: DbSession, settings: AppSettings
) -> EndpointCreated:
    """Register an http(s) endpoint for some event types; the signing secret is in this response only."""
    endpoint, secret = service.add_endpoint(
        session,
        url=body.url,
        event_types=body.event_types,
        description=body.description,
        actor=principal.actor,
        allow_private=settings.webhook_allow_private_targets,
    )
    return EndpointCreated(**EndpointOut.model_validate(endpoint).model_dump(), secret=secret)


@router.get("/endpoints", response_model=list[EndpointOut])
def list_endpoints(_: WebhookAdmin, session: DbSession, include_removed: bool = False) -> list[EndpointOut]:
    return [
        EndpointOut.model_validate(e)
        for e in service.list_endpoints(session, include_removed=include_removed)
    ]


@router.delete("/endpoints/{endpoint_id}", response_model=EndpointOut)
def remove_endpoint(endpoint_id: RowId, principal: WebhookAdmin, session: DbSession) -> EndpointOut:
    """Stop sending to the endpoint; its pending deliveries are dead-lettered, its logs kept."""
    endpoint = service.remove_endpoint(session, endpoint_id=endpoint_id, actor=principal.actor)
    return EndpointOut.model_validate(endpoint)


@router.get("/endpoints/{endpoint_id}/deliveries", response_model=DeliveryPage)
def deliveries(
    endpoint_id: RowId,
    _: WebhookAdmin,
    session: DbSession,
    status_: Annotated[DeliveryStatus | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> DeliveryPage:
    """The endpoint's delivery log, newest first: each delivery with every attempt's status and error."""
    items, total = service.deliveries(
        session, endpoint_id=endpoint_id, status=status_, limit=limit, offset=offset
    )
    return DeliveryPage(items=items, total=total)


@router.post("/endpoints/{endpoint_id}/replay", response_model=ReplayOut)
def replay(endpoint_id: RowId, body: ReplayRequest, principal: WebhookAdmin, session: DbSession) -> ReplayOut:
    """Send deliveries again (named ones, and / or every dead one) with a fresh attempt budget."""
    count = service.replay(
        session,
        endpoint_id=endpoint_id,
        delivery_ids=body.delivery_ids,
        dead=body.dead,
        actor=principal.actor,
    )
    return ReplayOut(replayed=count)
