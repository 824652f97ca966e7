"""The audit hash chain, format v1: what is hashed and how rows link.

Each row's ``row_hash`` is SHA-256 over a canonical JSON serialization of the row's content, its chain
position ``seq`` and the previous row's hash (``prev_hash``; the first row links to :data:`GENESIS`).
Changing, removing or reordering a row therefore breaks the chain at that row. The format is part of the
stored data: rows written under v1 are verified under v1, so it never changes in place.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
_DOMAIN = b"vigil-audit-chain/v1\n"
# The hashed columns (everything but the surrogate id and the chain columns themselves).
FIELDS = (
    "seq",
    "case_id",
    "at",
    "actor",
    "actor_kind",
    "action",
    "from_state",
    "to_state",
    "decision",
    "reason",
    "notes",
    "details",
)


@dataclass(frozen=True, slots=True)
class Head:
    """The last row of the chain (seq 0 and :data:`GENESIS` for an empty chain)."""

    seq: int
    row_hash: str


EMPTY = Head(0, GENESIS)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("audit timestamps must be timezone-aware")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def canonical(values: Mapping[str, Any], *, prev_hash: str) -> bytes:
    """The bytes hashed for one row: sorted-key JSON, ASCII-only, no NaN (stable across backends)."""
    payload = {name: _plain(values.get(name)) for name in FIELDS}
    payload["prev_hash"] = prev_hash
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return text.encode("ascii")


def row_hash(values: Mapping[str, Any], *, prev_hash: str) -> str:
    return hashlib.sha256(_DOMAIN + canonical(values, prev_hash=prev_hash)).hexdigest()


def link(head: Head, values: dict[str, Any]) -> Head:
    """Append ``values`` (a row's content, without ``seq``) after ``head``: fills in the chain columns."""
    values["seq"] = head.seq + 1
    values["prev_hash"] = head.row_hash
    values["row_hash"] = row_hash(values, prev_hash=head.row_hash)
    return Head(values["seq"], values["row_hash"])
