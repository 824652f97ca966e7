"""What the running model is: card, metrics, plots, thresholds in force."""

from __future__ import annotations

import json
from pathlib import Path

from classifier.results import TextScorer
from moderation_api.model_info.schemas import ModelInfo

PLOTS = ("pr_curve.png", "calibration.png")


def model_info(scorer: TextScorer) -> ModelInfo:
    card = metrics = None
    plots: list[str] = []
    model_dir = scorer.model_dir
    if model_dir is not None and model_dir.is_dir():
        card_path, metrics_path = model_dir / "MODEL_CARD.md", model_dir / "metrics.json"
        card = card_path.read_text(encoding="utf-8") if card_path.is_file() else None
        metrics = json.loads(metrics_path.read_text(encoding="utf-8")) if metrics_path.is_file() else None
        plots = [name for name in PLOTS if (model_dir / name).is_file()]
    return ModelInfo(
        name=scorer.model_name,
        version=scorer.model_version,
        thresholds=scorer.thresholds.to_dict(),
        card_markdown=card,
        metrics=metrics,
        plots=plots,
    )


def plot_path(scorer: TextScorer, name: str) -> Path | None:
    if scorer.model_dir is None or name not in PLOTS:
        return None
    path = scorer.model_dir / name
    return path if path.is_file() else None
