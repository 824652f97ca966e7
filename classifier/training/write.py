"""Write step of `vigil train`: model directory, metrics.json, plots, the model card, LATEST."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from classifier.artifacts import ModelConfig, save_model
from classifier.estimator import RiskClassifier
from classifier.evaluation import Labels, ScoreTable
from classifier.scoring import LATEST_FILE
from classifier.training.card import render_model_card

PLOT_SETS = ("test", "heldout")


def write_model(
    model_dir: Path,
    *,
    update_latest: bool,
    estimator: RiskClassifier,
    config: ModelConfig,
    metrics: Mapping[str, Any],
    labels: Mapping[str, Labels],
    tables: Mapping[str, ScoreTable],
) -> Path:
    """Write the model directory whole or not at all, and never over an existing one.

    Everything goes into a staging directory next to it first; the version is then claimed with an
    exclusive ``mkdir`` (of two runs training the same version, one fails) and the staging directory
    renamed onto the claimed, still empty, one. A failure on the way leaves nothing behind.
    """
    model_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{model_dir.name}.", suffix=".partial", dir=model_dir.parent))
    claimed = False
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a model directory is read by the API's user
        save_model(staging, estimator=estimator, config=config)
        (staging / "metrics.json").write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n")
        plot_pr(staging / "pr_curve.png", labels, tables)
        plot_calibration(staging / "calibration.png", labels, tables)
        (staging / "MODEL_CARD.md").write_text(render_model_card(metrics, config))
        try:
            model_dir.mkdir()
        except FileExistsError:
            raise FileExistsError(
                f"{model_dir} appeared while training: a new model gets a new version, never an overwrite"
            ) from None
        claimed = True
        os.replace(staging, model_dir)  # onto our own empty directory: atomic
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if claimed and model_dir.is_dir() and not any(model_dir.iterdir()):
            model_dir.rmdir()
        raise
    if update_latest:
        latest = model_dir.parent / LATEST_FILE
        pending = latest.with_name(f".{LATEST_FILE}.partial")
        pending.write_text(model_dir.name + "\n")
        os.replace(pending, latest)  # a reader sees the old name or the new one, never an empty file
    return model_dir


def plot_pr(path: Path, labels: Mapping[str, Labels], tables: Mapping[str, ScoreTable]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import precision_recall_curve

    fig, axes = plt.subplots(1, len(PLOT_SETS), figsize=(10, 4.2))
    for axis, name in zip(axes, PLOT_SETS, strict=True):
        truth = labels[name].label >= 1
        precision, recall, _ = precision_recall_curve(truth, tables[name].risk)
        axis.plot(recall, precision, "-", label="vigil-risk")
        axis.set_title(f"{name}: review (label ≥ 1)")
        axis.set_xlabel("recall")
        axis.set_ylabel("precision")
        axis.set_ylim(0, 1.02)
        axis.grid(alpha=0.3)
        axis.legend(loc="lower left")
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)


def plot_calibration(path: Path, labels: Mapping[str, Labels], tables: Mapping[str, ScoreTable]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.calibration import calibration_curve

    fig, axis = plt.subplots(figsize=(5.2, 4.6))
    axis.plot([0, 1], [0, 1], ":", color="grey", label="perfect")
    for name in PLOT_SETS:
        truth = labels[name].label >= 1
        observed, predicted = calibration_curve(truth, tables[name].risk, n_bins=8, strategy="quantile")
        axis.plot(predicted, observed, "o-", label=name)
    axis.set_xlabel("predicted risk")
    axis.set_ylabel("observed share needing review")
    axis.set_title("Calibration of risk_score")
    axis.legend(loc="upper left")
    axis.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)
