"""Run the indicator catalog over one posting and report evidence spans in the ORIGINAL text.

A match does not count when
- a negation governs it: a negation word a few words before it in the same clause ("no placement
  fee", "nous ne gardons jamais vos papiers"), between its words ("passports are never kept", "паспорт
  не забираем") or a denial right after it ("placement fee: none");
- its clause has one of the detector's ``unless`` terms ("completion bonus paid at the end of the season");
- it sits inside a quoted phrase of an awareness or news text ('employer will hold your passport').
A text that reads as awareness or news (two or more distinct cues) keeps its hits as evidence, but none
of them counts as high severity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from classifier.indicators.catalog import (
    ADULT,
    CONTEXT_NAMES,
    DERIVED,
    EMOJI_CODES,
    ETHNICITY_KEY,
    INDICATORS,
    INDICATORS_BY_ID,
    MITIGATOR_NAMES,
    CompiledCatalog,
    IndicatorSpec,
    compiled_catalog,
)
from classifier.indicators.lexicon import Compiled, scripts_in
from classifier.indicators.negation import negation_scope
from classifier.normalize import NormalizedText
from classifier.results import Entity, EntityKind, IndicatorHit, Severity, Span

MAX_SPANS = 8
UNLESS_CHARS = 48  # how far around a match its clause is searched for ``unless`` terms
AWARENESS_CUES = 2  # distinct awareness / news cues that make a text read as one
AWARENESS_NOTE = " Read as an awareness or news text here, so not counted as high severity."
# A quoted phrase: awareness posts and news quote ad wording ('no LE', "new girls weekly") to warn of it.
_QUOTED_RE = re.compile(r"""(?:^|(?<=[\s(:,]))['"“‘«]([^'"”’»\n]{1,80})['"”’»](?=[\s.,;:!?)]|$)""")


@dataclass(frozen=True, slots=True)
class Detection:
    """What the indicator layer found in one posting."""

    indicators: tuple[IndicatorHit, ...]
    contexts: frozenset[str]
    mitigators: dict[str, int]
    reads_as_awareness: bool


def _excluded(unless: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
    if unless is None:
        return False
    scope = negation_scope()
    left = scope.clause_start(text, start, UNLESS_CHARS)
    right = scope.clause_stop(text, end, UNLESS_CHARS)
    return unless.search(text, left, right) is not None


def _span(normalized: NormalizedText, start: int, end: int) -> Span | None:
    # Patterns may include surrounding blanks; evidence should not.
    text = normalized.text
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    if start >= end:
        return None
    first, last = normalized.original_span(start, end)
    return Span(first, last, normalized.original[first:last])


def _merge(spans: Sequence[Span], original: str) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            end = max(last.end, span.end)
            merged[-1] = Span(last.start, end, original[last.start : end])
        else:
            merged.append(span)
    return tuple(merged[:MAX_SPANS])


@dataclass(slots=True)
class _Posting:
    """One posting being read: its text, where each detector may match, and its quoted phrases."""

    normalized: NormalizedText
    catalog: CompiledCatalog
    starts: dict[str, list[int]]  # index key -> word starts
    scripts: frozenset[str]
    languages: frozenset[str]  # whose negation words count
    quoted: list[tuple[int, int]]

    @classmethod
    def read(cls, normalized: NormalizedText) -> _Posting:
        catalog = compiled_catalog()
        text = normalized.text
        languages = negation_scope().languages_in(text)
        return cls(normalized, catalog, catalog.index.starts(text), scripts_in(text), languages, [])

    def raw_matches(self, compiled: Compiled | None) -> Iterator[re.Match[str]]:
        if compiled is None:
            return iter(())
        return compiled.finditer(self.normalized.text, self.starts, self.scripts)

    def matches(self, key: str, section: str, *, denied_after: bool = False) -> Iterator[re.Match[str]]:
        """Matches of one detector that count (negation, ``unless`` and quotation applied)."""
        matcher = self.catalog.matcher(key, section)
        text = self.normalized.text
        for compiled, checked in ((matcher.checked, True), (matcher.negative, False)):
            for match in self.raw_matches(compiled):
                start, end = match.span()
                if any(q_start <= start and end <= q_end for q_start, q_end in self.quoted):
                    continue  # a warning quoting the phrase, not an ad using it
                if checked and negation_scope().negated(match, self.languages, denied_after=denied_after):
                    continue
                if _excluded(matcher.unless, text, start, end):
                    continue
                yield match


def _found(posting: _Posting, name: str, section: str) -> Iterator[re.Match[str]]:
    """Plain matches of a context or mitigator (no negation: "no fees" is itself a mitigating signal)."""
    matcher = posting.catalog.matcher(name, section)
    yield from posting.raw_matches(matcher.checked)


def _contexts(posting: _Posting) -> set[str]:
    return {name for name in CONTEXT_NAMES if next(_found(posting, name, "contexts"), None) is not None}


def _mitigators(posting: _Posting) -> dict[str, list[str]]:
    return {
        name: [match.group() for match in _found(posting, name, "mitigators")] for name in MITIGATOR_NAMES
    }


def _lexicon_spans(spec: IndicatorSpec, posting: _Posting, licensed: bool) -> list[Span]:
    """Evidence from a detector's wording; cue-class detectors need one strong or several classes."""
    by_class: dict[str, list[Span]] = {}
    for key in spec.lexicon_keys():
        found = [
            span
            for match in posting.matches(key, "indicators", denied_after=spec.denied_after)
            if (span := _span(posting.normalized, *match.span())) is not None
        ]
        if found:
            by_class[key.rpartition("/")[2]] = found
    if not spec.cue_classes:
        return [span for found in by_class.values() for span in found]
    strong = "strong" in by_class
    # A licensed therapist may well be open late and take cash; only strong cues count there.
    if strong or (len(by_class) >= spec.min_classes and not licensed):
        return [span for found in by_class.values() for span in found]
    return []


