"""HTTP answers for errors no single router owns: domain errors, invalid requests, unusable values and
database outages.

Domain errors are mapped by kind (``moderation_api.errors``), never by class: a service raises e.g. a
``CaseNotFoundError``, which is a ``NotFoundError``, and the router lets it through to the one handler here.

Every answer is built from locations, messages and error types — never from the request's values: a
validation error's ``input`` would echo posting text (a 1 MB text gave a 1 MB error), and values such as
a lone surrogate or infinity cannot even be encoded as JSON.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from moderation_api.db import DatabaseUnavailableError
from moderation_api.errors import ConflictError, ForbiddenError, InvalidInputError, NotFoundError
from moderation_api.logs import error_summary
from moderation_api.request_model import MAX_NAME_CHARS
from moderation_api.settings import Settings

log = logging.getLogger("vigil.errors")

MAX_MESSAGE_CHARS = 300
MAX_ERRORS = 50

# The status of each kind of domain failure; the answer is ``{"detail": str(error)}``, as HTTPException's.
DOMAIN_STATUS: dict[type[Exception], int] = {
    NotFoundError: 404,
    ForbiddenError: 403,
    ConflictError: 409,
    InvalidInputError: 422,
}


def _printable(value: str, limit: int) -> str:
    """At most ``limit`` characters of ``value``, with anything UTF-8 cannot encode escaped."""
    cut = value if len(value) <= limit else value[:limit] + "…"
    return cut.encode("utf-8", "backslashreplace").decode("utf-8")


def validation_details(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Pydantic / FastAPI errors as ``{type, loc, msg}``: no ``input``, no ``ctx``, bounded and encodable."""
    details = []
    for error in errors[:MAX_ERRORS]:
        loc = [
            part if isinstance(part, int) else _printable(str(part), MAX_NAME_CHARS)
            for part in error.get("loc", ())
        ]
        details.append(
            {
                "type": _printable(str(error.get("type", "invalid")), MAX_NAME_CHARS),
                "loc": loc,
                "msg": _printable(str(error.get("msg", "")), MAX_MESSAGE_CHARS),
            }
        )
    if len(errors) > MAX_ERRORS:
        more = len(errors) - MAX_ERRORS
        details.append({"type": "too_many_errors", "loc": [], "msg": f"{more} more errors not shown"})
    return details


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return JSONResponse({"detail": validation_details(errors)}, status_code=422)


async def _refused_value(request: Request, exc: Exception) -> JSONResponse:
    """A value the database refuses (e.g. NUL in a query parameter) is the client's input, not a crash."""
    log.warning("database refused a request value", extra=error_summary(exc))
    return JSONResponse(
        {"detail": "a value in the request cannot be used: out of range, or it contains NUL"}, status_code=422
    )


def _domain_error(status_code: int) -> Any:
    async def handler(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status_code)

    return handler


def _database_unavailable(settings: Settings) -> Any:
    async def handler(request: Request, exc: Exception) -> JSONResponse:
        """Refused, timed-out or dropped connections, pool exhaustion, statement timeouts: retry later."""
        log.warning("database unavailable", extra=error_summary(exc))
        return JSONResponse(
            {"detail": "the database is unavailable; retry later"},
            status_code=503,
            headers={"Retry-After": str(settings.db_retry_after)},
        )

    return handler


def install(app: FastAPI, settings: Settings) -> None:
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(DataError, _refused_value)
    # Starlette picks the handler of the first class in the error's MRO that has one: its kind.
    for kind, status_code in DOMAIN_STATUS.items():
        app.add_exception_handler(kind, _domain_error(status_code))
    unavailable = _database_unavailable(settings)
    for error in (OperationalError, PoolTimeoutError, DatabaseUnavailableError):
        app.add_exception_handler(error, unavailable)
