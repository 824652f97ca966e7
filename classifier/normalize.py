"""Normalization against obfuscation, for MATCHING and the encoder, with a map back to the original text.

Posters dodge keyword filters with Unicode tricks (full-width letters, Cyrillic look-alikes in Latin
words, combining accents, zero-width characters), leetspeak (``s3xy``), spaced letters (``n e w``),
capitals and emoji between the words. :func:`normalize` folds all of these into lower-case text that
the indicator lexicons and the encoder read, and records for every output character which input
characters produced it, so evidence found in the normalized text is reported as a span of what the
poster actually wrote.

- Emoji and decorative symbols become separators (``new🔥girls`` reads ``new girls``); the emoji the
  trade uses as codes (🌹 roses = money, 🍒 cherry) are kept apart as :class:`EmojiMark` evidence, so
  only a real emoji can be read as an emoji code, never a word or a look-alike letter.
- Zero-width, bidi and other format characters are dropped.
- Accents are stripped in Latin, Greek, Cyrillic and Arabic script ("niña" = "nina"); Thai keeps its
  vowel and tone marks, which are letters there.
- Look-alike letters are folded by script, word by word: Cyrillic letters inside a Latin word become
  Latin ("gіrls"), Latin letters inside a Cyrillic word become Cyrillic ("пaспорт"), and a Russian
  or Ukrainian word stays Cyrillic so that those lexicons can read it.

:func:`fold_pattern` applies the same per-character folding to lexicon entries, so lexicons are written
in ordinary spelling and match whatever accents or capitals the poster used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Cyrillic and Greek letters that look like Latin ones; NFKC leaves them alone.
HOMOGLYPHS: dict[str, str] = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ɡ": "g", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
}  # fmt: skip
# Latin letters a poster slips into a Cyrillic word ("пaспорт" with a Latin a).
LATIN_TO_CYRILLIC: dict[str, str] = {
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "h": "н",
    "t": "т", "b": "в", "i": "і",
}  # fmt: skip
# Letters that are not accents-on-a-base in Unicode but that posters and lexicons use interchangeably.
LETTER_FOLDS: dict[str, str] = {
    "ł": "l", "ø": "o", "ß": "ss", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th",
    "ى": "ي", "ـ": "",  # Arabic: alef maqsura written as ya; tatweel only stretches a word
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'",
}  # fmt: skip

# Emoji with a meaning in the trade (the code word is what indicators look for).
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

# Punctuation used as decoration or as a separator between words.
_DECORATIVE = frozenset("•·‧∙⋅●○◦▪▫■□◆◇►▶◀◄※¤¦†‡⁂⁎⁕❖✦✧")
_TOKEN_RE = re.compile(r"[a-z0-9@$!|]+")
_PLAIN_RUN_RE = re.compile(r"[!-~]+")  # printable ASCII without blanks
# Three or more single letters separated by single spaces / dots ("n e w", "s.e.x.y").
_SPACED_LETTERS_RE = re.compile(r"(?<![a-z0-9])[a-z](?:[ .*_][a-z]){2,}(?![a-z0-9])")
_CONFUSABLE_SCRIPT_RE = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_LATIN_RE = re.compile(r"[a-z]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u052f]")

TEXT, SPACE, NEWLINE, GONE = 0, 1, 2, 3  # what one original character becomes


@dataclass(frozen=True, slots=True)
class EmojiMark:
    """A trade-code emoji the poster wrote: its code word and its ``[start, end)`` in the original."""

    code: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text plus, per normalized character, the original ``[start, end)`` it came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    emoji: tuple[EmojiMark, ...] = ()

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span that produced normalized ``text[start:end]`` (``end`` exclusive)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalized text of length {len(self.text)}")
        return self.starts[start], self.ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """What the poster wrote for normalized ``text[start:end]``."""
        first, last = self.original_span(start, end)
        return self.original[first:last]


def _keeps_marks(base: str) -> bool:
    """Scripts whose combining marks are letters (Thai vowels, Devanagari…), not optional accents."""
    code = ord(base)
    return not (code < 0x0700 or 0x1E00 <= code <= 0x1FFF)


def _fold_letters(text: str) -> str:
    """Case, compatibility forms, accents and letter variants folded away (no homoglyph mapping)."""
    out = []
    for piece in unicodedata.normalize("NFKC", text):
        for lowered in piece.casefold():
            lowered = LETTER_FOLDS.get(lowered, lowered)
            if lowered.isascii() or _keeps_marks(lowered[:1] or " "):
                out.append(lowered)
                continue
            decomposed = unicodedata.normalize("NFKD", lowered)
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> tuple[int, str]:
    """What one original character becomes: ``(kind, normalized text)``."""
    if char == "\n":
        return NEWLINE, "\n"
    category = unicodedata.category(char)
    if category in ("Cf", "Cc", "Me") or "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef":
        # Zero-width, bidi and other format controls, keycap enclosers, variation selectors.
        return (SPACE, " ") if char in "\t\r\x0b\x0c\x85" else (GONE, "")
    if category.startswith("Z"):
        return SPACE, " "
    if char in LETTER_FOLDS:
        return TEXT, LETTER_FOLDS[char]
    compat = unicodedata.normalize("NFKC", char)
    if category in ("So", "Sk", "Cs", "Co") and (compat == char or not compat.isalnum()):
        # Emoji, dingbats, skin-tone modifiers: separators. Enclosed letters (ⓢ) fold below instead.
        return SPACE, " "
    if char in _DECORATIVE:
        return SPACE, " "
    folded = _fold_letters(char)
    return (TEXT, folded) if folded else (GONE, "")


def fold_pattern(pattern: str) -> str:
    """A lexicon entry (a regular expression) folded like posting text: non-ASCII characters only, so
    regex syntax such as ``\\W`` is left alone and lexicons can be written with ordinary accents."""
    if pattern.isascii():
        return pattern
    return "".join(char if char.isascii() else _fold_letters(char) for char in pattern)


def _decode_leet(chars: list[str]) -> None:
    """Replace leet symbols that sit between letters (``s3xy`` → ``sexy``), in place.

    Digits and symbols elsewhere are left alone so prices, ages, phone numbers, model names (``PS3``),
    ``@handle`` and ``$200`` keep their meaning.
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
            # Only between two letters: "PS3", "mp3", "3D", "4wd" and "wow!" keep their digit or mark.
            if before.isalpha() and after.isalpha():
                chars[match.start() + offset] = LEET[c]


