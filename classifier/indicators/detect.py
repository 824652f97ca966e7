"""Run the indicator catalog over one posting and report evidence spans in the ORIGINAL text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from classifier.indicators.catalog import (
    CONTEXT_PATTERNS,
    EMOJI_CODE_WORDS,
    ETHNICITY_RE,
    INDICATORS,
    INDICATORS_BY_ID,
    MITIGATOR_PATTERNS,
    IndicatorSpec,
)
from classifier.normalize import NormalizedText
from classifier.results import Entity, EntityKind, IndicatorHit, Span

_CONTEXT_RES = {name: re.compile(pattern) for name, pattern in CONTEXT_PATTERNS.items()}
_MITIGATOR_RES = {name: re.compile(pattern) for name, pattern in MITIGATOR_PATTERNS.items()}
MITIGATOR_NAMES: tuple[str, ...] = tuple(MITIGATOR_PATTERNS)
CONTEXT_NAMES: tuple[str, ...] = tuple(CONTEXT_PATTERNS)
MAX_SPANS = 8
# A quoted phrase: awareness posts and news quote ad wording ('no LE', "new girls weekly") to warn of it.
_QUOTED_RE = re.compile(r"""(?:^|(?<=[\s(:,]))['"“‘«]([^'"”’»\n]{1,80})['"”’»](?=[\s.,;:!?)]|$)""")


def contexts(normalized: NormalizedText) -> frozenset[str]:
    """Which posting contexts (``adult``, ``job``) the text shows."""
    return frozenset(name for name, regex in _CONTEXT_RES.items() if regex.search(normalized.text))


def mitigators(normalized: NormalizedText) -> dict[str, int]:
    """Counts of mitigating wording (awareness/news, licensed professional, transparent employer…)."""
    return {name: len(regex.findall(normalized.text)) for name, regex in _MITIGATOR_RES.items()}


def _span(normalized: NormalizedText, start: int, end: int) -> Span | None:
    # Patterns may include surrounding blanks; evidence should not.
    while start < end and normalized.text[start] == " ":
        start += 1
    while end > start and normalized.text[end - 1] == " ":
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


def _hit(spec: IndicatorSpec, spans: Sequence[Span], original: str) -> IndicatorHit | None:
    merged = _merge(spans, original)
    if not merged:
        return None
    return IndicatorHit(spec.id, spec.name, spec.group, spec.severity, spec.explanation, merged)


def _emoji_spans(normalized: NormalizedText, words: Sequence[str]) -> list[Span]:
    spans = []
    for word in words:
        for match in re.finditer(rf"\b{re.escape(word)}\b", normalized.text):
            span = _span(normalized, match.start(), match.end())
            # Only count what the poster wrote as an emoji, not the word itself.
            if span is not None and not span.text.isascii():
                spans.append(span)
    return spans


def detect_indicators(normalized: NormalizedText, entities: Sequence[Entity]) -> list[IndicatorHit]:
    """Every indicator that fires on the posting, in catalog order, with merged evidence spans."""
    found_contexts = contexts(normalized)
    text = normalized.text
    quoted: list[tuple[int, int]] = []
    if _MITIGATOR_RES["awareness_or_news"].search(text):
        quoted = [match.span() for match in _QUOTED_RE.finditer(text)]
    spans: dict[str, list[Span]] = {spec.id: [] for spec in INDICATORS}
    for spec in INDICATORS:
        if spec.context is not None and spec.context not in found_contexts:
            continue
        regex = spec.regex
        if regex is not None:
            requires = spec.requires_regex
            if requires is not None and requires.search(text) is None:
                continue
            for match in regex.finditer(text):
                if any(start <= match.start() and match.end() <= end for start, end in quoted):
                    continue  # a warning quoting the phrase, not an ad using it
                span = _span(normalized, match.start(), match.end())
                if span is not None:
                    spans[spec.id].append(span)
        if spec.id in EMOJI_CODE_WORDS:
            spans[spec.id].extend(_emoji_spans(normalized, EMOJI_CODE_WORDS[spec.id]))

    adult = "adult" in found_contexts
    if adult:
        ethnic = [(m, m.group()) for m in ETHNICITY_RE.finditer(text)]
        if len({word.rstrip("s") for _, word in ethnic}) >= 2:
            spans["sex.ethnicity_menu"] = [
                span for m, _ in ethnic if (span := _span(normalized, m.start(), m.end())) is not None
            ]
    sexual_context = adult or bool(spans["minor.youth_language"])
    for entity in entities:
        if entity.kind is EntityKind.AGE and int(entity.value) < 18 and sexual_context:
            spans["minor.stated_age_under_18"].append(Span(entity.start, entity.end, entity.text))
        if entity.obfuscated and entity.kind in (EntityKind.PHONE, EntityKind.EMAIL):
            spans["general.obfuscated_contact"].append(Span(entity.start, entity.end, entity.text))

    hits = []
    for spec in INDICATORS:
        hit = _hit(spec, spans[spec.id], normalized.original)
        if hit is not None:
            hits.append(hit)
    return hits


def indicator_spec(indicator_id: str) -> IndicatorSpec:
    """The catalog entry for an id (KeyError if unknown)."""
    return INDICATORS_BY_ID[indicator_id]
