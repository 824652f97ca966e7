"""The lexicon compiler: factoring and the prefix index never change what a lexicon matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.indicators.lexicon import (
    Language,
    Near,
    PrefixIndex,
    compile_entries,
    factor,
    scripts_in,
    source,
    terms,
)

WORDS = [
    "pass",
    "passport",
    "passports",
    "kept",
    "keep",
    "held",
    "we",
    "no",
    "never",
    "fee",
    "fees",
    "a",
    "ab",
]
_word = st.sampled_from(WORDS)
_entry = st.builds(
    lambda first, second, optional: f"{first}{'s?' if optional else ''} ~1 {second}" if second else first,
    _word,
    st.one_of(st.none(), _word),
    st.booleans(),
)
EN = Language(code="en", name="English", negation=("no", "never"))


@given(
    st.lists(st.sampled_from([*WORDS, r"pass\w*", r"(?:we|they) keep", r"fees?"]), min_size=1, max_size=8),
    _word,
)
def test_factored_alternation_matches_what_the_plain_one_matches(alternatives: list[str], word: str) -> None:
    plain = re.compile(f"(?:{'|'.join(alternatives)})$")
    factored = re.compile(f"(?:{factor(alternatives)})$")
    for candidate in (word, word + "s", "we keep", "they keep", ""):
        assert bool(plain.match(candidate)) == bool(factored.match(candidate)), candidate


@settings(max_examples=60)
@given(st.lists(_entry, min_size=1, max_size=5), st.lists(_word, min_size=1, max_size=14))
def test_prefix_index_finds_every_match_a_full_scan_finds(entries: list[str], words: list[str]) -> None:
    wording = terms(*entries, near=[Near(("passports?",), ("kept", "held"), window=2)])
    text = " ".join(words) + " passports are kept"
    compiled = compile_entries([(EN, wording)])
    assert compiled is not None
    index = PrefixIndex([compiled])
    found = {match.span() for match in compiled.finditer(text, index.starts(text), scripts_in(text))}
    full = re.compile(source([(EN, wording)]))
    # Every leftmost match of the full scan starts where the index tried and matched too.
    for match in full.finditer(text):
        assert any(start == match.start() for start, _ in found), (match.group(), text)


def test_spaces_in_entries_also_match_hyphens_and_gaps_stay_in_one_clause() -> None:
    compiled = re.compile(source([(EN, terms("day off", "passports ~2 kept"))]))
    assert compiled.search("no day-off")
    assert compiled.search("passports are all kept")
    assert not compiled.search("passports. they are kept")


def test_unspaced_scripts_need_no_word_boundaries() -> None:
    thai = Language(code="th", name="Thai", negation=("ไม่",), spaced=False, script="thai")
    compiled = compile_entries([(thai, terms("ยึด ~2 พาสปอร์ต"))])
    assert compiled is not None
    text = "นายจ้างยึดพาสปอร์ต"
    assert [m.group() for m in compiled.finditer(text, {}, scripts_in(text))] == ["ยึดพาสปอร์ต"]
    assert list(compiled.finditer("no thai here", {}, scripts_in("no thai here"))) == []
