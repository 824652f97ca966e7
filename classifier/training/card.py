"""MODEL_CARD.md from metrics.json: deterministic, no timestamps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from classifier.artifacts import ModelConfig
from classifier.estimator import CATEGORY_NAMES

SET_TITLES = {
    "validation": "validation (grouped split; thresholds picked here)",
    "test": "test (grouped split, held out)",
    "test_obfuscated": "test, obfuscated by the training augmenter's tricks",
    "heldout": "held-out set written apart from all training data",
    "craigslist_sample": "real Craigslist listings (all benign)",
}
BASELINE_TITLES = {
    "char_tfidf": "character n-gram TF-IDF + logistic regression (same training rows)",
    "keyword": "keyword-only indicator scorer",
}


def _f(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}"


def _ci(interval: Sequence[float] | None) -> str:
    return "" if not interval else f" [{interval[0]:.2f}, {interval[1]:.2f}]"


def _set_row(title: str, values: Mapping[str, Any]) -> str:
    risk, flagged, urgent = values["risk"], values["flagged"], values["urgent"]
    return (
        f"| {title} | {values['n']} | {_f(risk['roc_auc'])} | {_f(risk['average_precision'])} | "
        f"{_f(flagged['precision'])} | {_f(flagged['recall'])} | {_f(flagged['false_positive_rate'])} | "
        f"{_f(urgent['recall'])} | {_f(urgent['precision'])} |"
    )


SET_HEADER = (
    "| set | n | ROC AUC | AP | flagged precision | flagged recall | FP rate | urgent recall | urgent precision |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.3f}"


def _data_notes(training: Mapping[str, Any]) -> list[str]:
    notes = []
    if training.get("reviewed"):
        reviewed = training["reviewed"]
        notes += [
            f"- Reviewed rows (`source` reviewed): {reviewed['train_rows']} decided cases of the platform in training,",
            f"  weighted {reviewed['weight']}; {reviewed['holdout_rows']} more held out (see *Reviewed hold-out*).",
        ]
    if training.get("corpus_limit") is not None:
        notes += [
            f"- **A quick model**: at most about {training['corpus_limit']} rows of each corpus (seeded,"
            " label-stratified).",
            "  Its figures rest on small samples; do not serve it.",
        ]
    return notes


def _measure(values: Mapping[str, Any]) -> str:
    """A figure with its 95% interval and sample size, marked when the sample is small."""
    size = f"n {values['n']}" + (f", {values['positives']} positive" if "positives" in values else "")
    small = ", **small sample**" if values["small"] else ""
    return f"{_f(values['value'])}{_ci(values['ci'])} ({size}{small})"


REVIEWED_MEASURES = (
    ("average_precision", "average precision (label ≥ 1)"),
    ("review_recall", "recall at band ≥ review"),
    ("review_precision", "precision at band ≥ review"),
    ("urgent_recall", "label-2 postings reaching `urgent`"),
    ("urgent_precision", "precision of the `urgent` band"),
)


def reviewed_section(reviewed: Mapping[str, Any]) -> list[str]:
    """The candidate against the active model on the reviewed hold-out (from metrics.json)."""
    from classifier.training.compare import SMALL_POSITIVES, SMALL_SAMPLE

    comparison = reviewed["comparison"]
    versions, thresholds = comparison["versions"], comparison["thresholds"]
    names = {"candidate": f"candidate {versions['candidate']}", "active": f"active {versions['active']}"}
    counts = comparison["label_counts"]
    difference = comparison["ap_difference"]
    lines = [
        "## Reviewed hold-out: this candidate against the active model",
        "",
        f"The platform's own decided cases (`vigil dataset export`, sha256 `{reviewed['sha256'][:16]}…`):",
        f"{reviewed['train_rows']} trained on (weight {reviewed['weight']} each), {reviewed['holdout_rows']} held",
        f"out (label 0 / 1 / 2: {counts['0']} / {counts['1']} / {counts['2']}) — about"
        f" {reviewed['holdout_share']:.0%} of the network clusters (a posting without",
        "one is its own group), chosen by a hash of the cluster alone, never trained on and never used to",
        f"pick thresholds ({reviewed['holdout_dropped_as_training_repeats']} held-out rows repeating a"
        " training text were dropped).",
        "Each model at its own thresholds, floor included: candidate review"
        f" {thresholds['candidate']['review']} / urgent {thresholds['candidate']['urgent']}, active review"
        f" {thresholds['active']['review']} / urgent {thresholds['active']['urgent']}.",
        "95% intervals: bootstrap for AP, Wilson for proportions; n is the number of postings a figure rests",
        f"on. **small sample**: fewer than {SMALL_SAMPLE} postings (AP: or fewer than {SMALL_POSITIVES}"
        " positives) — read the interval, not the point.",
        "",
        f"| measure | {names['candidate']} | {names['active']} |",
        "|---|---|---|",
    ]
    overall = comparison["overall"]
    for key, title in REVIEWED_MEASURES:
        lines.append(
            f"| {title} | {_measure(overall['candidate'][key])} | {_measure(overall['active'][key])} |"
        )
    lines += [
        "",
        f"AP difference, candidate − active: {_signed(difference['value'])}{_ci(difference['ci'])}"
        " (paired bootstrap over the same resamples).",
        "",
        "### Reviewed hold-out per language",
        "",
        "| language | model | AP | recall ≥ review | precision ≥ review | precision of `urgent` |",
        "|---|---|---|---|---|---|",
    ]
    for lang, by_model in comparison["languages"].items():
        for model, values in by_model.items():
            lines.append(
                f"| {lang} | {names[model]} | {_measure(values['average_precision'])} | "
                f"{_measure(values['review_recall'])} | {_measure(values['review_precision'])} | "
                f"{_measure(values['urgent_precision'])} |"
            )
    return [*lines, ""]


def headline_rows(metrics: Mapping[str, Any], set_name: str = "heldout") -> list[tuple[str, str]]:
    """The measures issue #10 set targets for, on the held-out set."""
    values = metrics["model_metrics"][set_name]
    flagged, urgent, coverage = values["flagged"], values["urgent"], values["coverage"]
    non_english = coverage.get("non_english", {})
    limited = coverage.get("limited", {})
    robustness = metrics.get("robustness", {}).get(set_name, {})
    craigslist = metrics["model_metrics"]["craigslist_sample"]["flagged"]
    rows = [
        ("recall at band ≥ review", f"{_f(flagged['recall'])}{_ci(flagged['recall_ci'])}"),
        ("precision at band ≥ review", f"{_f(flagged['precision'])}{_ci(flagged['precision_ci'])}"),
        ("label-2 postings reaching `urgent`", f"{_f(urgent['recall'])}{_ci(urgent['recall_ci'])}"),
        ("precision of the `urgent` band", f"{_f(urgent['precision'])}{_ci(urgent['precision_ci'])}"),
        (
            "recall on non-English positives",
            f"{_f(non_english.get('recall'))}{_ci(non_english.get('recall_ci'))}",
        ),
        (
            "recall in languages without a lexicon",
            f"{_f(limited.get('recall'))}{_ci(limited.get('recall_ci'))}",
        ),
        (
            "precision on non-English postings",
            f"{_f(non_english.get('precision'))}{_ci(non_english.get('precision_ci'))}",
        ),
        (
            "awareness / news posts flagged",
            f"{values['awareness_flagged']['flagged']} of {values['awareness_flagged']['n']}",
        ),
        ("expected calibration error, risk", _f(values["risk"]["ece"])),
    ]
    for name, label in (("emoji_separators", "every space an emoji"), ("all_caps", "ALL CAPS")):
        if name in robustness:
            rows.append(
                (
                    f"recall when {label} (change vs plain)",
                    f"{_f(robustness[name]['recall'])} ({robustness[name]['recall_change']:+.3f})",
                )
            )
    rows.append(
        (
            "real benign listings flagged (unseen Craigslist)",
            f"{craigslist['fp']} of {craigslist['fp'] + craigslist['tn']} "
            f"({100 * (craigslist['false_positive_rate'] or 0):.2f}%{_ci(craigslist['false_positive_rate_ci'])})",
        )
    )
    return rows


