"""The service log: one JSON object per line on stderr, and error reports that never carry values.

python-json-logger is a plain :class:`logging.Formatter`, so one ``dictConfig`` turns every logger —
ours, uvicorn's, SQLAlchemy's, Alembic's — into JSON lines with no second logging API to learn
(structlog would add its own pipeline and still need this bridge for the libraries' stdlib loggers).

Posting text must never reach a log. Exception messages and arguments routinely carry the values being
processed (a database error quotes the failing row, a validation error its input), so errors are
reported as exception type names and code locations only: :func:`error_summary` for our own reports,
and the formatter's ``formatException`` for any library that logs with ``exc_info``.
"""

from __future__ import annotations

import logging
import logging.config
import traceback
from types import TracebackType
from typing import Any, TextIO

from pythonjsonlogger.json import JsonFormatter

# How many innermost stack frames an error report keeps.
MAX_FRAMES = 12

# Loggers that log values at INFO/DEBUG: SQLAlchemy's engine logs every statement with its result rows
# (posting text), so it stays at WARNING whatever VIGIL_LOG_LEVEL says. uvicorn's access log is replaced
# by ours (route templates, never query strings).
PINNED_LEVELS = {"sqlalchemy": "WARNING", "uvicorn.access": "WARNING"}


def _type_name(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def error_summary(exc: BaseException) -> dict[str, Any]:
    """An exception as type names (with causes), SQLSTATE if any, and code locations — never messages."""
    chain: list[str] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 10:
        chain.append(_type_name(current))
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    summary: dict[str, Any] = {"error": chain[0], "error_chain": chain, "frames": _frames(exc.__traceback__)}
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if isinstance(sqlstate, str):
        summary["sqlstate"] = sqlstate
    return summary


def _frames(tb: TracebackType | None) -> list[str]:
    frames = traceback.extract_tb(tb)[-MAX_FRAMES:]
    return [f"{frame.filename}:{frame.lineno} {frame.name}" for frame in frames]


class ValueFreeJsonFormatter(JsonFormatter):
    """JSON lines whose ``exc_info`` is the exception's types and frames, never its message."""

    def formatException(self, ei: Any) -> str:
        exc = ei[1] if isinstance(ei, tuple) else ei
        if not isinstance(exc, BaseException):
            return "unknown error"
        summary = error_summary(exc)
        return " <- ".join(summary["error_chain"]) + " at " + " > ".join(summary["frames"])

    def formatStack(self, stack_info: str) -> str:
        # A stack dump carries no values either, but keep it to locations like formatException.
        return "\n".join(line for line in stack_info.splitlines() if line.lstrip().startswith("File "))


def logging_config(level: str, *, stream: TextIO | None = None) -> dict[str, Any]:
    """The ``dictConfig`` for the service (also handed to uvicorn so its loggers write JSON too)."""
    handler: dict[str, Any] = {"class": "logging.StreamHandler", "formatter": "json"}
    handler["stream"] = stream if stream is not None else "ext://sys.stderr"
    loggers: dict[str, Any] = {name: {"level": pinned} for name, pinned in PINNED_LEVELS.items()}
    # uvicorn installs its own handlers on these; ours go through the root handler instead.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        loggers.setdefault(name, {})
        loggers[name].update({"handlers": [], "propagate": True})
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": ValueFreeJsonFormatter,
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {"default": handler},
        "root": {"level": level.upper(), "handlers": ["default"]},
        "loggers": loggers,
    }


def configure_logging(level: str, *, stream: TextIO | None = None) -> None:
    """Send every logger's records to ``stream`` (stderr) as JSON lines at ``level`` (VIGIL_LOG_LEVEL)."""
    logging.config.dictConfig(logging_config(level, stream=stream))
