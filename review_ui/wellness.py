"""Reviewer wellness: distressing postings hidden until the reviewer chooses to read them, a shift timer and
a gentle break reminder. Both are per-reviewer settings in the sidebar, kept for the session.

Hiding (rather than a CSS blur) keeps the text out of the page entirely until "Reveal": a blur can be
undone by the browser, zoom or a screen reader, and the reviewer asked not to be exposed yet.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from review_ui.navigation import show
from review_ui.timers import elapsed

HIDE_KEY = "wellness-hide"
BREAK_KEY = "wellness-break-minutes"
SHIFT_KEY = "wellness-shift-started"
REMIND_FROM_KEY = "wellness-remind-from"
DEFAULT_BREAK_MINUTES = 90


def _revealed_key(case_id: int) -> str:
    return f"wellness-revealed-{case_id}"


def sensitive_reason(case: dict[str, Any]) -> str | None:
    """Why this case's text is hidden by default: minor cues or the urgent band (None: it is not)."""
    if case.get("minor"):
        return "minor cues"
    if case.get("band") == "urgent":
        return "urgent band"
    return None


def text_hidden(case: dict[str, Any]) -> bool:
    """True while the posting text and evidence of ``case`` stay hidden for this reviewer."""
    if sensitive_reason(case) is None or not st.session_state.get(HIDE_KEY, True):
        return False
    return not st.session_state.get(_revealed_key(int(case["id"])), False)


def _reveal(case_id: int) -> None:
    st.session_state[_revealed_key(case_id)] = True


def reveal_prompt(case: dict[str, Any]) -> None:
    """Stands where the posting would be: says why it is hidden and offers to show it."""
    show(
        "info",
        f"Text and quoted evidence hidden ({sensitive_reason(case)}). The scores, indicators and decision "
        "panel are shown; reveal the text when you are ready to read it.",
    )
    case_id = int(case["id"])
    st.button("Reveal text and evidence", key=f"reveal-{case_id}", on_click=_reveal, args=(case_id,))


def _snooze() -> None:
    st.session_state[REMIND_FROM_KEY] = time.time()


def shift_minutes(now: float | None = None) -> int:
    started = float(st.session_state.setdefault(SHIFT_KEY, time.time()))
    return int(((now or time.time()) - started) // 60)


def sidebar() -> None:
    """The wellness settings, the shift timer and, when it is due, the break reminder."""
    st.checkbox(
        "Hide minor-cue and urgent postings until I reveal them",
        value=True,
        key=HIDE_KEY,
        help="For this session. The text and quoted evidence stay hidden until you click Reveal.",
    )
    st.number_input(
        "Break reminder after (minutes)",
        min_value=0,
        max_value=600,
        value=DEFAULT_BREAK_MINUTES,
        step=15,
        key=BREAK_KEY,
        help="0: no reminder.",
    )
    minutes = shift_minutes()
    every = int(st.session_state.get(BREAK_KEY) or 0)
    remind_from = float(st.session_state.setdefault(REMIND_FROM_KEY, st.session_state[SHIFT_KEY]))
    # Live in the browser (a figure drawn at the last rerun would be stale while the reviewer reads): it
    # ticks between reruns and says when a break is due.
    elapsed(
        "shift-clock",
        datetime.fromtimestamp(float(st.session_state[SHIFT_KEY]), UTC),
        text="On shift for {time}",
        after="On shift for {time}: time for a break",
        after_seconds=int(remind_from - float(st.session_state[SHIFT_KEY])) + every * 60 if every else 0,
    )
    if every and time.time() - remind_from >= every * 60:
        show(
            "info", f"You have been reviewing for {minutes} minutes. A short break away from the screen helps"
        )
        st.button("Remind me later", key="wellness-snooze", on_click=_snooze)
