"""The character n-gram view's column → n-gram mapping agrees with the hashing it inverts."""

from __future__ import annotations

from classifier.char_ngrams import CHAR_NGRAMS, CharNgramSpec

TEXTS = [
    "NEW girls every week!! Ásian 🌹 café no\u200bcops, text 713-555-0142",
    "Молодые девушки, новые каждую неделю",
    "",
]


def test_ngrams_by_column_recount_exactly_what_transform_counts() -> None:
    for spec in (CHAR_NGRAMS, CharNgramSpec(n_features=2**6)):  # 2**6: many collisions in one column
        analyzer = spec._vectorizer.build_analyzer()
        for text in TEXTS:
            counts = spec.transform([text])
            columns = spec.ngrams_by_column(text)
            grams = analyzer(text)
            recounted = {column: sum(grams.count(g) for g in names) for column, names in columns.items()}
            assert recounted == {int(c): int(v) for c, v in zip(counts.indices, counts.data, strict=True)}
