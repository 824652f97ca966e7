"""Labeled corpora for training and evaluating Vigil's scorer (rules in LABELING.md).

Training data, not runtime code: this package is excluded from the wheel; `vigil train` reads it from a
source checkout.

- ``generated``: seeded template corpus (``python -m classifier.training.corpus.generator``);
- ``written``: postings written one by one in many voices and 14 languages (no templates);
- ``handwritten``: 340 postings written apart from the templates (1.0.0's held-out set, trained on
  since 1.1.0);
- ``heldout``: postings written apart from every training corpus, in every supported language —
  never trained on, never used to pick thresholds: the honest measure;
- ``craigslist_sample``: real benign Craigslist listings (CoCoA, MIT; see CRAIGSLIST_LICENSE.txt) —
  the false-positive check;
- ``craigslist_train``: 1,500 other real listings, disjoint from the sample, used as training negatives.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent
CORPORA = ("generated", "written", "handwritten", "heldout", "craigslist_sample", "craigslist_train")
TRAINING_CORPORA = ("generated", "written", "handwritten", "craigslist_train")


def corpus_path(name: str) -> Path:
    if name not in CORPORA:
        raise ValueError(f"unknown corpus {name!r}; expected one of {CORPORA}")
    return CORPUS_DIR / f"{name}.jsonl"


def load_corpus(name: str, *, directory: Path | None = None) -> list[dict[str, Any]]:
    """All rows of a corpus, in file order (``directory`` overrides the shipped one, e.g. in tests)."""
    path = (directory / f"{name}.jsonl") if directory is not None else corpus_path(name)
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
