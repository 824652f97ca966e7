"""Metrics for scored, labeled postings — shared by `vigil train`, `vigil evaluate` and the model card.

Everything works on a :class:`ScoreTable` (the numbers out of any ``TextScorer``), so the trained
model and the keyword baseline are measured by exactly the same code.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from classifier.estimator import CATEGORY_NAMES, category_matrix
from classifier.results import Band, ScoreResult, TextScorer, Thresholds

DIGITS = 4


class LabeledFileError(ValueError):
    """A labeled evaluation file has a row that cannot be used."""


@dataclass(frozen=True)
class ScoreTable:
    """Scores for n postings as arrays: risk, urgent and one column per category."""

    risk: np.ndarray
    urgent: np.ndarray
    categories: np.ndarray  # (n, len(CATEGORY_NAMES))

    @classmethod
    def from_results(cls, results: Sequence[ScoreResult]) -> ScoreTable:
        return cls(
            risk=np.array([r.risk_score for r in results], dtype=np.float64),
            urgent=np.array([r.urgent_score for r in results], dtype=np.float64),
            categories=np.array(
                [[r.category_scores.get(name, 0.0) for name in CATEGORY_NAMES] for r in results],
                dtype=np.float64,
            ).reshape(len(results), len(CATEGORY_NAMES)),
        )

    def subset(self, mask: np.ndarray) -> ScoreTable:
        return ScoreTable(self.risk[mask], self.urgent[mask], self.categories[mask])

    def bands(self, thresholds: Thresholds) -> list[Band]:
        return [
            thresholds.band(risk_score=float(r), urgent_score=float(u))
            for r, u in zip(self.risk, self.urgent, strict=True)
        ]


@dataclass(frozen=True)
class Labels:
    """Gold labels for n postings."""

    label: np.ndarray
    categories: np.ndarray
    lang: np.ndarray

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping[str, Any]]) -> Labels:
        return cls(
            label=np.array([int(row["label"]) for row in rows], dtype=np.int64),
            categories=category_matrix([row.get("categories", []) for row in rows]),
            lang=np.array([str(row.get("lang", "unknown")) for row in rows], dtype=object),
        )

    def subset(self, mask: np.ndarray) -> Labels:
        return Labels(self.label[mask], self.categories[mask], self.lang[mask])


def _r(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), DIGITS)


def ranking_metrics(truth: np.ndarray, scores: np.ndarray) -> dict[str, Any]:
    """ROC AUC and average precision (None when only one class is present)."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    positives = int(truth.sum())
    if positives == 0 or positives == len(truth):
        return {"positives": positives, "roc_auc": None, "average_precision": None}
    return {
        "positives": positives,
        "roc_auc": _r(roc_auc_score(truth, scores)),
        "average_precision": _r(average_precision_score(truth, scores)),
    }


def decision_metrics(truth: np.ndarray, predicted: np.ndarray) -> dict[str, Any]:
    """Precision / recall / F1 / false-positive rate of a yes/no decision."""
    truth = truth.astype(bool)
    predicted = predicted.astype(bool)
    tp = int((truth & predicted).sum())
    fp = int((~truth & predicted).sum())
    fn = int((truth & ~predicted).sum())
    tn = int((~truth & ~predicted).sum())
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": _r(precision),
        "recall": _r(recall),
        "f1": _r(f1),
        "false_positive_rate": _r(fp / (fp + tn) if fp + tn else float("nan")),
    }


