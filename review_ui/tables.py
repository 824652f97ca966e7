"""Turn API answers into the tables and short labels the pages show. Pure functions, no Streamlit.

Untrusted strings (posting text, evidence, contact values, notes) only ever go into DataFrames, which
Streamlit renders as inert cell text, never as Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Literal

import pandas as pd

from review_ui.highlight import visible_controls
from review_ui.labels import (
    ACTIONS,
    CATEGORIES,
    DECIDED,
    DISMISS_REASONS,
    ESCALATION_KINDS,
    MODEL_STATUSES,
    QUEUES,
    SOURCES,
    STATES,
    actor_label,
    categories_label,
    decision_label,
    label,
)

BandColor = Literal["red", "orange", "green", "gray"]
BAND_COLORS: dict[str, BandColor] = {"urgent": "red", "review": "orange", "low": "green"}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
CASE_COLUMNS = [
    "id",
    "band",
    "risk",
    "state",
    "queue",
    "categories",
    "minor",
    "opened by",
    "held by",
    "opened",
    "in queue",
    "SLA",
]
ESCALATION_COLUMNS = ["escalation", "escalated by", "escalation note"]


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def lease_left(case: Mapping[str, Any], *, now: datetime | None = None) -> str:
    """``"7 min 05 s"`` left on the case's lease, ``"expired"``, or ``"—"`` when it has none."""
    expires = parse_time(case.get("lease_expires_at"))
    if expires is None:
        return "—"
    seconds = int((expires - (now or datetime.now(UTC))).total_seconds())
    if seconds <= 0:
        return "expired"
    return f"{seconds // 60} min {seconds % 60:02d} s"


def band_label(band: str | None) -> str:
    """Text, not emoji: reviewers' workstations do not all have an emoji font. None: a blind review case."""
    if band is None:
        return "blind"
    return band.upper() if band == "urgent" else band


LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "ru": "Russian", "uk": "Ukrainian",
    "ro": "Romanian", "pl": "Polish", "vi": "Vietnamese", "th": "Thai", "tl": "Tagalog", "id": "Indonesian",
    "ms": "Malay", "zh": "Chinese", "ar": "Arabic", "de": "German", "it": "Italian",
}  # fmt: skip


def score_notes(score: Mapping[str, Any], *, minor: bool = False) -> list[str]:
    """Plain-language notes that explain a score which could otherwise look inconsistent; ``minor``:
    the case was routed to the child-safety queue (the note then says which cue did it)."""
    notes = []
    if minor:
        cues = [
            str(hit.get("name") or hit.get("id"))
            for hit in score.get("indicators") or []
            if hit.get("group") == "minor_involved"
        ]
        minor_score = float((score.get("category_scores") or {}).get("minor_involved", 0.0))
        notes.append(
            "Child-safety queue because of the minor cue(s): " + ", ".join(cues) + "."
            if cues
            else f"Child-safety queue because the model's minor-involved score is {minor_score:.2f} (at or "
            "above the routing cut-off); no explicit minor cue fired."
        )
    language = str(score.get("language") or "und")
    name = LANGUAGE_NAMES.get(language, language)
    if score.get("coverage") == "limited":
        notes.append(
            f"Language: {name}. Vigil has no indicator lexicon for it: the score comes from the language-"
            "independent model views, so an empty evidence list means little here. Read the text."
        )
    elif language != "und":
        notes.append(f"Language: {name}.")
    floor = list(score.get("floor") or [])
    if floor:
        model_risk = float(score.get("model_risk_score") or 0.0)
        notes.append(
            f"Risk raised to the review threshold (the model alone said {model_risk:.2f}) because a "
            f"high-severity indicator fired: {', '.join(floor)}."
        )
    if float(score.get("risk_score") or 0.0) >= 0.5 and not score.get("indicators"):
        notes.append(
            "No indicator fired: the score comes from the wording as a whole (model views), not from a "
            "listed cue."
        )
    return notes


def humanize_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 3 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


OVERDUE = "overdue"
OVERDUE_STYLE = "background-color: rgba(255, 75, 75, 0.18)"


def sla_status(
    case: Mapping[str, Any], sla_minutes: Mapping[str, int], *, now: datetime | None = None
) -> tuple[str, str]:
    """``(time in queue, SLA)`` of an undecided case: ``("2.5 h", "overdue by 30 min")``, ``("12 min",
    "48 min left")``; the SLA is "" for a band without a target and both are "" once decided."""
    opened = parse_time(case.get("opened_at"))
    if case.get("state") == "decided" or opened is None:
        return "", ""
    waited = ((now or datetime.now(UTC)) - opened).total_seconds()
    target = sla_minutes.get(str(case.get("band")))
    if target is None:
        return humanize_seconds(waited), ""
    left = target * 60 - waited
    sla = f"{OVERDUE} by {humanize_seconds(-left)}" if left < 0 else f"{humanize_seconds(left)} left"
    return humanize_seconds(waited), sla


