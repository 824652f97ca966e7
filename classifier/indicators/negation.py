"""Negation scope: does a negation govern an indicator match?

A match is negated by a negation word of a language the posting is written in
- a few words before it, in the same clause (a comma, colon, sentence end or "but" ends the reach):
  "no placement fee", "nunca retenemos su pasaporte", "nous ne gardons jamais vos papiers";
- inside one of its gaps (the words between the terms of a proximity rule): "passports are never
  kept", "паспорт не забираем", "公司不扣押护照";
- right after it, for detectors that opt in: "placement fee: none", "fees waived".

Negation words are only read in the languages the posting shows (by their most frequent function
words): Portuguese "no" means "in the", Romanian "ne" means "us", Polish "tak" means "yes".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from classifier.indicators.languages import LANGUAGES
from classifier.indicators.lexicon import CLAUSE_END, Language, Terms, source

NEGATION_WORDS = 4  # how far back a negation word reaches, in words
UNSPACED_NEGATION_CHARS = 8  # the same for Thai and Chinese, in characters
PRESENCE_SHARE = 0.3  # a language counts when it has this share of the leading language's markers
MIN_MARKERS = 2  # fewer marker words than this in every language: the posting is too short to tell

_TOKEN_RE = re.compile(r"\w+")
_MARKER_RE = re.compile(r"[a-z']+")
_UNSPACED_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff]")


class NegationScope:
    """Compiled negation cues and clause boundaries of every lexicon language."""

    def __init__(self, languages: Sequence[Language]) -> None:
        self._languages = tuple(languages)
        self._markers: dict[str, list[str]] = {}
        for language in languages:
            for marker in language.markers:
                self._markers.setdefault(marker, []).append(language.code)
        self._gated = frozenset(language.code for language in languages if language.markers)
        contrast = [
            (language, Terms(phrases=language.contrast)) for language in languages if language.contrast
        ]
        contrast_source = source(contrast, clitics=False)
        clause = "[" + re.escape(CLAUSE_END) + "]" + (f"|{contrast_source}" if contrast_source else "")
        self.clause_end = re.compile(clause)
        self.reach_end = re.compile(f"[,，、:،]|{clause}")
        self._cues: dict[frozenset[str], tuple[re.Pattern[str], re.Pattern[str]]] = {}

    def languages_in(self, text: str) -> frozenset[str]:
        """Codes of the languages whose negation words count in ``text`` (all when it shows none)."""
        counts: dict[str, int] = {}
        for token in _MARKER_RE.findall(text):
            for code in self._markers.get(token, ()):
                counts[code] = counts.get(code, 0) + 1
        ungated = frozenset(language.code for language in self._languages) - self._gated
        top = max(counts.values(), default=0)
        if top < MIN_MARKERS:
            return ungated | self._gated  # too short to tell: every language's negations count
        floor = max(MIN_MARKERS, PRESENCE_SHARE * top)
        return ungated | {code for code, count in counts.items() if count >= floor}

    def _compiled(self, codes: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
        cues = self._cues.get(codes)
        if cues is None:
            chosen = [language for language in self._languages if language.code in codes]
            negation = source(
                [(language, Terms(phrases=language.negation)) for language in chosen], clitics=False
            )
            post = source(
                [
                    (language, Terms(phrases=language.post_negation))
                    for language in chosen
                    if language.post_negation
                ],
                clitics=False,
            )
            cues = (re.compile(negation or "(?!)"), re.compile(r"[\s:=\-]{0,3}(?:" + (post or "(?!)") + ")"))
            self._cues[codes] = cues
        return cues

    def clause_start(
        self, text: str, start: int, reach: int, *, boundary: re.Pattern[str] | None = None
    ) -> int:
        """Where the clause holding ``start`` begins, looking back at most ``reach`` characters."""
        floor = max(0, start - reach)
        cut = floor
        for match in (boundary or self.clause_end).finditer(text, floor, start):
            cut = match.end()
        return cut

    def clause_stop(self, text: str, end: int, reach: int) -> int:
        """Where the clause holding ``end`` ends, looking ahead at most ``reach`` characters."""
        match = self.clause_end.search(text, end, min(len(text), end + reach))
        return match.start() if match else min(len(text), end + reach)

    def negated(self, match: re.Match[str], codes: frozenset[str], *, denied_after: bool = False) -> bool:
        """Whether a negation governs ``match`` (see the module docstring)."""
        text = match.string
        start, end = match.span()
        negation, post = self._compiled(codes)
        left = text[self.clause_start(text, start, 80, boundary=self.reach_end) : start]
        tokens = [token.start() for token in _TOKEN_RE.finditer(left)]
        if len(tokens) > NEGATION_WORDS:
            left = left[tokens[-NEGATION_WORDS] :]
        if _UNSPACED_RE.search(left):
            left = left[-UNSPACED_NEGATION_CHARS:]
        if negation.search(left):
            return True
        # Only the gaps between a rule's terms: the terms themselves may contain "no" ("no final da").
        for gap_start, gap_end in match.regs[1:]:
            if gap_start >= 0 and negation.search(text, gap_start, gap_end):
                return True
        return denied_after and post.match(text, end) is not None


@cache
def negation_scope() -> NegationScope:
    """The scope for every lexicon language (compiled once)."""
    return NegationScope(LANGUAGES)
