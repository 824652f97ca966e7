"""The transparency report as a tidy long table (section, key, value) for spreadsheets and archives."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from moderation_api.qa.export import error_rate_rows
from moderation_api.reports.schemas import TransparencyReport

CSV_HEADER = ("section", "key", "value")

Row = tuple[str, str, str]


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.1f}"
    return str(value)


def report_rows(report: TransparencyReport) -> Iterator[Row]:
    """One row per figure; nested keys are joined with '/' (e.g. ``sex_trafficking/confirm``)."""
    yield "period", "start", report.period.start.isoformat()
    yield "period", "end", report.period.end.isoformat()
    yield "period", "generated_at", report.generated_at.isoformat()
    yield "cases_opened", "total", _value(report.cases_opened.total)
    for source, count in report.cases_opened.by_source.items():
        yield "cases_opened_by_source", source, _value(count)
    yield "decisions", "total", _value(report.decisions.total)
    for outcome, count in report.decisions.by_outcome.items():
        yield "decisions_by_outcome", outcome, _value(count)
    for category, outcomes in report.decisions.by_category.items():
        for outcome, count in outcomes.items():
            yield "decisions_by_category", f"{category}/{outcome}", _value(count)
    for source, outcomes in report.decisions.by_source.items():
        for outcome, count in outcomes.items():
            yield "decisions_by_source", f"{source}/{outcome}", _value(count)
    for kind, count in report.escalations_by_kind.items():
        yield "escalations_by_kind", kind, _value(count)
    for reason, count in report.dismissals_by_reason.items():
        yield "dismissals_by_reason", reason, _value(count)
    yield "reopened", "total", _value(report.reopened.total)
    for action, count in report.reopened.by_action.items():
        yield "reopened_by_action", action, _value(count)
    for outcome, count in report.reopened.by_undone_outcome.items():
        yield "reopened_by_undone_outcome", outcome, _value(count)
    timing = report.time_to_decision
    yield "time_to_decision", "count", _value(timing.count)
    yield "time_to_decision", "mean_seconds", _value(timing.mean_seconds)
    yield "time_to_decision", "median_seconds", _value(timing.median_seconds)
    yield "time_to_decision", "p90_seconds", _value(timing.p90_seconds)
    for model in report.automated_precision:
        for field in ("decided", "confirmed", "dismissed", "precision"):
            yield "automated_precision", f"{model.model_version}/{field}", _value(getattr(model, field))
    yield "notices", "received", _value(report.notices.received)
    for outcome, count in report.notices.by_outcome.items():
        yield "notice_outcomes", outcome, _value(count)
    appeals = report.appeals
    for figure in ("received", "decided", "upheld", "overturned", "median_seconds_to_decision"):
        yield "appeals", figure, _value(getattr(appeals, figure))
    for category, figures in appeals.by_category.items():
        for figure, count in figures.items():
            yield "appeals_by_category", f"{category}/{figure}", _value(count)
    yield from error_rate_rows(report.error_rates)
    for point in report.daily or ():
        yield "daily_opened", point.day.isoformat(), _value(point.opened)
        yield "daily_decided", point.day.isoformat(), _value(point.decided)


def _neutralise(cell: str) -> str:
    # Keys can come from stored values (model versions, reasons); a leading =,+,-,@ would run as a
    # spreadsheet formula when the file is opened, so such cells are quoted with an apostrophe.
    if (cell and cell[0] in "=+@\t\r") or (cell.startswith("-") and not _is_number(cell)):
        return "'" + cell
    return cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def report_csv(report: TransparencyReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in report_rows(report):
        writer.writerow([_neutralise(cell) for cell in row])
    return buffer.getvalue()


def report_filename(report: TransparencyReport) -> str:
    """e.g. ``vigil-transparency_2026-01-01_2026-02-01.csv`` (dates of the half-open window)."""
    return (
        f"vigil-transparency_{report.period.start.date().isoformat()}_"
        f"{report.period.end.date().isoformat()}.csv"
    )
