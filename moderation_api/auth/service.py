"""Creating and checking API keys (what a role may do is in :mod:`moderation_api.auth.policy`)."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from moderation_api.audit import service as audit
from moderation_api.audit.schemas import ActorKind, AuditAction
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


def create_key(session: Session, *, name: str, role: Role, actor: str) -> str:
    """Store a new key's hash and return the plain key (shown once, never stored); audited as ``actor``."""
    plain = KEY_PREFIX + secrets.token_urlsafe(24)
    key = ApiKey(name=name, role=str(role), key_hash=hash_key(plain))
    session.add(key)
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise KeyExistsError(f"a key named {name!r} already exists") from exc
    _audit_key(session, key=key, action=AuditAction.KEY_CREATED, actor=actor)
    return plain


def authenticate(session: Session, *, plain: str | None) -> Principal:
    if not plain:
        raise AuthError("missing API key: send it in the X-API-Key header")
    key = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(plain)))
    if key is None or key.revoked_at is not None:
        raise AuthError("unknown or revoked API key")
    return Principal(key_id=key.id, name=key.name, role=Role(key.role))


def revoke_key(session: Session, *, name: str, actor: str) -> bool:
    """Revoke the key named ``name`` (audited as ``actor``); False if there is no such key."""
    key = session.scalar(select(ApiKey).where(ApiKey.name == name))
    if key is None:
        return False
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        _audit_key(session, key=key, action=AuditAction.KEY_REVOKED, actor=actor)
    return True


def _audit_key(session: Session, *, key: ApiKey, action: AuditAction, actor: str) -> None:
    audit.record(
        session,
        actor=actor,
        actor_kind=ActorKind.HUMAN,
        action=action,
        details={"key_id": key.id, "key_name": key.name, "role": key.role},
    )
