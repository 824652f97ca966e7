"""Re-scoring with the active model: runs split into chunks that any number of workers share.

A run names the model version and ``since``: it re-scores the postings of undecided cases and the postings
ingested since then (text not erased, not yet scored by that version). Planning writes the run's chunks —
ranges of posting ids — once. A worker then repeats: claim a chunk (a short transaction; on PostgreSQL
``FOR UPDATE SKIP LOCKED``, so workers take different chunks and never wait; on SQLite writers are
serialized anyway), read its postings, score them outside any transaction, and write the results in one
short transaction that first checks the claim is still its own and marks the chunk done. A chunk is
therefore written exactly once: a killed worker's chunk becomes claimable again when its lease runs out,
and a worker that outlived its lease finds its claim gone and discards its scores.

What a write changes: each posting's stored score (risk, urgent, band, categories, model version); each
of its undecided cases through :func:`moderation_api.cases.service.rescore_case` (audited); and a posting
that the new model flags and that never had a case gets one, as at ingest. Decided cases are never
touched, and re-scoring never closes a case: see ``rescore_case`` for why.

This module imports the cases, postings and model registry layers; none of them imports it (the registry
is handed :func:`activation_hook` by its callers).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, update
from sqlalchemy.orm import Session

from classifier.results import ScoreResult
from moderation_api.audit import service as audit
from moderation_api.audit.schemas import ActorKind, AuditAction
from moderation_api.cases import service as cases
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, CaseState
from moderation_api.db import AppLock, is_postgres, run_transaction, take_lock, utcnow
from moderation_api.model_versions.models import ModelVersion
from moderation_api.model_versions.schemas import ModelStatus
from moderation_api.model_versions.service import ActivationHook
from moderation_api.postings.models import Posting
from moderation_api.rescoring.models import RescoreChunk, RescoreRun
from moderation_api.rescoring.schemas import ChunkStatus, RunProgress, RunStatus, RunTrigger
from moderation_api.settings import Settings

SYSTEM_ACTOR = "system:rescore"


class RescoreError(Exception):
    """Base of the re-scoring domain errors."""


class NoActiveModelError(RescoreError):
    """No registered model version is active: there is nothing to re-score with."""


class RunNotFoundError(RescoreError):
    pass


@dataclass(frozen=True, slots=True)
class Claim:
    """A chunk this worker holds until ``lease_until``."""

    run_id: int
    chunk_id: int
    seq: int
    token: str
    first_posting_id: int
    last_posting_id: int
    model_version: str
    since: datetime


@dataclass(frozen=True, slots=True)
class ToScore:
    posting_id: int
    text: str
    text_sha256: str | None


@dataclass(frozen=True, slots=True)
class ChunkOutcome:
    chunk_id: int
    seq: int
    rescored: int
    bands_changed: int
    cases_updated: int
    cases_opened: int


def record_run(
    session: Session,
    *,
    model_version: str,
    since: datetime,
    trigger: RunTrigger,
    chunk_size: int,
    actor: str,
    actor_kind: str,
) -> RescoreRun:
    """Add a pending, unplanned run and its audit event to the session (the caller commits)."""
    now = utcnow()
    run = RescoreRun(
        model_version=model_version,
        since=since,
        status=str(RunStatus.PENDING),
        trigger=str(trigger),
        chunk_size=chunk_size,
        requested_at=now,
        requested_by=actor,
    )
    session.add(run)
    session.flush()
    audit.record(
        session,
        action=AuditAction.RESCORE_REQUESTED,
        actor=actor,
        actor_kind=actor_kind,
        to_state=str(RunStatus.PENDING),
        details={
            "run_id": run.id,
            "version": model_version,
            "since": since.isoformat(),
            "trigger": str(trigger),
        },
        at=now,
    )
    return run


def activation_hook(settings: Settings) -> ActivationHook | None:
    """What the registry calls, inside its transaction, when a promotion or rollback makes a version active:
    record a pending run over the last ``rescore_recent_days`` (None when ``rescore_on_promotion`` is off).
    Workers (each API process, `vigil rescore --worker`) pick it up in the background."""
    if not settings.rescore_on_promotion:
        return None

    def on_activated(
        session: Session, *, model: ModelVersion, action: str, actor: str, actor_kind: str
    ) -> None:
        start = model.activated_at or utcnow()
        record_run(
            session,
            model_version=model.version,
            since=start - timedelta(days=settings.rescore_recent_days),
            trigger=RunTrigger.ROLLBACK if action == "rollback" else RunTrigger.PROMOTION,
            chunk_size=settings.rescore_chunk_size,
            actor=actor,
            actor_kind=actor_kind,
        )

    return on_activated


def active_version(session: Session) -> ModelVersion | None:
    return session.scalar(select(ModelVersion).where(ModelVersion.status == str(ModelStatus.ACTIVE)))


def start_run(
    session: Session, *, since: datetime, chunk_size: int, actor: str, actor_kind: str
) -> tuple[RescoreRun, bool]:
    """The run re-scoring with the active version since ``since``: the unfinished or finished one recorded
    before (a rerun resumes it, or finds it done), else a new one; returns it and whether it is new.

    Serialized by a lock, so commands started at once join one run instead of recording two."""

    def once() -> tuple[RescoreRun, bool]:
        take_lock(session, AppLock.RESCORE)
        model = active_version(session)
        if model is None:
            raise NoActiveModelError("no model version is active: promote one with `vigil model promote`")
        existing = session.scalar(
            select(RescoreRun)
            .where(
                RescoreRun.model_version == model.version,
                RescoreRun.since == since,
                RescoreRun.status != str(RunStatus.SUPERSEDED),
            )
            .order_by(RescoreRun.id.desc())
            .limit(1)
        )
        if existing is not None:
            session.commit()
            return existing, False
        run = record_run(
            session,
            model_version=model.version,
            since=since,
            trigger=RunTrigger.COMMAND,
            chunk_size=chunk_size,
            actor=actor,
            actor_kind=actor_kind,
        )
        session.commit()
        return run, True

    return run_transaction(session, once)


def get_run(session: Session, *, run_id: int) -> RescoreRun:
    run = session.get(RescoreRun, run_id, populate_existing=True)
    if run is None:
        raise RunNotFoundError(f"no re-scoring run {run_id}")
    return run


def _selected(*, model_version: str, since: datetime) -> list[ColumnElement[bool]]:
    """Which postings a run re-scores: text still there, not scored by the run's version yet, and either an
    undecided case or ingested since ``since``."""
    undecided = select(Case.posting_id).where(Case.state != str(CaseState.DECIDED))
    return [
        Posting.text.is_not(None),
        Posting.model_version != model_version,
        or_(Posting.ingested_at >= since, Posting.id.in_(undecided)),
    ]


def plan(session: Session, *, run_id: int) -> RescoreRun:
    """Write the run's chunks once (whoever comes first; the others find it planned)."""

    def once() -> RescoreRun:
        take_lock(session, AppLock.RESCORE)
        run = get_run(session, run_id=run_id)
        if run.planned_at is not None or run.status != str(RunStatus.PENDING):
            session.commit()
            return run
        ids = list(
            session.scalars(
                select(Posting.id)
                .where(*_selected(model_version=run.model_version, since=run.since))
                .order_by(Posting.id)
            )
        )
        size = run.chunk_size
        session.add_all(
            RescoreChunk(
                run_id=run.id,
                seq=n,
                first_posting_id=ids[start],
                last_posting_id=ids[min(start + size, len(ids)) - 1],
                status=str(ChunkStatus.PENDING),
            )
            for n, start in enumerate(range(0, len(ids), size))
        )
        run.planned_at = utcnow()
        session.commit()
        return run

    return run_transaction(session, once)


