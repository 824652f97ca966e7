"""Shadow scoring: the version in ``shadow`` scores every ingested posting too, and routes nothing.

Where it runs: in the ingest request, right after the ingest transaction committed. By then the postings,
their cases and network links are stored and visible, so the shadow can neither delay routing nor roll it
back; no database lock is held while it scores. Doing it in the request (rather than queueing it for a
background worker) keeps every ingested posting in the comparison — a queue under load drops or lags,
which would bias the comparison towards quiet hours — loses nothing when a process stops, needs no queue
to bound, and times both models on the same batch at the same moment, so their latencies pair up. The
price is the shadow's scoring time on the ingest response, and no more: a failure of the shadow (it
raises, the insert fails) is caught here, logged without text and counted in ``/metrics``; the ingest
answer is the same with or without a shadow.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from classifier.results import TextScorer
from moderation_api.db import utcnow
from moderation_api.logs import error_summary
from moderation_api.model_versions.models import ShadowScore

log = logging.getLogger("vigil.shadow")


class ShadowCounters(Protocol):
    def scored(self, version: str, count: int) -> None: ...

    def failed(self, version: str, error: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Shadow:
    """The shadow version loaded in this process (``app.state.shadow``, swapped in one assignment)."""

    version: str
    scorer: TextScorer
    counters: ShadowCounters | None = None


def score_in_shadow(
    session: Session, *, shadow: Shadow, postings: Sequence[tuple[int, str]], active_ms: float | None
) -> int:
    """Score ``(posting_id, text)`` pairs with the shadow and store the scores in their own commit; return
    how many were stored. Never raises: a failure is rolled back, logged without text and counted.

    ``active_ms`` is the active model's scoring time per posting on the same batch (None when it scored
    none of them, e.g. all were stored already).
    """
    if not postings:
        return 0
    try:
        started = time.perf_counter()
        results = shadow.scorer.score_texts([text for _, text in postings])
        per_posting = (time.perf_counter() - started) * 1000 / len(postings)
        now = utcnow()
        session.add_all(
            ShadowScore(
                posting_id=posting_id,
                model_name=result.model_name,
                model_version=shadow.version,
                risk_score=result.risk_score,
                urgent_score=result.urgent_score,
                band=str(result.band),
                categories={name: round(value, 6) for name, value in result.category_scores.items()},
                latency_ms=per_posting,
                active_latency_ms=active_ms,
                scored_at=now,
            )
            for (posting_id, _), result in zip(postings, results, strict=True)
        )
        session.commit()
    except Exception as exc:  # the shadow must never fail ingest: drop its scores for this batch
        session.rollback()
        summary = error_summary(exc)
        log.warning(
            "shadow_scoring_failed", extra={"model": shadow.version, "postings": len(postings), **summary}
        )
        if shadow.counters is not None:
            shadow.counters.failed(shadow.version, summary["error"])
        return 0
    if shadow.counters is not None:
        shadow.counters.scored(shadow.version, len(postings))
    return len(postings)
