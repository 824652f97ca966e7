"""Safe evidence highlighting: posting text becomes inert, escaped HTML with `<mark>` around evidence.

Posting text is untrusted. It is never handed to a Markdown or HTML renderer as is: every character of
it goes through `html.escape`, and the only markup in the output is the `<mark>` / `<div>` tags built
here, whose attribute values are escaped too. Newlines and spacing survive through `white-space:
pre-wrap`, so what the reviewer reads is exactly what the poster wrote.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True, slots=True)
class Highlight:
    """A half-open range ``[start, end)`` of the original text and why it is highlighted."""

    start: int
    end: int
    label: str
    kind: str  # "high" / "medium" / "low" indicator severity, or "entity"


def evidence_highlights(score: Mapping[str, Any]) -> list[Highlight]:
    """Highlights from a stored score: every indicator evidence span and every extracted entity."""
    found: list[Highlight] = []
    for indicator in score.get("indicators") or []:
        for span in indicator.get("spans") or []:
            found.append(
                Highlight(
                    start=int(span["start"]),
                    end=int(span["end"]),
                    label=f"{indicator.get('name', '')} ({indicator.get('severity', '')})",
                    kind=str(indicator.get("severity", "medium")),
                )
            )
    for entity in score.get("entities") or []:
        found.append(
            Highlight(
                start=int(entity["start"]),
                end=int(entity["end"]),
                label=f"{entity.get('kind', 'entity')}: {entity.get('value', '')}",
                kind="entity",
            )
        )
    return found


def _segments(length: int, highlights: Iterable[Highlight]) -> list[tuple[int, int, list[Highlight]]]:
    """Cut ``[0, length)`` at every highlight boundary; each piece lists the highlights covering it."""
    valid = [h for h in highlights if 0 <= h.start < h.end <= length]
    cuts = sorted({0, length, *(h.start for h in valid), *(h.end for h in valid)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = [h for h in valid if h.start <= start and end <= h.end]
        pieces.append((start, end, covering))
    return pieces


def _mark_class(covering: Sequence[Highlight]) -> str:
    indicator_kinds = [h.kind for h in covering if h.kind in SEVERITY_RANK]
    if indicator_kinds:
        return "sev-" + max(indicator_kinds, key=SEVERITY_RANK.__getitem__)
    return "entity"


def highlight_html(text: str, highlights: Iterable[Highlight]) -> str:
    """The posting as escaped HTML with evidence wrapped in ``<mark>``; overlapping spans merge cleanly.

    Spans outside the text (for example from a stale score) are ignored rather than trusted.
    """
    parts = []
    for start, end, covering in _segments(len(text), list(highlights)):
        piece = html.escape(text[start:end], quote=True)
        if covering:
            title = html.escape("; ".join(dict.fromkeys(h.label for h in covering)), quote=True)
            parts.append(f'<mark class="{_mark_class(covering)}" title="{title}">{piece}</mark>')
        else:
            parts.append(piece)
    return f'<div class="vigil-posting">{"".join(parts)}</div>'


MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown syntax so a string shows literally inside a Markdown element."""
    return "".join("\\" + char if char in MARKDOWN_SPECIALS else char for char in text)


POSTING_CSS = """
<style>
.vigil-posting { white-space: pre-wrap; overflow-wrap: anywhere; font-family: ui-monospace, monospace;
  font-size: 0.95rem; line-height: 1.5; padding: 0.75rem 1rem; border: 1px solid #d0d4dc;
  border-radius: 0.5rem; background: #fbfbfd; color: #1f2330; }
.vigil-posting mark { padding: 0 0.1rem; border-radius: 0.2rem; color: inherit; }
.vigil-posting mark.sev-high { background: #ffc9c9; border-bottom: 2px solid #d6336c; }
.vigil-posting mark.sev-medium { background: #ffe8a3; border-bottom: 2px solid #e8a200; }
.vigil-posting mark.sev-low { background: #e3f0ff; border-bottom: 2px solid #4c8bf5; }
.vigil-posting mark.entity { background: #d8f5e3; border-bottom: 2px dashed #2f9e44; }
</style>
"""
