"""Which language a posting is in, and whether Vigil's indicator lexicons cover it.

Identification uses py3langid (langid.py's model ships inside the wheel: no download at run time,
~0.1 ms a posting). The answer feeds two things a reviewer needs to know: the posting's ``language``
and its ``coverage`` — ``full`` when the explainable indicators have a lexicon for that language,
``limited`` when only the language-agnostic model views (character n-grams, embedding) read it, so an
empty evidence list means less than it does in English.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from classifier.indicators.catalog import LEXICON_LANGUAGES

UNDETERMINED = "und"
# Below this normalized probability the top guess is noise (very short or mixed texts).
MIN_CONFIDENCE = 0.3
# Malay and Indonesian share most of their vocabulary; the Indonesian lexicon reads both.
LEXICON_ALIASES = {"ms": "id"}

_lock = threading.Lock()


class Coverage(StrEnum):
    FULL = "full"
    LIMITED = "limited"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str
    confidence: float
    coverage: Coverage


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def coverage_of(language: str) -> Coverage:
    if language == UNDETERMINED:
        return Coverage.UNKNOWN
    return Coverage.FULL if LEXICON_ALIASES.get(language, language) in LEXICON_LANGUAGES else Coverage.LIMITED


def identify(text: str) -> LanguageGuess:
    """The posting's language (ISO 639-1, or ``und``) with the identifier's confidence and coverage."""
    if not any(char.isalpha() for char in text):
        return LanguageGuess(UNDETERMINED, 0.0, Coverage.UNKNOWN)
    identifier = _identifier()
    with _lock:  # the identifier keeps per-call scratch state
        language, confidence = identifier.classify(text)
    language = str(language) if float(confidence) >= MIN_CONFIDENCE else UNDETERMINED
    return LanguageGuess(language, round(float(confidence), 4), coverage_of(language))
