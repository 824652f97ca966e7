"""How a language's wording for the detectors is written down and compiled into fast regexes.

A lexicon entry is a regular expression over :func:`classifier.normalize.normalize` output, written in
ordinary spelling (accents and capitals are folded the same way as the posting). Two shorthands keep
entries readable and general:

- ``~N`` between two words: up to N other words in between, inside one clause
  (``"we ~2 keep ~3 passports"`` matches "we will always keep all your passports");
- :class:`Near`: a word of one set within a few words of a word of the other, in either order
  (noun and verb wherever the language or the poster puts them).

Languages written without spaces (Thai, Chinese) get no word boundaries, and their gaps are counted in
characters. Arabic words take their clitic prefixes (و، ف، ب، ل، ك، ال) and any suffix.

Compiled alternations are factored by their leading literal text (a trie), which makes one pass of a
several-hundred-entry lexicon over a posting about four times faster than a flat alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from classifier.normalize import fold_pattern

# A clause ends at sentence punctuation or a line break; gaps never cross it.
CLAUSE_END = ".;!?\n。！？；"
_GAP_WORD = r"(?:[^\w" + re.escape(CLAUSE_END) + r"]+\w+)"
_GAP_SEP = r"[^\w" + re.escape(CLAUSE_END) + r"]+"
_GAP_RE = re.compile(r"\s*~(\d)\s*")
_ARABIC_CLITICS = r"(?:[وفبلك]?(?:ال)?|لل)"


@dataclass(frozen=True, slots=True)
class Near:
    """A word of ``first`` within ``window`` words of a word of ``second``, either order, one clause.

    Terms must not contain a negation word: a negation found between the two terms marks the match
    as negated ("passports are never kept").
    """

    first: tuple[str, ...]
    second: tuple[str, ...]
    window: int = 4
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Terms:
    """One language's wording for one detector.

    ``phrases`` and ``near`` rules are checked for negation ("no placement fee", "we never keep your
    passport"); ``negative`` phrases carry their own negation ("not allowed to leave", "no day off")
    and are never treated as negated; a match with an ``unless`` term in its clause is dropped
    ("completion bonus paid at the end of the season" is not withheld wages).
    """

    phrases: tuple[str, ...] = ()
    near: tuple[Near, ...] = ()
    negative: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


def terms(
    *phrases: str,
    near: Iterable[Near] = (),
    negative: Iterable[str] = (),
    unless: Iterable[str] = (),
) -> Terms:
    """Shorthand for :class:`Terms`."""
    return Terms(tuple(phrases), tuple(near), tuple(negative), tuple(unless))


@dataclass(frozen=True, slots=True)
class Language:
    """Everything Vigil reads in one language.

    ``negation`` words before a match (in its clause, a few words back) deny it; ``post_negation``
    phrases right after it do too ("placement fee: none"); ``contrast`` words ("but") end the
    negation's scope. ``indicators``, ``contexts`` and ``mitigators`` map catalog names to wording.
    """

    code: str
    name: str
    negation: tuple[str, ...]
    post_negation: tuple[str, ...] = ()
    contrast: tuple[str, ...] = ()
    indicators: Mapping[str, Terms] = field(default_factory=dict)
    contexts: Mapping[str, Terms] = field(default_factory=dict)
    mitigators: Mapping[str, Terms] = field(default_factory=dict)
    spaced: bool = True
    clitics: bool = False  # Arabic: prefixes glued to the word, suffixes after it
    gap_chars: int = 3  # unspaced scripts: characters per "word" of a gap

    def gap(self, words: int) -> str:
        """Regex for up to ``words`` words between two terms, within one clause."""
        if not self.spaced:
            return rf"[^{re.escape(CLAUSE_END)}]{{0,{words * self.gap_chars}}}?"
        return rf"{_GAP_WORD}{{0,{words}}}{_GAP_SEP}"

    def prepare(self, pattern: str) -> str:
        """A lexicon entry as regex source: folded, ``~N`` gaps expanded, spaces as word separators."""
        pattern = fold_pattern(pattern)
        if _has_top_level_bar(pattern):
            pattern = f"(?:{pattern})"
        pieces = _GAP_RE.split(pattern)
        out = []
        for index, piece in enumerate(pieces):
            if index % 2:
                out.append(self.gap(int(piece)))
            else:
                out.append(_spaces_as_separators(piece) if self.spaced else piece)
        return "".join(out)

    def word(self, pattern: str, *, clitics: bool = True) -> str:
        """An entry as one word-bounded unit inside a larger expression."""
        prepared = self.prepare(pattern)
        if self.clitics and clitics:
            return rf"{_ARABIC_CLITICS}(?:{prepared})\w*"
        return prepared

    def alternatives(self, entries: Terms, *, negative: bool = False, clitics: bool = True) -> list[str]:
        """The regex alternatives of ``entries`` (its ``negative`` phrases, or everything else)."""
        if negative:
            return [self.word(phrase, clitics=clitics) for phrase in entries.negative]
        found = [self.word(phrase, clitics=clitics) for phrase in entries.phrases]
        for rule in entries.near:
            gap = self.gap(rule.window)
            seconds = factor(self.word(term, clitics=clitics) for term in rule.second)
            found.extend(f"{self.word(term, clitics=clitics)}{gap}(?:{seconds})" for term in rule.first)
            if not rule.ordered:
                firsts = factor(self.word(term, clitics=clitics) for term in rule.first)
                found.extend(f"{self.word(term, clitics=clitics)}{gap}(?:{firsts})" for term in rule.second)
        return found


def _has_top_level_bar(source: str) -> bool:
    depth = 0
    in_class = escaped = False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def _spaces_as_separators(source: str) -> str:
    """A literal space in an entry also matches a hyphen ("day off" = "day-off"), except in ``[...]``."""
    out = []
    in_class = escaped = False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == " " and not in_class:
            out.append(r"[ \-]")
            continue
        out.append(char)
    return "".join(out)


_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def _literal_prefix(alternative: str) -> str:
    """The literal text every match of ``alternative`` starts with."""
    end = 0
    while end < len(alternative) and alternative[end] not in _SPECIAL:
        end += 1
    if end < len(alternative) and alternative[end] in "*+?{" and end > 0:
        end -= 1  # a quantifier makes its own character optional
    return alternative[:end]


def factor(alternatives: Iterable[str]) -> str:
    """One alternation matching what ``a|b|…`` matches, factored by leading literal text (a trie)."""
    items = sorted({(_literal_prefix(alt), alt) for alt in alternatives})
    return _factor([(prefix, alt[len(prefix) :]) for prefix, alt in items])


def _factor(items: list[tuple[str, str]]) -> str:
    groups: dict[str, list[tuple[str, str]]] = {}
    parts: list[str] = []
    optional = False
    for prefix, rest in items:
        if not prefix:
            if rest:
                parts.append(rest)
            else:
                optional = True  # this branch has already matched in full
            continue
        groups.setdefault(prefix[0], []).append((prefix[1:], rest))
    factored = []
    for char, members in sorted(groups.items()):
        if len(members) == 1:
            prefix, rest = members[0]
            factored.append(re.escape(char + prefix) + rest)
        else:
            factored.append(f"{re.escape(char)}(?:{_factor(members)})")
    # Longer literal branches first, bare regex branches after, the empty branch last.
    body = "|".join([*factored, *parts])
    if optional:
        return f"(?:{body})?" if body else ""
    return body


def source(entries: Iterable[tuple[Language, Terms]], *, negative: bool = False, clitics: bool = True) -> str:
    """Regex source over every language's entries, with the right boundaries per script
    (``clitics=False`` reads Arabic as plain words, for short function words such as negations)."""
    spaced: list[str] = []
    clitic: list[str] = []
    unspaced: list[str] = []
    for language, wording in entries:
        found = language.alternatives(wording, negative=negative, clitics=clitics)
        (clitic if language.clitics and clitics else spaced if language.spaced else unspaced).extend(found)
    branches = []
    if spaced:
        branches.append(rf"(?<!\w)(?:{factor(spaced)})(?!\w)")
    if clitic:
        branches.append(rf"(?<!\w)(?:{factor(clitic)})")
    if unspaced:
        branches.append(f"(?:{factor(unspaced)})")
    return "|".join(branches)


def build(entries: Iterable[tuple[Language, Terms]], *, negative: bool = False) -> re.Pattern[str] | None:
    """:func:`source`, compiled (``None`` when no language has such entries)."""
    pattern = source(entries, negative=negative)
    return re.compile(pattern) if pattern else None
