"""Case operations that span domains (Netflix Dispatch's *flows*): deciding a case together with its network
consequences, one decision for several cases of a cluster, and a case as one caller may see it.

This module imports the cases, network, postings and notices services and none of them imports it, so
the imports between services run one way (network → cases, postings → cases and network).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from classifier.results import ScoreExplainer, TextScorer
from moderation_api.auth.policy import Data, Restriction, Viewer, blind_case
from moderation_api.auth.schemas import Principal
from moderation_api.cases import service as cases
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import (
    AuditEventOut,
    CaseDetail,
    CaseState,
    Decision,
    DismissReason,
    EscalationKind,
    NgramContributionOut,
    NoticeView,
    ScoreExplanationOut,
)
from moderation_api.db import AppLock, run_transaction, take_lock
from moderation_api.network import service as network
from moderation_api.notices.service import notices_of_case
from moderation_api.postings.models import Posting
from moderation_api.postings.service import posting_out
from moderation_api.qa import service as qa

EXPLANATION_NGRAMS = 12


def decide(
    session: Session,
    *,
    principal: Principal,
    case_id: int,
    decision: Decision,
    reason: DismissReason | None,
    escalation_kind: EscalationKind | None,
    notes: str | None,
    hold_days: int,
    category_cutoff: float,
    double_review_rate: float = 0.0,
) -> Case:
    """Decide a case the caller holds. A confirmation also raises the priority of its cluster's cases and
    opens cases for the cluster's unreviewed members, in the same transaction as the decision — one unit of
    work, started over if it deadlocks. A ``double_review_rate`` share of decisions opens a blind second
    review (:mod:`moderation_api.qa`) in the same transaction."""
    return run_transaction(
        session,
        lambda: _decide(
            session,
            principal=principal,
            case_id=case_id,
            decision=decision,
            reason=reason,
            escalation_kind=escalation_kind,
            notes=notes,
            hold_days=hold_days,
            category_cutoff=category_cutoff,
            double_review_rate=double_review_rate,
        ),
    )


def _decide(
    session: Session,
    *,
    principal: Principal,
    case_id: int,
    decision: Decision,
    reason: DismissReason | None,
    escalation_kind: EscalationKind | None,
    notes: str | None,
    hold_days: int,
    category_cutoff: float,
    double_review_rate: float,
) -> Case:
    if decision is Decision.CONFIRM:
        # A confirmation writes to its cluster's postings and cases: take the network lock before any row
        # lock, as ingest does, so the two never wait on each other in a cycle (see db.AppLock).
        take_lock(session, AppLock.NETWORK)
    case = cases.record_decision(
        session,
        principal=principal,
        case_id=case_id,
        decision=decision,
        reason=reason,
        escalation_kind=escalation_kind,
        notes=notes,
        hold_days=hold_days,
    )
    if decision is Decision.CONFIRM:
        _confirmed_in_cluster(session, case=case, category_cutoff=category_cutoff)
    if decision is not Decision.ESCALATE:
        qa.maybe_double_review(session, case=case, rate=double_review_rate)
    session.commit()
    return case


def _confirmed_in_cluster(session: Session, *, case: Case, category_cutoff: float) -> None:
    """A confirmation's network consequences: the cluster's unreviewed members get cases, and its undecided
    cases move up."""
    posting = session.get(Posting, case.posting_id)
    if posting is not None and posting.cluster_id is not None:
        network.open_cases_for_confirmed_cluster(
            session, cluster_id=posting.cluster_id, category_cutoff=category_cutoff
        )
        network.boost_cluster_cases(
            session, cluster_id=posting.cluster_id, cause={"confirmed_case_id": case.id}
        )


def overturn(session: Session, *, case: Case, actor: str, appeal_id: int, category_cutoff: float) -> Decision:
    """Reverse a case's decision on appeal together with its network consequences; the caller commits.

    Dismissal → confirmation has a confirmation's effects (above). Confirmation → dismissal withdraws the
    cluster's boost unless something else still justifies it (:func:`network.withdraw_cluster_boost`).
    """
    take_lock(session, AppLock.NETWORK)  # before any row lock, as a confirmation does
    new = cases.overturn_decision(session, case=case, actor=actor, appeal_id=appeal_id)
    if new is Decision.CONFIRM:
        _confirmed_in_cluster(session, case=case, category_cutoff=category_cutoff)
    else:
        posting = session.get(Posting, case.posting_id)
        if posting is not None and posting.cluster_id is not None:
            cause = {"overturned_case_id": case.id, "appeal_id": appeal_id}
            network.withdraw_cluster_boost(session, cluster_id=posting.cluster_id, cause=cause)
    return new


def decide_cluster_cases(
    session: Session,
    *,
    principal: Principal,
    cluster_id: int,
    case_ids: Sequence[int],
    decision: Decision,
    reason: DismissReason | None,
    escalation_kind: EscalationKind | None,
    notes: str | None,
    lease_seconds: int,
    hold_days: int,
    category_cutoff: float,
) -> list[dict[str, Any]]:
    """One decision for several cases of a cluster: each is claimed if open and decided through the normal
    workflow (so each is audited and checked on its own); a refusal is reported per case, not for all."""
    results: list[dict[str, Any]] = []
    for case_id in case_ids:
        claimed = False
        try:
            case = cases.get_case(session, case_id=case_id)
            posting = session.get(Posting, case.posting_id)
            if posting is None or posting.cluster_id != cluster_id:
                raise cases.CaseConflictError(f"case {case_id} is not in cluster {cluster_id}")
            if case.state == str(CaseState.OPEN):
                cases.claim_case(session, principal=principal, case_id=case_id, lease_seconds=lease_seconds)
                claimed = True
            decided = decide(
                session,
                principal=principal,
                case_id=case_id,
                decision=decision,
                reason=reason,
                escalation_kind=escalation_kind,
                notes=notes,
                hold_days=hold_days,
                category_cutoff=category_cutoff,
            )
            results.append({"case_id": case_id, "ok": True, "state": decided.state})
        except cases.CaseError as exc:
            session.rollback()
            if claimed:
                # Claimed only for this bulk decision, which was refused: back to the queue, not held.
                _release_refused(session, principal=principal, case_id=case_id)
            results.append({"case_id": case_id, "ok": False, "error": str(exc)})
    return results


def _release_refused(session: Session, *, principal: Principal, case_id: int) -> None:
    try:
        cases.release(session, principal=principal, case_id=case_id, notes="bulk decision refused")
    except cases.CaseError:
        session.rollback()  # someone else moved it meanwhile: it is not ours to release any more


def case_detail(
    session: Session,
    *,
    case_id: int,
    viewer: Viewer,
    principal: Principal,
    reopen_window_seconds: int,
    explainer: TextScorer | None = None,
    explain: bool = False,
) -> CaseDetail:
    """The case with its posting, score and evidence, notices, audit history and the decisions it accepts,
    as ``viewer`` may see it: a case of a restricted posting is refused to roles that may not see it, and
    what else the role may not see is withheld (see :mod:`moderation_api.auth.policy`). With ``explain``,
    ``explainer`` (the serving scorer) takes the posting's risk apart."""
    case, posting, restriction = _visible_case(session, case_id=case_id, viewer=viewer)
    access = viewer.note(restriction, (Data.HISTORY,))
    blind = blind_case(case.source)
    history: list[AuditEventOut] = []
    notices: list[NoticeView] = []
    if Data.HISTORY not in access.withheld:
        history = [AuditEventOut.model_validate(e) for e in cases.history(session, case_id=case.id)]
        notices = [NoticeView.model_validate(n) for n in notices_of_case(session, case_id=case.id)]
    if blind:  # the opening event records the band and score: the blind case's history keeps neither
        history = [event.model_copy(update={"details": None}) for event in history]
    (summary,) = cases.summaries(session, cases=[case], viewer=viewer)
    explanation, unavailable = (
        _explanation(posting, restriction=restriction, viewer=viewer, explainer=explainer)
        if explain
        else (None, None)
    )
    return CaseDetail(
        case=summary,
        posting=posting_out(session, posting=posting, restriction=restriction, viewer=viewer, blind=blind),
        history=history,
        notices=notices,
        decisions=cases.decision_options(case),
        access=access,
        reopen=cases.reopen_option(
            session, principal=principal, case=case, window_seconds=reopen_window_seconds
        ),
        explanation=explanation,
        explanation_unavailable=unavailable,
    )


