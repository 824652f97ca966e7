"""`vigil train`: load → featurize → fit → evaluate → write.

Everything is seeded, so running it again regenerates the same numbers in ``metrics.json`` and
``MODEL_CARD.md``. Each step lives in its own module (:mod:`.data`, :mod:`.featurize`, :mod:`.fit`,
:mod:`.evaluate`, :mod:`.write`); this module only strings them together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from classifier.artifacts import ArtifactError, EncoderRef, ModelConfig
from classifier.char_ngrams import CHAR_NGRAMS
from classifier.encoders import DEFAULT_ONNX_ENCODER_DIR, MODELS_DIR, OnnxEncoder
from classifier.estimator import CATEGORY_NAMES, RISK_HEAD, URGENT_HEAD, VIEW_NAMES, RiskClassifier
from classifier.evaluation import Labels, ScoreTable, evaluate, score_in_batches
from classifier.results import ScoreResult, Thresholds
from classifier.scoring import (
    LATEST_FILE,
    MODEL_NAME,
    ModelScorer,
    default_model_dir,
    floor_indicators,
    load_scorer,
    view_sizes,
)
from classifier.training import data
from classifier.training.compare import compare_on_holdout
from classifier.training.evaluate import (
    CharTfidfBaseline,
    comparison,
    robustness_row,
    source_split,
    tuned_thresholds,
)
from classifier.training.featurize import CachedEncoder, Featurized, featurize, featurize_sets
from classifier.training.fit import fit_estimator, review_threshold, urgent_threshold
from classifier.training.reviewed import (
    REVIEWED_SOURCE,
    ReviewedFileError,
    ReviewedSplit,
    check_reviewed_split,
    read_reviewed,
)
from classifier.training.robustness import TRANSFORMS, transformed

# Sets every model is measured on; "heldout" is the honest one (written apart, never trained on).
EVAL_SETS = ("validation", "test", "test_obfuscated", "heldout", "craigslist_sample")
ROBUSTNESS_SETS = ("heldout",)


@dataclass
class TrainOptions:
    version: str = "1.1.0"
    models_dir: Path = MODELS_DIR
    encoder_dir: Path = DEFAULT_ONNX_ENCODER_DIR
    corpus_dir: Path | None = None  # None: the corpora in classifier/training/corpus
    training_corpora: tuple[str, ...] = ("generated", "written", "handwritten", "craigslist_train")
    seed: int = 0
    target_recall: float = 0.95  # review recall on validation (label >= 1 flagged)
    urgent_target_precision: float = 0.80  # precision of the urgent band on validation
    augment_positive: float = 0.6  # share of training positives that get an obfuscated twin
    # As many benign twins as risky ones would make "obfuscated" a label shortcut; half as many keeps
    # obfuscation informative without flagging every listing that spells a number.
    augment_negative: float = 0.5
    # Thresholds are picked on the validation rows written like real postings, not on template fills
    # (which the model separates far more easily than anything it will meet in production).
    threshold_sources: tuple[str, ...] = ("written", "handwritten", "craigslist")
    # Postings written one by one teach more than template fills; count template rows less.
    source_weights: dict[str, float] = field(default_factory=lambda: {"generated": 0.5})
    # On-disk embedding cache across runs (None: no cache); cached values equal fresh ones.
    embedding_cache: Path | None = None
    # At most about this many rows of each corpus (seeded, label-stratified): a real but small model in
    # seconds, for tests and trying the loop end to end. None = every row; never ship such a model.
    corpus_limit: int | None = None
    # `vigil dataset export` output to train on as well (None: the project corpus only).
    reviewed: Path | None = None
    # Reviewed rows are the platform's own traffic labeled by its reviewers — the distribution the model
    # serves — so each counts as two postings written for the project (template fills count 0.5). Not
    # more: they are postings the active model chose to flag, labeled with some reviewer noise, and one
    # month's few hundred decisions should shift the 7,500-row corpus, not override it.
    reviewed_weight: float = 2.0
    # Share of reviewed groups (clusters, else postings) held out: never trained on, never used for
    # thresholds; the candidate and the active model are compared on them in the model card.
    reviewed_holdout: float = 0.25
    # The model the candidate is compared with on the reviewed hold-out (None: models/LATEST).
    compare_with: Path | None = None
    update_latest: bool = True
    progress: bool = True
    log: Callable[[str], None] = field(default=print)

    @property
    def model_dir(self) -> Path:
        return self.models_dir / f"{MODEL_NAME}-{self.version}"


def load_sets(
    options: TrainOptions, reviewed: ReviewedSplit | None = None
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """Training, validation, test and evaluation sets, with the leakage guards applied; and how many
    evaluation rows each guard dropped because their text is also trained on."""
    limit, seed = options.corpus_limit, options.seed
    corpus = data.load_training_rows(
        options.training_corpora, directory=options.corpus_dir, limit=limit, seed=seed
    )
    split = data.grouped_split(corpus, seed=seed)
    data.check_no_leakage(split)
    reviewed_train = reviewed.train if reviewed is not None else []
    # A reviewed posting may repeat a corpus text: the evaluation sets drop it, as they drop corpus repeats.
    validation, dropped_validation = data.without_training_texts(split.validation, reviewed_train)
    test, dropped_test = data.without_training_texts(split.test, reviewed_train)
    twins = data.augmented(
        split.train, seed=seed, positive=options.augment_positive, negative=options.augment_negative
    )
    trained_texts = corpus + reviewed_train
    heldout, _ = data.without_training_texts(
        data.load_corpus_rows("heldout", directory=options.corpus_dir, limit=limit, seed=seed), trained_texts
    )
    craigslist, _ = data.without_training_texts(
        data.load_corpus_rows("craigslist_sample", directory=options.corpus_dir, limit=limit, seed=seed),
        trained_texts,
    )
    obfuscated = data.augmented(test, seed=seed + 1, positive=1.0, negative=1.0)
    sets = {
        "train": split.train + twins + reviewed_train,
        "validation": validation,
        "test": test,
        "test_obfuscated": obfuscated,
        "heldout": heldout,
        "craigslist_sample": craigslist,
    }
    dropped = {"validation": dropped_validation, "test": dropped_test}
    if reviewed is not None:
        holdout, dropped["reviewed_holdout"] = data.without_training_texts(
            reviewed.holdout, split.train + reviewed_train
        )
        if not holdout:
            raise ReviewedFileError(
                "every reviewed hold-out row repeats a training text: nothing to compare on"
            )
        check_reviewed_split(reviewed_train, holdout)
        sets["reviewed_holdout"] = holdout
    return sets, dropped


def _subset(featurized: Featurized, mask: np.ndarray) -> Featurized:
    rows = np.flatnonzero(mask)
    return Featurized(
        [featurized.texts[i] for i in rows], [featurized.analyses[i] for i in rows], featurized.inputs[rows]
    )


def _scorer(estimator: Any, config: ModelConfig, encoder: Any) -> ModelScorer:
    return ModelScorer(estimator=estimator, config=config, encoder=encoder)


def _results(scorer: ModelScorer, featurized: Featurized) -> list[ScoreResult]:
    return scorer.results_for(featurized.texts, featurized.analyses, featurized.inputs)


def pick_thresholds(
    estimator: RiskClassifier, validation: Featurized, labels: Labels, options: TrainOptions
) -> Thresholds:
    """Review threshold for recall (floor included), urgent threshold for precision, on validation.

    Straight from the estimator's head scores: the same numbers a scorer reports as ``model_risk_score``
    and ``urgent_score``, without building a full result (language, indicators …) per posting.
    """
    scores = estimator.predict_scores(validation.inputs)
    model_risk, urgent = scores[RISK_HEAD], scores[URGENT_HEAD]
    floored = np.array(
        [
            bool(floor_indicators(analysis, float(risk)))
            for analysis, risk in zip(validation.analyses, model_risk, strict=True)
        ],
        dtype=bool,
    )
    review = review_threshold(labels.label >= 1, model_risk, floored, target_recall=options.target_recall)
    flagged = (model_risk >= review) | floored
    return Thresholds(
        review=review,
        urgent=urgent_threshold(
            labels.label == 2, urgent, flagged, target_precision=options.urgent_target_precision
        ),
    )


def comparison_model(options: TrainOptions) -> ModelScorer:
    """The model a reviewed candidate is compared with: ``compare_with``, else the one LATEST names."""
    model_dir = options.compare_with
    if model_dir is None:
        latest = options.models_dir / LATEST_FILE
        if not latest.is_file():
            raise ArtifactError(
                f"no model to compare the candidate with: {latest} not found (pass --compare-with DIR)"
            )
        model_dir = default_model_dir(options.models_dir)
    if not (model_dir / "config.json").is_file():
        raise ArtifactError(f"no model to compare the candidate with: {model_dir} is not a model directory")
    # One encoder thread: it embeds only the hold-out, and an idle thread pool would spin beside training's.
    return load_scorer(model_dir, encoder_dir=options.encoder_dir, encoder_threads=1)


def train(options: TrainOptions) -> dict[str, Any]:
    """Train, evaluate and write ``models/vigil-risk-<version>/``; returns the metrics.

    Everything that can refuse the run — an existing version, a bad reviewed file, no model to compare
    with — is checked before the first posting is embedded, so a refused run writes nothing.
    """
    from classifier.indicators.features import FEATURE_NAMES
    from classifier.training.write import write_model

    log = options.log
    if options.model_dir.exists():
        raise FileExistsError(
            f"{options.model_dir} exists: a new model gets a new version, never an overwrite"
        )
    if options.corpus_limit is not None and options.corpus_limit < 1:
        raise ValueError(f"corpus_limit must be positive, got {options.corpus_limit}")
    reviewed = (
        read_reviewed(options.reviewed, share=options.reviewed_holdout)
        if options.reviewed is not None
        else None
    )
    active = comparison_model(options) if reviewed is not None else None
    np.random.seed(options.seed)
    sets, dropped = load_sets(options, reviewed)
    log(
        "sets: "
        + ", ".join(f"{name} {len(rows)}" for name, rows in sets.items())
        + " (split grouped by template / translation cluster"
        + (", reviewed rows by network cluster" if reviewed is not None else "")
        + ")"
    )
    onnx = OnnxEncoder(options.encoder_dir, cache_size=0)
    onnx.verify_sha256()
    encoder: Any = onnx if options.embedding_cache is None else CachedEncoder(onnx, options.embedding_cache)
    features = featurize_sets(sets, encoder, progress=options.progress)
    if isinstance(encoder, CachedEncoder):
        encoder.save()
    labels = {name: Labels.from_rows(rows) for name, rows in sets.items()}

    log("fitting the stacked heads (embedding, indicators, character n-grams)")
    sizes = view_sizes(encoder.dim, CHAR_NGRAMS)
    source_weights = dict(options.source_weights)
    if reviewed is not None:
        source_weights[REVIEWED_SOURCE] = options.reviewed_weight
    estimator = fit_estimator(
        sets["train"],
        features["train"].inputs,
        view_sizes=sizes,
        seed=options.seed,
        source_weights=source_weights,
    )
    realistic = np.array([row.get("source") in options.threshold_sources for row in sets["validation"]])
    thresholds = pick_thresholds(
        estimator, _subset(features["validation"], realistic), labels["validation"].subset(realistic), options
    )
    training: dict[str, Any] = {
        "seed": options.seed,
        "corpora": list(options.training_corpora),
        "corpus_limit": options.corpus_limit,
        "target_recall": options.target_recall,
        "threshold_sources": list(options.threshold_sources),
        "urgent_target_precision": options.urgent_target_precision,
        "source_weights": source_weights,
        "train_postings": len(sets["train"]),
        "views": dict(zip(VIEW_NAMES, sizes, strict=True)),
        "estimator_params": {k: v for k, v in estimator.get_params().items()},
    }
    if reviewed is not None:
        training["reviewed"] = {
            "sha256": reviewed.sha256,
            "train_rows": len(reviewed.train),
            "holdout_rows": len(sets["reviewed_holdout"]),
            "weight": options.reviewed_weight,
            "holdout_share": options.reviewed_holdout,
        }
    config = ModelConfig(
        name=MODEL_NAME,
        version=options.version,
        encoder=EncoderRef(id=onnx.encoder_id, sha256=onnx.sha256, dim=onnx.dim, max_tokens=onnx.max_tokens),
        feature_names=tuple(FEATURE_NAMES),
        thresholds=thresholds,
        categories=CATEGORY_NAMES,
        char_ngrams=CHAR_NGRAMS,
        training=training,
    )
    scorer = _scorer(estimator, config, encoder)
    log(f"thresholds: {thresholds.to_dict()}")

    results = {name: _results(scorer, features[name]) for name in EVAL_SETS}
    tables = {name: ScoreTable.from_results(results[name]) for name in EVAL_SETS}
    metrics: dict[str, Any] = {
        "model": {"name": MODEL_NAME, "version": options.version},
        "seed": options.seed,
        "target": {
            "review_recall": options.target_recall,
            "urgent_precision": options.urgent_target_precision,
        },
        "thresholds": thresholds.to_dict(),
        "data": {name: data.summary(rows) for name, rows in sets.items()},
        "model_metrics": {name: evaluate(labels[name], tables[name], thresholds) for name in EVAL_SETS},
        "by_source": {
            name: source_split(sets[name], labels[name], tables[name], thresholds)
            for name in ("test", "heldout")
        },
        "view_weights": _view_weights(estimator),
    }
    if reviewed is not None and active is not None:
        log(f"comparing with {active.model_name} {active.model_version} on the reviewed hold-out")
        holdout = sets["reviewed_holdout"]
        metrics["reviewed"] = {
            **training["reviewed"],
            "file": options.reviewed.name if options.reviewed is not None else None,
            "train": data.summary(reviewed.train),
            "holdout": data.summary(holdout),
            "holdout_dropped_as_training_repeats": dropped["reviewed_holdout"],
            "evaluation_dropped_as_reviewed_repeats": {k: dropped[k] for k in ("validation", "test")},
            "comparison": compare_on_holdout(
                labels["reviewed_holdout"],
                _results(scorer, features["reviewed_holdout"]),
                score_in_batches(active, [str(row["text"]) for row in holdout]),
                seed=options.seed,
            ),
        }
    metrics["baselines"] = _baselines(sets, labels, options, log)
    metrics["matched"] = comparison(
        sets,
        {"model": tables} | {name: base["tables"] for name, base in metrics["baselines"].items()},
        names=("test", "heldout"),
        seed=options.seed,
    )
    for base in metrics["baselines"].values():
        del base["tables"]
    metrics["robustness"] = _robustness(scorer, sets, labels, results, encoder, options)
    if isinstance(encoder, CachedEncoder):
        encoder.save()
    write_model(
        options.model_dir,
        update_latest=options.update_latest,
        estimator=estimator,
        config=config,
        metrics=metrics,
        labels=labels,
        tables=tables,
    )
    log(f"wrote {options.model_dir}")
    return metrics


def _view_weights(estimator: Any) -> dict[str, dict[str, float]]:
    """The risk combiner's coefficient per view (how much each view is trusted)."""
    head = estimator.heads_["risk"]
    if isinstance(head, float):
        return {}
    return {
        "risk": {name: round(float(w), 4) for name, w in zip(VIEW_NAMES, head.combiner.coef_[0], strict=True)}
    }


