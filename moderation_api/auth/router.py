from __future__ import annotations

from fastapi import APIRouter

from moderation_api.auth import policy
from moderation_api.auth.schemas import MeOut, PolicyOut
from moderation_api.deps import CurrentPrincipal

router = APIRouter(prefix="/v1", tags=["auth"])


@router.get("/me", response_model=MeOut)
def me(principal: CurrentPrincipal) -> MeOut:
    """Who the API key belongs to and what it may do (the UI shows pages by role)."""
    return MeOut(name=principal.name, role=principal.role, permissions=policy.permissions_of(principal.role))


@router.get("/policy", response_model=PolicyOut)
def access_policy(_: CurrentPrincipal) -> PolicyOut:
    """The access policy: which role may do what, and see which data on ordinary and restricted postings."""
    return policy.as_schema()