def highlight_overdue(frame: pd.DataFrame) -> Any:
    """The case table with its overdue rows tinted (a pandas Styler, which ``st.dataframe`` draws)."""
    overdue = frame["SLA"].astype(str).str.startswith(OVERDUE)
    return frame.style.apply(lambda row: [OVERDUE_STYLE if overdue[row.name] else ""] * len(row), axis=1)


def cases_frame(
    cases: Iterable[Mapping[str, Any]],
    *,
    escalations: bool = False,
    sla_minutes: Mapping[str, int] | None = None,
    now: datetime | None = None,
) -> pd.DataFrame:
    """Case rows in words, with time in queue and the SLA (``sla_minutes``: band -> target) of undecided
    cases; ``escalations`` adds who escalated each case, the kind and their note (the API fills those only
    for roles that see the senior queue's history)."""
    rows = []
    for case in cases:
        row = {
            "id": case["id"],
            "band": band_label(case["band"]),
            "risk": "—" if case["risk_score"] is None else f"{float(case['risk_score']):.3f}",
            "state": label(STATES, case["state"]),
            "queue": label(QUEUES, case["queue"]),
            "categories": categories_label(case.get("categories")),
            "minor": "yes" if case.get("minor") else "",
            "opened by": label(SOURCES, case["source"]) + (" + network" if case.get("network_boost") else ""),
            "held by": actor_label(case.get("assignee")) if case.get("assignee") else "",
            "opened": case["opened_at"][:16].replace("T", " "),
        }
        row["in queue"], row["SLA"] = sla_status(case, sla_minutes or {}, now=now)
        if escalations:
            kind = case.get("escalation_kind")
            row["escalation"] = (
                decision_label("escalate", kind=kind).removeprefix("escalated: ") if kind else ""
            )
            row["escalated by"] = actor_label(case.get("escalated_by")) if case.get("escalated_by") else ""
            row["escalation note"] = visible_controls(case.get("escalation_note") or "")
        rows.append(row)
    return pd.DataFrame(rows, columns=CASE_COLUMNS + (ESCALATION_COLUMNS if escalations else []))


def indicators_frame(score: Mapping[str, Any]) -> pd.DataFrame:
    indicators = sorted(
        score.get("indicators") or [], key=lambda hit: SEVERITY_ORDER.get(hit.get("severity", ""), 3)
    )
    rows = [
        {
            "severity": hit.get("severity", ""),
            "indicator": hit.get("name", hit.get("id", "")),
            "what it means": hit.get("explanation", ""),
            "evidence": " · ".join(f"“{visible_controls(span['text'])}”" for span in hit.get("spans") or []),
        }
        for hit in indicators
    ]
    return pd.DataFrame(rows, columns=["severity", "indicator", "what it means", "evidence"])


def entities_frame(score: Mapping[str, Any]) -> pd.DataFrame:
    rows = [
        {
            "kind": entity.get("kind", ""),
            "as written": visible_controls(entity.get("text", "")),
            "normalized": entity.get("value", ""),
            "platform": entity.get("platform") or "",
            "obfuscated": "yes" if entity.get("obfuscated") else "",
        }
        for entity in score.get("entities") or []
    ]
    return pd.DataFrame(rows, columns=["kind", "as written", "normalized", "platform", "obfuscated"])


RELATED_COLUMNS = ["posting", "why related", "band", "risk", "location", "posted", "case", "case state"]


