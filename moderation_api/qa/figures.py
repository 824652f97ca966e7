"""The error-rate figures of the transparency report (DSA Art. 15(1)(e)): pure statistics, then the queries.

- **Miss rate** of the automated flagging: among blind QA samples of low-band postings (sampled at the
  same rate in every language × kind stratum, so the plain share is the stratified estimate), the share a
  reviewer judged a violation. Wilson 95% interval (it stays inside [0, 1] and is honest at k = 0).
- **Precision of flags**: among model-opened cases finally decided, the share confirmed (Wilson interval).
- **Agreement**: Cohen's kappa between each double-reviewed case's first decision (confirm = violation,
  dismiss = not) and the blind second answer.

Each figure is given per model version (the version that scored the posting) and per period of
``period_days`` days from the window's start, plus one row per version for the whole window.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, CaseState, Decision
from moderation_api.qa.schemas import (
    DEFAULT_PERIOD_DAYS,
    SMALL_SAMPLE,
    Agreement,
    ErrorRateReport,
    ErrorRates,
    Proportion,
)

Z_95 = 1.959963984540054
NO_VERSION = "none"


def wilson(k: int, n: int, *, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for k successes in n trials (None when n = 0)."""
    if n == 0:
        return None
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def proportion(k: int, n: int) -> Proportion:
    interval = wilson(k, n)
    return Proportion(
        n=n,
        k=k,
        rate=k / n if n else None,
        low=interval[0] if interval else None,
        high=interval[1] if interval else None,
        small_sample=n < SMALL_SAMPLE,
    )


def cohen_kappa(pairs: Iterable[tuple[bool, bool]]) -> Agreement:
    """Cohen's kappa for two raters' binary labels: (p_o - p_e) / (1 - p_e)."""
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return Agreement(n=0, observed_agreement=None, kappa=None, small_sample=True)
    observed = sum(first == second for first, second in pairs) / n
    first_yes = sum(first for first, _ in pairs) / n
    second_yes = sum(second for _, second in pairs) / n
    expected = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    return Agreement(n=n, observed_agreement=observed, kappa=kappa, small_sample=n < SMALL_SAMPLE)


@dataclass
class _Tally:
    qa: list[bool] = field(default_factory=list)
    flags: list[bool] = field(default_factory=list)
    pairs: list[tuple[bool, bool]] = field(default_factory=list)

    def rates(self, *, version: str, start: datetime, end: datetime, whole: bool) -> ErrorRates:
        return ErrorRates(
            model_version=version,
            period_start=start,
            period_end=end,
            whole_window=whole,
            miss_rate=proportion(sum(self.qa), len(self.qa)),
            flag_precision=proportion(sum(self.flags), len(self.flags)),
            agreement=cohen_kappa(self.pairs),
        )


def error_rates(
    session: Session, *, start: datetime, end: datetime, period_days: int = DEFAULT_PERIOD_DAYS
) -> ErrorRateReport:
    """The three figures for decisions taken in ``[start, end)``, per model version and period."""
    decided = (Case.state == str(CaseState.DECIDED), Case.decided_at >= start, Case.decided_at < end)
    step = timedelta(days=period_days)

    def period_of(at: datetime | None) -> int:
        return int(((at or start) - start) / step)  # decided cases always have decided_at

    tallies: dict[tuple[str, int], _Tally] = defaultdict(_Tally)
    confirmed = str(Decision.CONFIRM)
    # Blind QA answers and model-opened cases: only the decision, the version and the time come back.
    for source, version, decision, at in session.execute(
        select(Case.source, Case.model_version, Case.decision, Case.decided_at).where(
            *decided,
            Case.source.in_((str(CaseSource.QA_SAMPLE), str(CaseSource.AUTOMATED))),
            Case.decision.in_((confirmed, str(Decision.DISMISS))),
        )
    ):
        tally = tallies[(version or NO_VERSION, period_of(at))]
        (tally.qa if source == CaseSource.QA_SAMPLE else tally.flags).append(decision == confirmed)
    first = aliased(Case)
    for version, second_decision, first_decision, at in session.execute(
        select(Case.model_version, Case.decision, first.decision, Case.decided_at)
        .join(first, first.id == Case.review_of)
        .where(
            *decided,
            Case.source == str(CaseSource.DOUBLE_REVIEW),
            first.decision.in_((confirmed, str(Decision.DISMISS))),
        )
    ):
        tallies[(version or NO_VERSION, period_of(at))].pairs.append(
            (first_decision == confirmed, second_decision == confirmed)
        )
    rows: list[ErrorRates] = []
    whole: dict[str, _Tally] = defaultdict(_Tally)
    for (version, index), tally in sorted(tallies.items()):
        period_start = start + index * step
        rows.append(
            tally.rates(version=version, start=period_start, end=min(end, period_start + step), whole=False)
        )
        total = whole[version]
        total.qa += tally.qa
        total.flags += tally.flags
        total.pairs += tally.pairs
    rows += [
        tally.rates(version=version, start=start, end=end, whole=True)
        for version, tally in sorted(whole.items())
    ]
    return ErrorRateReport(period_days=period_days, small_sample_below=SMALL_SAMPLE, rows=rows)
