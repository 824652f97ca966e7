from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


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


class KeyCreated(BaseModel):
    name: str
    role: Role
    api_key: str