def render_model_card(metrics: Mapping[str, Any], config: ModelConfig) -> str:
    model = metrics["model_metrics"]
    thresholds = metrics["thresholds"]
    data = metrics["data"]
    views = config.training.get("views", {})
    lines = [
        f"# Model card: {config.name} {config.version}",
        "",
        "Scores a marketplace posting for **trafficking-risk indicators** so that a human reviewer looks",
        "at it. A score is a reason to look, never proof of trafficking and never a reason to act without",
        "review.",
        "",
        "## Model",
        "Three views of each posting, one logistic regression per view and head, and a logistic combiner",
        "per head fitted on the views' **out-of-fold** scores (folds grouped by template / translation",
        "cluster), which is also the calibration step:",
        f"- **embedding**: `{config.encoder.id}` — all-MiniLM-L6-v2 (Apache-2.0) as int8 ONNX, mean pooled,",
        f"  {config.encoder.max_tokens}-token cap, sha256 `{config.encoder.sha256[:16]}…`"
        f" ({views.get('embedding', config.encoder.dim)} values);",
        f"- **indicators**: {len(config.feature_names)} counts and flags from the explainable detectors;",
        f"- **character n-grams**: hashed `{config.char_ngrams.analyzer}` {config.char_ngrams.min_n}–"
        f"{config.char_ngrams.max_n}-grams of the normalized text ({config.char_ngrams.n_features:,} buckets,",
        "  TF-IDF weighted) — language-agnostic, so postings in languages MiniLM reads poorly still get signal.",
        "- Heads: `risk` = P(label ≥ 1), `urgent` = P(label = 2), one per category (sex_trafficking,",
        "  labor_trafficking, minor_involved).",
        "- Combiner weights of the risk head: "
        + ", ".join(
            f"{name} {weight}" for name, weight in metrics.get("view_weights", {}).get("risk", {}).items()
        )
        + ".",
        "- Saved with skops (explicit trusted types, no pickle) + `config.json` (library versions, encoder",
        "  sha256, feature names, n-gram spec); loading refuses any mismatch.",
        "",
        "## Bands and the floor",
        f"- `review` when `risk_score` ≥ **{thresholds['review']}** — the highest threshold with review recall ≥",
        f"  {metrics['target']['review_recall']} on the validation rows written like real postings (sources:",
        f"  {', '.join(config.training.get('threshold_sources', []))}; template fills are too easy to set it on).",
        f"- `urgent` when also `urgent_score` ≥ **{thresholds['urgent']}** — the lowest threshold whose urgent band",
        f"  keeps precision ≥ {metrics['target']['urgent_precision']} on those rows. A posting below the review",
        "  threshold is never `urgent`.",
        "- **Floor**: a high-severity indicator hit (debt bondage, document retention, confinement, minor",
        "  cues, …) that is not negated and not in an awareness / news post lifts `risk_score` to the review",
        "  threshold unless the model's own risk is below 0.05 (there such hits are almost always quoted or",
        "  denied wording the lexicons missed); the output names those indicators in `floor` and keeps the",
        "  model's own probability in `model_risk_score`.",
        "- Thresholds live in `config.json`, never in the estimator; deployments may override them",
        "  (`VIGIL_THRESHOLD_REVIEW`, `VIGIL_THRESHOLD_URGENT`).",
        "- Every score carries `language` (py3langid) and `coverage`: `full` when the indicator lexicons",
        "  cover the language, `limited` when only the model views read it.",
        "",
        "## Data",
        "- Training corpora: " + ", ".join(f"`{name}`" for name in config.training.get("corpora", [])) + " —",
        "  template fills (weighted 0.5), postings written one by one in 14 languages, the 1.0.0 handwritten",
        "  set, real benign Craigslist listings. Obfuscated twins are added to the training part only.",
        "- Split 60/20/20 grouped by cluster with template translations merged (StratifiedGroupKFold,",
        f"  seed {metrics['seed']}); evaluation texts that also occur in training (normalized) are dropped.",
        "- `heldout`: postings written apart from every training corpus, in every supported language —",
        "  never trained on, never used for thresholds.",
        *_data_notes(config.training),
        "",
        "| part | postings | label 0 / 1 / 2 | languages | clusters |",
        "|---|---|---|---|---|",
    ]
    for name in ("train", "validation", "test", "heldout", "craigslist_sample", "reviewed_holdout"):
        if name not in data:
            continue
        summary = data[name]
        counts = " / ".join(str(summary["labels"].get(str(label), 0)) for label in (0, 1, 2))
        langs = ", ".join(f"{lang} {count}" for lang, count in summary["languages"].items())
        lines.append(f"| {name} | {summary['n']} | {counts} | {langs} | {summary['clusters']} |")
    lines += [
        "",
        "## Headline (held-out set, 95% Wilson intervals)",
        "",
        "| measure | value |",
        "|---|---|",
    ]
    lines += [f"| {name} | {value} |" for name, value in headline_rows(metrics)]
    lines.append("")
    if "reviewed" in metrics:
        lines += reviewed_section(metrics["reviewed"])
    lines += [
        "## Results",
        "`flagged` = band `review` or `urgent` against gold label ≥ 1.",
        "",
        SET_HEADER,
    ]
    lines += [_set_row(SET_TITLES[name], model[name]) for name in SET_TITLES]
    lines += [
        "",
        "### Against the baselines at matched operating points",
        "Average precision (95% bootstrap interval) and the best recall each scorer reaches at a fixed",
        "precision — never a baseline at its worst threshold.",
        "",
        "| scorer | set | AP | recall @ P 0.85 | recall @ P 0.90 | recall @ P 0.95 |",
        "|---|---|---|---|---|---|",
    ]
    for scorer, by_set in metrics["matched"].items():
        title = "vigil-risk " + config.version if scorer == "model" else BASELINE_TITLES.get(scorer, scorer)
        for set_name, values in by_set.items():
            at = values["recall_at_precision"]
            lines.append(
                f"| {title} | {set_name} | {_f(values['average_precision'])}{_ci(values['average_precision_ci'])} | "
                f"{_f(at.get('0.85'))} | {_f(at.get('0.90'))} | {_f(at.get('0.95'))} |"
            )
    lines += ["", "### Per language, held-out set", ""]
    lines += [
        "| language | n | positives | AP | recall | precision | FP rate |",
        "|---|---|---|---|---|---|---|",
    ]
    for lang, values in model["heldout"]["languages"].items():
        lines.append(
            f"| {lang} | {values['n']} | {values['positives']} | {_f(values['average_precision'])} | "
            f"{_f(values['recall'])}{_ci(values['recall_ci'])} | {_f(values['precision'])} | "
            f"{_f(values['false_positive_rate'])}{_ci(values['false_positive_rate_ci'])} |"
        )
    lines += [
        "",
        "### False-positive rate per source",
        "",
        "| set | source | n | FP rate | recall |",
        "|---|---|---|---|---|",
    ]
    for set_name, by_source in metrics["by_source"].items():
        for source, values in by_source.items():
            flagged = values["flagged"]
            lines.append(
                f"| {set_name} | {source} | {values['n']} | "
                f"{_f(flagged['false_positive_rate'])}{_ci(flagged['false_positive_rate_ci'])} | {_f(flagged['recall'])} |"
            )
    craigslist = model["craigslist_sample"]["flagged"]
    lines.append(
        f"| craigslist_sample | real listings | {model['craigslist_sample']['n']} | "
        f"{_f(craigslist['false_positive_rate'])}{_ci(craigslist['false_positive_rate_ci'])} | — |"
    )
    lines += [
        "",
        "### Robustness (held-out set, obfuscations training never used)",
        "Built by `classifier.training.robustness`, separate from the training augmenter.",
        "",
        "| transformation | flagged recall | change vs plain | FP rate | AP |",
        "|---|---|---|---|---|",
    ]
    plain = model["heldout"]
    lines.append(
        f"| none (plain) | {_f(plain['flagged']['recall'])} | — | {_f(plain['flagged']['false_positive_rate'])} | "
        f"{_f(plain['risk']['average_precision'])} |"
    )
    for name, values in metrics.get("robustness", {}).get("heldout", {}).items():
        lines.append(
            f"| {name.replace('_', ' ')} | {_f(values['recall'])} | {values['recall_change']:+.3f} | "
            f"{_f(values['false_positive_rate'])} | {_f(values['average_precision'])} |"
        )
    lines += [
        "",
        "### Per category (average precision)",
        "",
        "| set | category | positives | AP |",
        "|---|---|---|---|",
    ]
    for set_name in ("test", "heldout"):
        for category in CATEGORY_NAMES:
            values = model[set_name]["categories"][category]
            lines.append(
                f"| {set_name} | {category} | {values['positives']} | {_f(values['average_precision'])} |"
            )
    lines += [
        "",
        "### Calibration",
        f"Test: Brier {_f(model['test']['risk']['brier'])}, ECE {_f(model['test']['risk']['ece'])}; held-out: "
        f"Brier {_f(model['heldout']['risk']['brier'])}, ECE {_f(model['heldout']['risk']['ece'])}.",
        "Plots: `pr_curve.png` (precision-recall with both baselines), `calibration.png`.",
        "",
        "## Limitations",
        "- Trained and measured on postings written for the project, not on real trafficking ads (which",
        "  cannot be shared); the held-out and Craigslist sets estimate, not guarantee, real-world behaviour.",
        "  The held-out set was written by other hands than the training corpus but for the same project:",
        "  treat its figures as an upper bound, and re-measure on your own reviewed cases.",
        "- Per-language samples are small (see the intervals). The encoder is English MiniLM: in other",
        "  languages the character n-gram view carries most of the signal.",
        "- Single postings carry weak evidence (JRSA/NIJ 2024); the strongest real signal — one contact",
        "  across many postings and cities — is the network layer's, not this model's.",
        "- Awareness posts, news and licensed services share words with ads and remain the main",
        "  false-positive risk.",
        "",
        "## Reproduce",
        f"`vigil train --version {config.version}` (seed {metrics['seed']}) regenerates this card, `metrics.json`",
        "and the plots; `vigil evaluate FILE.jsonl` measures any labeled file.",
        "",
        "Library versions: "
        + ", ".join(f"{name} {version}" for name, version in sorted(config.library_versions.items()))
        + ".",
        "",
    ]
    return "\n".join(lines)