def _baselines(
    sets: Mapping[str, Sequence[dict[str, Any]]],
    labels: Mapping[str, Labels],
    options: TrainOptions,
    log: Callable[[str], None],
) -> dict[str, Any]:
    from classifier.baseline import KeywordScorer

    log("baselines: keyword scorer, character n-gram TF-IDF + logistic regression")
    train_texts = [str(row["text"]) for row in sets["train"]]
    char = CharTfidfBaseline(seed=options.seed).fit(train_texts, labels["train"].label)
    keyword = KeywordScorer()
    out: dict[str, Any] = {}
    for name, table_of in (
        ("char_tfidf", lambda rows: char.table([str(row["text"]) for row in rows])),
        (
            "keyword",
            lambda rows: ScoreTable.from_results(keyword.score_texts([str(row["text"]) for row in rows])),
        ),
    ):
        tables = {set_name: table_of(sets[set_name]) for set_name in EVAL_SETS}
        tuned = tuned_thresholds(
            labels["validation"], tables["validation"], target_recall=options.target_recall, urgent_recall=0.9
        )
        out[name] = {
            "tuned_thresholds": tuned.to_dict(),
            "metrics": {
                set_name: evaluate(labels[set_name], tables[set_name], tuned) for set_name in EVAL_SETS
            },
            "tables": tables,
        }
    return out


def _robustness(
    scorer: ModelScorer,
    sets: Mapping[str, Sequence[dict[str, Any]]],
    labels: Mapping[str, Labels],
    results: Mapping[str, list[ScoreResult]],
    encoder: Any,
    options: TrainOptions,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ROBUSTNESS_SETS:
        texts = [str(row["text"]) for row in sets[name]]
        out[name] = {}
        for transform in TRANSFORMS:
            changed = featurize(transformed(texts, transform, seed=options.seed), encoder)
            out[name][transform] = robustness_row(labels[name], results[name], _results(scorer, changed))
    return out
