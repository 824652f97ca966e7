"""Scoring and idempotent ingest of postings; deletion (erasure) that respects legal holds."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from classifier.results import ScoreResult, TextScorer
from moderation_api.audit import service as audit
from moderation_api.audit.schemas import ActorKind, AuditAction
from moderation_api.auth.policy import (
    BLIND_REASON,
    BLIND_SOURCES,
    BLIND_WITHHELD,
    Data,
    Restriction,
    Viewer,
    blind_for,
    blind_score,
    redact_network,
    redact_score,
)
from moderation_api.auth.schemas import Principal
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, CaseState
from moderation_api.cases.service import case_facts, open_case, posting_restrictions
from moderation_api.db import AppLock, run_transaction, take_lock, utcnow
from moderation_api.errors import ConflictError, InvalidInputError, NotFoundError
from moderation_api.model_versions.shadow import Shadow, score_in_shadow
from moderation_api.network.models import PostingBucket, PostingContact
from moderation_api.network.service import boost_cluster_cases, link_postings
from moderation_api.postings.models import LegalHold, Posting
from moderation_api.postings.schemas import CaseOutcome, IngestResult, PostingIn, PostingOut
from moderation_api.qa.service import sample_low_band


class PostingNotFoundError(NotFoundError):
    pass


class LegalHoldError(ConflictError):
    """The posting is under a legal hold and cannot be deleted (HTTP 409)."""


class TextTooLongError(ValueError, InvalidInputError):
    """A text is longer than the deployment's limit, ``Settings.max_text_chars`` (HTTP 422)."""


def check_text_lengths(texts: Iterable[tuple[str, str | None]], *, max_chars: int | None) -> None:
    """Refuse a request if a ``(where, text)`` is over ``max_chars``; the error names it, never quotes it."""
    if max_chars is None:
        return
    for where, text in texts:
        if text is not None and len(text) > max_chars:
            raise TextTooLongError(f"{where} has {len(text)} characters; the limit is {max_chars}")


def score_texts(
    scorer: TextScorer, texts: Sequence[str], *, max_text_chars: int | None = None
) -> list[dict[str, Any]]:
    check_text_lengths(((f"text {n}", text) for n, text in enumerate(texts)), max_chars=max_text_chars)
    return [result.to_dict() for result in scorer.score_texts(list(texts))]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _existing(session: Session, items: Sequence[PostingIn]) -> dict[tuple[str, str], Posting]:
    keys = list({(item.source, item.external_id) for item in items})
    found: dict[tuple[str, str], Posting] = {}
    for start in range(0, len(keys), 200):
        chunk = keys[start : start + 200]
        rows = session.scalars(select(Posting).where(tuple_(Posting.source, Posting.external_id).in_(chunk)))
        found.update({(row.source, row.external_id): row for row in rows})
    return found


def _first_case_id(session: Session, posting_id: int) -> int | None:
    return session.scalar(select(Case.id).where(Case.posting_id == posting_id).order_by(Case.id).limit(1))


def ingest(
    session: Session,
    *,
    scorer: TextScorer,
    items: Sequence[PostingIn],
    actor: str,
    category_cutoff: float,
    max_text_chars: int | None = None,
    qa_sample_rate: float = 0.0,
    shadow: Shadow | None = None,
) -> list[IngestResult]:
    """Store and score postings; open a case for band review/urgent. Idempotent on (source, external_id).

    A ``qa_sample_rate`` share of the new low-band postings opens blind QA cases (:mod:`moderation_api.qa`).

    The whole batch is one transaction: either every new posting (and its case) is stored or none is;
    one text over ``max_text_chars`` refuses the batch before anything is written. New postings are
    scored first, outside any transaction, so SQLite's write lock and PostgreSQL's network lock are held
    for database work only. The transaction starts over (bounded, jittered) when it deadlocks or a
    concurrent request stored one of the keys first. With a ``shadow`` version, the postings this call
    stored are scored by it too once the transaction committed (:func:`score_in_shadow`: routes nothing,
    never fails the call).
    """
    check_text_lengths(
        ((f"postings.{n}.text", item.text) for n, item in enumerate(items)), max_chars=max_text_chars
    )
    fresh = _fresh(_existing(session, items), items)
    # End the read (committing, as ingest always did, whatever the caller had pending): no transaction,
    # hence no lock, is held while the postings are scored.
    session.commit()
    started = time.perf_counter()
    scored = _score_fresh(scorer, fresh, {})
    active_ms = (time.perf_counter() - started) * 1000 / len(fresh) if fresh else None
    results = run_transaction(
        session,
        lambda: _ingest_once(
            session,
            scorer=scorer,
            items=items,
            scored=scored,
            actor=actor,
            category_cutoff=category_cutoff,
            qa_sample_rate=qa_sample_rate,
        ),
        retry_unique=True,
    )
    if shadow is not None:
        texts = {(item.source, item.external_id): item.text for item in items}
        stored = [(r.posting_id, texts[(r.source, r.external_id)]) for r in results if r.created]
        score_in_shadow(session, shadow=shadow, postings=stored, active_ms=active_ms)
    return results


