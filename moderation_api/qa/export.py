"""The error-rate figures as rows of the transparency report's long CSV (section, key, value)."""

from __future__ import annotations

from collections.abc import Iterator

from moderation_api.qa.schemas import ErrorRateReport

# One row per figure: key = model_version/period/figure/part, period = start..end dates (the whole window:
# window: "all"). Proportions give n, k, rate, low, high (Wilson 95%) and small_sample (true / false).
PROPORTION_FIGURES = ("n", "k", "rate", "low", "high", "small_sample")
AGREEMENT_FIGURES = ("n", "observed_agreement", "kappa", "small_sample")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def error_rate_rows(report: ErrorRateReport) -> Iterator[tuple[str, str, str]]:
    yield "error_rates", "period_days", _cell(report.period_days)
    yield "error_rates", "small_sample_below", _cell(report.small_sample_below)
    for row in report.rows:
        period = "all" if row.whole_window else f"{row.period_start.date()}..{row.period_end.date()}"
        prefix = f"{row.model_version}/{period}"
        for name, figures, value in (
            ("miss_rate", PROPORTION_FIGURES, row.miss_rate),
            ("flag_precision", PROPORTION_FIGURES, row.flag_precision),
            ("agreement", AGREEMENT_FIGURES, row.agreement),
        ):
            for figure in figures:
                yield "error_rates", f"{prefix}/{name}/{figure}", _cell(getattr(value, figure))
