"""Evaluation-only obfuscations: transformations the training augmenter never applies.

Robustness measured with the training augmenter's own tricks would flatter the model (it saw them).
Each transformation here is written separately from :mod:`classifier.training.corpus.augment`, with
its own emoji set and its own rules, and is only ever used to build the robustness table.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

# None of these is in the augmenter's FILLER_EMOJI.
SEPARATOR_EMOJI = ("🦋", "🌸", "💎", "🎀", "🌙", "🍓", "💫", "🌺", "🥂", "🎶")
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060")
_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
)


def emoji_separators(text: str, rng: random.Random) -> str:
    """Every run of spaces becomes an emoji (a common way around word-based filters)."""
    return re.sub(r" +", lambda _: rng.choice(SEPARATOR_EMOJI), text)


def all_caps(text: str, rng: random.Random) -> str:
    return text.upper()


def zero_width(text: str, rng: random.Random) -> str:
    """A zero-width character inside every word of four letters or more (and inside digit runs)."""

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        cut = rng.randint(1, len(word) - 1)
        return word[:cut] + rng.choice(ZERO_WIDTH) + word[cut:]

    return re.sub(r"\w{4,}", split, text)


def spelled_numbers(text: str, rng: random.Random) -> str:
    """Every digit spelled as an English word, separated by spaces ("555" → "five five five")."""
    return re.sub(r"\d", lambda match: f" {_NUMBER_WORDS[int(match.group(0))]} ", text).replace("  ", " ")


TRANSFORMS: dict[str, Callable[[str, random.Random], str]] = {
    "emoji_separators": emoji_separators,
    "all_caps": all_caps,
    "zero_width": zero_width,
    "spelled_numbers": spelled_numbers,
}


def transformed(texts: list[str], name: str, *, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [TRANSFORMS[name](text, rng) for text in texts]
