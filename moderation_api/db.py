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

import pybreaker
from sqlalchemy import DateTime, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Session, SessionTransaction, sessionmaker
from sqlalchemy.types import TypeDecorator
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_random_exponential,
)

from moderation_api.settings import Settings

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


# Row ids are 32-bit INTEGER on PostgreSQL: a larger id can match nothing, so it is a 422, not a 500.
MAX_ROW_ID = 2**31 - 1


class DatabaseUnavailableError(Exception):
    """Connecting to the database failed moments ago; requests fail fast (HTTP 503) until a retry is due."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the database is unavailable; retry in {retry_after} s")
        self.retry_after = retry_after


def make_engine(url: str, *, settings: Settings | None = None, **kwargs: Any) -> Engine:
    """An engine with per-backend settings: timeouts from ``settings`` (defaults when None).

    SQL parameters are never rendered into error messages or logs (``hide_parameters``): they carry
    posting text.
    """
    settings = settings or Settings(database_url=url)
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        if make_url(url).database not in (None, "", ":memory:"):  # in-memory databases have no pool queue
            kwargs.setdefault("pool_timeout", settings.db_pool_timeout)
        return _sqlite_engine(url, busy_timeout=settings.sqlite_busy_timeout, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_timeout", settings.db_pool_timeout)
    engine = create_engine(
        url,
        connect_args={
            "connect_timeout": settings.db_connect_timeout,
            "options": f"-c statement_timeout={round(settings.db_statement_timeout * 1000)}",
        },
        **kwargs,
    )
    _fail_fast_while_down(engine, retry_after=settings.db_retry_after)
    return engine


def _fail_fast_while_down(engine: Engine, *, retry_after: int) -> None:
    """After a failed connection attempt, refuse new ones for ``retry_after`` seconds, then try one again.

    A silent server costs each attempt the whole connect timeout; without this every request (and every
    pool slot) would wait that long in turn. pybreaker's circuit breaker is thread-safe and half-opens by
    itself: after the pause a single attempt decides whether the database is back.
    """
    breaker = pybreaker.CircuitBreaker(
        fail_max=1, reset_timeout=retry_after, listeners=[_ConnectionFailureLog(retry_after)]
    )

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Dialect, _record: Any, cargs: Any, cparams: Any) -> Any:
        try:
            return breaker.call(dialect.connect, *cargs, **cparams)
        except pybreaker.CircuitBreakerError:
            raise DatabaseUnavailableError(retry_after) from None


class _ConnectionFailureLog(pybreaker.CircuitBreakerListener):
    """Say why connecting failed: a driver's connection error names host, port and cause, never data."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after

    def failure(self, cb: pybreaker.CircuitBreaker, exc: BaseException) -> None:
        log.warning(
            "database connection failed; failing fast for %d s",
            self.retry_after,
            extra={"error": type(exc).__name__, "reason": str(exc)[:500]},
        )


def _sqlite_engine(url: str, *, busy_timeout: float, **kwargs: Any) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": busy_timeout}, **kwargs)

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
        cursor.execute(f"PRAGMA busy_timeout={round(busy_timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front: a transaction that read a case and then updates it
        # can never fail half-way with "database is locked" because another writer got in between;
        # writers queue on busy_timeout instead. (PostgreSQL uses row locks; see cases.service.claim.)
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def forget_rolled_back(session: Session, key: str, previous_transaction: SessionTransaction) -> None:
    """Drop from ``session.info[key]`` — a list of entries whose first item is the (nested) transaction
    they were recorded in — what a rolled-back transaction or savepoint recorded (the audit seal and the
    report rollups keep such lists until commit; call this from an ``after_soft_rollback`` listener)."""
    if key not in session.info:
        return
    if not previous_transaction.nested:
        session.info.pop(key, None)
        return

    def inside(txn: SessionTransaction | None) -> bool:
        while txn is not None:
            if txn is previous_transaction:
                return True
            txn = txn.parent
        return False

    session.info[key] = [entry for entry in session.info[key] if not inside(entry[0])]


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
    # Finding or recording a re-scoring run and planning its chunks: two `vigil rescore` started at once
    # join one run instead of recording two.
    RESCORE = 0x56490002


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
