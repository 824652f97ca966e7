"""normalize(): obfuscation folds away, and every normalized span maps back to what was written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from classifier.normalize import normalize


def test_homoglyphs_fullwidth_and_accents_fold_to_plain_lowercase() -> None:
    # Cyrillic "і" and "о", full-width "ＮＥＷ", accented "niña".
    assert normalize("gіrls Ｎ Ｅ Ｗ rоses niña").text == "girls new roses nina"


def test_leetspeak_is_decoded_only_between_letters() -> None:
    text = normalize("s3xy y0ung h0t 18yo $200 @sweet_vip call 713-555-0142").text
    assert "sexy young hot" in text
    assert "18yo $200 @sweet_vip" in text  # ages, prices and handles survive
    assert "713-555-0142" in text


def test_emoji_become_words_and_map_back_to_the_emoji() -> None:
    norm = normalize("only 150 🌹🌹 🍒")
    assert "roses" in norm.text and "cherry" in norm.text
    start = norm.text.index("cherry")
    assert norm.original_text(start, start + len("cherry")) == "🍒"


def test_spaced_letters_collapse() -> None:
    assert "sexy" in normalize("s e x y girl").text


def test_original_span_rejects_out_of_range() -> None:
    norm = normalize("abc")
    try:
        norm.original_span(2, 9)
    except ValueError as exc:
        assert "outside" in str(exc)
    else:  # pragma: no cover - the assertion documents the contract
        raise AssertionError("expected ValueError")


@given(st.text(max_size=80))
def test_offsets_are_monotonic_and_inside_the_original(text: str) -> None:
    norm = normalize(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for start, end in zip(norm.starts, norm.ends, strict=True):
        assert 0 <= start < end <= len(text)
    assert list(norm.starts) == sorted(norm.starts)
