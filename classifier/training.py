"""`vigil train`: grouped split, fit, threshold choice, evaluation, plots, model card.

Everything is seeded, so running it again regenerates the same numbers in ``metrics.json`` and
``MODEL_CARD.md``. The split is GROUPED by the corpus ``cluster`` (template / contact cluster): near
duplicates of one template never sit on both sides, which would inflate every metric.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from classifier.artifacts import EncoderRef, ModelConfig, save_model
from classifier.encoders import DEFAULT_ONNX_ENCODER_DIR, MODELS_DIR, OnnxEncoder
from classifier.estimator import CATEGORY_NAMES, RiskClassifier, category_matrix
from classifier.evaluation import Labels, ScoreTable, evaluate, threshold_for_recall
from classifier.results import ScoreResult, Thresholds
from classifier.scoring import LATEST_FILE, MODEL_NAME, ModelScorer, model_inputs

EVAL_SETS = ("validation", "test", "test_obfuscated", "heldout_handwritten", "craigslist_sample")


@dataclass
class TrainOptions:
    version: str = "1.0.0"
    models_dir: Path = MODELS_DIR
    encoder_dir: Path = DEFAULT_ONNX_ENCODER_DIR
    seed: int = 0
    target_recall: float = 0.95  # review recall on validation (label >= 1 flagged)
    urgent_target_recall: float = 0.90  # label 2 caught by the urgent band on validation
    augment_positive: float = 0.6  # share of training positives that get an obfuscated twin
    augment_negative: float = 0.2
    update_latest: bool = True
    progress: bool = True
    log: Callable[[str], None] = field(default=print)

    @property
    def model_dir(self) -> Path:
        return self.models_dir / f"{MODEL_NAME}-{self.version}"


@dataclass
class Split:
    train: list[dict[str, Any]]
    validation: list[dict[str, Any]]
    test: list[dict[str, Any]]


def grouped_split(rows: Sequence[dict[str, Any]], *, seed: int) -> Split:
    """~60/20/20 split by ``cluster`` with label stratification; no cluster spans two parts."""
    from sklearn.model_selection import StratifiedGroupKFold

    labels = np.array([row["label"] for row in rows])
    groups = np.array([row["cluster"] for row in rows])
    folds = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed)
    assignment = np.empty(len(rows), dtype=np.int64)
    for fold, (_, held) in enumerate(folds.split(np.zeros(len(rows)), labels, groups)):
        assignment[held] = fold
    return Split(
        train=[row for row, fold in zip(rows, assignment, strict=True) if fold >= 2],
        validation=[row for row, fold in zip(rows, assignment, strict=True) if fold == 1],
        test=[row for row, fold in zip(rows, assignment, strict=True) if fold == 0],
    )


def augmented(rows: Sequence[dict[str, Any]], *, seed: int, positive: float, negative: float) -> list[dict]:
    """Obfuscated twins (same label, cluster) of a seeded share of rows."""
    from classifier.corpus.augment import obfuscate

    rng = random.Random(seed)
    twins = []
    for row in rows:
        if rng.random() < (positive if row["label"] >= 1 else negative):
            twins.append(
                {**row, "id": f"{row['id']}~aug", "text": obfuscate(row["text"], rng), "source": "augmented"}
            )
    return twins


def _summary(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "n": len(rows),
        "labels": {str(k): v for k, v in sorted(Counter(row["label"] for row in rows).items())},
        "languages": dict(sorted(Counter(str(row.get("lang", "unknown")) for row in rows).items())),
        "genres": dict(sorted(Counter(str(row.get("genre", "unknown")) for row in rows).items())),
        "sources": dict(sorted(Counter(str(row.get("source", "unknown")) for row in rows).items())),
        "clusters": len({row.get("cluster") for row in rows}),
        "categories": {
            name: sum(name in (row.get("categories") or []) for row in rows) for name in CATEGORY_NAMES
        },
    }


def train(options: TrainOptions) -> dict[str, Any]:
    """Train, evaluate and write ``models/vigil-risk-<version>/``; returns the metrics."""
    from tqdm import tqdm

    from classifier.baseline import KeywordScorer
    from classifier.corpus import load_corpus
    from classifier.indicators.features import FEATURE_NAMES, analyze

    log = options.log
    np.random.seed(options.seed)
    # Real benign listings join the template corpus so the model learns what ordinary ads look like.
    corpus = load_corpus("generated") + load_corpus("craigslist_train")
    base_rows = [row for row in corpus if row.get("source") != "augmented"]
    split = grouped_split(corpus, seed=options.seed)
    shipped_augmented = any(row.get("source") == "augmented" for row in split.train)
    if not shipped_augmented:
        train_base = [row for row in split.train if row.get("source") != "augmented"]
        split.train = split.train + augmented(
            train_base,
            seed=options.seed,
            positive=options.augment_positive,
            negative=options.augment_negative,
        )
    test_base = [row for row in split.test if row.get("source") != "augmented"]
    sets: dict[str, list[dict[str, Any]]] = {
        "train": split.train,
        "validation": split.validation,
        "test": split.test,
        "test_obfuscated": [
            {**row, "text": text}
            for row, text in zip(
                test_base, _obfuscate_all([r["text"] for r in test_base], seed=options.seed + 1), strict=True
            )
        ],
        "heldout_handwritten": load_corpus("heldout_handwritten"),
        "craigslist_sample": load_corpus("craigslist_sample"),
    }
    _check_no_leakage(split)
    log(
        f"corpus: {len(base_rows)} postings ({len(corpus) - len(base_rows)} shipped augmented); "
        f"train {len(split.train)} / validation {len(split.validation)} / test {len(split.test)}, "
        f"grouped by cluster"
    )

    encoder = OnnxEncoder(options.encoder_dir, cache_size=0)
    encoder.verify_sha256()
    total = sum(len(rows) for rows in sets.values())
    features: dict[str, np.ndarray] = {}
    with tqdm(total=total, desc="analyze+embed", unit="posting", disable=not options.progress) as bar:
        for name, rows in sets.items():
            chunks = []
            for start in range(0, len(rows), 64):
                batch = rows[start : start + 64]
                chunks.append(model_inputs([analyze(row["text"]) for row in batch], encoder))
                bar.update(len(batch))
            features[name] = np.vstack(chunks)

    log("fitting calibrated heads")
    estimator = RiskClassifier(random_state=options.seed)
    train_rows = sets["train"]
    estimator.fit(
        features["train"],
        np.array([row["label"] for row in train_rows]),
        category_matrix([row.get("categories") or [] for row in train_rows]),
    )

    tables = {name: _table(estimator, features[name]) for name in sets}
    labels = {name: Labels.from_rows(rows) for name, rows in sets.items()}
    validation = labels["validation"]
    thresholds = _pick_thresholds(validation, tables["validation"], options)
    log(f"thresholds for review recall >= {options.target_recall}: {thresholds.to_dict()}")

    keyword = KeywordScorer()
    keyword_tables: dict[str, ScoreTable] = {}
    with tqdm(
        total=sum(len(sets[name]) for name in EVAL_SETS),
        desc="keyword baseline",
        disable=not options.progress,
    ) as bar:
        for name in EVAL_SETS:
            results: list[ScoreResult] = []
            for start in range(0, len(sets[name]), 256):
                texts = [row["text"] for row in sets[name][start : start + 256]]
                results.extend(keyword.score_texts(texts))
                bar.update(len(texts))
            keyword_tables[name] = ScoreTable.from_results(results)
    keyword_tuned = _pick_thresholds(validation, keyword_tables["validation"], options)

    metrics: dict[str, Any] = {
        "model": {"name": MODEL_NAME, "version": options.version},
        "seed": options.seed,
        "target_recall": {"review": options.target_recall, "urgent": options.urgent_target_recall},
        "thresholds": thresholds.to_dict(),
        "data": {name: _summary(rows) for name, rows in sets.items()},
        "model_metrics": {name: evaluate(labels[name], tables[name], thresholds) for name in EVAL_SETS},
        "keyword_baseline": {
            "model": {"name": keyword.model_name, "version": keyword.model_version},
            "default_thresholds": keyword.thresholds.to_dict(),
            "tuned_thresholds": keyword_tuned.to_dict(),
            "at_default_thresholds": {
                name: evaluate(labels[name], keyword_tables[name], keyword.thresholds) for name in EVAL_SETS
            },
            "at_tuned_thresholds": {
                name: evaluate(labels[name], keyword_tables[name], keyword_tuned) for name in EVAL_SETS
            },
        },
    }
    model_dir = options.model_dir
    encoder_ref = EncoderRef(
        id=encoder.encoder_id, sha256=encoder.sha256, dim=encoder.dim, max_tokens=encoder.max_tokens
    )
    config = ModelConfig(
        name=MODEL_NAME,
        version=options.version,
        encoder=encoder_ref,
        feature_names=tuple(FEATURE_NAMES),
        thresholds=thresholds,
        categories=CATEGORY_NAMES,
        training={
            "seed": options.seed,
            "target_recall": options.target_recall,
            "urgent_target_recall": options.urgent_target_recall,
            "train_postings": len(split.train),
            "estimator_params": {k: v for k, v in estimator.get_params().items()},
        },
    )
    save_model(model_dir, estimator=estimator, config=config)
    (model_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n")
    _plot_pr(model_dir / "pr_curve.png", labels, tables, keyword_tables)
    _plot_calibration(model_dir / "calibration.png", labels, tables)
    (model_dir / "MODEL_CARD.md").write_text(render_model_card(metrics, config))
    if options.update_latest:
        (options.models_dir / LATEST_FILE).write_text(model_dir.name + "\n")
    # A round trip through the public loader proves the directory is usable as shipped.
    scorer = ModelScorer(estimator=estimator, config=config, encoder=encoder)
    scorer.score_texts(["smoke test"])
    log(f"wrote {model_dir}")
    return metrics


def _obfuscate_all(texts: Sequence[str], *, seed: int) -> list[str]:
    from classifier.corpus.augment import obfuscate

    rng = random.Random(seed)
    return [obfuscate(text, rng) for text in texts]


def _check_no_leakage(split: Split) -> None:
    train = {row["cluster"] for row in split.train}
    for name, rows in (("validation", split.validation), ("test", split.test)):
        shared = train & {row["cluster"] for row in rows}
        if shared:
            raise RuntimeError(f"{len(shared)} clusters leak from train into {name}")


def _table(estimator: RiskClassifier, X: np.ndarray) -> ScoreTable:
    scores = estimator.predict_scores(X)
    return ScoreTable(
        risk=scores["risk"],
        urgent=scores["urgent"],
        categories=np.column_stack([scores[name] for name in CATEGORY_NAMES]),
    )


def _pick_thresholds(labels: Labels, table: ScoreTable, options: TrainOptions) -> Thresholds:
    review = threshold_for_recall(labels.label >= 1, table.risk, options.target_recall)
    urgent = threshold_for_recall(labels.label == 2, table.urgent, options.urgent_target_recall)
    return Thresholds(review=review, urgent=urgent)


def _plot_pr(
    path: Path,
    labels: Mapping[str, Labels],
    tables: Mapping[str, ScoreTable],
    keyword: Mapping[str, ScoreTable],
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import precision_recall_curve

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
    for axis, name in zip(axes, ("test", "heldout_handwritten"), strict=True):
        truth = labels[name].label >= 1
        for label, table, style in (
            ("vigil-risk", tables[name], "-"),
            ("keyword baseline", keyword[name], "--"),
        ):
            precision, recall, _ = precision_recall_curve(truth, table.risk)
            axis.plot(recall, precision, style, label=label)
        axis.set_title(f"{name}: review (label ≥ 1)")
        axis.set_xlabel("recall")
        axis.set_ylabel("precision")
        axis.set_ylim(0, 1.02)
        axis.grid(alpha=0.3)
        axis.legend(loc="lower left")
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)


def _plot_calibration(path: Path, labels: Mapping[str, Labels], tables: Mapping[str, ScoreTable]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.calibration import calibration_curve

    fig, axis = plt.subplots(figsize=(5.2, 4.6))
    axis.plot([0, 1], [0, 1], ":", color="grey", label="perfect")
    for name in ("test", "heldout_handwritten"):
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


SET_TITLES = {
    "validation": "validation (grouped split, thresholds picked here)",
    "test": "test (grouped split, held out)",
    "test_obfuscated": "test, obfuscated (leetspeak / spacing / emoji)",
    "heldout_handwritten": "handwritten held-out set (written apart from the templates)",
    "craigslist_sample": "real Craigslist listings (all benign)",
}


def _f(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}"


def _set_row(title: str, values: Mapping[str, Any]) -> str:
    risk, flagged, urgent = values["risk"], values["flagged"], values["urgent"]
    return (
        f"| {title} | {values['n']} | {_f(risk['roc_auc'])} | {_f(risk['average_precision'])} | "
        f"{_f(flagged['precision'])} | {_f(flagged['recall'])} | {_f(flagged['false_positive_rate'])} | "
        f"{_f(urgent['recall'])} |"
    )


def render_model_card(metrics: Mapping[str, Any], config: ModelConfig) -> str:
    """MODEL_CARD.md from metrics.json: deterministic, no timestamps."""
    model = metrics["model_metrics"]
    baseline = metrics["keyword_baseline"]
    thresholds = metrics["thresholds"]
    data = metrics["data"]
    header = (
        "| set | n | ROC AUC | AP | flagged precision | flagged recall | FP rate | urgent recall |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    lines = [
        f"# Model card: {config.name} {config.version}",
        "",
        "Scores a marketplace posting for **trafficking-risk indicators** so that a human reviewer looks",
        "at it. A score is a reason to look, never proof of trafficking and never a reason to act without",
        "review.",
        "",
        "## Model",
        f"- Encoder: `{config.encoder.id}` — sentence-transformers all-MiniLM-L6-v2 (Apache-2.0) exported to",
        "  ONNX and dynamic-quantized to int8 (`vigil export-encoder`), mean pooling, L2-normalized,",
        f"  {config.encoder.max_tokens}-token cap; sha256 `{config.encoder.sha256[:16]}…`.",
        f"- Input: the embedding of the normalized text ‖ {len(config.feature_names)} indicator features",
        "  (counts and flags from the explainable indicator detectors, entities, obfuscation).",
        "- Estimator: `RiskClassifier` — per head, standardized logistic regression (balanced class weights)",
        "  wrapped in `CalibratedClassifierCV` (sigmoid, 5-fold): `risk` = P(label ≥ 1),",
        "  `urgent` = P(label = 2), and one head per category (sex_trafficking, labor_trafficking,",
        "  minor_involved).",
        "- Saved with skops (explicit trusted types, no pickle) + `config.json` recording library versions,",
        "  the encoder id and sha256 and the feature names; loading refuses a mismatch.",
        "",
        "## Intended use",
        "- Triage for trust-and-safety reviewers: rank and route postings into a human review queue,",
        "  with the indicator evidence highlighted. Bands: `urgent` (senior queue first), `review`, `low`.",
        "- Not for: automated removal or account action without human review; law-enforcement evidence;",
        "  judging people; content other than marketplace postings (chats, images).",
        "",
        "## Thresholds",
        f"- `review` = **{thresholds['review']}** on `risk_score`: the highest threshold with review",
        f"  recall ≥ {metrics['target_recall']['review']} on the validation split.",
        f"- `urgent` = **{thresholds['urgent']}** on `urgent_score`: the highest threshold with urgent",
        f"  recall ≥ {metrics['target_recall']['urgent']} on validation.",
        "- Thresholds live in `config.json` and here, not in the estimator; deployments may override them",
        "  (`VIGIL_THRESHOLD_REVIEW`, `VIGIL_THRESHOLD_URGENT`).",
        "",
        "## Data",
        "- Training corpus: the project's labeled corpus (`classifier/corpus/`, rules in LABELING.md),",
        "  written for Vigil — no real victims' ads. Obfuscated twins (`classifier.corpus.augment`) are",
        "  added to the training part only.",
        "- Split: 60/20/20 by `cluster` (template / contact cluster, StratifiedGroupKFold,",
        f"  seed {metrics['seed']}): no template appears on two sides.",
        "- Handwritten held-out set: postings written separately from the generator templates — the honest",
        "  check that the model learned more than the templates.",
        "- Craigslist sample: real benign listings (Stanford CoCoA CraigslistBargain, MIT): the",
        "  false-positive check.",
        "",
        "| part | postings | label 0 / 1 / 2 | languages | clusters |",
        "|---|---|---|---|---|",
    ]
    for name in ("train", *EVAL_SETS):
        summary = data[name]
        counts = " / ".join(str(summary["labels"].get(str(label), 0)) for label in (0, 1, 2))
        langs = ", ".join(f"{lang} {count}" for lang, count in summary["languages"].items())
        lines.append(f"| {name} | {summary['n']} | {counts} | {langs} | {summary['clusters']} |")
    lines += [
        "",
        "## Results",
        "`flagged` = band `review` or `urgent` against gold label ≥ 1 at the thresholds above.",
        "",
        f"### {config.name} {config.version}",
        header,
    ]
    lines += [_set_row(SET_TITLES[name], model[name]) for name in EVAL_SETS]
    lines += [
        "",
        f"### Keyword-only baseline (`{baseline['model']['name']}`), same sets",
        "Indicator weights only, no embeddings. Thresholds re-picked on validation by the same rule "
        f"(review {baseline['tuned_thresholds']['review']}, "
        f"urgent {baseline['tuned_thresholds']['urgent']}):",
        "",
        header,
    ]
    lines += [_set_row(SET_TITLES[name], baseline["at_tuned_thresholds"][name]) for name in EVAL_SETS]
    lines += [
        "",
        f"At the baseline's own default thresholds ({baseline['default_thresholds']}):",
        "",
        header,
    ]
    lines += [_set_row(SET_TITLES[name], baseline["at_default_thresholds"][name]) for name in EVAL_SETS]
    lines += ["", "### Per category (average precision; model vs keyword baseline)", ""]
    lines += ["| set | category | positives | model AP | keyword AP |", "|---|---|---|---|---|"]
    for name in ("test", "heldout_handwritten"):
        for category in CATEGORY_NAMES:
            ours = model[name]["categories"][category]
            theirs = baseline["at_tuned_thresholds"][name]["categories"][category]
            lines.append(
                f"| {name} | {category} | {ours['positives']} | {_f(ours['average_precision'])} | "
                f"{_f(theirs['average_precision'])} |"
            )
    lines += ["", "### Per language (flagged recall / false-positive rate)", ""]
    lines += ["| set | language | n | positives | recall | FPR |", "|---|---|---|---|---|---|"]
    for name in ("test", "heldout_handwritten"):
        for lang, values in model[name]["languages"].items():
            lines.append(
                f"| {name} | {lang} | {values['n']} | {values['positives']} | {_f(values['recall'])} | "
                f"{_f(values['false_positive_rate'])} |"
            )
    test_risk = model["test"]["risk"]
    lines += [
        "",
        "### Calibration",
        f"Test: Brier {_f(test_risk['brier'])}, ECE {_f(test_risk['ece'])}; handwritten: Brier "
        f"{_f(model['heldout_handwritten']['risk']['brier'])}, "
        f"ECE {_f(model['heldout_handwritten']['risk']['ece'])}.",
        "Plots: `pr_curve.png` (precision-recall, model vs keyword baseline), `calibration.png`.",
        "",
        "## Limitations",
        "- Trained on postings written for the project, not on real trafficking ads (which cannot be",
        "  shared); the handwritten and Craigslist sets estimate, not guarantee, real-world behaviour.",
        "  Expect drift: traffickers change vocabulary quickly; re-check thresholds on reviewed cases.",
        "- Single postings carry weak evidence (JRSA/NIJ 2024: 'new in town' alone is not predictive); the",
        "  strongest real signal — the same contact across many postings and cities — is handled by the",
        "  network layer, not this model.",
        "- Languages other than English are a minority of the data; check the per-language table before",
        "  relying on the model in a market. Text beyond the token cap is not embedded (indicators",
        "  still run on the whole text).",
        "- Awareness posts, news and licensed services use the same words as ads; they are in the data as",
        "  hard negatives but remain the main false-positive risk.",
        "",
        "## Reproduce",
        f"`vigil train --version {config.version}` (seed {metrics['seed']}) regenerates this card,",
        "`metrics.json` and the plots; `vigil evaluate FILE.jsonl` measures any labeled file.",
        "",
        "Library versions: "
        + ", ".join(f"{name} {version}" for name, version in sorted(config.library_versions.items()))
        + ".",
        "",
    ]
    return "\n".join(lines)
