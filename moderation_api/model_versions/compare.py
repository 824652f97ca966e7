"""The shadow version against the active model, on what reviewers decided since (issue 13, part 4).

Per posting the shadow scored: the active side is the score that routed it (the posting's stored band and
model version), the shadow side its row in ``shadow_scores``. A model *flags* a posting (would open a
case) at band ``review`` or ``urgent``. Reviewers' word is the label of the posting's latest labeled case
(:func:`moderation_api.datasets.service.label_of`: confirmed or escalated as minor_involved → violation,
dismissed as a false positive → none; other outcomes give no label). Precision and recall of each model
are against those labels, with 95% Wilson intervals. Mind the sampling: cases open mostly where the
active model flagged, so decided postings the shadow alone would flag are rare (until QA samples of the
low band are decided) — the disagreement counts say how many of them reviewers have seen.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.results import Band
from moderation_api.cases.models import Case
from moderation_api.datasets.schemas import ReviewLabel
from moderation_api.datasets.service import label_of
from moderation_api.errors import NotFoundError
from moderation_api.model_versions import service
from moderation_api.model_versions.models import ModelVersion, ShadowScore
from moderation_api.model_versions.schemas import (
    BandCell,
    ComparisonOut,
    Disagreement,
    ModelStatus,
    Proportion,
    SideFigures,
)
from moderation_api.postings.models import Posting


class NoShadowError(service.ModelRegistryError, NotFoundError):
    """No version is in shadow and none was named."""


@dataclass(frozen=True, slots=True)
class _Pair:
    posting_id: int
    active_band: str
    active_version: str
    shadow_band: str
    shadow_ms: float
    active_ms: float | None


def _flags(band: str) -> bool:
    return band != str(Band.LOW)


def proportion(successes: int, n: int) -> Proportion:
    from classifier.evaluation import wilson_interval  # numpy and scikit-learn: only when asked

    return Proportion(
        value=round(successes / n, 4) if n else None,
        ci95=wilson_interval(successes, n),
        successes=successes,
        n=n,
    )


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (``q`` in 0..1), in ms rounded to 0.01."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(q * len(ordered)) - 1)], 2)


def _target(session: Session, version: str | None) -> ModelVersion:
    if version is not None:
        return service.get_version(session, version=version)
    model = service.shadow_version(session)
    if model is None:
        raise NoShadowError(
            "no version is in shadow; name the version to compare (a past shadow keeps its scores)"
        )
    return model


def _pairs(session: Session, version: str) -> list[_Pair]:
    rows = session.execute(
        select(
            ShadowScore.posting_id,
            Posting.band,
            Posting.model_version,
            ShadowScore.band,
            ShadowScore.latency_ms,
            ShadowScore.active_latency_ms,
        )
        .join(Posting, Posting.id == ShadowScore.posting_id)
        .where(ShadowScore.model_version == version)
        .order_by(ShadowScore.posting_id)
    )
    return [_Pair(*row) for row in rows]


def _violations(session: Session, version: str) -> dict[int, bool]:
    """Posting id → whether reviewers found a violation, from its latest case that has a label."""
    cases = session.scalars(
        select(Case)
        .join(ShadowScore, ShadowScore.posting_id == Case.posting_id)
        .where(ShadowScore.model_version == version)
        .order_by(Case.id)
    )
    found: dict[int, bool] = {}
    for case in cases:
        label = label_of(case)
        if isinstance(label, ReviewLabel):
            found[case.posting_id] = label is not ReviewLabel.BENIGN
    return found


def _side(pairs: Sequence[_Pair], truth: dict[int, bool], *, shadow: bool, version: str) -> SideFigures:
    decided = [pair for pair in pairs if pair.posting_id in truth]
    flagged = [_flags(p.shadow_band if shadow else p.active_band) for p in decided]
    actual = [truth[p.posting_id] for p in decided]
    hits = sum(f and a for f, a in zip(flagged, actual, strict=True))
    if shadow:
        latencies = [p.shadow_ms for p in pairs]
    else:
        latencies = [p.active_ms for p in pairs if p.active_ms is not None]
    versions = {version: len(pairs)} if shadow else dict(Counter(p.active_version for p in pairs))
    return SideFigures(
        versions=versions,
        precision=proportion(hits, sum(flagged)),
        recall=proportion(hits, sum(actual)),
        latency_p50_ms=percentile(latencies, 0.5),
        latency_p95_ms=percentile(latencies, 0.95),
    )


def _disagreement(pairs: Sequence[_Pair], truth: dict[int, bool]) -> Disagreement:
    decided = [truth[p.posting_id] for p in pairs if p.posting_id in truth]
    return Disagreement(
        postings=len(pairs),
        violation=sum(decided),
        no_violation=len(decided) - sum(decided),
        undecided=len(pairs) - len(decided),
    )


def _agreement(pairs: Sequence[_Pair]) -> tuple[Proportion, Proportion]:
    bands = sum(p.active_band == p.shadow_band for p in pairs)
    cases = sum(_flags(p.active_band) == _flags(p.shadow_band) for p in pairs)
    return proportion(bands, len(pairs)), proportion(cases, len(pairs))


def compare(session: Session, *, version: str | None = None) -> ComparisonOut:
    """Compare ``version`` (default: the version in shadow now) with the active model; read-only."""
    model = _target(session, version)
    pairs = _pairs(session, model.version)
    truth = _violations(session, model.version)
    decided = [pair for pair in pairs if pair.posting_id in truth]
    band_agreement, case_agreement = _agreement(decided)
    band_all, case_all = _agreement(pairs)
    active = _side(pairs, truth, shadow=False, version=model.version)
    shadow = _side(pairs, truth, shadow=True, version=model.version)
    ratio = (
        round(shadow.latency_p50_ms / active.latency_p50_ms, 3)
        if shadow.latency_p50_ms is not None and active.latency_p50_ms
        else None
    )
    cells = Counter((p.active_band, p.shadow_band) for p in pairs)
    return ComparisonOut(
        shadow_version=model.version,
        shadow_status=ModelStatus(model.status),
        scored=len(pairs),
        decided=len(decided),
        band_agreement=band_agreement,
        case_agreement=case_agreement,
        band_agreement_all=band_all,
        case_agreement_all=case_all,
        active=active,
        shadow=shadow,
        latency_ratio_p50=ratio,
        shadow_only=_disagreement(
            [p for p in pairs if _flags(p.shadow_band) and not _flags(p.active_band)], truth
        ),
        active_only=_disagreement(
            [p for p in pairs if _flags(p.active_band) and not _flags(p.shadow_band)], truth
        ),
        bands=[BandCell(active_band=a, shadow_band=s, postings=n) for (a, s), n in sorted(cells.items())],
    )
