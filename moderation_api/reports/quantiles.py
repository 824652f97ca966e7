"""Order statistics computed the same way on every database.

SQLite has no percentile function, so durations are summarised in Python with the same definition as
PostgreSQL's ``percentile_cont`` (linear interpolation between closest ranks, numpy's default), which keeps
the two back ends' reports identical.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def quantile(sorted_values: Sequence[float], q: float) -> float | None:
    """The ``q``-quantile of already sorted values by linear interpolation; None when there are none."""
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"quantile q={q!r} must be within [0, 1]")
    n = len(sorted_values)
    if n == 0:
        return None
    position = q * (n - 1)
    lower = math.floor(position)
    upper = min(lower + 1, n - 1)
    fraction = position - lower
    low_value = float(sorted_values[lower])
    return low_value + (float(sorted_values[upper]) - low_value) * fraction


@dataclass(frozen=True, slots=True)
class DurationSummary:
    """Count, mean, median and 90th percentile of durations in seconds (None when empty)."""

    count: int
    mean: float | None
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, durations: Iterable[float]) -> DurationSummary:
        values = sorted(float(value) for value in durations)
        if not values:
            return cls(count=0, mean=None, median=None, p90=None)
        return cls(
            count=len(values),
            mean=math.fsum(values) / len(values),
            median=quantile(values, 0.5),
            p90=quantile(values, 0.9),
        )
