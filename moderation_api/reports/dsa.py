"""Mapping a confirmed case to an EU DSA statement of reasons (Transparency Database API vocabulary).

Pure functions over plain facts, so the mapping is testable without a database and reviewable on its own.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from moderation_api.db import MAX_ROW_ID
from moderation_api.errors import InvalidInputError
from moderation_api.reports.schemas import DsaStatement

DECISION_FACTS_MAX = 5000
# The Transparency Database accepts at most 100 statements per batch submission.
MAX_BATCH = 100

TERMS_GROUND = "Marketplace terms of service: human trafficking and exploitation are prohibited."
TERMS_EXPLANATION = (
    "The posting was removed because reviewers found indicators that it advertises or recruits for "
    "human trafficking or exploitation."
)


class DecisionGround(StrEnum):
    ILLEGAL_CONTENT = "DECISION_GROUND_ILLEGAL_CONTENT"
    INCOMPATIBLE_CONTENT = "DECISION_GROUND_INCOMPATIBLE_CONTENT"


class StatementCategory(StrEnum):
    VIOLENCE = "STATEMENT_CATEGORY_VIOLENCE"
    PROTECTION_OF_MINORS = "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"


class SourceType(StrEnum):
    ARTICLE_16 = "SOURCE_ARTICLE_16"
    VOLUNTARY = "SOURCE_VOLUNTARY"


class AutomatedDecision(StrEnum):
    FULLY = "AUTOMATED_DECISION_FULLY"
    NOT_AUTOMATED = "AUTOMATED_DECISION_NOT_AUTOMATED"


KEYWORD_HUMAN_TRAFFICKING = "KEYWORD_HUMAN_TRAFFICKING"
VISIBILITY_CONTENT_REMOVED = "DECISION_VISIBILITY_CONTENT_REMOVED"
CONTENT_TYPE_TEXT = "CONTENT_TYPE_TEXT"


@dataclass(frozen=True, slots=True)
class ConfirmedCase:
    """What a statement needs to know about one confirmed case, and nothing that identifies a person."""

    case_id: int | str
    source: str  # automated | notice | network
    opened_at: datetime
    decided_at: datetime
    content_date: date | datetime | None
    minor_involved: bool
    indicator_names: Sequence[str] = ()
    model_version: str | None = None
    decided_by_human: bool = True


def puid_key(secret: str | None) -> bytes:
    """The key of :func:`make_puid`: the configured secret, or a random one for this process only."""
    return secret.encode() if secret else secrets.token_bytes(32)


def make_puid(case_id: int | str, *, secret: bytes) -> str:
    """Opaque, stable platform id for a case: HMAC-SHA256 keyed with a server secret.

    Only the holder of the secret can link a puid back to a case; the case id itself, the posting text and
    the platform's external ids never leave the service.
    """
    return hmac.new(secret, f"vigil-case:{case_id}".encode(), hashlib.sha256).hexdigest()


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def decision_facts(case: ConfirmedCase) -> str:
    """Plain-language facts from indicator names and provenance only (never posting text), ≤ 5000 chars."""
    if case.source == "notice":
        origin = "A user notice (DSA Article 16) reported the posting"
    elif case.source == "network":
        origin = "Automated network analysis linked the posting to other flagged postings"
    else:
        origin = "Automated screening flagged the posting"
        if case.model_version:
            origin += f" (model version {case.model_version})"
    decider = "a human reviewer" if case.decided_by_human else "an automated rule"
    parts = [f"{origin}; {decider} reviewed it and confirmed a violation."]
    if case.minor_involved:
        parts.append("Indicators suggested that a minor may be involved.")
    names = list(dict.fromkeys(name for name in case.indicator_names if name))
    if names:
        parts.append("Indicators found: " + "; ".join(names) + ".")
    text = " ".join(parts)
    if len(text) > DECISION_FACTS_MAX:
        text = text[: DECISION_FACTS_MAX - 1] + "…"
    return text


def build_statement(case: ConfirmedCase, *, secret: bytes) -> DsaStatement:
    """The statement of reasons for one confirmed (content removed) case."""
    if case.minor_involved:
        category, addition = StatementCategory.PROTECTION_OF_MINORS, [str(StatementCategory.VIOLENCE)]
    else:
        category, addition = StatementCategory.VIOLENCE, []
    automated_detection = case.source != "notice"
    return DsaStatement(
        puid=make_puid(case.case_id, secret=secret),
        decision_visibility=[VISIBILITY_CONTENT_REMOVED],
        decision_ground=DecisionGround.INCOMPATIBLE_CONTENT,
        incompatible_content_ground=TERMS_GROUND,
        incompatible_content_explanation=TERMS_EXPLANATION,
        # Trafficking is also illegal everywhere in the EU (Directive 2011/36/EU).
        incompatible_content_illegal="Yes",
        category=category,
        category_addition=addition,
        category_specification=[KEYWORD_HUMAN_TRAFFICKING],
        content_type=[CONTENT_TYPE_TEXT],
        content_date=_day(case.content_date or case.opened_at),
        application_date=_day(case.decided_at),
        decision_facts=decision_facts(case),
        source_type=SourceType.ARTICLE_16 if case.source == "notice" else SourceType.VOLUNTARY,
        automated_detection="Yes" if automated_detection else "No",
        automated_decision=(
            AutomatedDecision.NOT_AUTOMATED if case.decided_by_human else AutomatedDecision.FULLY
        ),
    )


class InvalidCursorError(ValueError, InvalidInputError):
    """A pagination cursor that this service did not issue."""


CURSOR_HINT = "invalid cursor: pass back the next_cursor of a previous page"


def encode_cursor(decided_at: datetime, case_id: int) -> str:
    """Keyset position after (decided_at, case_id), opaque to clients."""
    raw = f"{decided_at.isoformat()}|{case_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """The keyset position of a cursor; anything this service could not have issued is refused."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, case_id = raw.split("|", 1)
        decided_at, position = datetime.fromisoformat(stamp), int(case_id)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursorError(CURSOR_HINT) from exc
    # Issued cursors carry an aware UTC time and a real row id; a forged one must not reach the query
    # (a naive time cannot be compared, an id beyond 64 bits overflows SQLite).
    if decided_at.tzinfo is None or decided_at.utcoffset() != timedelta(0) or not 0 <= position <= MAX_ROW_ID:
        raise InvalidCursorError(CURSOR_HINT)
    return decided_at, position
