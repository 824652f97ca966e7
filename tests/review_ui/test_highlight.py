"""Evidence highlighting must keep posting text inert whatever it contains."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from review_ui.highlight import Highlight, escape_markdown, evidence_highlights, highlight_html

TAG = re.compile(r"<(/?)(mark|div)\b[^>]*>")


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
    assert all(name in {"div", "mark"} for name in re.findall(r"<([A-Za-z][\w-]*)", rendered))


def test_escape_markdown_neutralises_links_and_emphasis() -> None:
    assert escape_markdown("**x** [a](http://b)") == r"\*\*x\*\* \[a\]\(http\:\/\/b\)".replace(r"\/", "/")
