"""The one access policy: who may do what, and who may see which data of which posting.

Two tables, served by ``GET /v1/policy`` and printed in the README (a test holds the README to them;
``python -m moderation_api.auth.policy`` prints them):

- ``PERMISSIONS``: which roles may call which kind of endpoint; ``deps.require`` checks it before a route
  runs.
- ``VISIBILITY``: which roles may see which kind of data, on ordinary and on *restricted* postings. The
  services apply it to every response that carries such data (case detail and lists, postings, related
  postings, clusters), so no route can hand out what another one withholds.

A posting, and every case about it, is restricted when one of its cases shows minor cues or sits in the
senior / child-safety queue, or when its own score shows minor cues (DOMAIN.md: minors' cases are
restricted to senior / child-safety reviewers). Inside a response the caller may see, restricted parts
are withheld: emptied, and named with the reason in the response's ``access`` note. An item the caller
may not see at all (a restricted case for a reviewer) is refused with 403 and the same reason.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from moderation_api.auth.schemas import AccessNote, PermissionOut, PolicyOut, Role, VisibilityOut
from moderation_api.errors import ForbiddenError

# ---------------------------------------------------------------------------------------------- actions


class Permission(StrEnum):
    SCORE = "score"
    INGEST = "ingest"
    NOTICES = "notices"
    CASES_READ = "cases:read"
    CASES_WORK = "cases:work"
    CASES_SENIOR = "cases:senior"
    POSTINGS_READ = "postings:read"
    POSTINGS_DELETE = "postings:delete"
    REPORTS = "reports"
    MODEL = "model"
    MODEL_ADMIN = "model:admin"
    MODEL_COMPARE = "model:compare"
    DATASETS_EXPORT = "datasets:export"
    APPEALS_SUBMIT = "appeals:submit"
    APPEALS_WORK = "appeals:work"
    WEBHOOKS = "webhooks"


PERMISSION_TEXT: dict[Permission, str] = {
    Permission.SCORE: "score texts without storing them",
    Permission.INGEST: "ingest postings",
    Permission.NOTICES: "forward user notices",
    Permission.CASES_READ: "read the queue and cases",
    Permission.CASES_WORK: "claim and decide standard-queue cases",
    Permission.CASES_SENIOR: "claim and decide senior / child-safety cases; cluster bulk decisions",
    Permission.POSTINGS_READ: "read postings",
    Permission.POSTINGS_DELETE: "delete postings",
    Permission.REPORTS: "transparency reports and DSA statements (counts and indicator names only)",
    Permission.MODEL: "the model card and thresholds",
    Permission.MODEL_ADMIN: "register model versions and change which one serves (shadow, promote, rollback)",
    Permission.MODEL_COMPARE: "the shadow model against the active one on reviewers' decisions (figures)",
    Permission.DATASETS_EXPORT: "export decided cases as labeled training rows (posting text included)",
    Permission.APPEALS_SUBMIT: "file appeals of decisions for affected users (DSA Art. 20)",
    Permission.APPEALS_WORK: "claim and decide appeals of cases they did not decide (restricted: senior)",
    Permission.WEBHOOKS: "register webhook endpoints, read delivery logs, replay deliveries",
}

_I, _R, _S, _A, _U = Role.INTEGRATOR, Role.REVIEWER, Role.SENIOR, Role.ADMIN, Role.AUDITOR
PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.SCORE: frozenset({_I, _A}),
    Permission.INGEST: frozenset({_I, _A}),
    Permission.NOTICES: frozenset({_I, _A}),
    Permission.CASES_READ: frozenset({_R, _S, _A, _U}),
    Permission.CASES_WORK: frozenset({_R, _S, _A}),
    Permission.CASES_SENIOR: frozenset({_S, _A}),
    Permission.POSTINGS_READ: frozenset(Role),
    Permission.POSTINGS_DELETE: frozenset({_I, _A}),
    Permission.REPORTS: frozenset({_S, _A, _U}),
    Permission.MODEL: frozenset(Role),
    Permission.MODEL_ADMIN: frozenset({_A}),
    Permission.MODEL_COMPARE: frozenset({_S, _A}),
    Permission.DATASETS_EXPORT: frozenset({_A}),
    Permission.APPEALS_SUBMIT: frozenset({_I, _A}),
    Permission.APPEALS_WORK: frozenset({_R, _S, _A}),
    Permission.WEBHOOKS: frozenset({_A}),
}


def may(role: Role, permission: Permission) -> bool:
    return role in PERMISSIONS[permission]


def permissions_of(role: Role) -> list[str]:
    return sorted(str(permission) for permission, roles in PERMISSIONS.items() if role in roles)


# ------------------------------------------------------------------------------------------------- data


class Data(StrEnum):
    """Kinds of data a response can carry; each is shown or withheld as one."""

    POSTING = "posting"
    TEXT = "text"
    EVIDENCE = "evidence"
    CONTACTS = "contacts"
    OUTCOME = "outcome"
    CASE = "case"
    HISTORY = "history"
    NETWORK = "network"


DATA_TEXT: dict[Data, str] = {
    Data.POSTING: "the posting's record: platform, platform id, place, dates, band, scores, indicator names",
    Data.TEXT: "the posting text",
    Data.EVIDENCE: "evidence: the words each indicator quotes from the text",
    Data.CONTACTS: "contacts, prices and ages as written; network signals that quote a contact",
    Data.OUTCOME: "the posting's cases: state and decision (what the platform acts on)",
    Data.CASE: "case details (queue, categories, minor flag, who holds it, lease) and the case lists",
    Data.HISTORY: "audit history with reviewers' names and notes; user notices",
    Data.NETWORK: "related postings and clusters: members, shared contacts, places, timeline",
}


class Reach(StrEnum):
    NONE = "none"
    ORDINARY = "ordinary"  # on ordinary postings only; withheld on restricted ones
    ALL = "all"


_n, _o, _a = Reach.NONE, Reach.ORDINARY, Reach.ALL
ROLE_ORDER = (_I, _R, _S, _A, _U)  # the columns below, of the README tables and of GET /v1/policy
# Integrators are the platform: they see their postings' scores and the decisions they must act on (even on
# minors' cases, whose content they must take down), never reviewers' work or other postings' network.
# Auditors oversee the work: every case, decision and note, but no restricted content.
_VISIBILITY_ROWS: dict[Data, tuple[Reach, ...]] = {
    #                integrator reviewer senior admin auditor
    Data.POSTING: (_a, _a, _a, _a, _a),
    Data.TEXT: (_o, _o, _a, _a, _o),
    Data.EVIDENCE: (_o, _o, _a, _a, _o),
    Data.CONTACTS: (_o, _o, _a, _a, _o),
    Data.OUTCOME: (_a, _o, _a, _a, _a),
    Data.CASE: (_n, _o, _a, _a, _a),
    Data.HISTORY: (_n, _o, _a, _a, _a),
    Data.NETWORK: (_n, _o, _a, _a, _o),
}
VISIBILITY: dict[Data, dict[Role, Reach]] = {
    data: dict(zip(ROLE_ORDER, row, strict=True)) for data, row in _VISIBILITY_ROWS.items()
}


class Restriction(StrEnum):
    MINOR_CUES = "minor_cues"
    SENIOR_QUEUE = "senior_queue"

    @property
    def reason(self) -> str:
        if self is Restriction.MINOR_CUES:
            return "minor cues: restricted to senior / child-safety reviewers"
        return "in the senior / child-safety queue: restricted to senior reviewers"


def restriction_of(*, minor: bool, senior_queue: bool) -> Restriction | None:
    if minor:
        return Restriction.MINOR_CUES
    return Restriction.SENIOR_QUEUE if senior_queue else None


def strictest(restrictions: Iterable[Restriction | None]) -> Restriction | None:
    """Minor cues outrank the senior queue: the reason a caller reads names the weightier one."""
    found = {r for r in restrictions if r is not None}
    for restriction in (Restriction.MINOR_CUES, Restriction.SENIOR_QUEUE):
        if restriction in found:
            return restriction
    return None


class AccessDeniedError(ForbiddenError):
    """The caller may not see this item at all (HTTP 403)."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """The caller as the policy sees them: their role, and the category cut-off that makes a posting's
    score show minor cues (the same cut-off that routes its cases to the senior queue)."""

    role: Role
    category_cutoff: float

    def reach(self, data: Data) -> Reach:
        return VISIBILITY[data][self.role]

    def sees(self, data: Data, restriction: Restriction | None) -> bool:
        reach = self.reach(data)
        return reach is Reach.ALL or (reach is Reach.ORDINARY and restriction is None)

    def require(self, data: Data, restriction: Restriction | None, *, item: str) -> None:
        if self.sees(data, restriction):
            return
        if restriction is not None and self.reach(data) is not Reach.NONE:
            raise AccessDeniedError(f"{item} is restricted ({restriction.reason})")
        raise AccessDeniedError(f"role {self.role} may not see {DATA_TEXT[data]}")

    def note(self, restriction: Restriction | None, shown: Iterable[Data]) -> AccessNote:
        """What of ``shown`` (the data a response would carry) this caller gets withheld, and why."""
        withheld = [str(data) for data in shown if not self.sees(data, restriction)]
        return AccessNote(
            restricted=str(restriction) if restriction else None,
            reason=restriction.reason if restriction else None,
            withheld=withheld,
        )


def redact_score(score: Mapping[str, Any], withheld: Collection[str]) -> dict[str, Any]:
    """The stored score without what the caller may not see: quoted evidence and / or entities."""
    redacted = dict(score)
    if Data.EVIDENCE in withheld:
        redacted["indicators"] = [{**hit, "spans": []} for hit in score.get("indicators", [])]
    if Data.CONTACTS in withheld:
        redacted["entities"] = []
    return redacted


def redact_network(network: Mapping[str, Any] | None, withheld: Collection[str]) -> dict[str, Any] | None:
    """A posting's network summary; signal explanations can quote a contact, so they go with contacts."""
    if network is None or Data.CONTACTS not in withheld:
        return dict(network) if network is not None else None
    signals = [{"id": signal.get("id"), "explanation": None} for signal in network.get("signals", [])]
    return {**network, "signals": signals}


