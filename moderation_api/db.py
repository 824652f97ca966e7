"""Database plumbing: engine, session factory, declarative base, UTC timestamps.

SQLite is the embedded default; PostgreSQL is the production database. Code that must behave
differently (claims use ``FOR UPDATE SKIP LOCKED`` on PostgreSQL) asks :func:`is_postgres`.

Concurrency: :func:`run_transaction` runs one unit of work and starts it over on a deadlock or
serialization failure; :func:`take_lock` serializes the writers of shared structures (the network index).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any, TypeVar

from sqlalchemy import DateTime, Engine, create_engine, event, text
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_random_exponential,
)

log = logging.getLogger("vigil.db")
T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with per-backend settings (SQLite: WAL, foreign keys, busy timeout)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
            # Let SQLAlchemy, not the sqlite3 module, issue BEGIN: savepoints and transaction scope then
            # behave as on PostgreSQL (the recipe from SQLAlchemy's SQLite dialect documentation).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            # Erased text is overwritten in the file, not left in free pages (many builds default to off).
            cursor.execute("PRAGMA secure_delete=ON")
            if ":memory:" not in url:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            # IMMEDIATE takes the write lock up front: a transaction that read a case and then updates it
            # can never fail half-way with "database is locked" because another writer got in between;
            # writers queue on busy_timeout instead. (PostgreSQL uses row locks; see cases.service.claim.)
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


class AppLock(IntEnum):
    """Transaction-scoped named locks (PostgreSQL advisory lock keys), always taken before any row lock."""

    # Writers of the network index and openers of cases: ingest (links new postings), a confirmation
    # (pulls its cluster into review) and notices. They must serialize: concurrent transactions cannot see
    # each other's new contacts and template buckets, so linked postings would end up in separate clusters
    # (and two could each open "the" case of one posting). Finer locks (one per contact
    # and LSH bucket) were considered: a batch of 20 postings needs ~700 of them (32 buckets a posting),
    # which exhausts PostgreSQL's shared lock table under load, and batches collide on nearly every key
    # anyway. Scoring happens before the lock is taken, so it covers database work only.
    NETWORK = 0x56490001


def take_lock(session: Session, lock: AppLock) -> None:
    """Hold ``lock`` until the transaction ends (SQLite: a no-op, its writers are serialized already)."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(lock)})


class TransientConflictError(Exception):
    """A unit of work lost a race that it can only win by starting over; retried like a deadlock."""


SERIALIZATION_FAILURE, DEADLOCK_DETECTED, UNIQUE_VIOLATION = "40001", "40P01", "23505"
# Bounded so a request fails within seconds rather than queueing forever behind a hot spot.
RETRY_ATTEMPTS = 6
RETRY_SECONDS = 15.0


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a database error (SQLite's unique-constraint failure is mapped to 23505)."""
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlstate", None)
    if code:
        return str(code)
    if getattr(orig, "sqlite_errorname", None) == "SQLITE_CONSTRAINT_UNIQUE":
        return UNIQUE_VIOLATION
    return None


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    # The SQLSTATE or class name only: a driver error's text can quote statement parameters (posting text).
    cause = (sqlstate(exc) or type(exc).__name__) if exc is not None else "unknown"
    log.warning(
        "transaction restarted after %s (attempt %d, next in %.3f s)",
        cause,
        state.attempt_number,
        state.upcoming_sleep,
    )


def run_transaction(session: Session, work: Callable[[], T], *, retry_unique: bool = False) -> T:
    """Run ``work`` — one unit of work ending in its commit — and start it over after a rollback when it
    hits a deadlock, a serialization failure or a :class:`TransientConflictError` (and, with
    ``retry_unique``, a unique violation: a concurrent request stored the same key first and the next
    attempt reads it). At most ``RETRY_ATTEMPTS`` attempts within ``RETRY_SECONDS``; the waits are
    exponential with full jitter, so requests that collided once do not collide again in lockstep.
    """
    codes = {SERIALIZATION_FAILURE, DEADLOCK_DETECTED} | ({UNIQUE_VIOLATION} if retry_unique else set())

    def transient(exc: BaseException) -> bool:
        if isinstance(exc, TransientConflictError):
            return True
        return isinstance(exc, DBAPIError) and sqlstate(exc) in codes

    def attempt() -> T:
        try:
            return work()
        except BaseException:
            session.rollback()
            raise

    retrying = Retrying(
        retry=retry_if_exception(transient),
        stop=stop_after_attempt(RETRY_ATTEMPTS) | stop_after_delay(RETRY_SECONDS),
        wait=wait_random_exponential(multiplier=0.02, max=1.0),
        before_sleep=_log_retry,
        reraise=True,
    )
    return retrying(attempt)