def _explanation(
    posting: Posting, *, restriction: Restriction | None, viewer: Viewer, explainer: TextScorer | None
) -> tuple[ScoreExplanationOut | None, str | None]:
    """The posting's risk taken apart, or why not. The n-grams are pieces of the posting text: withheld
    from whoever may not see the text (the same policy row, ``text``)."""
    if posting.text is None:
        return None, "the posting text was deleted"
    if not isinstance(explainer, ScoreExplainer):
        return None, "the serving scorer does not explain its scores (it is not the trained text model)"
    try:
        (found,) = explainer.explain_texts([posting.text], top=EXPLANATION_NGRAMS)
    except ValueError as exc:  # e.g. a model whose risk head is constant: nothing to take apart
        return None, str(exc)
    shown = viewer.sees(Data.TEXT, restriction)
    return ScoreExplanationOut(
        model_version=found.model_version,
        model_risk_score=found.model_risk_score,
        intercept=found.intercept,
        views=dict(found.views),
        char_ngram_bias=found.char_ngram_bias,
        top_char_ngrams=[
            NgramContributionOut(ngrams=list(term.ngrams), contribution=term.contribution)
            for term in found.top_char_ngrams
        ]
        if shown
        else [],
        char_ngrams_withheld=None
        if shown
        else (restriction.reason if restriction else "not your role's data"),
    ), None


def _visible_case(
    session: Session, *, case_id: int, viewer: Viewer
) -> tuple[Case, Posting, Restriction | None]:
    """The case, its posting and the posting's restriction; AccessDeniedError if ``viewer`` may not see it."""
    case = cases.get_case(session, case_id=case_id)
    posting = session.get_one(Posting, case.posting_id)
    restriction = cases.posting_restrictions(
        session, postings=[posting], category_cutoff=viewer.category_cutoff
    )[posting.id]
    viewer.require(Data.CASE, restriction, item=f"case {case_id}")
    return case, posting, restriction


def add_note(
    session: Session, *, case_id: int, viewer: Viewer, principal: Principal, notes: str
) -> AuditEventOut:
    """A note on a case by a caller who may see its history (the same policy as ``history`` in the case
    detail: a reviewer may not note a restricted case)."""
    case, _, restriction = _visible_case(session, case_id=case_id, viewer=viewer)
    viewer.require(Data.HISTORY, restriction, item=f"the history of case {case_id}")
    event = cases.add_note(session, principal=principal, case=case, notes=notes)
    return AuditEventOut.model_validate(event)
