"""Normalization against obfuscation, for MATCHING only, with a map back to the original text.

Posters dodge keyword filters with Unicode tricks (full-width letters, Cyrillic look-alikes,
combining accents), leetspeak (``s3xy``), spaced letters (``n e w``) and emoji codes (🌹 = roses).
:func:`normalize` folds all of these into plain lower-case ASCII-ish text that the indicator lexicons
and the encoder read, and records for every output character which input characters produced it, so
evidence found in the normalized text is reported as a span of what the poster actually wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Latin look-alikes from Cyrillic and Greek that NFKC leaves alone (it only folds compatibility forms).
HOMOGLYPHS: dict[str, str] = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ɡ": "g", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ı": "i", "ł": "l", "ø": "o", "ß": "ss",
}  # fmt: skip

# Emoji whose Unicode names are not the word the trade uses for them.
EMOJI_WORDS: dict[str, str] = {
    "🌹": "roses",
    "🥀": "roses",
    "💐": "roses",
    "🍒": "cherry",
    "🍭": "candy",
    "🍬": "candy",
    "👑": "crown",
    "🆕": "new",
    "🎀": "bow",
    "💵": "cash",
    "💰": "cash",
    "💲": "cash",
    "🚫👮": "no cops",
    "👮": "police",
    "🚓": "police",
    "🚔": "police",
    "📱": "phone",
    "☎": "phone",
    "📞": "phone",
    "✈": "airplane",
    "🛂": "passport",
    "👧": "girl",
    "👶": "baby",
    "🧸": "teddy bear",
    "🏫": "school",
    "🎒": "school bag",
    "🏨": "hotel",
    "🚗": "car",
}

# Leetspeak digits and symbols, decoded only inside words (see _decode_leet).
LEET: dict[str, str] = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i",
    "|": "l",
}  # fmt: skip

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufe0e", "\ufe0f", "\u20e3", "\u00ad"}
_TOKEN_RE = re.compile(r"[a-z0-9@$!|]+")
# Three or more single letters separated by single spaces / dots ("n e w", "s.e.x.y").
_SPACED_LETTERS_RE = re.compile(r"(?<![a-z0-9])[a-z](?:[ .*_][a-z]){2,}(?![a-z0-9])")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text plus, per normalized character, the original ``[start, end)`` it came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span that produced normalized ``text[start:end]`` (``end`` exclusive)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalized text of length {len(self.text)}")
        return self.starts[start], self.ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """What the poster wrote for normalized ``text[start:end]``."""
        first, last = self.original_span(start, end)
        return self.original[first:last]


def _char_pieces(char: str) -> str:
    """The normalized form of one original character (may be empty or several characters)."""
    if char in _INVISIBLE:
        return ""
    if char in EMOJI_WORDS:
        return f" {EMOJI_WORDS[char]} "
    category = unicodedata.category(char)
    if category == "So":
        name = unicodedata.name(char, "")
        return f" {name.lower()} " if name else " "
    if category.startswith("Z") or char in "\t\r\n":
        return " "
    folded = unicodedata.normalize("NFKC", char)
    out = []
    for piece in folded:
        piece = HOMOGLYPHS.get(piece, HOMOGLYPHS.get(piece.lower(), piece))
        for lowered in piece.casefold():
            # Strip accents so "niña", "nina" and "nіna" (Cyrillic і) all match one lexicon entry.
            base = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
            out.append(base)
    return "".join(out)


def _decode_leet(chars: list[str]) -> None:
    """Replace leet symbols that sit between letters (``s3xy`` → ``sexy``), in place.

    Digits next to other digits are left alone so prices, ages and phone numbers survive; a symbol at
    the start of a token is left alone so ``@handle`` and ``$200`` keep their meaning.
    """
    text = "".join(chars)
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        if sum(c.isalpha() for c in token) < 2 or not any(c in LEET for c in token):
            continue
        for offset, c in enumerate(token):
            if c not in LEET:
                continue
            before = token[offset - 1] if offset > 0 else ""
            after = token[offset + 1] if offset + 1 < len(token) else ""
            if before.isdigit() or after.isdigit() or not (before.isalpha() or after.isalpha()):
                continue
            if offset == 0 and c in "@$!":
                continue
            if c == "!" and not after:  # "wow!" is punctuation, not an i
                continue
            chars[match.start() + offset] = LEET[c]


@lru_cache(maxsize=4096)
def normalize(text: str) -> NormalizedText:
    """Fold ``text`` for matching; see the module docstring. Cached: re-posted text is common."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index = 0
    while index < len(text):
        # Two-character emoji sequences with a meaning of their own ("🚫👮").
        pair = text[index : index + 2]
        if len(pair) == 2 and pair in EMOJI_WORDS:
            piece, width = f" {EMOJI_WORDS[pair]} ", 2
        else:
            piece, width = _char_pieces(text[index]), 1
        for c in piece:
            if c == " " and out and out[-1] == " ":
                ends[-1] = index + width
                continue
            out.append(c)
            starts.append(index)
            ends.append(index + width)
        index += width
    _decode_leet(out)
    joined = "".join(out)
    keep = [True] * len(out)
    for match in _SPACED_LETTERS_RE.finditer(joined):
        for offset in range(match.start(), match.end()):
            if not joined[offset].isalpha():
                keep[offset] = False
    return NormalizedText(
        original=text,
        text="".join(c for c, k in zip(out, keep, strict=True) if k),
        starts=tuple(s for s, k in zip(starts, keep, strict=True) if k),
        ends=tuple(e for e, k in zip(ends, keep, strict=True) if k),
    )