def _fresh(
    existing: dict[tuple[str, str], Posting], items: Sequence[PostingIn]
) -> dict[tuple[str, str], PostingIn]:
    """The first item of each key not stored yet."""
    fresh: dict[tuple[str, str], PostingIn] = {}
    for item in items:
        key = (item.source, item.external_id)
        if key not in existing:
            fresh.setdefault(key, item)
    return fresh


def _score_fresh(
    scorer: TextScorer, fresh: dict[tuple[str, str], PostingIn], scored: dict[tuple[str, str], ScoreResult]
) -> dict[tuple[str, str], ScoreResult]:
    """``scored`` completed with the scores of the ``fresh`` items it lacks."""
    todo = [key for key in fresh if key not in scored]
    results = scorer.score_texts([fresh[key].text for key in todo]) if todo else []
    return {**scored, **dict(zip(todo, results, strict=True))}


def _ingest_once(
    session: Session,
    *,
    scorer: TextScorer,
    items: Sequence[PostingIn],
    scored: dict[tuple[str, str], ScoreResult],
    actor: str,
    category_cutoff: float,
    qa_sample_rate: float = 0.0,
) -> list[IngestResult]:
    take_lock(session, AppLock.NETWORK)
    # Read again under the lock: keys a concurrent request stored meanwhile are existing now. (Scoring here
    # only happens if a key vanished since the first read; deletion keeps the row, so not expected.)
    existing = _existing(session, items)
    fresh = _fresh(existing, items)
    scored = _score_fresh(scorer, fresh, scored)
    created: dict[tuple[str, str], tuple[Posting, int | None]] = {}
    # In key order: concurrent transactions then wait on shared keys in one order, never in a cycle; the
    # postings get ascending ids in that order and are linked as if one by one in it.
    keys = sorted(fresh)
    now = utcnow()
    postings = [_new_posting(fresh[key], scored[key], ingested_at=now) for key in keys]
    session.add_all(postings)
    session.flush()  # one multi-row INSERT for the batch
    networks = link_postings(session, postings=postings)
    for key, posting, network in zip(keys, postings, networks, strict=True):
        result = scored[key]
        case_id = None
        if result.flagged or network.signals:
            # A network signal alone (e.g. a contact moving across cities) opens a case too.
            facts = case_facts(posting.score, category_cutoff=category_cutoff)
            if result.flagged:
                source, opener, opener_kind = (
                    CaseSource.AUTOMATED,
                    f"model:{result.model_name}:{result.model_version}",
                    "model",
                )
            else:
                source, opener, opener_kind = CaseSource.NETWORK, "system:network", "system"
            case = open_case(
                session,
                posting=posting,
                source=source,
                actor=opener,
                actor_kind=opener_kind,
                minor=facts.minor,
                categories=facts.categories,
                network_signals=[signal.id for signal in network.signals],
                ingested_by=actor,
                new_posting=True,
            )
            case_id = case.id
        if network.signals:
            cause = {"posting_id": posting.id, "signals": [signal.id for signal in network.signals]}
            boost_cluster_cases(session, cluster_id=network.cluster_id, cause=cause)
        created[key] = (posting, case_id)
    unflagged = [posting for posting, case_id in created.values() if case_id is None]
    sample_low_band(session, postings=unflagged, rate=qa_sample_rate, ingested_by=actor)
    session.commit()
    results = []
    seen: set[tuple[str, str]] = set()
    for item in items:
        key = (item.source, item.external_id)
        if key in created and key not in seen:
            posting, case_id = created[key]
            is_new = True
        else:
            posting = existing[key] if key in existing else created[key][0]
            case_id = _first_case_id(session, posting.id)
            is_new = False
        seen.add(key)
        results.append(
            IngestResult(
                posting_id=posting.id,
                source=posting.source,
                external_id=posting.external_id,
                created=is_new,
                band=posting.band,
                risk_score=posting.risk_score,
                model_version=posting.model_version,
                case_id=case_id,
                # An erased posting has no hash left to compare with.
                text_changed=not is_new
                and posting.text_sha256 is not None
                and posting.text_sha256 != _sha(item.text),
                cluster_id=posting.cluster_id,
                network_signals=(posting.network or {}).get("signals", []),
            )
        )
    return results