# ------------------------------------------------------------------------------------------ blind review

# Case sources reviewed blind (issue 13): a QA sample of a low-band posting and the second review of a decided
# case. Their reviewer answers "violation or not" without being anchored by the model or a first reviewer,
# so for these cases no response carries the score, band, indicators, evidence, categories, the model
# version, the network summary or the posting's other cases and decisions — for every role, since the case
# API cannot know who will answer next. (Strings, not the cases' StrEnum: cases import this module.)
BLIND_SOURCES = frozenset({"qa_sample", "double_review"})
BLIND_WITHHELD = ("score", "band", "indicators", "evidence", "categories", "outcome", "network")
BLIND_REASON = "blind review: the model's view and earlier decisions are not shown to avoid anchoring"


def blind_case(source: str) -> bool:
    return str(source) in BLIND_SOURCES


def blind_for(role: Role, *, blind_case_open: bool) -> bool:
    """Whether the posting endpoints withhold a posting's score from ``role``: while a blind case of it is
    undecided, from every role that can claim one (an integrator or auditor answers none)."""
    return blind_case_open and may(role, Permission.CASES_WORK)


def blind_score(score: Mapping[str, Any]) -> dict[str, Any]:
    """What of a stored score a blind reviewer gets: the language only (no band, scores, indicators,
    evidence, entities, categories or model)."""
    return {"language": score.get("language", "und")}


