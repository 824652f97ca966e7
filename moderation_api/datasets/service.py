"""Decided cases as labeled training rows (issue 13, part 1).

Labels follow the reviewers' final word on each case:

- dismissed as ``false_positive`` → 0; dismissed for any other reason → no row (the reason says nothing
  about the posting itself);
- escalated as ``minor_involved`` (awaiting the senior reviewer, or confirmed by them) → 2;
- confirmed → 1, with the case's categories (2 when they include ``minor_involved``: such cases are in the
  senior queue and LABELING.md makes minor cues in an exploitative context label 2);
- anything else (open, held, escalated for another reason and not yet decided) → no row.

Postings that were deleted, or whose text the retention sweep erased, never give a row, whatever a legal
hold keeps. Every export writes one audit event: who, when, how many rows, and the exclusion counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from moderation_api.audit import service as audit
from moderation_api.audit.models import AuditEvent
from moderation_api.audit.schemas import ActorKind, AuditAction
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, Decision, DismissReason, EscalationKind
from moderation_api.datasets.schemas import Exclusion, ExportSummary, ReviewedRow, ReviewLabel
from moderation_api.db import utcnow
from moderation_api.errors import ConflictError
from moderation_api.postings.models import Posting
from moderation_api.qa.schemas import NO_VIOLATION

BATCH = 500


BENIGN_REASONS = frozenset({str(DismissReason.FALSE_POSITIVE), NO_VIOLATION})


class NothingToExportError(ConflictError):
    """No decided case gives a row; nothing is written or audited."""


def label_of(case: Case) -> ReviewLabel | Exclusion:
    """The label of a case from its final decision, or why it has none.

    A dismissal is a benign label when the reviewer said the posting is not a violation: a false positive
    of the model, or a blind QA answer "no violation" (the reviewer judged it without seeing the score).
    """
    if case.source == CaseSource.DOUBLE_REVIEW:
        return Exclusion.SECOND_REVIEW
    if case.decision == Decision.DISMISS:
        return ReviewLabel.BENIGN if case.decision_reason in BENIGN_REASONS else Exclusion.DISMISSED_OTHER
    if case.escalation_kind == EscalationKind.MINOR_INVOLVED:
        return ReviewLabel.URGENT  # a senior's confirmation keeps it; their dismissal is handled above
    if case.decision == Decision.CONFIRM:
        # LABELING.md: minor cues in an exploitative context are label 2. A case with the minor_involved
        # category sat in the senior queue, so a senior reviewer confirmed it.
        minor = f",{EscalationKind.MINOR_INVOLVED}," in case.categories
        return ReviewLabel.URGENT if minor else ReviewLabel.REVIEW
    return Exclusion.UNDECIDED


def _categories(case: Case, label: ReviewLabel) -> list[str]:
    if label is ReviewLabel.BENIGN:
        return []
    found = [name for name in case.categories.split(",") if name]
    if label is ReviewLabel.URGENT and str(EscalationKind.MINOR_INVOLVED) not in found:
        found.append(str(EscalationKind.MINOR_INVOLVED))
    return found


def _row(case: Case, posting: Posting, escalated_at: datetime | None, label: ReviewLabel) -> ReviewedRow:
    decided_at = case.decided_at or escalated_at
    assert decided_at is not None  # a labeled case was decided or escalated
    language = posting.score.get("language") if isinstance(posting.score, dict) else None
    return ReviewedRow(
        id=f"reviewed-case:{case.id}",
        text=posting.text or "",
        label=label,
        categories=_categories(case, label),
        cluster=f"cluster:{posting.cluster_id}"
        if posting.cluster_id is not None
        else f"posting:{posting.id}",
        case_id=case.id,
        posting_id=posting.id,
        cluster_id=posting.cluster_id,
        language=language if isinstance(language, str) else None,
        model_version=case.model_version or posting.model_version,
        decision=case.decision or str(Decision.ESCALATE),
        decided_at=decided_at,
    )


def export_reviewed(
    session: Session, *, actor: str, actor_kind: ActorKind, sink: Callable[[ReviewedRow], object]
) -> ExportSummary:
    """Hand every labeled row to ``sink`` in case-id order, then audit the export and commit.

    Raises :class:`NothingToExportError` (nothing audited) when no case gives a row. A failing ``sink``
    aborts before the audit event is written: the caller discards what it received.
    """
    escalated = (
        select(AuditEvent.case_id, func.max(AuditEvent.at).label("at"))
        .where(AuditEvent.action == "escalate", AuditEvent.case_id.is_not(None))
        .group_by(AuditEvent.case_id)
        .subquery()
    )
    query = (
        select(Case, Posting, escalated.c.at)
        .join(Posting, Posting.id == Case.posting_id)
        .outerjoin(escalated, escalated.c.case_id == Case.id)
        .order_by(Case.id)
        .execution_options(yield_per=BATCH)
    )
    labels: Counter[str] = Counter()
    excluded: Counter[str] = Counter({str(reason): 0 for reason in Exclusion})
    for case, posting, escalated_at in session.execute(query):
        label = label_of(case)
        if isinstance(label, Exclusion):
            excluded[str(label)] += 1
        elif posting.deleted_at is not None:
            excluded[str(Exclusion.POSTING_DELETED)] += 1
        elif not posting.text:
            excluded[str(Exclusion.TEXT_GONE)] += 1
        else:
            sink(_row(case, posting, escalated_at, label))
            labels[str(int(label))] += 1
    rows = sum(labels.values())
    if rows == 0:
        session.rollback()
        raise NothingToExportError(
            "no decided case gives a training row: " + ", ".join(f"{k} {v}" for k, v in excluded.items())
        )
    summary = ExportSummary(
        rows=rows,
        labels={str(int(label)): labels[str(int(label))] for label in ReviewLabel},
        excluded=dict(excluded),
        exported_at=utcnow(),
        exported_by=actor,
    )
    audit.record(
        session,
        action=AuditAction.DATASET_EXPORTED,
        actor=actor,
        actor_kind=actor_kind,
        details={"rows": rows, "labels": summary.labels, "excluded": summary.excluded},
        at=summary.exported_at,
    )
    session.commit()
    return summary