def _new_posting(item: PostingIn, result: ScoreResult, *, ingested_at: datetime) -> Posting:
    return Posting(
        source=item.source,
        external_id=item.external_id,
        text=item.text,
        text_sha256=_sha(item.text),
        location=item.location,
        posted_at=item.posted_at,
        ingested_at=ingested_at,
        model_name=result.model_name,
        model_version=result.model_version,
        risk_score=result.risk_score,
        urgent_score=result.urgent_score,
        band=str(result.band),
        score=result.to_dict(),
    )


def get_posting(session: Session, *, posting_id: int) -> Posting:
    posting = session.get(Posting, posting_id)
    if posting is None:
        raise PostingNotFoundError(f"posting {posting_id} not found")
    return posting


def find_posting(session: Session, *, source: str, external_id: str) -> Posting | None:
    return session.scalar(select(Posting).where(Posting.source == source, Posting.external_id == external_id))


def active_hold(session: Session, *, posting_id: int) -> LegalHold | None:
    return session.scalar(
        select(LegalHold)
        .where(LegalHold.posting_id == posting_id, LegalHold.hold_until > utcnow())
        .order_by(LegalHold.hold_until.desc())
        .limit(1)
    )


POSTING_CONTENT = (Data.TEXT, Data.EVIDENCE, Data.CONTACTS, Data.OUTCOME)


def posting_view(session: Session, *, posting_id: int, viewer: Viewer) -> PostingOut:
    """The posting as ``viewer`` may see it (see :func:`posting_out`)."""
    posting = get_posting(session, posting_id=posting_id)
    restrictions = posting_restrictions(session, postings=[posting], category_cutoff=viewer.category_cutoff)
    viewer.require(Data.POSTING, restrictions[posting.id], item=f"posting {posting_id}")
    open_blind = session.scalar(
        select(Case.id)
        .where(
            Case.posting_id == posting.id,
            Case.source.in_(BLIND_SOURCES),
            Case.state != str(CaseState.DECIDED),
        )
        .limit(1)
    )
    blind = blind_for(viewer.role, blind_case_open=open_blind is not None)
    return posting_out(
        session, posting=posting, restriction=restrictions[posting.id], viewer=viewer, blind=blind
    )


def posting_out(
    session: Session,
    *,
    posting: Posting,
    restriction: Restriction | None,
    viewer: Viewer,
    blind: bool = False,
) -> PostingOut:
    """On a restricted posting, what ``viewer``'s role may not see (text, quoted evidence, contacts, case
    outcomes) is withheld, and the response says which and why. ``blind``: for a blind review, the score
    (but its language), the posting's cases and its network are withheld too (policy ``blind_score``)."""
    if blind:
        out = posting_out(session, posting=posting, restriction=restriction, viewer=viewer)
        access = viewer.note(restriction, POSTING_CONTENT)
        return out.model_copy(
            update={
                "score": blind_score(posting.score),
                "cases": [],
                "cluster_id": None,
                "network": None,
                "access": access.model_copy(
                    update={
                        "reason": access.reason or BLIND_REASON,
                        "withheld": [*access.withheld, *BLIND_WITHHELD],
                    }
                ),
            }
        )
    access = viewer.note(restriction, POSTING_CONTENT)
    withheld = set(access.withheld)
    hold = cases = None
    if Data.OUTCOME not in withheld:
        hold = active_hold(session, posting_id=posting.id)
        cases = session.scalars(select(Case).where(Case.posting_id == posting.id).order_by(Case.id))
    return PostingOut(
        id=posting.id,
        source=posting.source,
        external_id=posting.external_id,
        text=posting.text if Data.TEXT not in withheld else None,
        location=posting.location,
        posted_at=posting.posted_at,
        ingested_at=posting.ingested_at,
        deleted=posting.deleted_at is not None,
        legal_hold_until=hold.hold_until if hold else None,
        score=redact_score(posting.score, withheld),
        cases=[CaseOutcome.model_validate(case) for case in cases or ()],
        cluster_id=posting.cluster_id,
        network=redact_network(posting.network, withheld),
        access=access,
    )


