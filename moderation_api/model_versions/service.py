"""The model registry: register model directories, and move versions between candidate, shadow, active
and retired. Every status change goes through :func:`transition`, which checks the transition table,
applies the change with a conditional UPDATE (of two racing writers exactly one wins) and writes the audit
event. Exactly one version is active: :func:`promote` and :func:`rollback` retire the current one in the
same transaction, and a partial unique index refuses a second active row whatever races happen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from moderation_api.audit import service as audit
from moderation_api.audit.schemas import ActorKind, AuditAction
from moderation_api.db import utcnow
from moderation_api.errors import ConflictError, InvalidInputError, NotFoundError
from moderation_api.model_versions.models import ModelVersion
from moderation_api.model_versions.schemas import ModelStatus

CANDIDATE, SHADOW, ACTIVE, RETIRED = ModelStatus


class ModelRegistryError(Exception):
    """Base of the registry's domain errors."""


class ModelNotFoundError(ModelRegistryError, NotFoundError):
    pass


class InvalidModelDirError(ModelRegistryError, InvalidInputError):
    """The directory is not a trained model (no readable config.json with name and version)."""


class ModelExistsError(ModelRegistryError, ConflictError):
    pass


class InvalidModelTransitionError(ModelRegistryError, ConflictError):
    pass


class EncoderMismatchError(ModelRegistryError, ConflictError):
    """The version was trained on another encoder than the active one: its scores would not compare."""


class ModelConflictError(ModelRegistryError, ConflictError):
    """Someone else changed the registry first; reload and try again."""


@dataclass(frozen=True)
class Rule:
    sources: frozenset[ModelStatus]
    target: ModelStatus


TRANSITIONS: dict[str, Rule] = {
    "shadow": Rule(frozenset({CANDIDATE, RETIRED}), SHADOW),
    "promote": Rule(frozenset({CANDIDATE, SHADOW, RETIRED}), ACTIVE),
    "retire": Rule(frozenset({CANDIDATE, SHADOW, ACTIVE}), RETIRED),
}


