"""Write the Craigslist corpora: real benign listings no one on the team wrote.

``craigslist_sample.jsonl`` (1,000 rows) is the held-out false-positive check; ``craigslist_train.jsonl``
(1,500 other rows, disjoint) joins the training corpus as real-world negatives.

Source: /work/shared/data/craigslist_listings.jsonl — Stanford NLP CoCoA "CraigslistBargain"
(MIT License, Copyright (c) 2022 Stanford NLP); the notice ships as CRAIGSLIST_LICENSE.txt.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from classifier.training.corpus import CORPUS_DIR

DEFAULT_SOURCE = Path("/work/shared/data/craigslist_listings.jsonl")
SAMPLE_SIZE = 1000
TRAIN_SIZE = 1500
SEED = 7


def sample(
    source: Path, *, size: int = SAMPLE_SIZE, train_size: int = TRAIN_SIZE, seed: int = SEED
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(evaluation sample, training sample): seeded and disjoint."""
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    picked = random.Random(seed).sample(range(len(rows)), size + train_size)
    return _rows(rows, sorted(picked[:size])), _rows(rows, sorted(picked[size:]))


def _rows(rows: list[dict[str, object]], chosen: list[int]) -> list[dict[str, object]]:
    return [
        {
            "id": f"cl-{rows[i]['id']}",
            "text": rows[i]["text"],
            "label": 0,
            "categories": [],
            "lang": "en",
            "genre": f"craigslist_{rows[i]['category']}",
            "cluster": f"cl:{rows[i]['id']}",
            "source": "craigslist",
        }
        for i in chosen
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output-dir", type=Path, default=CORPUS_DIR)
    args = parser.parse_args(argv)
    for name, rows in zip(("craigslist_sample", "craigslist_train"), sample(args.source), strict=True):
        path = args.output_dir / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {len(rows)} rows to {path}")


if __name__ == "__main__":
    main()