# Issue #10's targets for 1.1, next to each headline measure (same order as headline_rows).
TARGETS = (
    "≥ 0.90",
    "≥ 0.85",
    "≥ 0.85",
    "≥ 0.75",
    "≥ 0.80",
    "≥ 0.80",
    "≥ 0.85",
    "0",
    "≤ 0.08",
    "within 0.05 of plain",
    "within 0.02 of plain",
    "≤ 0.2%",
)
README_START = "<!-- model-headline: generated by `python -m classifier.training.card`, do not edit -->"
README_END = "<!-- /model-headline -->"


def readme_table(metrics: Mapping[str, Any]) -> str:
    """The README's model table: the held-out headline with the targets, from metrics.json."""
    version = metrics["model"]["version"]
    lines = [README_START, f"| measure (held-out set) | {version} | target |", "|---|---|---|"]
    for (name, value), target in zip(headline_rows(metrics), TARGETS, strict=True):
        lines.append(f"| {name} | {value} | {target} |")
    lines.append(README_END)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    import json
    from pathlib import Path

    from classifier.scoring import default_model_dir

    parser = argparse.ArgumentParser(description="print the README's model table from a model's metrics.json")
    parser.add_argument("model_dir", nargs="?", type=Path, default=None, help="default: models/LATEST")
    args = parser.parse_args(argv)
    model_dir = args.model_dir or default_model_dir()
    print(readme_table(json.loads((model_dir / "metrics.json").read_text())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
