"""Serving the active model version without a restart.

Each API process runs one :class:`ModelFollower`: every ``model_check_seconds`` (or at once when this
process changed the registry) it reads which versions are active and in shadow — one indexed query — and,
when the active one differs from the version it serves, loads the new scorer in a worker thread while
requests go on with the old one, then swaps ``app.state.scorer`` in one assignment. The shadow version is
followed the same way into ``app.state.shadow`` (see :mod:`moderation_api.model_versions.shadow`); a
promoted shadow is swapped in without loading it again. A request reads the scorer once
(:func:`moderation_api.deps.get_scorer`), so it finishes with the model it started with; none is dropped.
A version that fails to load is logged and skipped until the registry names another one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from classifier.results import TextScorer
from moderation_api.model_versions.models import ModelVersion
from moderation_api.model_versions.schemas import ModelStatus
from moderation_api.model_versions.shadow import Shadow

log = logging.getLogger("vigil.model")

ScorerLoader = Callable[[Path], TextScorer]


@dataclass(frozen=True, slots=True)
class ActiveStamp:
    version: str
    model_dir: str


def read_serving(session_factory: sessionmaker[Session]) -> dict[ModelStatus, ActiveStamp]:
    """The active and the shadow version (each at most one), in one query."""
    with session_factory() as session:
        rows = session.execute(
            select(ModelVersion.version, ModelVersion.model_dir, ModelVersion.status).where(
                ModelVersion.status.in_([str(ModelStatus.ACTIVE), str(ModelStatus.SHADOW)])
            )
        ).all()
    return {ModelStatus(row.status): ActiveStamp(row.version, row.model_dir) for row in rows}


def read_active(session_factory: sessionmaker[Session]) -> ActiveStamp | None:
    return read_serving(session_factory).get(ModelStatus.ACTIVE)


class ModelFollower:
    """Keeps ``state.scorer`` on the registry's active version (see the module docstring)."""

    def __init__(
        self,
        state: Any,
        *,
        session_factory: sessionmaker[Session],
        loader: ScorerLoader,
        interval: float,
        served: str | None,
    ) -> None:
        self._state, self._session_factory, self._loader, self._interval = (
            state,
            session_factory,
            loader,
            interval,
        )
        self.served = served  # the registry version in use; None while serving the configured model
        self._failed: str | None = None
        self._shadow_failed: str | None = None
        self._wake = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def nudge(self) -> None:
        """Check now (from any thread): this process changed the registry."""
        self._loop.call_soon_threadsafe(self._wake.set)

    async def check(self) -> None:
        stamps = await run_in_threadpool(read_serving, self._session_factory)
        await self._follow_active(stamps.get(ModelStatus.ACTIVE))
        await self._follow_shadow(stamps.get(ModelStatus.SHADOW))

    async def _follow_active(self, stamp: ActiveStamp | None) -> None:
        if stamp is None or stamp.version in (self.served, self._failed):
            return
        try:
            shadow: Shadow | None = getattr(self._state, "shadow", None)
            if shadow is not None and shadow.version == stamp.version:
                scorer = shadow.scorer  # the shadow was promoted: it is loaded already
            else:
                scorer = await run_in_threadpool(self._loader, Path(stamp.model_dir))
        except Exception as exc:  # keep serving the current model; an operator must fix or roll back
            self._failed = stamp.version
            log.error("model_load_failed", extra={"model": stamp.version, "error": type(exc).__name__})
            return
        self._state.scorer = scorer  # one assignment: a request sees the old scorer or the new one
        previous, self.served, self._failed = self.served, stamp.version, None
        log.info("model_swapped", extra={"model": scorer.model_version, "previous": previous})

    async def _follow_shadow(self, stamp: ActiveStamp | None) -> None:
        """Load the registry's shadow version (or drop it) the way the active one is followed."""
        current: Shadow | None = getattr(self._state, "shadow", None)
        if stamp is None:
            if current is not None:
                self._state.shadow = None
                log.info("shadow_stopped", extra={"model": current.version})
            return
        if (current is not None and current.version == stamp.version) or stamp.version == self._shadow_failed:
            return
        try:
            scorer = await run_in_threadpool(self._loader, Path(stamp.model_dir))
        except Exception as exc:  # no shadow scoring until the registry names another version
            self._shadow_failed = stamp.version
            log.error("shadow_load_failed", extra={"model": stamp.version, "error": type(exc).__name__})
            return
        counters = getattr(self._state, "shadow_counters", None)
        self._state.shadow = Shadow(version=stamp.version, scorer=scorer, counters=counters)
        self._shadow_failed = None
        log.info("shadow_loaded", extra={"model": stamp.version})

    async def _run(self) -> None:
        while True:
            try:
                await self.check()
            except Exception as exc:  # e.g. the database is down: keep the model, try again next round
                log.warning("model_check_failed", extra={"error": type(exc).__name__})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._interval)
            self._wake.clear()
