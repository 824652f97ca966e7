"""Blind QA: sampling low-band postings into ``qa_sample`` cases, double reviews of decided cases, answers.

**Sampling design.** Every low-band posting belongs to a stratum, its language × its kind, and each stratum
is sampled *systematically* at the configured rate: a per-stratum counter (``qa_strata.credit``, in
millionths) grows by the rate with each posting and a posting is sampled each time it passes a whole
million. So every stratum gets exactly its share (a stratum of 300 postings at 1% gets 3, never 0 or 7 by
chance as with an independent coin or a hash per posting), the pooled share of violations is the stratified
(self-weighting) estimate, and which posting is picked does not depend on its text or id — a poster cannot
steer around it. The counter starts at a random phase so the first pick of a new stratum is not
predictable. Safe under concurrent ingest on PostgreSQL: the counter moves in one ``UPDATE … RETURNING``
whose row lock is held until the ingest commits, strata are updated in sorted order (no deadlock between
two batches) and ingest already serializes on the network lock; a rolled-back ingest rolls its counts back.

**Double review.** When a case is decided (not escalated), a ``double_review_rate`` share of them — an
independent draw per decision, so no shared counter sits on the decision path — opens a blind
``double_review`` case of the same posting in the QA queue (or the senior queue when the posting is
restricted). The claim query never hands it to anyone who decided the first case
(:func:`moderation_api.cases.service.not_own_review`).
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from moderation_api.auth.schemas import Principal
from moderation_api.cases import service as cases
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, Decision, Queue
from moderation_api.db import is_postgres, utcnow
from moderation_api.postings.models import Posting
from moderation_api.qa.models import QaStratum
from moderation_api.qa.schemas import NO_VIOLATION, AnswerRequest

QA_ACTOR = "system:qa"
MILLION = 1_000_000
LOW_BAND = "low"
_draw = random.SystemRandom()


class QaError(cases.CaseError):
    """Base of blind-review errors (mapped like the case workflow's)."""


def posting_kind(score: Mapping[str, Any]) -> str:
    """The posting's kind for stratification: a job / recruitment ad or a personal / adult ad, by which
    trafficking category the score leans to (postings carry no platform category)."""
    categories = score.get("category_scores") or {}
    labor = float(categories.get("labor_trafficking", 0.0))
    sex = float(categories.get("sex_trafficking", 0.0))
    return "job" if labor > sex else "personal"


def stratum_of(posting: Posting) -> tuple[str, str]:
    return str((posting.score or {}).get("language") or "und")[:20], posting_kind(posting.score or {})


def _ensure_strata(session: Session, keys: Sequence[tuple[str, str]]) -> None:
    """Create missing strata rows (each at a random phase); a concurrent creator's row wins quietly."""
    insert = pg_insert if is_postgres(session) else sqlite_insert
    rows = [
        {"language": language, "kind": kind, "seen": 0, "sampled": 0, "credit": secrets.randbelow(MILLION)}
        for language, kind in keys
    ]
    session.execute(
        insert(QaStratum).values(rows).on_conflict_do_nothing(index_elements=["language", "kind"])
    )


def sample_low_band(
    session: Session, *, postings: Sequence[Posting], rate: float, ingested_by: str
) -> list[Case]:
    """Open a blind ``qa_sample`` case for the systematically sampled share ``rate`` of the low-band
    ``postings`` without a case (each opening audited). Runs inside the ingest transaction."""
    step = round(rate * MILLION)
    if step <= 0:
        return []
    by_stratum: dict[tuple[str, str], list[Posting]] = defaultdict(list)
    for posting in postings:
        if posting.band == LOW_BAND:
            by_stratum[stratum_of(posting)].append(posting)
    if not by_stratum:
        return []
    keys = sorted(
        by_stratum
    )  # one lock order for every ingest: two batches never wait on each other in a cycle
    _ensure_strata(session, keys)
    opened: list[Case] = []
    for language, kind in keys:
        members = by_stratum[(language, kind)]
        credit = session.execute(
            update(QaStratum)
            .where(QaStratum.language == language, QaStratum.kind == kind)
            .values(seen=QaStratum.seen + len(members), credit=QaStratum.credit + step * len(members))
            .returning(QaStratum.credit)
        ).scalar_one()
        before = credit - step * len(members)
        # Posting i (1-based) is picked when the running credit crosses a whole million.
        picked = [
            p
            for i, p in enumerate(members, 1)
            if (before + i * step) // MILLION > (before + (i - 1) * step) // MILLION
        ]
        if picked:
            session.execute(
                update(QaStratum)
                .where(QaStratum.language == language, QaStratum.kind == kind)
                .values(
                    sampled=QaStratum.sampled + len(picked), credit=QaStratum.credit - MILLION * len(picked)
                )
            )
        for posting in picked:
            opened.append(
                cases.open_case(
                    session,
                    posting=posting,
                    source=CaseSource.QA_SAMPLE,
                    actor=QA_ACTOR,
                    actor_kind="system",
                    minor=False,
                    categories=[],
                    notes=f"blind QA sample of stratum {language}/{kind} at rate {rate:g}",
                    ingested_by=ingested_by,
                    queue=Queue.QA,
                )
            )
    session.flush()
    return opened


def maybe_double_review(
    session: Session, *, case: Case, rate: float, draw: float | None = None
) -> Case | None:
    """After ``case`` was decided: with probability ``rate``, open its blind double review (audited).

    Double reviews are not re-reviewed again, and a case already double reviewed gets no second one (a
    decision taken back and retaken is the same case).
    """
    if case.source == CaseSource.DOUBLE_REVIEW or case.decision not in (Decision.CONFIRM, Decision.DISMISS):
        return None
    if (draw if draw is not None else _draw.random()) >= rate:
        return None
    if session.scalar(select(Case.id).where(Case.review_of == case.id).limit(1)) is not None:
        return None
    posting = session.get_one(Posting, case.posting_id)
    return cases.open_case(
        session,
        posting=posting,
        source=CaseSource.DOUBLE_REVIEW,
        actor=QA_ACTOR,
        actor_kind="system",
        minor=case.minor,
        categories=[],
        notes=f"blind second review of case {case.id} (rate {rate:g})",
        queue=Queue.QA,
        review_of=case.id,
    )


def claim_blind_case(session: Session, *, principal: Principal, case_id: int, lease_seconds: int) -> Case:
    """Claim one open blind review case by id (audited); 422 for a case that is not blind."""
    case = cases.get_case(session, case_id=case_id)
    if case.source not in (CaseSource.QA_SAMPLE, CaseSource.DOUBLE_REVIEW):
        raise cases.DecisionInvalidError(f"case {case_id} is not a blind review: claim it from its queue")
    return cases.claim_case(
        session, principal=principal, case_id=case_id, lease_seconds=lease_seconds, bulk=False
    )


def answer(session: Session, *, principal: Principal, case_id: int, body: AnswerRequest) -> Case:
    """Record a blind reviewer's answer on a QA case they hold, as its decision (one audited transition).

    A QA sample's "violation" is a real finding, so it is a ``decide`` like any confirmation (the platform
    is told and acts); a double review's answer is a ``second_review``, a measurement only. The caller
    commits. Raises the workflow's errors: 409 not held, 422 not a blind case, 403 own double review.
    """
    case = cases.held_case(session, principal=principal, case_id=case_id)
    if case.source not in (CaseSource.QA_SAMPLE, CaseSource.DOUBLE_REVIEW):
        raise cases.DecisionInvalidError(
            f"case {case_id} is not a blind review: decide it with POST .../decision"
        )
    cases.check_not_own_review(session, case=case, actor=principal.actor)
    decision = Decision.CONFIRM if body.violation else Decision.DISMISS
    reason = str(body.category) if body.category is not None else NO_VIOLATION
    cases.transition(
        session,
        case=case,
        action="decide" if case.source == CaseSource.QA_SAMPLE else "second_review",
        actor=principal.actor,
        decision=str(decision),
        reason=reason,
        notes=body.notes,
        details={"blind": True, **({"review_of": case.review_of} if case.review_of else {})},
        changes={
            "decision": str(decision),
            "decision_reason": reason,
            "decided_at": utcnow(),
            "assignee": principal.actor,
            "lease_expires_at": None,
            "categories": f",{body.category}," if body.category is not None else "",
        },
    )
    return case
