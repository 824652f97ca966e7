"""Template type shared by the per-language template modules."""

from __future__ import annotations

from dataclasses import dataclass

S, L, M = "sex_trafficking", "labor_trafficking", "minor_involved"


@dataclass(frozen=True, slots=True)
class Template:
    """One posting pattern: ``{a|b}`` alternatives and ``<slot>`` fillers (see generator)."""

    id: str
    lang: str
    genre: str
    label: int
    categories: tuple[str, ...]
    pattern: str
    hard_negative: str | None = None
    weight: float = 1.0