def transition(
    session: Session,
    *,
    model: ModelVersion,
    action: str,
    actor: str,
    actor_kind: ActorKind,
    reason: str | None = None,
) -> None:
    """Apply one validated status change and its audit event; raise on a stale or invalid change."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise InvalidModelTransitionError(f"unknown action {action!r}")
    from_status = ModelStatus(model.status)
    if from_status not in rule.sources:
        raise InvalidModelTransitionError(f"cannot {action} version {model.version}: it is {from_status}")
    now = utcnow()
    values: dict[str, Any] = {
        "status": str(rule.target),
        "status_changed_at": now,
        "status_changed_by": actor,
    }
    if rule.target is ACTIVE:
        values["activated_at"] = now
    result = session.execute(
        update(ModelVersion)
        .where(ModelVersion.id == model.id, ModelVersion.status == model.status)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ModelConflictError(f"version {model.version} was changed by someone else; reload it")
    audit.record(
        session,
        action=AuditAction.MODEL_STATUS_CHANGED,
        actor=actor,
        actor_kind=actor_kind,
        from_state=str(from_status),
        to_state=str(rule.target),
        reason=reason or action,
        details={"version": model.version, "name": model.name},
        at=now,
    )
    for key, value in values.items():
        setattr(model, key, value)


def headline(metrics: dict[str, Any]) -> dict[str, Any]:
    """The figures worth a row in the registry: metrics.json's own ``headline`` if it has one, else the
    thresholds and, per evaluation set, risk AP / ROC AUC and flagged precision / recall."""
    if isinstance(metrics.get("headline"), dict):
        return dict(metrics["headline"])
    sets: dict[str, Any] = {}
    for name, figures in (metrics.get("model_metrics") or {}).items():
        risk, flagged = figures.get("risk") or {}, figures.get("flagged") or {}
        sets[name] = {
            "n": figures.get("n"),
            "average_precision": risk.get("average_precision"),
            "roc_auc": risk.get("roc_auc"),
            "precision": flagged.get("precision"),
            "recall": flagged.get("recall"),
        }
    return {"thresholds": metrics.get("thresholds"), "sets": sets}


def _read_json(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidModelDirError(
            f"{path.name} in {path.parent} cannot be read: {type(exc).__name__}"
        ) from exc
    if not isinstance(value, dict):
        raise InvalidModelDirError(f"{path.name} in {path.parent} is not a JSON object")
    return value


def register(session: Session, *, model_dir: Path, actor: str, actor_kind: ActorKind) -> ModelVersion:
    """Record a trained model directory as a ``candidate`` (name, version, encoder from its config.json,
    the headline of its metrics.json) and commit."""
    model_dir = model_dir.resolve()
    if not (model_dir / "config.json").is_file():
        raise InvalidModelDirError(f"{model_dir} holds no config.json: not a trained model directory")
    config = _read_json(model_dir / "config.json")
    name, version = config.get("name"), config.get("version")
    if not (
        isinstance(name, str) and isinstance(version, str) and 0 < len(name) <= 100 and 0 < len(version) <= 50
    ):
        raise InvalidModelDirError(f"config.json in {model_dir} lacks a name and version")
    encoder = config.get("encoder")
    sha = encoder.get("sha256") if isinstance(encoder, dict) else None
    metrics_path = model_dir / "metrics.json"
    metrics = headline(_read_json(metrics_path)) if metrics_path.is_file() else None
    if session.scalar(select(ModelVersion.id).where(ModelVersion.version == version)) is not None:
        raise ModelExistsError(f"version {version} is registered already")
    now = utcnow()
    model = ModelVersion(
        version=version,
        name=name,
        model_dir=str(model_dir),
        status=str(CANDIDATE),
        metrics=metrics,
        encoder_sha256=sha if isinstance(sha, str) and len(sha) == 64 else None,
        registered_at=now,
        registered_by=actor,
        status_changed_at=now,
        status_changed_by=actor,
    )
    with _unit_of_work(session, f"version {version} is registered already"):
        session.add(model)
        audit.record(
            session,
            action=AuditAction.MODEL_REGISTERED,
            actor=actor,
            actor_kind=actor_kind,
            to_state=str(CANDIDATE),
            details={"version": version, "name": name, "model_dir": str(model_dir)},
            at=now,
        )
    return model


@contextmanager
def _unit_of_work(session: Session, conflict: str) -> Iterator[None]:
    """Commit the writes of the block, or roll all of them back; a lost race (a concurrent writer took the
    version name or the one active row first) becomes :class:`ModelConflictError`."""
    try:
        yield
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise ModelConflictError(conflict) from exc
    except BaseException:
        session.rollback()
        raise


def list_versions(session: Session) -> list[ModelVersion]:
    return list(session.scalars(select(ModelVersion).order_by(ModelVersion.registered_at, ModelVersion.id)))


def get_version(session: Session, *, version: str) -> ModelVersion:
    model = session.scalar(select(ModelVersion).where(ModelVersion.version == version))
    if model is None:
        raise ModelNotFoundError(f"no model version {version!r} is registered")
    return model


def active_version(session: Session) -> ModelVersion | None:
    return session.scalar(select(ModelVersion).where(ModelVersion.status == str(ACTIVE)))


def shadow_version(session: Session) -> ModelVersion | None:
    return session.scalar(select(ModelVersion).where(ModelVersion.status == str(SHADOW)))


def shadow(session: Session, *, version: str, actor: str, actor_kind: ActorKind) -> ModelVersion:
    """Put ``version`` in shadow: API processes score every ingested posting with it too, routing nothing.
    It must load (its directory exists) and share the active version's encoder, or its scores would not
    compare; a version already in shadow is retired in the same transaction (one shadow at a time)."""
    with _unit_of_work(session, "another version was put in shadow at the same time; reload and try again"):
        model = get_version(session, version=version)
        _check_loadable(model)
        current = active_version(session)
        if current is not None:
            _check_encoder(current=current, target=model)
        previous = shadow_version(session)
        if previous is not None and previous.id != model.id:
            transition(
                session, model=previous, action="retire", actor=actor, actor_kind=actor_kind, reason="shadow"
            )
        transition(session, model=model, action="shadow", actor=actor, actor_kind=actor_kind)
    return model


def _check_loadable(model: ModelVersion) -> None:
    if not (Path(model.model_dir) / "config.json").is_file():
        raise InvalidModelDirError(f"version {model.version}'s directory {model.model_dir} is gone")


def _check_encoder(*, current: ModelVersion, target: ModelVersion) -> None:
    theirs, ours = current.encoder_sha256, target.encoder_sha256
    if theirs == ours:
        return
    if theirs is None or ours is None:
        # One side names its encoder and the other does not: nothing shows the scores would compare.
        unknown = target.version if ours is None else current.version
        raise EncoderMismatchError(
            f"version {unknown}'s config.json names no encoder; the active version {current.version} and "
            f"version {target.version} cannot be shown to share one"
        )
    raise EncoderMismatchError(
        f"version {target.version} was trained on encoder {ours[:12]}…, "
        f"the active version {current.version} on {theirs[:12]}…"
    )


class ActivationHook(Protocol):
    """Called in the transaction that makes ``model`` active (``action``: promote or rollback)."""

    def __call__(
        self, session: Session, *, model: ModelVersion, action: str, actor: str, actor_kind: str
    ) -> None: ...


def promote(
    session: Session,
    *,
    version: str,
    actor: str,
    actor_kind: ActorKind,
    on_activated: ActivationHook | None = None,
) -> ModelVersion:
    """Make ``version`` the active model; the current one is retired in the same transaction (first: the
    partial unique index admits one active row at a time). ``on_activated`` adds its writes (a pending
    re-scoring run) to that transaction."""
    with _unit_of_work(session, "another version was promoted at the same time; reload and try again"):
        model = get_version(session, version=version)
        current = active_version(session)
        if current is not None and current.id == model.id:
            raise InvalidModelTransitionError(f"version {version} is active already")
        _check_loadable(model)
        if current is not None:
            _check_encoder(current=current, target=model)
            transition(
                session, model=current, action="retire", actor=actor, actor_kind=actor_kind, reason="promote"
            )
        transition(session, model=model, action="promote", actor=actor, actor_kind=actor_kind)
        if on_activated is not None:
            on_activated(session, model=model, action="promote", actor=actor, actor_kind=actor_kind)
    return model


def rollback(
    session: Session, *, actor: str, actor_kind: ActorKind, on_activated: ActivationHook | None = None
) -> ModelVersion:
    """Retire the active version and make the one active before it active again; returns that one."""
    with _unit_of_work(session, "the registry was changed by someone else; reload and try again"):
        current = active_version(session)
        if current is None or current.activated_at is None:
            raise InvalidModelTransitionError("no version is active: nothing to roll back")
        previous = session.scalar(
            select(ModelVersion)
            .where(ModelVersion.status == str(RETIRED), ModelVersion.activated_at < current.activated_at)
            .order_by(ModelVersion.activated_at.desc())
            .limit(1)
        )
        if previous is None:
            raise InvalidModelTransitionError(
                f"no version was active before {current.version}: nothing to roll back to"
            )
        transition(
            session, model=current, action="retire", actor=actor, actor_kind=actor_kind, reason="rollback"
        )
        transition(
            session, model=previous, action="promote", actor=actor, actor_kind=actor_kind, reason="rollback"
        )
        if on_activated is not None:
            on_activated(session, model=previous, action="rollback", actor=actor, actor_kind=actor_kind)
    return previous
