"""normalize(): obfuscation folds away, and every normalized span maps back to what was written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from classifier.normalize import normalize


def test_homoglyphs_fullwidth_and_accents_fold_to_plain_lowercase() -> None:
    # Cyrillic "і" and "о", full-width "ＮＥＷ", accented "niña".
    assert normalize("gіrls Ｎ Ｅ Ｗ rоses niña").text == "girls new roses nina"


def test_leetspeak_is_decoded_only_between_letters() -> None:
    text = normalize("s3xy y0ung h0t 18yo $200 @sweet_vip call 713-555-0142 PS3 mp3").text
    assert "sexy young hot" in text
    assert "18yo $200 @sweet_vip" in text  # ages, prices and handles survive
    assert "713-555-0142" in text
    assert "ps3 mp3" in text  # model names keep their digit


def test_emoji_become_separators_and_trade_codes_are_kept_as_marks() -> None:
    norm = normalize("only 150🌹🌹new🔥girls✨every✨week 🍒")
    assert norm.text == "only 150 new girls every week "
    assert [(mark.code, norm.original[mark.start : mark.end]) for mark in norm.emoji] == [
        ("roses", "🌹"),
        ("roses", "🌹"),
        ("cherry", "🍒"),
    ]


def test_words_and_look_alikes_never_become_emoji_marks() -> None:
    # A Cyrillic i, a zero-width space and the plain words: no emoji was written.
    for text in ("sweet gіrl", "che\u200brry pie and candy", "roses and a crown", "ｃｈｅｒｒｙ"):
        assert normalize(text).emoji == ()


def test_zero_width_and_bidi_controls_are_removed() -> None:
    assert (
        normalize("pass\u200bport he\u202eld by the em\u2060ployer").text == "passport held by the employer"
    )


def test_case_never_matters() -> None:
    text = "Passports KEPT by the Employer, NO days off, Niña, ПАСПОРТ"
    assert normalize(text.upper()).text == normalize(text).text == normalize(text.lower()).text


def test_cyrillic_words_stay_cyrillic_and_mixed_words_fold_to_their_script() -> None:
    # A Russian word stays Russian for the ru lexicon; Latin letters slipped into it become Cyrillic,
    # Cyrillic letters slipped into an English word become Latin.
    assert normalize("Паспорт забираем").text == "паспорт забираем"
    assert normalize("пaспoрт").text == "паспорт"  # Latin a and o
    assert normalize("раѕѕроrt held").text == "passport held"  # Cyrillic look-alikes in Latin text


def test_thai_marks_are_letters_and_are_kept() -> None:
    assert normalize("ยึดพาสปอร์ต ไม่มีวันหยุด").text == "ยึดพาสปอร์ต ไม่มีวันหยุด"


def test_a_lone_trade_emoji_maps_to_itself() -> None:
    norm = normalize("🌹")
    assert norm.emoji[0].end == 1 and all(end <= 1 for end in norm.ends)


def test_typographic_apostrophes_fold() -> None:
    assert normalize("don’t").text == "don't"


def test_line_breaks_are_kept_as_clause_ends() -> None:
    assert normalize("Passports\n\n  kept").text == "passports\nkept"


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
