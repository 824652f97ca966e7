"""Service configuration: one pydantic-settings object, read from ``VIGIL_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the API needs to start; passed explicitly to :func:`moderation_api.app.create_app`."""

    model_config = SettingsConfigDict(env_prefix="VIGIL_", env_file=None, extra="ignore")

    database_url: str = "sqlite:///./vigil.db"
    # "model" = the shipped embedding model (models/LATEST); "keyword" = the indicator-only baseline.
    scorer: str = Field(default="model", pattern="^(model|keyword)$")
    model_dir: Path | None = None  # default: the directory models/LATEST names
    encoder_dir: Path | None = None  # default: the shipped int8 ONNX MiniLM encoder
    encoder_threads: int = Field(default=0, ge=0, le=256)  # ONNX intra-op threads; 0 = one per core
    # Where `POST /v1/model/versions` looks for the directory it registers (API callers name a directory
    # inside it, never a path).
    models_root: Path = Path("models")
    # How often each API process re-reads which model version is active and, when it changed, loads that
    # one in the background and swaps it in between requests (0 = serve the start-up model for good).
    model_check_seconds: float = Field(default=10.0, ge=0, le=3600)
    threshold_review: float | None = Field(default=None, ge=0, le=1)
    threshold_urgent: float | None = Field(default=None, ge=0, le=1)
    # A category counts for routing and filtering when its calibrated score is at least this; a posting
    # whose minor_involved category reaches it goes to the senior queue and is restricted.
    category_cutoff: float = Field(default=0.5, ge=0, le=1)
    lease_seconds: int = Field(default=600, ge=30, le=24 * 3600)
    # Service-level targets: an undecided case of the band is overdue this long after it was opened (the
    # queue highlights it). Low-band cases have none.
    sla_urgent_minutes: int = Field(default=60, ge=1, le=30 * 24 * 60)
    sla_review_minutes: int = Field(default=24 * 60, ge=1, le=30 * 24 * 60)
    # How long the reviewer who decided a case may take the decision back themselves (undo); after it only
    # a senior reviewer can reopen it, with a reason. 0 turns undo off.
    reopen_window_seconds: int = Field(default=120, ge=0, le=24 * 3600)
    # How often each API process returns expired leases to the queue (0 = never; another process sweeps).
    lease_sweep_seconds: float = Field(default=30.0, ge=0, le=3600)
    max_batch: int = Field(default=500, ge=1, le=5000)
    max_body_bytes: int = Field(default=2_000_000, ge=1024)
    # Longest posting / notice text accepted (422 beyond it); the API schema's 100 000 is the hard ceiling.
    max_text_chars: int = Field(default=20_000, ge=100, le=100_000)
    legal_hold_days: int = Field(default=365, ge=365)
    # How long a posting's text outlives its last activity (ingest or last decision) before the retention
    # sweep erases it; never below the DSA Art. 20 six-month complaint window.
    posting_retention_days: int = Field(default=180, ge=180)
    # Key for the DSA statements' opaque puid. Set it in production; without one a random key per process
    # is used, so puids are only stable for the life of the process.
    puid_secret: SecretStr | None = None
    run_migrations: bool = True
    # Level of the JSON log `vigil api` writes to stderr (CRITICAL, ERROR, WARNING, INFO, DEBUG).
    log_level: str = Field(default="INFO", pattern="^(CRITICAL|ERROR|WARNING|INFO|DEBUG)$")
    # /metrics is closed unless scrapers send this token (`Authorization: Bearer ...`) or it is public
    # (only where the port is reachable from the monitoring network alone).
    metrics_token: SecretStr | None = None
    metrics_public: bool = False
    # Database outages answer 503 + Retry-After instead of hanging. PostgreSQL: connect timeout (libpq
    # counts whole seconds, at least 2), server-side statement timeout; both: how long a request waits
    # for a pooled connection; SQLite: how long a writer waits for the write lock.
    db_connect_timeout: int = Field(default=2, ge=2, le=60)
    db_statement_timeout: float = Field(default=30.0, gt=0, le=3600)
    db_pool_timeout: float = Field(default=5.0, gt=0, le=300)
    sqlite_busy_timeout: float = Field(default=30.0, gt=0, le=300)
    # After a failed connection attempt requests fail fast (503) for this long, then one tries again.
    db_retry_after: int = Field(default=5, ge=1, le=300)
    # /readyz answers within this many seconds whatever the database does.
    readyz_timeout: float = Field(default=1.0, gt=0, le=30)

    # DSA Art. 20: decisions can be appealed for at least six months after they are taken.
    appeal_window_days: int = Field(default=183, ge=180, le=3660)
    # Webhooks. Each API process dispatches due deliveries every this many seconds (0 = never: run
    # `vigil dispatcher` processes instead); any number of dispatchers may run at once.
    webhook_dispatch_seconds: float = Field(default=1.0, ge=0, le=3600)
    # Each phase of an HTTP attempt (connect, send, response headers) may take this long; a claimed delivery
    # is leased for four times as long, so no other dispatcher sends it meanwhile.
    webhook_timeout: float = Field(default=10.0, gt=0, le=120)
    # Deliveries claimed (and sent concurrently) per dispatcher round.
    webhook_batch: int = Field(default=8, ge=1, le=100)
    # Attempts before a delivery is dead-lettered; retries wait exponentially longer (with jitter).
    webhook_max_attempts: int = Field(default=8, ge=1, le=50)
    webhook_backoff_seconds: float = Field(default=5.0, gt=0, le=3600)
    webhook_backoff_max_seconds: float = Field(default=3600.0, gt=0, le=7 * 24 * 3600)
    # Endpoints on loopback, private, link-local or otherwise non-public addresses are refused (they would
    # let an admin key probe the internal network) unless this is set (tests; single-host setups).
    webhook_allow_private_targets: bool = False
    # Blind QA (issue 13): the share of low-band postings that open a blind `qa_sample` case (sampled
    # systematically within each language × kind stratum), and the share of decided cases re-reviewed
    # blind by a second reviewer. 0 turns either off.
    qa_sample_rate: float = Field(default=0.01, ge=0, le=1)
    double_review_rate: float = Field(default=0.05, ge=0, le=1)

    # Re-scoring (`vigil rescore`). A promotion or rollback records a pending run that re-scores open cases'
    # postings and postings ingested in the last ``rescore_recent_days`` with the newly active model.
    rescore_on_promotion: bool = True
    rescore_recent_days: int = Field(default=7, ge=0, le=3660)
    # Postings per chunk: a chunk is claimed, scored outside any transaction, then written in one short one.
    rescore_chunk_size: int = Field(default=100, ge=1, le=5000)
    # A claimed chunk whose worker died is claimable again after this long (a slower worker's late result
    # is then discarded, never written twice).
    rescore_lease_seconds: float = Field(default=300.0, ge=1, le=24 * 3600)
    # How often each API process looks for pending runs of the model it serves (0 = never: run
    # `vigil rescore --worker` processes instead).
    rescore_poll_seconds: float = Field(default=10.0, ge=0, le=3600)

    # The retention sweep deletes outbox events (and their deliveries and attempt logs) this long after
    # they occurred once every delivery succeeded; dead-lettered ones are kept longer, for replay. Pending
    # deliveries are never deleted.
    webhook_retention_days: int = Field(default=30, ge=1, le=3660)
    webhook_dead_retention_days: int = Field(default=90, ge=1, le=3660)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value
