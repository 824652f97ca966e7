"""Safe evidence highlighting: posting text becomes inert, escaped HTML with `<mark>` around evidence.

Posting text is untrusted. It is never handed to a Markdown or HTML renderer as is: every character of
it goes through `html.escape`, and the only markup in the output is the `<mark>` / `<div>` tags built
here, whose attribute values are escaped too. Newlines and spacing survive through `white-space:
pre-wrap`, so what the reviewer reads is exactly what the poster wrote.

Invisible characters are made visible: bidirectional controls (which reorder the text on screen, e.g. U+202E
right-to-left override) and zero-width characters (which split words to slip past filters) each show as a
labelled marker such as ``⟨RLO⟩`` instead of acting on the text. The markers replace one character each,
in place, so highlight offsets into the original text stay right.
"""

from __future__ import annotations

import html
import itertools
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}

# Character → (marker name, what it does). Bidi controls reorder what follows; zero-width ones are unseen.
CONTROLS: dict[str, tuple[str, str]] = {
    "\u202a": ("LRE", "left-to-right embedding"),
    "\u202b": ("RLE", "right-to-left embedding"),
    "\u202c": ("PDF", "pop directional formatting (ends an embedding or override)"),
    "\u202d": ("LRO", "left-to-right override: forces the following text left to right"),
    "\u202e": ("RLO", "right-to-left override: shows the following text reversed"),
    "\u2066": ("LRI", "left-to-right isolate"),
    "\u2067": ("RLI", "right-to-left isolate"),
    "\u2068": ("FSI", "first-strong isolate"),
    "\u2069": ("PDI", "pop directional isolate (ends an isolate)"),
    "\u200e": ("LRM", "left-to-right mark"),
    "\u200f": ("RLM", "right-to-left mark"),
    "\u061c": ("ALM", "Arabic letter mark"),
    "\u200b": ("ZWSP", "zero-width space: splits a word invisibly"),
    "\u200c": ("ZWNJ", "zero-width non-joiner"),
    "\u200d": ("ZWJ", "zero-width joiner"),
    "\u2060": ("WJ", "word joiner (invisible)"),
    "\ufeff": ("ZWNBSP", "zero-width no-break space / byte-order mark"),
}
_EMOJI_MODIFIERS = {"\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))}  # variation selector, skin tones


def _emoji_joiner(text: str, index: int) -> bool:
    """A ZWJ between two emoji builds one emoji (👨‍👩‍👧): it is left alone."""
    if text[index] != "\u200d" or index + 1 >= len(text):
        return False
    before = index - 1
    while before >= 0 and text[before] in _EMOJI_MODIFIERS:
        before -= 1
    return before >= 0 and unicodedata.category(text[before]) == "So" == unicodedata.category(text[index + 1])


def hidden_controls(text: str) -> Counter[str]:
    """How many of each bidi / zero-width control the text holds, by marker name (emoji joiners aside)."""
    return Counter(
        CONTROLS[char][0] for i, char in enumerate(text) if char in CONTROLS and not _emoji_joiner(text, i)
    )


def visible_controls(text: str) -> str:
    """Plain text with each control replaced by its marker (``⟨RLO⟩``): for tables, lists and labels."""
    return "".join(
        f"⟨{CONTROLS[char][0]}⟩" if char in CONTROLS and not _emoji_joiner(text, i) else char
        for i, char in enumerate(text)
    )


def control_explanations(found: Counter[str]) -> list[str]:
    """``"⟨RLO⟩ ×2: right-to-left override: …"`` for each control found."""
    meaning = dict(CONTROLS.values())
    return [f"⟨{name}⟩ ×{count}: {meaning[name]}" for name, count in sorted(found.items())]


def _escaped(text: str, start: int, end: int) -> str:
    """``text[start:end]`` escaped, controls shown as markers (``data-cp`` keeps which character it was)."""
    out = []
    for i in range(start, end):
        char = text[i]
        if char in CONTROLS and not _emoji_joiner(text, i):
            name, meaning = CONTROLS[char]
            title = html.escape(f"U+{ord(char):04X} {meaning}", quote=True)
            out.append(f'<span class="vigil-ctl" data-cp="{ord(char):04x}" title="{title}">⟨{name}⟩</span>')
        else:
            out.append(html.escape(char, quote=True))
    return "".join(out)


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
        piece = _escaped(text, start, end)
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
.vigil-posting .vigil-ctl { unicode-bidi: isolate; direction: ltr; font-size: 0.75rem; color: #ffffff;
  background: #7048e8; border-radius: 0.2rem; padding: 0 0.15rem; margin: 0 0.05rem; }
.vigil-collapsed .vigil-posting { max-height: 15em; overflow: hidden;
  mask-image: linear-gradient(to bottom, black 75%, transparent); }
</style>
"""