def delete_posting(session: Session, *, posting_id: int, principal: Principal) -> Posting:
    """Erase the posting's text and everything derived from it (e.g. the user deleted it), audited with
    the caller; refused while a legal hold preserves it."""
    posting = get_posting(session, posting_id=posting_id)
    hold = active_hold(session, posting_id=posting_id)
    if hold is not None:
        raise LegalHoldError(
            f"posting {posting_id} is under a legal hold ({hold.reason}) until {hold.hold_until.date()}; "
            "it cannot be deleted"
        )
    posting.deleted_at = utcnow()
    erase_posting(
        session,
        posting=posting,
        action=AuditAction.POSTING_DELETED,
        actor=principal.actor,
        actor_kind=ActorKind.HUMAN,
        details={"role": str(principal.role)},
    )
    session.commit()
    return posting


def erase_posting(
    session: Session,
    *,
    posting: Posting,
    action: AuditAction,
    actor: str,
    actor_kind: ActorKind,
    details: dict[str, Any],
) -> None:
    """Remove the text and all text-derived data of ``posting`` and audit it (on each of its cases).

    Gone: the text and its hash, evidence quotes and contacts in the score, the contacts and explanations
    in the network summary, the contact and template index rows, the MinHash, and the snapshots of legal
    holds that have ended. Kept: scores, bands, indicator ids, categories, the cluster membership and every
    case — so cases stay explainable and reports keep their counts. Callers check legal holds first.
    """
    now = utcnow()
    holds = session.scalars(
        select(LegalHold)
        .where(LegalHold.posting_id == posting.id, LegalHold.snapshot_text.is_not(None))
        .order_by(LegalHold.id)
    ).all()
    for hold in holds:
        if hold.hold_until <= now:
            expire_hold(session, hold=hold, actor=actor, actor_kind=actor_kind)
    posting.text = None
    posting.text_sha256 = None
    posting.score = scrubbed_score(posting.score)
    # Signal explanations can quote a contact: they go with the contacts.
    posting.network = redact_network(posting.network, (Data.CONTACTS,))
    posting.minhash = None
    session.execute(delete(PostingContact).where(PostingContact.posting_id == posting.id))
    session.execute(delete(PostingBucket).where(PostingBucket.posting_id == posting.id))
    cases: list[tuple[int | None, str | None]] = [
        (case_id, state)
        for case_id, state in session.execute(
            select(Case.id, Case.state).where(Case.posting_id == posting.id).order_by(Case.id)
        )
    ]
    for case_id, state in cases or [(None, None)]:
        audit.record(
            session,
            case_id=case_id,
            actor=actor,
            actor_kind=actor_kind,
            action=action,
            from_state=state,
            to_state=state,
            details={"posting_id": posting.id, **details},
        )
    session.flush()


def expire_hold(session: Session, *, hold: LegalHold, actor: str, actor_kind: ActorKind) -> None:
    """Clear the snapshot (text and hash) of a hold whose period has ended, audited on its case."""
    hold.snapshot_text = None
    hold.snapshot_sha256 = None
    state = session.scalar(select(Case.state).where(Case.id == hold.case_id))
    audit.record(
        session,
        case_id=hold.case_id if state is not None else None,
        actor=actor,
        actor_kind=actor_kind,
        action=AuditAction.LEGAL_HOLD_EXPIRED,
        from_state=state,
        to_state=state,
        reason=hold.reason,
        details={
            "hold_id": hold.id,
            "posting_id": hold.posting_id,
            "hold_until": hold.hold_until.isoformat(),
        },
    )


def scrubbed_score(score: dict[str, Any]) -> dict[str, Any]:
    """The stored score without anything quoted from the posting."""
    removed = len(score.get("entities", []))
    return redact_score(score, (Data.EVIDENCE, Data.CONTACTS)) | {"entities_removed": removed}
