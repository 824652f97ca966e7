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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from classifier.normalize import fold_pattern

# A clause ends at sentence punctuation or a line break; gaps never cross it.
CLAUSE_END = ".;!?\n。！？；؛؟"
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
    negation's scope. ``markers`` are frequent function words: a Latin-script language's negation words
    only count in postings that show its markers. ``indicators``, ``contexts`` and ``mitigators`` map
    catalog names to wording.
    """

    code: str
    name: str
    negation: tuple[str, ...]
    post_negation: tuple[str, ...] = ()
    contrast: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    indicators: Mapping[str, Terms] = field(default_factory=dict)
    contexts: Mapping[str, Terms] = field(default_factory=dict)
    mitigators: Mapping[str, Terms] = field(default_factory=dict)
    spaced: bool = True
    clitics: bool = False  # Arabic: prefixes glued to the word, suffixes after it
    gap_chars: int = 3  # unspaced scripts: characters per "word" of a gap
    script: str | None = None  # a key of SCRIPTS: entries only run on postings in that script

    def gap(self, words: int) -> str:
        """Regex for up to ``words`` words between two terms, within one clause. The gap is a capturing
        group: a negation inside it ("passports are never kept") negates the match."""
        if not self.spaced:
            return rf"([^{re.escape(CLAUSE_END)}]{{0,{words * self.gap_chars}}}?)"
        return rf"({_GAP_WORD}{{0,{words}}}{_GAP_SEP})"

    def prepare(self, pattern: str) -> str:
        """A lexicon entry as regex source: folded, ``~N`` gaps expanded, spaces as word separators."""
        pattern = _simplify_classes(fold_pattern(pattern))
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
            firsts = factor(self.word(term, clitics=clitics) for term in rule.first)
            seconds = factor(self.word(term, clitics=clitics) for term in rule.second)
            found.append(f"(?:{firsts}){gap}(?:{seconds})")
            if not rule.ordered:
                found.append(f"(?:{seconds}){gap}(?:{firsts})")
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


# ----------------------------------------------------------------------------------- fast matching
PREFIX_CHARS = 3  # leading characters of a literal-led entry used to find where it may start
SCRIPTS: dict[str, re.Pattern[str]] = {
    "thai": re.compile(r"[\u0e00-\u0e7f]"),
    "cjk": re.compile(r"[\u3400-\u9fff\uf900-\ufaff]"),
    "arabic": re.compile(r"[\u0600-\u06ff]"),
}
_WORD_START_RE = re.compile(r"(?<!\w)\w")
_LITERAL_PIECE_RE = re.compile(r"(?:[^\\.^$*+?{}\[\]|()]|\[ \\-\])+")


def scripts_in(text: str) -> frozenset[str]:
    """The scripts written without word boundaries or with clitics that ``text`` contains."""
    if text.isascii():
        return frozenset()
    return frozenset(name for name, regex in SCRIPTS.items() if regex.search(text))


def _top_level_group(source: str) -> int:
    """End index of a leading ``(?:...)`` group, or -1."""
    if not source.startswith("(?:"):
        return -1
    depth = 0
    in_class = escaped = False
    for index, char in enumerate(source):
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
            if depth == 0:
                return index
    return -1


def _split_top_level(body: str) -> list[str]:
    """``a|(?:b|c)|d`` → ``["a", "(?:b|c)", "d"]``."""
    pieces: list[str] = []
    depth = 0
    in_class = escaped = False
    current: list[str] = []
    for char in body:
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
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces


MAX_KEYS = 400


def _keys(alternative: str) -> set[str] | None:
    """The index keys a branch may start with (leading groups are looked into, ``(?:we|they) keep`` →
    ``we``, ``the``), or ``None`` when some way of matching it cannot be keyed and it must be scanned."""
    key = _prefix_key(alternative)
    if key is not None:
        return {key}
    end = _top_level_group(alternative)
    if end < 0:
        return None
    quantifier = alternative[end + 1 : end + 2]
    if quantifier in ("*", "+", "{"):
        return None
    rest = alternative[end + 2 :] if quantifier == "?" else alternative[end + 1 :]
    if quantifier == "?" and rest.startswith("?"):
        return None  # a lazy quantifier
    heads = _split_top_level(alternative[3:end])
    if quantifier == "?":
        heads.append("")
    found: set[str] = set()
    for head in heads:
        # Only the start matters: a long tail is cut to keep this cheap.
        keys = _keys(head + rest[: 2 * PREFIX_CHARS + 60] if head else rest)
        if keys is None or len(found) > MAX_KEYS:
            return None
        found |= keys
    return found


_SAME_CHAR_CLASS_RE = re.compile(r"\[([^\]\\^\-]{2,8})\]")


def _simplify_classes(source: str) -> str:
    """``[eé]`` folds to ``[ee]``: write it as ``e`` again (keeps entries literal-led)."""
    return _SAME_CHAR_CLASS_RE.sub(lambda match: match[1][0] if len(set(match[1])) == 1 else match[0], source)


def _prefix_key(alternative: str) -> str | None:
    """The index key of a branch: its first literal characters, ``\\d`` when it starts with a digit
    class, ``None`` when it must be scanned."""
    prefix = _literal_prefix(alternative)
    if prefix[:1].isalnum():
        return prefix[:PREFIX_CHARS]
    if alternative.startswith("\\d"):
        return DIGIT_KEY
    return None


DIGIT_KEY = "\\d"


class Compiled:
    """A detector's entries prepared for speed.

    Literal-led entries of space-separated languages (``anchored``) are tried only where a word starts
    with one of their ``prefixes``; other spaced entries are ``scanned`` over the whole text; Thai,
    Chinese and Arabic entries run only when the posting contains that script. Regexes are compiled on
    first use, so a run that never meets a context never pays for its lexicon.
    """

    __slots__ = ("_patterns", "_sources", "prefixes")

    def __init__(
        self, prefixes: frozenset[str], anchored: str, scanned: str, by_script: dict[str, str]
    ) -> None:
        self.prefixes = prefixes
        self._sources: tuple[str, str, tuple[tuple[str, str], ...]] | None
        self._sources = (anchored, scanned, tuple(by_script.items()))
        self._patterns: tuple[
            re.Pattern[str] | None, re.Pattern[str] | None, tuple[tuple[str, re.Pattern[str]], ...]
        ]
        self._patterns = (None, None, ())

    def _compiled(
        self,
    ) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, tuple[tuple[str, re.Pattern[str]], ...]]:
        sources = self._sources  # read once: another thread may be compiling the same unit
        if sources is not None:
            anchored, scanned, by_script = sources
            self._patterns = (
                re.compile(anchored) if anchored else None,
                re.compile(scanned) if scanned else None,
                tuple((script, re.compile(pattern)) for script, pattern in by_script),
            )
            self._sources = None
        return self._patterns

    def finditer(
        self, text: str, starts: Mapping[str, list[int]], scripts: frozenset[str]
    ) -> Iterator[re.Match[str]]:
        """Matches at candidate word starts (from :meth:`PrefixIndex.starts`) and by scanning; matches
        may overlap (callers merge evidence spans)."""
        present = [starts[key] for key in self.prefixes.intersection(starts)]
        sources = self._sources
        if not present and sources is not None and not sources[1] and not scripts:
            return  # nothing can match: do not even compile
        anchored, scanned, by_script = self._compiled()
        if anchored is not None and present:
            positions = present[0] if len(present) == 1 else sorted({p for found in present for p in found})
            for position in positions:
                match = anchored.match(text, position)
                if match is not None:
                    yield match
        if scanned is not None:
            yield from scanned.finditer(text)
        for script, regex in by_script:
            if script in scripts:
                yield from regex.finditer(text)


def compile_entries(entries: Iterable[tuple[Language, Terms]], *, negative: bool = False) -> Compiled | None:
    """Prepare every language's ``entries`` (their ``negative`` phrases, or everything else)."""
    anchored: list[str] = []
    prefixes: set[str] = set()
    scanned: list[str] = []
    by_script: dict[str, list[str]] = {}
    for language, wording in entries:
        found = language.alternatives(wording, negative=negative)
        if language.script is not None:
            by_script.setdefault(language.script, []).extend(found)
            continue
        for alternative in found:
            keys = _keys(alternative)
            if keys is None:
                scanned.append(alternative)
            else:
                anchored.append(alternative)
                prefixes |= keys
    if not (anchored or scanned or by_script):
        return None
    return Compiled(
        frozenset(prefixes),
        rf"(?:{factor(anchored)})(?!\w)" if anchored else "",
        rf"(?<!\w)(?:{factor(scanned)})(?!\w)" if scanned else "",
        {
            script: ("(?<!\\w)" if script == "arabic" else "") + f"(?:{factor(alternatives)})"
            for script, alternatives in by_script.items()
        },
    )


