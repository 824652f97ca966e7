"""The character n-gram view: hashed ``char_wb`` n-grams of the normalized text.

Stateless (a hashing trick, no vocabulary), so scoring needs nothing but this spec; the TF-IDF
weights are learned inside the estimator. Its parameters are recorded in each model's config.json and
checked at load time, because a model is only valid with the exact hashing it was trained with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

import scipy.sparse as sp


@dataclass(frozen=True)
class CharNgramSpec:
    analyzer: str = "char_wb"
    min_n: int = 2
    max_n: int = 5
    n_features: int = 2**18

    @cached_property
    def _vectorizer(self) -> Any:
        from sklearn.feature_extraction.text import HashingVectorizer

        return HashingVectorizer(
            analyzer=self.analyzer,
            ngram_range=(self.min_n, self.max_n),
            n_features=self.n_features,
            alternate_sign=False,
            norm=None,
            lowercase=True,  # case never changes the score: ALL CAPS reads like plain text
            dtype=float,
        )

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Raw n-gram counts, one row per text."""
        return sp.csr_matrix(self._vectorizer.transform(list(texts)))

    def ngrams_by_column(self, text: str) -> dict[int, list[str]]:
        """The distinct n-grams of ``text`` under each hashed column :meth:`transform` counts them in.

        Hashing cannot be inverted, but the n-grams of a known text can be hashed again: the same analyzer
        and the same MurmurHash3 column rule as scikit-learn's ``HashingVectorizer`` (a test holds the two
        together).
        """
        from sklearn.utils import murmurhash3_32

        columns: dict[int, list[str]] = {}
        for gram in dict.fromkeys(self._vectorizer.build_analyzer()(text)):
            signed = murmurhash3_32(gram, seed=0)
            column = (
                (2**31 - 1 - (self.n_features - 1)) % self.n_features
                if signed == -(2**31)
                else abs(signed) % self.n_features
            )
            columns.setdefault(column, []).append(gram)
        return columns

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


CHAR_NGRAMS = CharNgramSpec()
