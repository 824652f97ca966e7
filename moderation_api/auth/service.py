"""Creating and checking API keys (what a role may do is in :mod:`moderation_api.auth.policy`)."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from moderation_api.auth.models import ApiKey
from moderation_api.auth.schemas import Principal, Role
from moderation_api.db import utcnow

KEY_PREFIX = "vgl_"


class AuthError(Exception):
    """Missing, unknown or revoked key."""


class KeyExistsError(Exception):
    """A key with that name already exists."""


def hash_key(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def create_key(session: Session, *, name: str, role: Role) -> str:
    """Store a new key's hash and return the plain key (shown once, never stored)."""
    plain = KEY_PREFIX + secrets.token_urlsafe(24)
    session.add(ApiKey(name=name, role=str(role), key_hash=hash_key(plain)))
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise KeyExistsError(f"a key named {name!r} already exists") from exc
    return plain


def authenticate(session: Session, *, plain: str | None) -> Principal:
    if not plain:
        raise AuthError("missing API key: send it in the X-API-Key header")
    key = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(plain)))
    if key is None or key.revoked_at is not None:
        raise AuthError("unknown or revoked API key")
    return Principal(key_id=key.id, name=key.name, role=Role(key.role))


def revoke_key(session: Session, *, name: str) -> bool:
    key = session.scalar(select(ApiKey).where(ApiKey.name == name))
    if key is None:
        return False
    key.revoked_at = utcnow()
    return True