def _ethnicity_menu(spans: Sequence[Span]) -> list[Span]:
    """Two or more different ethnicities offered in one adult ad."""
    distinct = {span.text.lower()[:4] for span in spans}
    return list(spans) if len(distinct) >= 2 else []


def _usable(spec: IndicatorSpec, found_contexts: set[str]) -> bool:
    if spec.context and not found_contexts.intersection(spec.context):
        return False
    return spec.requires is None or spec.requires in found_contexts


def detect(normalized: NormalizedText, entities: Sequence[Entity]) -> Detection:
    """Every indicator that fires on the posting, in catalog order, with merged evidence spans."""
    posting = _Posting.read(normalized)
    text = normalized.text
    found_contexts = _contexts(posting)
    found_mitigators = _mitigators(posting)
    awareness = len({cue.strip() for cue in found_mitigators["awareness_or_news"]}) >= AWARENESS_CUES
    if found_mitigators["awareness_or_news"]:
        posting.quoted = [match.span() for match in _QUOTED_RE.finditer(text)]
    licensed = bool(found_mitigators["licensed_professional"])
    spans: dict[str, list[Span]] = {spec.id: [] for spec in INDICATORS}
    # Detectors that open the adult context run first; the rest see the context they opened.
    for spec in sorted(INDICATORS, key=lambda spec: not spec.opens_adult):
        if spec.id in DERIVED or not _usable(spec, found_contexts):
            continue
        spans[spec.id] = _lexicon_spans(spec, posting, licensed)
        if spec.opens_adult and spans[spec.id]:
            found_contexts.add(ADULT)

    adult = ADULT in found_contexts
    if adult:
        ethnicity = spans[ETHNICITY_KEY] or _lexicon_spans(INDICATORS_BY_ID[ETHNICITY_KEY], posting, licensed)
        spans["sex.ethnicity_menu"] = _ethnicity_menu(ethnicity)
    for indicator_id, codes in EMOJI_CODES.items():
        if _usable(INDICATORS_BY_ID[indicator_id], found_contexts):
            spans[indicator_id].extend(
                Span(mark.start, mark.end, normalized.original[mark.start : mark.end])
                for mark in normalized.emoji
                if mark.code in codes
            )
    sexual_context = adult or bool(spans["minor.youth_language"])
    for entity in entities:
        if entity.kind is EntityKind.AGE and int(entity.value) < 18 and sexual_context:
            spans["minor.stated_age_under_18"].append(Span(entity.start, entity.end, entity.text))
        if entity.obfuscated and entity.kind in (EntityKind.PHONE, EntityKind.EMAIL):
            spans["general.obfuscated_contact"].append(Span(entity.start, entity.end, entity.text))

    hits = []
    for spec in INDICATORS:
        merged = _merge(spans[spec.id], normalized.original)
        if not merged:
            continue
        severity, explanation = spec.severity, spec.explanation
        if awareness and severity is Severity.HIGH:
            severity, explanation = Severity.MEDIUM, explanation + AWARENESS_NOTE
        hits.append(IndicatorHit(spec.id, spec.name, spec.group, severity, explanation, merged))
    counts = {name: len(found) for name, found in found_mitigators.items()}
    return Detection(tuple(hits), frozenset(found_contexts), counts, awareness)


def detect_indicators(normalized: NormalizedText, entities: Sequence[Entity]) -> list[IndicatorHit]:
    """The indicator hits of :func:`detect`."""
    return list(detect(normalized, entities).indicators)
