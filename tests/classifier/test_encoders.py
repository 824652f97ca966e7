"""The shipped int8 ONNX encoder: shape, normalization, token cap, cache, and agreement with torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from classifier.encoders import (
    DEFAULT_ONNX_ENCODER_DIR,
    EMBEDDING_DIM,
    EncoderError,
    OnnxEncoder,
    SentenceTransformerEncoder,
)

TEXTS = [
    "New girls just arrived in town, incall only, 150 roses, text me on WhatsApp",
    "Licensed massage therapist (LMT #12345), deep tissue and sports massage, book online.",
    "Au pair wanted by a family in Lyon through Cultural Care agency; contract, insurance and pocket money.",
    "Fresh strawberries at the farm stand this weekend",
    "Se busca camarera para trabajar en el extranjero, viaje y visado pagados, sin experiencia",
    "hi",
]


@pytest.fixture(scope="module")
def encoder() -> OnnxEncoder:
    return OnnxEncoder(cache_size=16)


def test_shape_dtype_and_unit_norm(encoder: OnnxEncoder) -> None:
    vectors = encoder.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, EMBEDDING_DIM)


def test_similar_texts_are_closer_than_unrelated_ones(encoder: OnnxEncoder) -> None:
    a, b, c = encoder.encode(
        [
            "Young new girls just arrived, incall only, roses accepted",
            "Just arrived in town: new young girls, incall, donations",
            "Selling a mountain bike with new tires, barely used",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.2


def test_cache_returns_identical_vectors_and_keeps_order(encoder: OnnxEncoder) -> None:
    encoder.clear_cache()
    first = encoder.encode(TEXTS[:3])
    hits_before = encoder.cache_hits
    again = encoder.encode([TEXTS[2], TEXTS[0], TEXTS[2]])
    assert encoder.cache_hits == hits_before + 3
    np.testing.assert_array_equal(again, first[[2, 0, 2]])


def test_lru_cache_is_bounded() -> None:
    small = OnnxEncoder(cache_size=2)
    small.encode(TEXTS[:4])
    assert len(small._cache) == 2


def test_duplicates_within_a_call_are_embedded_once_and_agree(encoder: OnnxEncoder) -> None:
    vectors = OnnxEncoder(cache_size=0).encode([TEXTS[0], TEXTS[1], TEXTS[0]])
    np.testing.assert_array_equal(vectors[0], vectors[2])


def test_token_cap_ignores_text_beyond_the_cap() -> None:
    capped = OnnxEncoder(max_tokens=32, cache_size=0)
    prefix = " ".join(["apartment"] * 60)
    one, two = capped.encode([prefix + " incall only roses", prefix + " bicycle for sale"])
    np.testing.assert_allclose(one, two, atol=1e-6)
    long_text = "word " * 5000
    assert OnnxEncoder(cache_size=0).encode([long_text]).shape == (1, EMBEDDING_DIM)


def test_default_scoring_does_not_depend_on_batch_companions(encoder: OnnxEncoder) -> None:
    together = OnnxEncoder(cache_size=0).encode(TEXTS)
    alone = np.vstack([OnnxEncoder(cache_size=0).encode([text]) for text in TEXTS])
    np.testing.assert_allclose(together, alone, atol=1e-6)


def test_length_aware_batches_keep_order_and_meaning() -> None:
    # With batch_size > 1 the int8 activation scales are shared across a batch, so results move by
    # rounding only; order must survive the length sort.
    batched = OnnxEncoder(cache_size=0, batch_size=4).encode(TEXTS)
    single = OnnxEncoder(cache_size=0).encode(TEXTS)
    assert float((batched * single).sum(axis=1).min()) > 0.97


def test_missing_files_raise_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EncoderError, match="export-encoder"):
        OnnxEncoder(tmp_path)


def test_shipped_model_matches_its_recorded_sha256(encoder: OnnxEncoder) -> None:
    encoder.verify_sha256()
    assert encoder.meta["agreement_vs_torch"]["mean_cosine"] > 0.98
    assert not (DEFAULT_ONNX_ENCODER_DIR / "model-fp32.onnx").exists()


def test_onnx_encoder_does_not_import_torch() -> None:
    code = (
        "import sys; from classifier.encoders import OnnxEncoder; OnnxEncoder().encode(['hello']);"
        "bad = [m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


@pytest.mark.slow
def test_onnx_int8_agrees_with_torch_reference() -> None:
    reference = SentenceTransformerEncoder(cache_size=0).encode(TEXTS)
    vectors = OnnxEncoder(cache_size=0).encode(TEXTS)
    cosines = (reference * vectors).sum(axis=1)
    assert float(cosines.mean()) > 0.98
    assert float(cosines.min()) > 0.95
    np.testing.assert_allclose(np.linalg.norm(reference, axis=1), 1.0, atol=1e-5)
