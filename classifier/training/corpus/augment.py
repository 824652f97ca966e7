"""Obfuscated variants of postings, the way evasive posters write them.

Real ads dodge keyword filters and phone scrapers: digits spaced out or spelled ("five 5 5 - o1 2 3"),
leetspeak ("y0ung"), Cyrillic look-alike letters, emoji sprinkled between words, "name at gmail dot
com". :func:`obfuscate` applies a random mix of these to a posting while keeping what matters for its
label (the words and the contact digits) recoverable, so an obfuscated twin keeps its label. Training
adds such twins; evaluation scores an obfuscated copy of the test split.
"""

from __future__ import annotations

import random
import re

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Letters posters use in place of digits inside phone numbers.
DIGIT_LETTERS = {"0": ("o", "O"), "1": ("l", "I")}
LEET = {"a": ("4", "@"), "e": ("3",), "i": ("1", "!"), "o": ("0",), "s": ("5", "$"), "t": ("7",)}
# Latin letter -> Cyrillic / Greek look-alike.
HOMOGLYPHS = {
    "a": "а",
    "c": "с",
    "e": "е",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
    "i": "і",
    "A": "А",
    "B": "В",
    "E": "Е",
    "H": "Н",
    "K": "К",
    "M": "М",
    "O": "О",
    "P": "Р",
    "T": "Т",
}
FILLER_EMOJI = ("🌹", "💋", "✨", "🔥", "💦", "👑", "🍒", "😘", "💕", "⭐", "🆕", "📱")
DIGIT_SEPARATORS = (" ", "", "-", ".", " - ", "  ", "*")

PHONE_RE = re.compile(r"\+?\(?\d[\d ().\-]{6,}\d")
EMAIL_RE = re.compile(r"\b([\w.+-]+)@([\w-]+)\.([a-z]{2,})(?:\.([a-z]{2,}))?\b", re.IGNORECASE)
WORD_RE = re.compile(r"(?<![\w@.])[A-Za-z]{3,}(?![\w@])")


def obfuscate_digits(number: str, rng: random.Random, *, word_rate: float = 0.35) -> str:
    """Spell out, letter-swap and space the digits of a phone-like string; digit order is kept."""
    pieces = []
    for char in number:
        if not char.isdigit():
            continue
        roll = rng.random()
        if roll < word_rate:
            word = DIGIT_WORDS[int(char)]
            pieces.append(word.upper() if rng.random() < 0.2 else word)
        elif roll < word_rate + 0.15 and char in DIGIT_LETTERS:
            pieces.append(rng.choice(DIGIT_LETTERS[char]))
        else:
            pieces.append(char)
    separator = rng.choice(DIGIT_SEPARATORS)
    out = pieces[0]
    for piece in pieces[1:]:
        # Words always need a gap, otherwise "fivesix" reads as one token.
        gap = separator if separator.strip() or (piece.isdigit() and out[-1].isdigit()) else " "
        out += gap + piece
    return out


def _phones(text: str, rng: random.Random) -> str:
    def swap(match: re.Match[str]) -> str:
        digits = sum(ch.isdigit() for ch in match.group())
        return obfuscate_digits(match.group(), rng) if digits >= 7 else match.group()

    return PHONE_RE.sub(swap, text)


def _emails(text: str, rng: random.Random) -> str:
    at = rng.choice((" at ", " (at) ", "[at]", " @ ", " AT "))
    dot = rng.choice((" dot ", " (dot) ", "[dot]", " DOT "))

    def swap(match: re.Match[str]) -> str:
        parts = [part for part in match.groups()[1:] if part]
        return match.group(1) + at + dot.join(parts)

    return EMAIL_RE.sub(swap, text)


def _words(
    text: str, rng: random.Random, table: dict[str, tuple[str, ...]] | dict[str, str], rate: float
) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group()
        if rng.random() >= rate:
            return word
        chars = list(word)
        candidates = [i for i, ch in enumerate(chars) if ch in table]
        if not candidates:
            return word
        for i in rng.sample(candidates, k=min(len(candidates), rng.randint(1, 2))):
            replacement = table[chars[i]]
            chars[i] = replacement if isinstance(replacement, str) else rng.choice(replacement)
        return "".join(chars)

    return WORD_RE.sub(swap, text)


def _leet(text: str, rng: random.Random) -> str:
    return _words(text, rng, LEET, rate=0.3)


def _homoglyphs(text: str, rng: random.Random) -> str:
    return _words(text, rng, HOMOGLYPHS, rate=0.35)


def _emoji(text: str, rng: random.Random) -> str:
    tokens = text.split(" ")
    for _ in range(rng.randint(1, 4)):
        position = rng.randrange(len(tokens) + 1)
        tokens.insert(position, rng.choice(FILLER_EMOJI) * rng.choice((1, 1, 2, 3)))
    return " ".join(tokens)


def _spacing(text: str, rng: random.Random) -> str:
    """Letter-spaced words ("n e w", "g.i.r.l.s") on a few words."""

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        if rng.random() >= 0.12 or len(word) > 8:
            return word
        return rng.choice((" ", ".", "*")).join(word)

    return WORD_RE.sub(swap, text)


TRANSFORMS = (_leet, _homoglyphs, _emoji, _spacing)


def obfuscate(text: str, rng: random.Random) -> str:
    """Return an obfuscated variant of ``text``; seeded by ``rng`` and deterministic for it.

    Contact details (phones, emails) are always disguised when present; on top, one to three of
    leetspeak, homoglyphs, emoji insertion and letter spacing are applied to the words.
    """
    out = _emails(_phones(text, rng), rng)
    for transform in rng.sample(TRANSFORMS, k=rng.randint(1, 3)):
        out = transform(out, rng)
    if out == text:  # nothing matched (very short text): at least decorate it
        out = _emoji(text, rng)
    return out
