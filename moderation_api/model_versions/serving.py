"""Serving the active model version without a restart.

Each API process runs one :class:`ModelFollower`: every ``model_check_seconds`` (or at once when this
process promoted a version) it reads which version is active — one indexed single-row query — and, when
that differs from the version it serves, loads the new scorer in a worker thread while requests go on
with the old one, then swaps ``app.state.scorer`` in one assignment. A request reads the scorer once
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

log = logging.getLogger("vigil.model")

ScorerLoader = Callable[[Path], TextScorer]


@dataclass(frozen=True, slots=True)
class ActiveStamp:
    version: str
    model_dir: str


def read_active(session_factory: sessionmaker[Session]) -> ActiveStamp | None:
    with session_factory() as session:
        row = session.execute(
            select(ModelVersion.version, ModelVersion.model_dir).where(
                ModelVersion.status == str(ModelStatus.ACTIVE)
            )
        ).first()
    return ActiveStamp(row.version, row.model_dir) if row is not None else None


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
        stamp = await run_in_threadpool(read_active, self._session_factory)
        if stamp is None or stamp.version in (self.served, self._failed):
            return
        try:
            scorer = await run_in_threadpool(self._loader, Path(stamp.model_dir))
        except Exception as exc:  # keep serving the current model; an operator must fix or roll back
            self._failed = stamp.version
            log.error("model_load_failed", extra={"model": stamp.version, "error": type(exc).__name__})
            return
        self._state.scorer = scorer  # one assignment: a request sees the old scorer or the new one
        previous, self.served, self._failed = self.served, stamp.version, None
        log.info("model_swapped", extra={"model": scorer.model_version, "previous": previous})

    async def _run(self) -> None:
        while True:
            try:
                await self.check()
            except Exception as exc:  # e.g. the database is down: keep the model, try again next round
                log.warning("model_check_failed", extra={"error": type(exc).__name__})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._interval)
            self._wake.clear()
