"""Featurize step of `vigil train`: text analysis and the model-input matrix of every set."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import scipy.sparse as sp

from classifier.indicators.features import TextAnalysis, analyze
from classifier.scoring import Encoder, model_inputs

BATCH = 64


@dataclass(frozen=True)
class Featurized:
    """One set's texts, their analyses and model inputs, in row order."""

    texts: list[str]
    analyses: list[TextAnalysis]
    inputs: sp.csr_matrix


def featurize(
    texts: Sequence[str], encoder: Encoder, *, advance: Callable[[int], Any] | None = None
) -> Featurized:
    analyses: list[TextAnalysis] = []
    blocks = []
    for start in range(0, len(texts), BATCH):
        batch = [analyze(text) for text in texts[start : start + BATCH]]
        analyses.extend(batch)
        blocks.append(model_inputs(batch, encoder))
        if advance is not None:
            advance(len(batch))
    inputs = sp.vstack(blocks, format="csr") if blocks else model_inputs([], encoder)
    return Featurized(list(texts), analyses, inputs)


def featurize_sets(
    sets: Mapping[str, Sequence[Mapping[str, Any]]], encoder: Encoder, *, progress: bool
) -> dict[str, Featurized]:
    from tqdm import tqdm

    total = sum(len(rows) for rows in sets.values())
    with tqdm(total=total, desc="analyze+embed", unit="posting", disable=not progress) as bar:
        return {
            name: featurize([str(row["text"]) for row in rows], encoder, advance=bar.update)
            for name, rows in sets.items()
        }