def related_frame(related: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Related postings / cluster members; one the API withheld from this role shows only why."""
    rows = []
    for member in related:
        if member.get("restricted"):
            rows.append({"posting": member["id"], "why related": f"withheld: {member.get('reason') or ''}"})
            continue
        rows.append(
            {
                "posting": member["id"],
                "why related": "; ".join(member.get("reasons") or []),
                "band": band_label(member["band"]),
                "risk": f"{float(member['risk_score']):.3f}",
                "location": visible_controls(member.get("location") or ""),
                "posted": (member.get("posted_at") or member.get("ingested_at") or "")[:16].replace("T", " "),
                "case": member.get("case_id") or "",
                "case state": decision_label(member["decision"])
                if member.get("decision")
                else label(STATES, member.get("case_state")).replace("—", ""),
            }
        )
    return pd.DataFrame(rows, columns=RELATED_COLUMNS).fillna("")


def history_frame(events: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    rows = [
        {
            "at": event["at"][:19].replace("T", " "),
            "who": actor_label(event["actor"]),
            "kind": event["actor_kind"],
            "action": label(ACTIONS, event["action"]),
            "change": f"{label(STATES, event.get('from_state'))} → {label(STATES, event['to_state'])}",
            "decision": decision_label(event["decision"]) if event.get("decision") else "",
            "reason": label(DISMISS_REASONS | ESCALATION_KINDS, event["reason"])
            if event.get("reason")
            else "",
            "notes": visible_controls(event.get("notes") or ""),
        }
        for event in events
    ]
    return pd.DataFrame(
        rows, columns=["at", "who", "kind", "action", "change", "decision", "reason", "notes"]
    )


def notices_frame(notices: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """User notices: when, the category the notifier chose, and their explanation (untrusted text)."""
    rows = [
        {
            "received": notice["received_at"][:16].replace("T", " "),
            "category": label(CATEGORIES, notice.get("category")),
            "explanation": visible_controls(notice.get("explanation") or ""),
        }
        for notice in notices
    ]
    return pd.DataFrame(rows, columns=["received", "category", "explanation"])


def daily_frame(report: Mapping[str, Any]) -> pd.DataFrame:
    rows = [
        {"day": pd.Timestamp(point["day"]), "opened": point["opened"], "decided": point["decided"]}
        for point in report.get("daily") or []
    ]
    return pd.DataFrame(rows, columns=["day", "opened", "decided"]).set_index("day")


def outcomes_by_category_frame(report: Mapping[str, Any]) -> pd.DataFrame:
    """Category × outcome counts (rows: categories, columns: confirm / dismiss / escalate)."""
    by_category = report["decisions"]["by_category"]
    frame = pd.DataFrame.from_dict(by_category, orient="index").fillna(0).astype(int)
    frame.index = [label(CATEGORIES, name) for name in frame.index]
    frame.index.name = "category"
    return frame.rename(columns=lambda outcome: label(DECIDED, outcome))


def precision_frame(report: Mapping[str, Any]) -> pd.DataFrame:
    rows = [
        {
            "model version": row["model_version"],
            "decided": row["decided"],
            "confirmed": row["confirmed"],
            "dismissed": row["dismissed"],
            "precision": None if row["precision"] is None else round(row["precision"], 3),
        }
        for row in report.get("automated_precision") or []
    ]
    return pd.DataFrame(rows, columns=["model version", "decided", "confirmed", "dismissed", "precision"])


def reviewers_frame(reviewers: Iterable[Mapping[str, Any]], *, names: bool) -> pd.DataFrame:
    """One row per reviewer in the API's order (by name, not by a figure); without ``names`` the reviewers
    are "Reviewer 1", "Reviewer 2"… so that the table reads as the team's work, not a ranking."""
    rows = [
        {
            "reviewer": actor_label(row["actor"]) if names else f"Reviewer {number}",
            "decisions": row["decisions"],
            "confirmed": row["by_outcome"].get("confirm", 0),
            "dismissed": row["by_outcome"].get("dismiss", 0),
            "escalated": row["by_outcome"].get("escalate", 0),
            "median handling": humanize_seconds(row["median_handling_seconds"]),
            "undone by them": row["undone"],
            "overturned": row["overturned"],
            "overturn rate": None if row["overturn_rate"] is None else round(100 * row["overturn_rate"], 1),
        }
        for number, row in enumerate(reviewers, start=1)
    ]
    columns = ["reviewer", "decisions", "confirmed", "dismissed", "escalated", "median handling"]
    return pd.DataFrame(rows, columns=[*columns, "undone by them", "overturned", "overturn rate"])


def counts_frame(
    counts: Mapping[str, int], *, label: str, names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """``{key: count}`` as a two-column table; ``names`` turns the API's keys into words."""
    rows = [
        {label: names.get(name, name.replace("_", " ")) if names else name, "count": value}
        for name, value in counts.items()
    ]
    return pd.DataFrame(rows, columns=[label, "count"])


def model_metrics_frame(metrics: Mapping[str, Any]) -> pd.DataFrame:
    """One row per evaluation set: ranking quality, the review (flag) band and the urgent band."""
    rows = []
    for name, result in (metrics.get("model_metrics") or {}).items():
        risk, flagged, urgent = result.get("risk", {}), result.get("flagged", {}), result.get("urgent", {})
        rows.append(
            {
                "evaluation set": name,
                "postings": result.get("n"),
                "ROC AUC": risk.get("roc_auc"),
                "average precision": risk.get("average_precision"),
                "flag precision": flagged.get("precision"),
                "flag recall": flagged.get("recall"),
                "false-positive rate": flagged.get("false_positive_rate"),
                "urgent recall": urgent.get("recall"),
            }
        )
    return pd.DataFrame(rows)


def _metrics_summary(metrics: Mapping[str, Any] | None) -> str:
    """A registry row's headline metrics in words: per evaluation set, AP and flag precision / recall."""
    if not metrics:
        return "—"
    parts = []
    for name, figures in (metrics.get("sets") or {}).items():
        shown = [
            f"{label} {figures[key]:.3f}"
            for key, label in (("average_precision", "AP"), ("precision", "precision"), ("recall", "recall"))
            if isinstance(figures.get(key), int | float)
        ]
        if shown:
            parts.append(f"{name.replace('_', ' ')}: {', '.join(shown)}")
    if not parts:  # a metrics.json headline of another shape: its plain figures
        parts = [
            f"{key.replace('_', ' ')} {value}"
            for key, value in metrics.items()
            if isinstance(value, int | float)
        ]
    return "; ".join(parts) or "—"


def model_versions_frame(versions: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """The registry: one row per version with its status, metrics and who changed its status when."""
    rows = []
    for version in versions:
        changed = parse_time(version.get("status_changed_at"))
        registered = parse_time(version.get("registered_at"))
        rows.append(
            {
                "version": f"{version['name']} {version['version']}",
                "status": label(MODEL_STATUSES, version["status"]),
                "measured quality": _metrics_summary(version.get("metrics")),
                "status changed": f"{changed:%Y-%m-%d %H:%M} UTC" if changed else "—",
                "changed by": actor_label(version.get("status_changed_by")),
                "registered": f"{registered:%Y-%m-%d} by {actor_label(version.get('registered_by'))}"
                if registered
                else "—",
            }
        )
    columns = ["version", "status", "measured quality", "status changed", "changed by", "registered"]
    return pd.DataFrame(rows, columns=columns)


def proportion_label(figure: Mapping[str, Any]) -> str:
    """``0.912 [0.85, 0.95] (52 of 57)``; ``no data`` when n is 0."""
    if not figure.get("n"):
        return "no data (0 postings)"
    low, high = figure.get("ci95") or (figure["value"], figure["value"])
    return f"{figure['value']:.3f} [{low:.2f}, {high:.2f}] ({figure['successes']} of {figure['n']})"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} ms"


def comparison_frames(comparison: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """The comparison as tables: quality against decisions, agreement, disagreements, bands."""
    active, shadow = comparison["active"], comparison["shadow"]
    measures: list[tuple[str, str, Callable[[Any], str]]] = [
        ("precision of opened cases", "precision", proportion_label),
        ("recall of violations", "recall", proportion_label),
        ("scoring time per posting, median", "latency_p50_ms", _ms),
        ("scoring time per posting, 95th percentile", "latency_p95_ms", _ms),
    ]
    quality = pd.DataFrame(
        [
            {"measure": label, "active model": show(active[key]), "shadow model": show(shadow[key])}
            for label, key, show in measures
        ]
    )
    agreement = pd.DataFrame(
        [
            {
                "agreement": "same band",
                "on decided postings": proportion_label(comparison["band_agreement"]),
                "on every posting scored": proportion_label(comparison["band_agreement_all"]),
            },
            {
                "agreement": "same case decision (open or not)",
                "on decided postings": proportion_label(comparison["case_agreement"]),
                "on every posting scored": proportion_label(comparison["case_agreement_all"]),
            },
        ]
    )
    gaps = pd.DataFrame(
        [
            {
                "cases": label,
                "postings": gap["postings"],
                "reviewers found a violation": gap["violation"],
                "reviewers found none": gap["no_violation"],
                "not decided": gap["undecided"],
            }
            for label, gap in (
                ("only the shadow model would open", comparison["shadow_only"]),
                ("only the active model opened", comparison["active_only"]),
            )
        ]
    )
    bands = pd.DataFrame(
        [
            {
                "active model's band": band_label(cell["active_band"]),
                "shadow model's band": band_label(cell["shadow_band"]),
                "postings": cell["postings"],
            }
            for cell in comparison["bands"]
        ],
        columns=["active model's band", "shadow model's band", "postings"],
    )
    return {"quality": quality, "agreement": agreement, "gaps": gaps, "bands": bands}