def still_active(session: Session, *, run: RescoreRun) -> bool:
    """Whether the run's version is still the active one; if not, the run is marked superseded (audited):
    re-scoring with a version that no longer serves would pull the queue away from the one that does."""
    model = active_version(session)
    if model is not None and model.version == run.model_version:
        session.commit()
        return True
    if _close_run(session, run_id=run.id, status=RunStatus.SUPERSEDED):
        session.commit()
    else:
        session.rollback()
    return False


def _close_run(session: Session, *, run_id: int, status: RunStatus) -> bool:
    """Move a pending run to ``status`` with its audit event; False when another worker did it first."""
    now = utcnow()
    result = session.execute(
        update(RescoreRun)
        .where(RescoreRun.id == run_id, RescoreRun.status == str(RunStatus.PENDING))
        .values(status=str(status), finished_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    totals = progress(session, run_id=run_id)
    audit.record(
        session,
        action=AuditAction.RESCORE_FINISHED,
        actor=SYSTEM_ACTOR,
        actor_kind=str(ActorKind.SYSTEM),
        from_state=str(RunStatus.PENDING),
        to_state=str(status),
        details={
            "run_id": run_id,
            "version": totals.model_version,
            "chunks_done": totals.chunks_done,
            "chunks": totals.chunks,
            "rescored": totals.rescored,
            "bands_changed": totals.bands_changed,
            "cases_updated": totals.cases_updated,
            "cases_opened": totals.cases_opened,
        },
        at=now,
    )
    return True


def claim_chunk(
    session: Session, *, run: RescoreRun, worker: str, lease_seconds: float, now: datetime | None = None
) -> Claim | None:
    """Claim the run's next pending chunk that no live lease holds, and commit the claim (None: none is)."""
    now = now or utcnow()
    query = (
        select(RescoreChunk)
        .where(
            RescoreChunk.run_id == run.id,
            RescoreChunk.status == str(ChunkStatus.PENDING),
            or_(RescoreChunk.lease_until.is_(None), RescoreChunk.lease_until < now),
        )
        .order_by(RescoreChunk.seq)
        .limit(1)
        .execution_options(populate_existing=True)
    )
    if is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    chunk = session.scalar(query)
    if chunk is None:
        session.commit()
        return None
    token = secrets.token_hex(16)
    chunk.claim_token, chunk.claimed_by = token, worker
    chunk.lease_until = now + timedelta(seconds=lease_seconds)
    chunk.attempts += 1
    claim = Claim(
        run_id=run.id,
        chunk_id=chunk.id,
        seq=chunk.seq,
        token=token,
        first_posting_id=chunk.first_posting_id,
        last_posting_id=chunk.last_posting_id,
        model_version=run.model_version,
        since=run.since,
    )
    session.commit()
    return claim


def release_chunk(session: Session, *, claim: Claim) -> None:
    """Give a claimed chunk back at once (a worker stopping between claim and write)."""
    session.execute(
        update(RescoreChunk)
        .where(RescoreChunk.id == claim.chunk_id, RescoreChunk.claim_token == claim.token)
        .values(claim_token=None, claimed_by=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()


def read_chunk(session: Session, *, claim: Claim) -> list[ToScore]:
    """The chunk's postings to score; ends the read, so no transaction is open while they are scored."""
    rows = session.execute(
        select(Posting.id, Posting.text, Posting.text_sha256)
        .where(
            Posting.id.between(claim.first_posting_id, claim.last_posting_id),
            *_selected(model_version=claim.model_version, since=claim.since),
        )
        .order_by(Posting.id)
    ).all()
    session.commit()
    return [ToScore(row.id, row.text, row.text_sha256) for row in rows if row.text is not None]


def apply_chunk(
    session: Session,
    *,
    claim: Claim,
    scored: Sequence[tuple[ToScore, ScoreResult]],
    category_cutoff: float,
) -> ChunkOutcome | None:
    """Write a scored chunk and mark it done, in one transaction; None when the claim is no longer this
    worker's (its lease ran out and another worker took the chunk) — nothing is written then."""
    return run_transaction(
        session, lambda: _apply_once(session, claim=claim, scored=scored, category_cutoff=category_cutoff)
    )


def _apply_once(
    session: Session,
    *,
    claim: Claim,
    scored: Sequence[tuple[ToScore, ScoreResult]],
    category_cutoff: float,
) -> ChunkOutcome | None:
    # Opening a case writes where ingest and notices do: the network lock first, as they take it.
    take_lock(session, AppLock.NETWORK)
    query = select(RescoreChunk).where(RescoreChunk.id == claim.chunk_id)
    query = query.execution_options(populate_existing=True)
    chunk = session.scalar(query.with_for_update() if is_postgres(session) else query)
    if chunk is None or chunk.status != str(ChunkStatus.PENDING) or chunk.claim_token != claim.token:
        session.rollback()
        return None
    ids = [item.posting_id for item, _ in scored]
    postings: list[Posting] = _locked(
        session, select(Posting).where(Posting.id.in_(ids)).order_by(Posting.id)
    )
    by_id = {posting.id: posting for posting in postings}
    case_rows: list[Case] = _locked(session, select(Case).where(Case.posting_id.in_(ids)).order_by(Case.id))
    cases_of: dict[int, list[Case]] = {}
    for case in case_rows:
        cases_of.setdefault(case.posting_id, []).append(case)
    counts = {"rescored": 0, "bands_changed": 0, "cases_updated": 0, "cases_opened": 0}
    for item, result in scored:
        posting = by_id.get(item.posting_id)
        # Erased (or changed) since it was read: writing the score back would restore quoted evidence.
        if posting is None or posting.text is None or posting.text_sha256 != item.text_sha256:
            continue
        counts["bands_changed"] += posting.band != str(result.band)
        _store_score(posting, result)
        counts["rescored"] += 1
        actor = f"model:{result.model_name}:{result.model_version}"
        details = {"run_id": claim.run_id, "model_version": result.model_version}
        posting_cases = cases_of.get(posting.id, [])
        for case in posting_cases:
            if case.state != str(CaseState.DECIDED):
                counts["cases_updated"] += cases.rescore_case(
                    session,
                    case=case,
                    posting=posting,
                    category_cutoff=category_cutoff,
                    actor=actor,
                    details=details,
                )
        if result.flagged and not posting_cases:
            facts = cases.case_facts(posting.score, category_cutoff=category_cutoff)
            cases.open_case(
                session,
                posting=posting,
                source=CaseSource.AUTOMATED,
                actor=actor,
                actor_kind=str(ActorKind.MODEL),
                minor=facts.minor,
                categories=facts.categories,
                details={"rescore_run": claim.run_id},
            )
            counts["cases_opened"] += 1
    chunk.status = str(ChunkStatus.DONE)
    chunk.done_at = utcnow()
    chunk.lease_until = None
    for key, value in counts.items():
        setattr(chunk, key, value)
    session.commit()
    return ChunkOutcome(chunk_id=claim.chunk_id, seq=claim.seq, **counts)


def _locked(session: Session, query: Select[Any]) -> list[Any]:
    """The rows, read afresh and (PostgreSQL) locked in the query's order: a concurrent erasure or decision
    either finished before (and is seen) or waits for this write."""
    query = query.execution_options(populate_existing=True)
    return list(session.scalars(query.with_for_update() if is_postgres(session) else query))


def _store_score(posting: Posting, result: ScoreResult) -> None:
    posting.model_name = result.model_name
    posting.model_version = result.model_version
    posting.risk_score = result.risk_score
    posting.urgent_score = result.urgent_score
    posting.band = str(result.band)
    posting.score = result.to_dict()


def progress(session: Session, *, run_id: int) -> RunProgress:
    run = get_run(session, run_id=run_id)
    done = RescoreChunk.status == str(ChunkStatus.DONE)
    row = session.execute(
        select(
            func.count(),
            func.count().filter(done),
            func.coalesce(func.sum(RescoreChunk.rescored), 0),
            func.coalesce(func.sum(RescoreChunk.bands_changed), 0),
            func.coalesce(func.sum(RescoreChunk.cases_updated), 0),
            func.coalesce(func.sum(RescoreChunk.cases_opened), 0),
        ).where(RescoreChunk.run_id == run_id)
    ).one()
    return RunProgress(
        run_id=run.id,
        model_version=run.model_version,
        since=run.since,
        status=RunStatus(run.status),
        trigger=RunTrigger(run.trigger),
        requested_at=run.requested_at,
        requested_by=run.requested_by,
        finished_at=run.finished_at,
        chunks=row[0],
        chunks_done=row[1],
        rescored=row[2],
        bands_changed=row[3],
        cases_updated=row[4],
        cases_opened=row[5],
    )


def finish_if_complete(session: Session, *, run_id: int) -> bool:
    """Mark a planned run done when no chunk is pending (audited once); True when the run is complete."""
    run = get_run(session, run_id=run_id)
    if run.status != str(RunStatus.PENDING):
        session.commit()
        return True
    pending = session.scalar(
        select(func.count()).where(
            RescoreChunk.run_id == run_id, RescoreChunk.status == str(ChunkStatus.PENDING)
        )
    )
    if run.planned_at is None or pending:
        session.commit()
        return False
    _close_run(session, run_id=run_id, status=RunStatus.DONE)
    session.commit()
    return True


def next_lease_end(session: Session, *, run_id: int) -> datetime | None:
    """When the earliest live lease on a pending chunk of the run ends (None: no pending chunk is held)."""
    value = session.scalar(
        select(func.min(RescoreChunk.lease_until)).where(
            RescoreChunk.run_id == run_id, RescoreChunk.status == str(ChunkStatus.PENDING)
        )
    )
    session.commit()
    return value


def pending_runs(session: Session, *, model_version: str) -> list[int]:
    ids = list(
        session.scalars(
            select(RescoreRun.id)
            .where(RescoreRun.model_version == model_version, RescoreRun.status == str(RunStatus.PENDING))
            .order_by(RescoreRun.id)
        )
    )
    session.commit()
    return ids


def stale_runs(session: Session) -> list[int]:
    """Pending runs of versions that are not active (any more): the next worker marks them superseded."""
    active = select(ModelVersion.version).where(ModelVersion.status == str(ModelStatus.ACTIVE))
    return list(
        session.scalars(
            select(RescoreRun.id).where(
                RescoreRun.status == str(RunStatus.PENDING), RescoreRun.model_version.not_in(active)
            )
        )
    )


def list_runs(session: Session, *, limit: int = 20) -> list[RunProgress]:
    ids = session.scalars(select(RescoreRun.id).order_by(RescoreRun.id.desc()).limit(limit)).all()
    return [progress(session, run_id=run_id) for run_id in ids]