def expected_calibration_error(truth: np.ndarray, scores: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(scores, edges[1:-1]), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            error += mask.mean() * abs(truth[mask].mean() - scores[mask].mean())
    return error


def threshold_for_recall(truth: np.ndarray, scores: np.ndarray, target: float) -> float:
    """The highest threshold (rounded down to 4 digits) whose recall on ``truth`` is >= target."""
    positives = np.sort(scores[truth.astype(bool)])[::-1]
    if len(positives) == 0:
        raise ValueError("no positive examples to pick a threshold on")
    needed = max(1, math.ceil(target * len(positives)))
    return math.floor(float(positives[needed - 1]) * 10**DIGITS) / 10**DIGITS


def evaluate(labels: Labels, table: ScoreTable, thresholds: Thresholds) -> dict[str, Any]:
    """All metrics for one labeled set scored by one scorer at the given thresholds."""
    bands = table.bands(thresholds)
    flagged = np.array([band is not Band.LOW for band in bands])
    urgent_band = np.array([band is Band.URGENT for band in bands])
    needs_review = labels.label >= 1
    is_urgent = labels.label == 2
    metrics: dict[str, Any] = {
        "n": len(labels.label),
        "label_counts": {str(k): int(v) for k, v in sorted(Counter(labels.label.tolist()).items())},
        "risk": {
            **ranking_metrics(needs_review, table.risk),
            "brier": _r(float(np.mean((table.risk - needs_review) ** 2))) if len(table.risk) else None,
            "ece": _r(expected_calibration_error(needs_review, table.risk)) if len(table.risk) else None,
        },
        "flagged": {
            **decision_metrics(needs_review, flagged),
            "rate": _r(flagged.mean() if len(flagged) else 0),
        },
        "urgent": {**ranking_metrics(is_urgent, table.urgent), **decision_metrics(is_urgent, urgent_band)},
        "categories": {
            name: ranking_metrics(labels.categories[:, column] == 1, table.categories[:, column])
            for column, name in enumerate(CATEGORY_NAMES)
        },
        "band_by_label": {
            str(label): dict(
                sorted(Counter(str(bands[i]) for i in np.flatnonzero(labels.label == label)).items())
            )
            for label in sorted(set(labels.label.tolist()))
        },
        "languages": {},
    }
    for lang in sorted(set(labels.lang.tolist())):
        mask = labels.lang == lang
        decided = decision_metrics(needs_review[mask], flagged[mask])
        metrics["languages"][lang] = {
            "n": int(mask.sum()),
            "positives": int(needs_review[mask].sum()),
            "recall": decided["recall"],
            "precision": decided["precision"],
            "false_positive_rate": decided["false_positive_rate"],
        }
    return metrics


def load_labeled(path: Path) -> list[dict[str, Any]]:
    """Read labeled JSONL: ``text`` and ``label`` 0/1/2 required; ``categories``, ``lang`` optional."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LabeledFileError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise LabeledFileError(f"{path}:{number}: expected an object with a string 'text'")
            if row.get("label") not in (0, 1, 2):
                raise LabeledFileError(f"{path}:{number}: 'label' must be 0, 1 or 2")
            unknown = set(row.get("categories") or []) - set(CATEGORY_NAMES)
            if unknown:
                raise LabeledFileError(f"{path}:{number}: unknown categories {sorted(unknown)}")
            rows.append(row)
    if not rows:
        raise LabeledFileError(f"{path}: no labeled rows")
    return rows


def score_in_batches(scorer: TextScorer, texts: Sequence[str], *, batch_size: int = 64) -> list[ScoreResult]:
    results: list[ScoreResult] = []
    for start in range(0, len(texts), batch_size):
        results.extend(scorer.score_texts(texts[start : start + batch_size]))
    return results


def evaluate_rows(scorer: TextScorer, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    results = score_in_batches(scorer, [str(row["text"]) for row in rows])
    return evaluate(Labels.from_rows(rows), ScoreTable.from_results(results), scorer.thresholds)


def _fmt(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def format_metrics(metrics: Mapping[str, Any], *, title: str = "") -> str:
    """A compact plain-text report of :func:`evaluate`'s output."""
    lines = [title] if title else []
    risk, flagged, urgent = metrics["risk"], metrics["flagged"], metrics["urgent"]
    lines.append(f"postings {metrics['n']}  labels {metrics['label_counts']}")
    lines.append(
        f"risk      ROC AUC {_fmt(risk['roc_auc'])}  AP {_fmt(risk['average_precision'])}  "
        f"Brier {_fmt(risk['brier'])}  ECE {_fmt(risk['ece'])}"
    )
    lines.append(
        f"flagged   precision {_fmt(flagged['precision'])}  recall {_fmt(flagged['recall'])}  "
        f"F1 {_fmt(flagged['f1'])}  FPR {_fmt(flagged['false_positive_rate'])}  rate {_fmt(flagged['rate'])}"
    )
    lines.append(
        f"urgent    AP {_fmt(urgent['average_precision'])}  precision {_fmt(urgent['precision'])}  "
        f"recall {_fmt(urgent['recall'])}"
    )
    for name, values in metrics["categories"].items():
        lines.append(
            f"  {name:<18} positives {values['positives']:>4}  ROC AUC {_fmt(values['roc_auc'])}  "
            f"AP {_fmt(values['average_precision'])}"
        )
    for lang, values in metrics["languages"].items():
        lines.append(
            f"  lang {lang:<4} n {values['n']:>4}  positives {values['positives']:>4}  "
            f"recall {_fmt(values['recall'])}  FPR {_fmt(values['false_positive_rate'])}"
        )
    return "\n".join(lines)
