"""Evidence highlighting must keep posting text inert whatever it contains."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from review_ui.highlight import (
    CONTROLS,
    Highlight,
    escape_markdown,
    evidence_highlights,
    hidden_controls,
    highlight_html,
    visible_controls,
)

TAG = re.compile(r"<(/?)(mark|div|span)\b[^>]*>")


def visible_text(rendered: str) -> str:
    """What a browser shows: our tags removed, entities decoded."""
    return html.unescape(TAG.sub("", rendered))


def test_hostile_markup_is_escaped_and_evidence_marked() -> None:
    text = '<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** call 713-555-0177 "now"'
    start = text.index("713")
    rendered = highlight_html(text, [Highlight(start, start + 12, 'phone: "+1713"<b>', "entity")])
    assert "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;" in rendered and "**bold**" in rendered
    assert '<mark class="entity" title="phone: &quot;+1713&quot;&lt;b&gt;">713-555-0177</mark>' in rendered
    assert visible_text(rendered) == text
    # the only tags left are ours
    assert {match[1] for match in TAG.findall(rendered)} == {"div", "mark"}
    assert len(re.findall(r"<[a-z]", rendered)) == 2


def test_overlapping_spans_merge_and_take_the_highest_severity() -> None:
    text = "daddy handles all booking tonight"
    rendered = highlight_html(
        text,
        [Highlight(0, 25, "third-party control (high)", "high"), Highlight(6, 13, "phone", "entity")],
    )
    assert (
        rendered.count("<mark") == 3 and 'class="sev-high"' in rendered and 'class="entity"' not in rendered
    )
    assert "third-party control (high); phone" in rendered
    assert visible_text(rendered) == text


def test_spans_outside_the_text_are_ignored() -> None:
    rendered = highlight_html("short", [Highlight(3, 99, "stale", "high"), Highlight(-2, 1, "bad", "low")])
    assert "<mark" not in rendered and visible_text(rendered) == "short"


def test_highlights_come_from_indicator_spans_and_entities() -> None:
    score = {
        "indicators": [
            {
                "name": "Third-party control",
                "severity": "high",
                "spans": [{"start": 0, "end": 5, "text": "daddy"}],
            }
        ],
        "entities": [{"kind": "phone", "value": "+17135550177", "start": 10, "end": 22}],
    }
    assert evidence_highlights(score) == [
        Highlight(0, 5, "Third-party control (high)", "high"),
        Highlight(10, 22, "phone: +17135550177", "entity"),
    ]


@given(
    text=st.text(max_size=200),
    spans=st.lists(
        st.tuples(st.integers(-5, 210), st.integers(-5, 210), st.sampled_from(["high", "low", "entity"]))
    ),
)
def test_any_text_round_trips_and_never_carries_its_own_tags(text: str, spans: list) -> None:
    rendered = highlight_html(text, [Highlight(a, b, "why", kind) for a, b, kind in spans])
    assert visible_text(rendered) == text
    assert all(name in {"div", "mark", "span"} for name in re.findall(r"<([A-Za-z][\w-]*)", rendered))


def test_escape_markdown_neutralises_links_and_emphasis() -> None:
    assert escape_markdown("**x** [a](http://b)") == r"\*\*x\*\* \[a\]\(http\:\/\/b\)".replace(r"\/", "/")


CONTROL_MARKER = re.compile(r'<span class="vigil-ctl" data-cp="([0-9a-f]{4})" title="[^"]*">⟨[A-Z]+⟩</span>')


def original_text(rendered: str) -> str:
    """The text the poster wrote, read back from the markers: each marker names its character."""
    return visible_text(CONTROL_MARKER.sub(lambda match: chr(int(match[1], 16)), rendered))


def test_bidi_override_shows_as_a_marker_and_does_not_reorder() -> None:
    text = "call me \u202e5550177-317\u202c now, no\u200bLE"
    start = text.rindex("no")
    rendered = highlight_html(text, [Highlight(start, len(text), "law-enforcement evasion", "high")])
    assert "\u202e" not in rendered and "\u200b" not in rendered and "\u202c" not in rendered
    assert '<span class="vigil-ctl" data-cp="202e" title="U+202E right-to-left override' in rendered
    assert "⟨RLO⟩5550177-317⟨PDF⟩" in visible_text(rendered)
    assert (
        '<mark class="sev-high" title="law-enforcement evasion">no<span class="vigil-ctl" data-cp="200b"'
        in (rendered)
    )
    assert original_text(rendered) == text
    assert hidden_controls(text) == {"RLO": 1, "PDF": 1, "ZWSP": 1}
    assert visible_controls(text) == "call me ⟨RLO⟩5550177-317⟨PDF⟩ now, no⟨ZWSP⟩LE"


def test_a_joiner_inside_an_emoji_sequence_is_left_alone() -> None:
    family, split = "👨\u200d👩\u200d👧", "no\u200dLE"
    assert hidden_controls(family) == {} and visible_controls(family) == family
    assert hidden_controls(split) == {"ZWJ": 1} and "vigil-ctl" in highlight_html(split, [])


CONTROL_CHARS = st.sampled_from(sorted(CONTROLS))


@given(
    text=st.text(alphabet=st.one_of(st.characters(), CONTROL_CHARS, st.sampled_from("a🌸👩")), max_size=200),
    spans=st.lists(
        st.tuples(st.integers(-5, 210), st.integers(-5, 210), st.sampled_from(["high", "entity"]))
    ),
)
def test_controls_become_markers_and_highlights_keep_their_offsets(text: str, spans: list) -> None:
    highlights = [Highlight(a, b, "why", kind) for a, b, kind in spans]
    rendered = highlight_html(text, highlights)
    assert original_text(rendered) == text
    # No control acts on the displayed text, except a joiner building an emoji.
    left = [char for char in visible_text(CONTROL_MARKER.sub("", rendered)) if char in CONTROLS]
    assert all(char == "\u200d" for char in left)
    assert len(CONTROL_MARKER.findall(rendered)) == sum(hidden_controls(text).values())
    # Each highlight still covers exactly its characters of the original text.
    for start, end, _ in (s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        assert text[start:end] in original_text(rendered)
