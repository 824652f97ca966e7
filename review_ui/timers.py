"""Clocks that run in the reviewer's browser: a countdown (lease, undo window) and an elapsed-time clock
(time in queue, time on shift). Streamlit has no timer widget and a rerun per second would redraw the page,
so a few lines of JavaScript update one element's text every second from values passed in as JSON.

The script makes no network call and reads nothing from the page but its own element; only our own strings
and numbers reach it (nothing anyone typed), and ``</`` is escaped so no string can close the script.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime

import streamlit as st

LEASE_WARNING_SECONDS = 60

CLOCK_JS = """(() => {
  const config = __CONFIG__;
  const el = document.getElementById(config.id);
  if (!el) return;
  const shown = (s) => {
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = String(s % 60).padStart(2, '0');
    return h ? h + ':' + String(m).padStart(2, '0') + ':' + sec : m + ':' + sec;
  };
  const tick = () => {
    if (!document.body.contains(el)) { clearInterval(timer); return; }
    let s, kind;
    if (config.mode === 'down') {
      s = Math.max(0, Math.round((config.at - Date.now()) / 1000));
      kind = s <= 0 ? 'ended' : (s <= config.warnAt ? 'warning' : 'running');
    } else {
      s = Math.max(0, Math.round((Date.now() - config.at) / 1000));
      kind = config.warnAt > 0 && s >= config.warnAt ? 'warning' : 'running';
    }
    el.className = 'vigil-clock ' + kind;
    el.textContent = config.texts[kind].replace('{time}', shown(s));
  };
  const timer = setInterval(tick, 1000);
  tick();
})();"""
CLOCK_CSS = """<style>
.vigil-clock { font-size: 0.9rem; padding: 0.1rem 0; }
.vigil-clock.warning { color: #b35c00; font-weight: 600; }
.vigil-clock.ended { color: #c92a2a; font-weight: 600; }
</style>"""


def clock_text(seconds: int) -> str:
    """``m:ss``, or ``h:mm:ss`` from an hour: what the script shows, for the first paint."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _clock(element_id: str, *, mode: str, at: datetime, warn_at: int, texts: dict[str, str], kind: str,
           seconds: int) -> None:  # fmt: skip
    config = {"id": element_id, "mode": mode, "at": int(at.timestamp() * 1000), "warnAt": warn_at,
              "texts": texts}  # fmt: skip
    script = CLOCK_JS.replace("__CONFIG__", json.dumps(config).replace("</", "<\\/"))
    initial = html.escape(texts[kind].replace("{time}", clock_text(seconds)))
    st.html(
        f'{CLOCK_CSS}<div id="{html.escape(element_id)}" class="vigil-clock {kind}">{initial}</div>'
        f"<script>{script}</script>",
        unsafe_allow_javascript=True,
    )


def countdown(element_id: str, until: datetime, *, running: str, warning: str, ended: str) -> None:
    """A line counting down to ``until``; ``{time}`` in the texts becomes the time left. ``warning`` is
    used (and styled) in the last :data:`LEASE_WARNING_SECONDS`, ``ended`` at zero."""
    seconds = max(int((until - datetime.now(UTC)).total_seconds()), 0)
    kind = "ended" if seconds <= 0 else ("warning" if seconds <= LEASE_WARNING_SECONDS else "running")
    texts = {"running": running, "warning": warning, "ended": ended}
    _clock(element_id, mode="down", at=until, warn_at=LEASE_WARNING_SECONDS, texts=texts, kind=kind,
           seconds=seconds)  # fmt: skip


def elapsed(
    element_id: str, since: datetime, *, text: str, after: str | None = None, after_seconds: int = 0
) -> None:
    """A line counting up from ``since``; from ``after_seconds`` on (when > 0) it shows ``after`` instead."""
    seconds = max(int((datetime.now(UTC) - since).total_seconds()), 0)
    kind = "warning" if after and after_seconds > 0 and seconds >= after_seconds else "running"
    texts = {"running": text, "warning": after or text}
    _clock(element_id, mode="up", at=since, warn_at=after_seconds if after else 0, texts=texts, kind=kind,
           seconds=seconds)  # fmt: skip
