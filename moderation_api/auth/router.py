from __future__ import annotations

from fastapi import APIRouter

from moderation_api.auth.schemas import MeOut
from moderation_api.auth.service import permissions_of
from moderation_api.deps import CurrentPrincipal

router = APIRouter(prefix="/v1", tags=["auth"])


@router.get("/me", response_model=MeOut)
def me(principal: CurrentPrincipal) -> MeOut:
    """Who the API key belongs to and what it may do (the UI shows pages by role)."""
    return MeOut(name=principal.name, role=principal.role, permissions=permissions_of(principal.role))