class PrefixIndex:
    """Where in a posting each compiled unit may match: word starts that begin with one of its keys."""

    CACHE_SIZE = 100_000

    def __init__(self, compiled: Iterable[Compiled]) -> None:
        self._keys = frozenset(key for unit in compiled for key in unit.prefixes)
        self._lengths = sorted({len(key) for key in self._keys if key != DIGIT_KEY})
        # The keys a word's first characters start with, by those characters (a small, hot set).
        self._by_head: dict[str, tuple[str, ...]] = {}

    def _keys_of(self, head: str) -> tuple[str, ...]:
        found = [head[:length] for length in self._lengths if head[:length] in self._keys]
        if head[:1].isdigit():
            found.append(DIGIT_KEY)
        if len(self._by_head) >= self.CACHE_SIZE:
            self._by_head.clear()
        self._by_head[head] = keys = tuple(found)
        return keys

    def starts(self, text: str) -> dict[str, list[int]]:
        """For each index key found in ``text``, the word starts where it occurs."""
        found: dict[str, list[int]] = {}
        by_head = self._by_head
        width = PREFIX_CHARS
        for match in _WORD_START_RE.finditer(text):
            position = match.start()
            head = text[position : position + width]
            keys = by_head.get(head)
            if keys is None:
                keys = self._keys_of(head)
            for key in keys:
                found.setdefault(key, []).append(position)
        return found