def blind_note() -> AccessNote:
    return AccessNote(restricted=None, reason=BLIND_REASON, withheld=list(BLIND_WITHHELD))


# ------------------------------------------------------------------------- GET /v1/policy and the README


def as_schema() -> PolicyOut:
    return PolicyOut(
        permissions={
            str(p): PermissionOut(allows=PERMISSION_TEXT[p], roles=sorted(PERMISSIONS[p])) for p in Permission
        },
        visibility={
            str(d): VisibilityOut(what=DATA_TEXT[d], reach={r: str(VISIBILITY[d][r]) for r in ROLE_ORDER})
            for d in Data
        },
        restrictions={str(r): r.reason for r in Restriction},
    )


def permission_rows() -> list[list[str]]:
    header = ["Permission", "Allows", *map(str, ROLE_ORDER)]
    rows = [
        [f"`{p}`", PERMISSION_TEXT[p], *("yes" if role in PERMISSIONS[p] else "" for role in ROLE_ORDER)]
        for p in Permission
    ]
    return [header, *rows]


def visibility_rows() -> list[list[str]]:
    header = ["Data", "What", *map(str, ROLE_ORDER)]
    rows = [[f"`{d}`", DATA_TEXT[d], *(str(VISIBILITY[d][role]) for role in ROLE_ORDER)] for d in Data]
    return [header, *rows]


def markdown_table(rows: list[list[str]]) -> str:
    header, *body = rows
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


if __name__ == "__main__":  # prints the README's two tables
    print(markdown_table(permission_rows()) + "\n\n" + markdown_table(visibility_rows()))
