"""Writing platform events into the outbox, from the audit events of the committing transaction.

Every change a platform acts on is audited, and audit events are sealed into the hash chain by one hook
just before COMMIT (:func:`moderation_api.audit.service._seal`). Importing this module registers
:func:`write_events` as a seal hook run inside that step (the webhooks service imports it, so the API, the
dispatcher, the retention sweep and the demo have it), so an outbox row exists exactly when its audit event
does: in the same transaction, never for a rolled-back change, and no code path that audits a transition
can forget its event. The audit trail does not import this module (the hook inverts the dependency). Each
event is fanned out at once into one pending delivery per subscribed endpoint.

Payloads are built from an allow-list of ids, states, decisions, reason codes, categories and the model
version. Posting text, evidence, contacts and reviewers' names and notes never enter them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderation_api.audit import service as audit
from moderation_api.audit.models import AuditEvent
from moderation_api.audit.schemas import AuditAction
from moderation_api.cases.models import Case
from moderation_api.db import utcnow
from moderation_api.notices.models import Notice
from moderation_api.postings.models import Posting
from moderation_api.reports.dsa import StatementCategory
from moderation_api.webhooks.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from moderation_api.webhooks.schemas import DeliveryStatus, EventType

# Audit action -> event type. Actions not listed (claims, leases, notices joining a case, boosts, key
# changes, retention erasure) are internal to the review and tell a platform nothing to act on.
EVENT_OF_ACTION: dict[str, EventType] = {
    "open": EventType.CASE_OPENED,
    "decide": EventType.CASE_DECIDED,
    "escalate": EventType.CASE_ESCALATED,
    "reopen": EventType.CASE_REOPENED,  # a senior reviewer returned a decided case to its queue
    "undo": EventType.CASE_REOPENED,  # the decider took their decision back within the undo window
    "overturn": EventType.CASE_OVERTURNED,
    str(AuditAction.LEGAL_HOLD_PLACED): EventType.LEGAL_HOLD_PLACED,
    str(AuditAction.LEGAL_HOLD_EXPIRED): EventType.LEGAL_HOLD_RELEASED,
    "appeal_opened": EventType.APPEAL_OPENED,
    "appeal_decided": EventType.APPEAL_DECIDED,
    str(AuditAction.POSTING_DELETED): EventType.POSTING_DELETED,
}
# Events after which the DSA statement of reasons of the case is issued or withdrawn.
_STATEMENT_EVENTS = (EventType.CASE_DECIDED, EventType.CASE_OVERTURNED, EventType.APPEAL_DECIDED)
# Events whose outcome the platform forwards to the users who sent notices (DSA Art. 16(5)).
_NOTICE_FEEDBACK = (EventType.CASE_DECIDED, EventType.CASE_OVERTURNED)
_CASE_COLUMNS = (
    Case.id,
    Case.posting_id,
    Case.queue,
    Case.source,
    Case.band,
    Case.risk_score,
    Case.minor,
    Case.categories,
    Case.model_version,
    Case.decision,
    Case.escalation_kind,
)


def write_events(session: Session, audit_events: Sequence[AuditEvent]) -> int:
    """Add the outbox events (and their deliveries) of ``audit_events`` to the session; returns how many.

    Everything is read first and added last, so no autoflush inserts a row before the caller's commit.
    """
    relevant = [(e, EVENT_OF_ACTION[e.action]) for e in audit_events if e.action in EVENT_OF_ACTION]
    if not relevant:
        return 0
    with session.no_autoflush:
        case_ids = sorted({e.case_id for e, _ in relevant if e.case_id is not None})
        cases = {row.id: row for row in session.execute(select(*_CASE_COLUMNS).where(Case.id.in_(case_ids)))}
        posting_ids = {row.posting_id for row in cases.values()}
        posting_ids |= {_detail_int(e, "posting_id") for e, _ in relevant} - {None}
        postings = {
            row.id: {"id": row.id, "source": row.source, "external_id": row.external_id}
            for row in session.execute(
                select(Posting.id, Posting.source, Posting.external_id).where(Posting.id.in_(posting_ids))
            )
        }
        notice_refs: dict[int, list[str]] = defaultdict(list)
        feedback_cases = [e.case_id for e, kind in relevant if kind in _NOTICE_FEEDBACK and e.case_id]
        if feedback_cases:
            for case_id, ref in session.execute(
                select(Notice.case_id, Notice.notice_ref)
                .where(Notice.case_id.in_(feedback_cases), Notice.notice_ref.is_not(None))
                .order_by(Notice.id)
            ):
                notice_refs[case_id].append(str(ref))
        subscriptions = select(WebhookEndpoint.id, WebhookEndpoint.event_types)
        endpoints = session.execute(subscriptions.where(WebhookEndpoint.removed_at.is_(None))).all()
    now = utcnow()
    deleted: set[int] = set()
    written = 0
    for audit_event, kind in relevant:
        case = cases.get(audit_event.case_id) if audit_event.case_id is not None else None
        posting_id = case.posting_id if case is not None else _detail_int(audit_event, "posting_id")
        if kind is EventType.POSTING_DELETED:
            # Deletion audits each case of the posting; the platform needs to hear of it once.
            if posting_id in deleted:
                continue
            deleted.add(posting_id or 0)
        payload = _payload(audit_event, kind, case=case, posting=postings.get(posting_id or 0))
        if kind in _NOTICE_FEEDBACK and case is not None:
            payload["notice_refs"] = notice_refs.get(case.id, [])
        event = OutboxEvent(
            type=str(kind),
            case_id=case.id if case is not None else None,
            posting_id=posting_id,
            occurred_at=audit_event.at,
            payload=payload,
        )
        session.add(event)
        written += 1
        for endpoint in endpoints:
            if f",{kind}," in endpoint.event_types:
                session.add(
                    WebhookDelivery(
                        event=event,
                        endpoint_id=endpoint.id,
                        order_key=posting_id or 0,
                        status=str(DeliveryStatus.PENDING),
                        attempts=0,
                        created_at=now,
                        next_attempt_at=now,
                    )
                )
    return written


def _detail_int(audit_event: AuditEvent, key: str) -> int | None:
    value = (audit_event.details or {}).get(key)
    return value if isinstance(value, int) else None


def _case_data(case: Any, audit_event: AuditEvent, kind: EventType) -> dict[str, Any]:
    data = {
        "id": case.id,
        "state": audit_event.to_state,
        "queue": case.queue,
        "detection_source": case.source,
        "band": case.band,
        "risk_score": case.risk_score,
        "minor_involved": case.minor,
        "categories": [name for name in case.categories.split(",") if name],
        "model_version": case.model_version,
        "decision": case.decision,
        "reason": None,
        "escalation_kind": case.escalation_kind,
    }
    if kind in (EventType.CASE_DECIDED, EventType.CASE_OVERTURNED):
        data["decision"], data["reason"] = audit_event.decision, audit_event.reason
    elif kind is EventType.CASE_ESCALATED:
        data["decision"], data["escalation_kind"] = audit_event.decision, audit_event.reason
    elif kind is EventType.CASE_OPENED:
        data["decision"] = None
    return data


def _payload(
    audit_event: AuditEvent, kind: EventType, *, case: Any, posting: dict[str, Any] | None
) -> dict[str, Any]:
    """The event's ``data``: an allow-list of fields, each copied explicitly (never posting text)."""
    details = audit_event.details or {}
    payload: dict[str, Any] = {
        "posting": posting,
        "case": _case_data(case, audit_event, kind) if case is not None else None,
        "automated": audit_event.actor_kind != "human",
    }
    if kind in (EventType.LEGAL_HOLD_PLACED, EventType.LEGAL_HOLD_RELEASED):
        payload["legal_hold"] = {
            "id": details.get("hold_id"),
            "reason": audit_event.reason,
            "hold_until": details.get("hold_until"),
        }
    elif kind in (EventType.APPEAL_OPENED, EventType.APPEAL_DECIDED):
        payload["appeal"] = {
            "id": details.get("appeal_id"),
            "appellant": details.get("appellant"),
            "appellant_ref": details.get("appellant_ref"),
            "original_decision": details.get("original_decision"),
            "outcome": details.get("outcome"),
            # Written by the appeal's reviewer for the complainant (DSA Art. 20(5): a reasoned decision).
            "reason": audit_event.notes if kind is EventType.APPEAL_DECIDED else None,
        }
    elif kind is EventType.CASE_OVERTURNED:
        payload["previous_decision"] = details.get("previous_decision")
        payload["appeal_id"] = details.get("appeal_id")
    elif kind is EventType.CASE_REOPENED:
        undone = details.get("undone") or {}
        # What the platform may have acted on is withdrawn; a new case.decided follows the new decision.
        payload["previous_decision"] = undone.get("decision")
        payload["case"]["decision"] = None
        if undone.get("decision") == "confirm":
            payload["dsa_statement"] = {"status": "withdrawn", "category": _statement_category(case.minor)}
    if kind in _STATEMENT_EVENTS and case is not None:
        decision = payload["case"]["decision"] if kind is not EventType.APPEAL_DECIDED else None
        if kind is EventType.APPEAL_DECIDED and details.get("outcome") == "overturned":
            decision = details.get("new_decision")
        if decision == "confirm":
            payload["dsa_statement"] = {"status": "issued", "category": _statement_category(case.minor)}
        elif decision == "dismiss" and kind is not EventType.CASE_DECIDED:
            payload["dsa_statement"] = {"status": "withdrawn", "category": _statement_category(case.minor)}
    return payload


def _statement_category(minor: bool) -> str:
    return str(StatementCategory.PROTECTION_OF_MINORS if minor else StatementCategory.VIOLENCE)


audit.register_seal_hook("webhooks.outbox", write_events)
