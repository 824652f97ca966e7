"""The kinds of domain failure, shared by every domain so the HTTP layer needs one table, not one per router.

A domain error names its kind by subclassing one of these next to its own domain's base (e.g.
``class CaseNotFoundError(CaseError, NotFoundError)``); ``moderation_api.http_errors`` turns each kind
into its status. This module imports nothing, so any service can use it without reaching HTTP code.
"""

from __future__ import annotations


class NotFoundError(Exception):
    """The item asked for does not exist (HTTP 404)."""


class ForbiddenError(Exception):
    """The caller may not see or do this, whatever the item's state (HTTP 403)."""


class ConflictError(Exception):
    """The item's state refuses the action now: held, decided, changed, removed (HTTP 409)."""


class InvalidInputError(Exception):
    """The request's values cannot be used as sent (HTTP 422)."""