def _fold_homoglyphs(chars: list[str]) -> None:
    """Fold look-alike letters word by word, in place (see the module docstring)."""
    text = "".join(chars)
    latin_letters = len(_LATIN_RE.findall(text))
    cyrillic_letters = len(_CYRILLIC_RE.findall(text))
    for match in _LETTER_RUN_RE.finditer(text):
        word = match.group()
        confusable = [c for c in word if c in HOMOGLYPHS]
        if not confusable:
            if any(c in LATIN_TO_CYRILLIC for c in word) and _CYRILLIC_RE.search(word):
                mapping = LATIN_TO_CYRILLIC  # a Cyrillic word with Latin letters slipped in
            else:
                continue
        elif _LATIN_RE.search(word):
            # Mixed script: the letters without a look-alike tell which script the word is in.
            genuine_cyrillic = any(_CYRILLIC_RE.match(c) and c not in HOMOGLYPHS for c in word)
            mapping = LATIN_TO_CYRILLIC if genuine_cyrillic else HOMOGLYPHS
        elif len(confusable) == len(word) and latin_letters > cyrillic_letters:
            mapping = HOMOGLYPHS  # a whole word of look-alikes inside Latin text ("ѕеху")
        else:
            continue
        for offset, c in enumerate(word):
            if c in mapping:
                chars[match.start() + offset] = mapping[c]


@lru_cache(maxsize=4096)
def normalize(text: str) -> NormalizedText:
    """Fold ``text`` for matching; see the module docstring. Cached: re-posted text is common."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    marks: list[EmojiMark] = []
    index = 0
    length = len(text)
    while index < length:
        plain = _PLAIN_RUN_RE.match(text, index)
        if plain is not None:
            # Printable ASCII maps one to one: fold the whole run at once.
            end = plain.end()
            out.extend(text[index:end].lower())
            starts.extend(range(index, end))
            ends.extend(range(index + 1, end + 1))
            index = end
            continue
        pair = text[index : index + 2]
        code: str | None
        if len(pair) == 2 and pair in EMOJI_WORDS:  # two-character sequences with a meaning ("🚫👮")
            code, width = EMOJI_WORDS[pair], 2
        else:
            code, width = EMOJI_WORDS.get(text[index]), 1
        if code is not None:
            marks.append(EmojiMark(code, index, index + width))
            kind, piece = SPACE, " "
        else:
            kind, piece = _fold_char(text[index])
        if kind in (SPACE, NEWLINE):
            # Runs of blanks collapse into one separator; a line break wins (it ends a clause).
            if out and out[-1] in " \n":
                ends[-1] = index + width
                if kind == NEWLINE:
                    out[-1] = "\n"
            else:
                out.append(piece)
                starts.append(index)
                ends.append(index + width)
        else:
            for c in piece:
                out.append(c)
                starts.append(index)
                ends.append(index + width)
        index += width
    if _CONFUSABLE_SCRIPT_RE.search(text):
        _fold_homoglyphs(out)
    _decode_leet(out)
    joined = "".join(out)
    drop: set[int] = set()
    for match in _SPACED_LETTERS_RE.finditer(joined):
        drop.update(offset for offset in range(match.start(), match.end()) if not joined[offset].isalpha())
    if drop:
        keep = [offset for offset in range(len(out)) if offset not in drop]
        joined = "".join(out[offset] for offset in keep)
        starts = [starts[offset] for offset in keep]
        ends = [ends[offset] for offset in keep]
    return NormalizedText(
        original=text, text=joined, starts=tuple(starts), ends=tuple(ends), emoji=tuple(marks)
    )
