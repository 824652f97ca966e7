"""Human labels for the API's enum values, actors and thresholds: no enum key, dict or "None" on screen.

Pure functions and tables, no Streamlit. An unknown value (a newer API) still reads as words: its
underscores become spaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DECISIONS = {"confirm": "Confirm violation", "dismiss": "Dismiss", "escalate": "Escalate"}
# What a decision *did*, for confirmations and history ("dismissed as duplicate").
DECIDED = {"confirm": "confirmed as a violation", "dismiss": "dismissed", "escalate": "escalated"}
DISMISS_REASONS = {
    "false_positive": "false positive",
    "insufficient_info": "insufficient information",
    "duplicate": "duplicate",
    "out_of_scope": "out of scope",
}
DISMISS_REASON_HELP = {
    "false_positive": "not a trafficking indicator",
    "insufficient_info": "cannot tell from the posting",
    "duplicate": "of another case",
    "out_of_scope": "another policy applies",
}
ESCALATION_KINDS = {
    "minor_involved": "minor involved",
    "adult_trafficking_law_enforcement": "adult trafficking, law-enforcement referral",
    "policy_question": "policy question",
}
ESCALATION_KIND_HELP = {
    "minor_involved": "child-safety team; places a legal hold and restricts the posting",
    "adult_trafficking_law_enforcement": "a senior reviewer refers it to law enforcement",
    "policy_question": "a senior reviewer decides",
}
STATES = {"open": "open", "assigned": "claimed", "decided": "decided"}
QUEUES = {"standard": "standard", "senior": "senior / child safety", "qa": "blind QA"}
SOURCES = {
    "automated": "the model",
    "notice": "a user notice",
    "network": "a network signal",
    "qa_sample": "a blind QA sample",
    "double_review": "a blind second review",
}
CATEGORIES = {
    "sex_trafficking": "sex trafficking",
    "labor_trafficking": "labour trafficking",
    "minor_involved": "minor involved",
    "uncategorized": "uncategorised",
}
ACTIONS = {
    "open": "opened",
    "claim": "claimed",
    "renew": "lease renewed",
    "release": "released",
    "lease_expired": "lease expired",
    "decide": "decided",
    "escalate": "escalated",
    "notice_added": "user notice added",
    "note": "internal note",
    "undo": "undone by the decider",
    "reopen": "reopened by a senior",
    "legal_hold_placed": "legal hold placed",
    "legal_hold_expired": "legal hold ended",
    "priority_boost": "priority raised (network)",
    "posting_deleted": "posting deleted",
    "retention_erased": "text erased (retention)",
}
MODEL_STATUSES = {
    "candidate": "candidate (registered, not scoring)",
    "shadow": "shadow (scores every posting, routes nothing)",
    "active": "active (serving)",
    "retired": "retired",
}
REOPEN_ACTIONS = {"undo": "undone by the decider", "reopen": "reopened by a senior"}


def label(table: Mapping[str, str], value: Any) -> str:
    """``table``'s label for ``value``; an unknown key reads as words, a missing one as "—"."""
    if value is None or value == "":
        return "—"
    return table.get(str(value), str(value).replace("_", " "))


def actor_label(actor: str | None) -> str:
    """``key:ui-reviewer`` → ``ui-reviewer``; ``system:network`` → ``system (network)``;
    ``model:1.2`` → ``model 1.2``."""
    if not actor:
        return "—"
    kind, _, name = actor.partition(":")
    if not name:
        return kind
    if kind == "key":
        return name
    if kind == "system":
        return f"system ({name})"
    return f"{kind} {name}"


def decision_label(decision: str | None, reason: str | None = None, kind: str | None = None) -> str:
    """What was (or will be) decided, in words: "dismissed as duplicate", "escalated: policy question"."""
    if decision is None:
        return "—"
    if decision == "dismiss" and reason:
        return f"dismissed as {label(DISMISS_REASONS, reason)}"
    if decision == "escalate" and kind:
        return f"escalated: {label(ESCALATION_KINDS, kind)}"
    return label(DECIDED, decision)


def action_label(decision: str | None, option: str | None) -> str | None:
    """The submit button's words for a chosen decision ("Dismiss as false positive"); None until complete."""
    if decision == "confirm":
        return "Confirm violation"
    if decision == "dismiss" and option:
        return f"Dismiss as {label(DISMISS_REASONS, option)}"
    if decision == "escalate" and option:
        return f"Escalate: {label(ESCALATION_KINDS, option)}"
    return None


def thresholds_label(thresholds: Mapping[str, Any] | None) -> str:
    """``{"review": 0.4, "urgent": 0.7}`` → ``review ≥ 0.40 · urgent ≥ 0.70``."""
    if not thresholds:
        return "—"
    return " · ".join(f"{name} ≥ {float(value):.2f}" for name, value in thresholds.items())


def categories_label(categories: Any) -> str:
    return ", ".join(label(CATEGORIES, name) for name in categories or []) or "—"
