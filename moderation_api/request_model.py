"""What every request must be before a service sees it.

- :class:`RequestModel`, the base of every request body: unknown fields are refused, and so are
  characters no database can store (NUL, lone UTF-16 surrogates) and non-finite numbers, wherever they
  sit in the body. PostgreSQL text cannot hold NUL; neither backend can encode a lone surrogate
  (``"\\ud800"`` is valid JSON); ``1e400`` parses as infinity. Refusing them here gives one clear 422 on
  every backend instead of a driver error half-way through a write.
- :data:`UtcDateTime`, the type of every datetime a client sends (bodies and query parameters): it
  must carry a time zone and is converted to UTC; a value that leaves the calendar on conversion
  (``0001-01-01T00:00:00+14:00``) is a 422, not an overflow deep in a query.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, model_validator

NUL = "\x00"
_SURROGATE = re.compile("[\ud800-\udfff]")
# Field names are echoed in error locations; an unknown one is cut to this length.
MAX_NAME_CHARS = 40


def _bad_text(value: str) -> str | None:
    """Why ``value`` cannot be stored, or None."""
    if NUL in value:
        return "text must not contain NUL (U+0000) characters"
    if _SURROGATE.search(value):
        return "text must be valid Unicode: it contains a lone surrogate (U+D800..U+DFFF)"
    return None


def unstorable(value: Any, where: str = "") -> str | None:
    """Where and why a parsed JSON value cannot be accepted, or None (walks dicts and lists).

    The answer names the position (``postings.3.text``), never the value.
    """
    problem = None
    if isinstance(value, str):
        problem = _bad_text(value)
    elif isinstance(value, float) and not math.isfinite(value):
        problem = "numbers must be finite (no NaN, Infinity or values like 1e400)"
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and _bad_text(key):
                return f"{where or 'body'}: a field name {_bad_text(key)}"
            name = key if len(key) <= MAX_NAME_CHARS else key[:MAX_NAME_CHARS] + "…"
            found = unstorable(item, f"{where}.{name}" if where else str(name))
            if found:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = unstorable(item, f"{where}.{index}" if where else str(index))
            if found:
                return found
    if problem:
        return f"{where}: {problem}" if where else problem
    return None


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _refuse_unstorable(cls, data: Any) -> Any:
        problem = unstorable(data)
        if problem:
            raise ValueError(problem)
        return data


def _to_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:  # e.g. year 1 at +14:00 is before 0001-01-01 UTC
        raise ValueError("the datetime lies outside the years 1..9999 once converted to UTC") from exc


UtcDateTime = Annotated[AwareDatetime, AfterValidator(_to_utc)]
"""A client-supplied datetime: time zone required (``Z`` or ``+hh:mm``), converted to UTC."""
