"""Labeled corpora shipped with Vigil (rules in LABELING.md).

- ``generated``: seeded template corpus (``python -m classifier.corpus.generator``), training data;
- ``heldout_handwritten``: postings written one by one, apart from the templates — the honest test;
- ``craigslist_sample``: real benign Craigslist listings (CoCoA, MIT; see CRAIGSLIST_LICENSE.txt) —
  the false-positive check;
- ``craigslist_train``: 1,500 other real listings, disjoint from the sample, used as training negatives.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent
CORPORA = ("generated", "heldout_handwritten", "craigslist_sample", "craigslist_train")


def corpus_path(name: str) -> Path:
    if name not in CORPORA:
        raise ValueError(f"unknown corpus {name!r}; expected one of {CORPORA}")
    return CORPUS_DIR / f"{name}.jsonl"


def load_corpus(name: str) -> list[dict[str, Any]]:
    """All rows of a shipped corpus, in file order."""
    path = corpus_path(name)
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
