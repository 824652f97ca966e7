"""Featurize step of `vigil train`: text analysis and the model-input matrix of every set."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from classifier.indicators.features import TextAnalysis, analyze
from classifier.scoring import Encoder, model_inputs

BATCH = 64


class CachedEncoder:
    """An encoder with an on-disk cache of embeddings keyed by encoder sha256 + text.

    Training embeds ~10k postings one at a time (int8 scores are only reproducible unbatched); across
    retraining runs most texts are unchanged, so a cache turns minutes into seconds. Embeddings are
    deterministic for a given encoder file, so cached values equal fresh ones.
    """

    def __init__(self, encoder: Any, path: Path) -> None:
        self.encoder = encoder
        self.path = path
        self._cache: dict[str, np.ndarray] = {}
        if path.is_file():
            stored = np.load(path)
            self._cache = {key: stored[key] for key in stored.files}

    @property
    def dim(self) -> int:
        return int(self.encoder.dim)

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.encoder.sha256}\x00{text}".encode()).hexdigest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(text) for text in texts]
        missing = [i for i, key in enumerate(keys) if key not in self._cache]
        if missing:
            fresh = self.encoder.encode([texts[i] for i in missing])
            for row, i in enumerate(missing):
                self._cache[keys[i]] = fresh[row]
        return np.vstack([self._cache[key] for key in keys]) if keys else np.zeros((0, self.dim))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, Any] = dict(self._cache)
        with self.path.open("wb") as handle:
            np.savez(handle, **arrays)


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
