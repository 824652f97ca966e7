"""A small real candidate from reviewed rows, the supported quick way (`vigil train --corpus-limit N`): the
whole pipeline end to end, a model the real loader serves, the card comparing it with the shipped model on
the reviewed hold-out, the hold-out kept out of training and thresholds, LATEST left alone."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from classifier.artifacts import load_model
from classifier.encoders import MODELS_DIR, OnnxEncoder
from classifier.evaluation import Labels
from classifier.results import Thresholds
from classifier.scoring import ModelScorer, floor_indicators, load_scorer
from classifier.training import TrainOptions
from classifier.training.corpus import load_corpus
from classifier.training.data import split_group
from classifier.training.featurize import Featurized, featurize
from classifier.training.fit import review_threshold, urgent_threshold
from classifier.training.pipeline import load_sets, pick_thresholds
from classifier.training.reviewed import read_reviewed
from moderation_api.cli import main
from moderation_api.datasets.schemas import ReviewedRow

pytestmark = pytest.mark.slow

SHIPPED = MODELS_DIR / "vigil-risk-1.1.0"
CORPUS_LIMIT = 60
REVIEWED_ROWS = 48
VERSION = "0.0.2-candidate"


def reviewed_file(path: Path) -> Path:
    """48 decided cases as `vigil dataset export` writes them: 8 network clusters of 3, 24 lone postings."""
    rows = load_corpus("heldout")
    random.Random(7).shuffle(rows)
    lines = []
    for i, row in enumerate(rows[:REVIEWED_ROWS]):
        cluster = i // 3 if i < 24 else None
        lines.append(
            ReviewedRow(
                id=f"reviewed-case:{i + 1}",
                text=row["text"],
                label=row["label"],
                categories=row["categories"],
                cluster=f"cluster:{cluster}" if cluster is not None else f"posting:{i + 1}",
                case_id=i + 1,
                posting_id=i + 1,
                cluster_id=cluster,
                language=row["lang"],
                model_version="1.1.0",
                decision="confirm" if row["label"] else "dismiss",
                decided_at=datetime(2026, 11, 1, tzinfo=UTC),
            ).model_dump_json()
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def candidate(tmp_path_factory: pytest.TempPathFactory) -> TrainOptions:
    """Trains through the CLI, as the runbook does; returns the options that reproduce the run."""
    work = tmp_path_factory.mktemp("candidate")
    reviewed = reviewed_file(work / "reviewed.jsonl")
    models = work / "models"
    args = ["train", "--version", VERSION, "--reviewed", str(reviewed), "--compare-with", str(SHIPPED)]
    args += ["--corpus-limit", str(CORPUS_LIMIT), "--models-dir", str(models), "--quiet"]
    assert main(args) == 0
    return TrainOptions(
        version=VERSION,
        models_dir=models,
        corpus_limit=CORPUS_LIMIT,
        reviewed=reviewed,
        progress=False,
        log=lambda _: None,
    )


def test_small_candidate_is_served_by_the_real_loader_and_leaves_latest_alone(
    candidate: TrainOptions,
) -> None:
    model_dir = candidate.model_dir
    for name in ("model.skops", "config.json", "metrics.json", "MODEL_CARD.md", "pr_curve.png"):
        assert (model_dir / name).is_file(), name
    assert not (candidate.models_dir / "LATEST").exists()  # a candidate serves only once promoted
    assert [path.name for path in candidate.models_dir.iterdir()] == [model_dir.name]  # no staging left
    scorer = load_scorer(model_dir)
    risky, benign = scorer.score_texts(
        [
            "Waitress job in Dubai, girls 18-25 pretty, no experience, visa and ticket advanced, repaid "
            "from salary, employer keeps passport. Telegram only",
            "Selling my road bike, 54cm frame, new tyres, 250 or best offer, pick up in Leeds",
        ]
    )
    assert risky.model_version == VERSION and risky.risk_score > benign.risk_score
    assert str(benign.band) == "low"


def test_card_compares_candidate_and_active_model_on_the_reviewed_holdout(candidate: TrainOptions) -> None:
    metrics = json.loads((candidate.model_dir / "metrics.json").read_text())
    reviewed = metrics["reviewed"]
    comparison = reviewed["comparison"]
    assert comparison["versions"] == {"candidate": VERSION, "active": "1.1.0"}
    assert comparison["n"] == reviewed["holdout_rows"] > 0
    for model in ("candidate", "active"):
        overall = comparison["overall"][model]
        for key in (
            "average_precision",
            "review_recall",
            "review_precision",
            "urgent_recall",
            "urgent_precision",
        ):
            figure = overall[key]
            assert {"value", "ci", "n", "small"} <= set(figure), key
            if figure["value"] is not None:
                assert figure["ci"][0] <= figure["value"] <= figure["ci"][1], key
        assert overall["average_precision"]["n"] == comparison["n"]
    holdout_langs = set(reviewed["holdout"]["languages"])
    assert set(comparison["languages"]) == holdout_langs
    card = (candidate.model_dir / "MODEL_CARD.md").read_text()
    assert "## Reviewed hold-out: this candidate against the active model" in card
    assert f"candidate {VERSION}" in card and "active 1.1.0" in card and "**small sample**" in card
    assert "### Reviewed hold-out per language" in card and "A quick model" in card
    assert candidate.reviewed is not None
    texts = [json.loads(line)["text"] for line in candidate.reviewed.read_text().splitlines()]
    assert not any(text in card or text in json.dumps(metrics) for text in texts)


def test_reviewed_holdout_is_never_trained_on_and_clusters_stay_whole(candidate: TrainOptions) -> None:
    assert candidate.reviewed is not None
    split = read_reviewed(candidate.reviewed, share=candidate.reviewed_holdout)
    sets, dropped = load_sets(candidate, split)
    trained_ids = {row["id"] for row in sets["train"]}
    held = sets["reviewed_holdout"]
    assert held and not trained_ids & {row["id"] for row in held}
    assert not {split_group(row) for row in sets["train"]} & {split_group(row) for row in held}
    assert not {split_group(row) for row in sets["validation"]} & {split_group(row) for row in held}
    config = json.loads((candidate.model_dir / "config.json").read_text())
    recorded = config["training"]["reviewed"]
    assert recorded["train_rows"] == len(split.train)
    assert recorded["train_rows"] + recorded["holdout_rows"] + dropped["reviewed_holdout"] == REVIEWED_ROWS
    assert recorded["weight"] == 2.0 and config["training"]["source_weights"]["reviewed"] == 2.0
    assert config["training"]["corpus_limit"] == CORPUS_LIMIT
    assert sum(row["source"] == "reviewed" for row in sets["train"]) == len(split.train)


def _thresholds_from_results(scorer: ModelScorer, validation: Featurized, labels: Labels) -> Thresholds:
    """The former way: full ScoreResults at thresholds 1.0 / 1.0, then the same two rules."""
    raw = scorer.with_thresholds(Thresholds(review=1.0, urgent=1.0))
    results = raw.results_for(validation.texts, validation.analyses, validation.inputs)
    analyses = validation.analyses
    model_risk = np.array([r.model_risk_score for r in results], dtype=np.float64)
    floored = np.array(
        [bool(floor_indicators(a, risk)) for a, risk in zip(analyses, model_risk, strict=True)]
    )
    review = review_threshold(labels.label >= 1, model_risk, floored, target_recall=0.95)
    flagged = (model_risk >= review) | floored
    urgent = np.array([r.urgent_score for r in results])
    return Thresholds(
        review=review, urgent=urgent_threshold(labels.label == 2, urgent, flagged, target_precision=0.8)
    )


def test_thresholds_from_estimator_scores_equal_the_full_results_way(candidate: TrainOptions) -> None:
    assert candidate.reviewed is not None
    sets, _ = load_sets(candidate, read_reviewed(candidate.reviewed, share=candidate.reviewed_holdout))
    realistic = [row for row in sets["validation"] if row.get("source") in candidate.threshold_sources]
    encoder = OnnxEncoder(candidate.encoder_dir, cache_size=0)
    validation = featurize([row["text"] for row in realistic], encoder)
    labels = Labels.from_rows(realistic)
    estimator, config = load_model(candidate.model_dir)
    picked = pick_thresholds(estimator, validation, labels, candidate)
    assert picked == config.thresholds  # the run is reproducible from its seed
    scorer = ModelScorer(estimator=estimator, config=config, encoder=encoder)
    assert picked == _thresholds_from_results(scorer, validation, labels)
