"""extract_entities(): contacts (also disguised), prices and ages with exact original spans."""

from __future__ import annotations

import pytest

from classifier.entities import extract_entities
from classifier.results import EntityKind


def _by_kind(text: str, kind: EntityKind) -> list[tuple[str, str, bool]]:
    found = [e for e in extract_entities(text) if e.kind is kind]
    for entity in found:
        assert text[entity.start : entity.end] == entity.text
    return [(e.text, e.value, e.obfuscated) for e in found]


@pytest.mark.parametrize(
    ("text", "written", "value", "obfuscated"),
    [
        ("Call (713) 555-0142 today", "(713) 555-0142", "+17135550142", False),
        ("text seven one three 555 o1 4 2 now", "seven one three 555 o1 4 2", "+17135550142", True),
        ("WhatsApp: +34 612 34 56 78", "+34 612 34 56 78", "+34612345678", False),
        ("Tel 06 12 34 56 78 Paris", "06 12 34 56 78", "+33612345678", False),
        ("zap (11) 91234-5678", "(11) 91234-5678", "+5511912345678", False),
        ("five 5 5 – o1 2 3", "five 5 5 – o1 2 3", "5550123", True),
    ],
)
def test_phones_plain_and_obfuscated(text: str, written: str, value: str, obfuscated: bool) -> None:
    assert _by_kind(text, EntityKind.PHONE) == [(written, value, obfuscated)]


def test_obfuscated_and_plain_variants_of_one_number_share_a_value() -> None:
    plain = _by_kind("713-555-0142", EntityKind.PHONE)[0][1]
    spelled = _by_kind("7 one 3 . 5 5 5 . zero 1 4 2", EntityKind.PHONE)[0][1]
    assert plain == spelled == "+17135550142"


@pytest.mark.parametrize(
    "text",
    ["2002 2.5L engine, 323i 58,000 miles", "Available 05/05/2017. One bedroom", "near I-580, I-880"],
)
def test_numbers_that_are_not_phones_are_ignored(text: str) -> None:
    assert _by_kind(text, EntityKind.PHONE) == []


def test_emails_plain_and_disguised() -> None:
    found = _by_kind("mail jess.h22 at gmail dot com or Jess@Example.org", EntityKind.EMAIL)
    assert found == [
        ("jess.h22 at gmail dot com", "jess.h22@gmail.com", True),
        ("Jess@Example.org", "jess@example.org", False),
    ]


def test_messenger_handles_carry_platform() -> None:
    found = _by_kind("telegram @sweetvip22, kik: honeyangel9, snap - luna.star", EntityKind.HANDLE)
    assert [value for _, value, _ in found] == [
        "telegram:sweetvip22",
        "kik:honeyangel9",
        "snapchat:luna.star",
    ]


def test_platform_aliases_inside_ordinary_words_are_not_handles() -> None:
    for text in ("Models wanted!! Make $800/day", "line cook needed", "signal boost this", "ig photos"):
        assert _by_kind(text, EntityKind.HANDLE) == [], text
    assert [value for _, value, _ in _by_kind("wa: mia22 / line @lulu", EntityKind.HANDLE)] == [
        "whatsapp:mia22",
        "line:lulu",
    ]


def test_urls_prices_and_ages() -> None:
    assert _by_kind("see www.example.com/jobs.", EntityKind.URL) == [
        ("www.example.com/jobs", "example.com/jobs", False)
    ]
    prices = [value for _, value, _ in _by_kind("150 roses, hh 80, $200/hr", EntityKind.PRICE)]
    assert prices == ["150 roses", "80 hh", "200 $/hr"]
    ages = [value for _, value, _ in _by_kind("I'm 19, tengo 17 años", EntityKind.AGE)]
    assert ages == ["19", "17"]
