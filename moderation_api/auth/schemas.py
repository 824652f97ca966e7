from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Role(StrEnum):
    """What a key may do. ``senior`` reviewers also decide escalations and minors' cases."""

    INTEGRATOR = "integrator"
    REVIEWER = "reviewer"
    SENIOR = "senior"
    ADMIN = "admin"
    AUDITOR = "auditor"


class Principal(BaseModel):
    """The authenticated caller."""

    key_id: int
    name: str
    role: Role

    @property
    def actor(self) -> str:
        return f"key:{self.name}"


class MeOut(BaseModel):
    name: str
    role: Role
    permissions: list[str]


class AccessNote(BaseModel):
    """What the access policy withheld from a response, and why (empty when nothing was)."""

    restricted: str | None = Field(description="minor_cues / senior_queue when the posting is restricted")
    reason: str | None
    withheld: list[str] = Field(description="kinds of data left out for the caller's role (GET /v1/policy)")


class PermissionOut(BaseModel):
    allows: str
    roles: list[Role]


class VisibilityOut(BaseModel):
    what: str
    reach: dict[Role, str] = Field(description="all / ordinary (withheld on restricted postings) / none")


class PolicyOut(BaseModel):
    """The access policy as data: the same tables the README prints."""

    permissions: dict[str, PermissionOut]
    visibility: dict[str, VisibilityOut]
    restrictions: dict[str, str] = Field(description="why a posting is restricted → what that means")
