"""Model directories: skops round trip, and loud failures on mismatched or unsafe artifacts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from classifier.artifacts import (
    CONFIG_FILE,
    ArtifactError,
    EncoderRef,
    ModelConfig,
    library_versions,
    load_model,
    save_model,
    version_mismatches,
)
from classifier.char_ngrams import CharNgramSpec
from classifier.estimator import CATEGORY_NAMES, RiskClassifier
from classifier.results import Thresholds

FEATURES = ("f_a", "f_b")
ENCODER = EncoderRef(id="test-encoder", sha256="ab" * 32, dim=6, max_tokens=256)
NGRAMS = CharNgramSpec(n_features=16)


class NotAllowed:
    """A type skops must refuse to instantiate."""


def make_config() -> ModelConfig:
    return ModelConfig(
        name="vigil-risk",
        version="0.0.1",
        encoder=ENCODER,
        feature_names=FEATURES,
        thresholds=Thresholds(review=0.3, urgent=0.6),
        categories=CATEGORY_NAMES,
        char_ngrams=NGRAMS,
    )


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, RiskClassifier, np.ndarray]:
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, size=90)
    X = rng.normal(size=(90, 8)) + y[:, None]
    X = np.hstack([X, NGRAMS.transform([f"text {label} " * 3 for label in y]).toarray()])
    categories = np.column_stack([y == 1, y == 2, y == 2]).astype(int)
    model = RiskClassifier(cv=3, view_sizes=(6, 2, 16)).fit(X, y, categories)
    save_model(tmp_path, estimator=model, config=make_config())
    return tmp_path, model, X


def test_round_trip_preserves_predictions_and_config(saved: tuple[Path, RiskClassifier, np.ndarray]) -> None:
    model_dir, model, X = saved
    loaded, config = load_model(model_dir, expected_feature_names=FEATURES, encoder_sha256=ENCODER.sha256)
    np.testing.assert_array_equal(loaded.predict_proba(X), model.predict_proba(X))
    assert config == make_config()
    assert config.library_versions == library_versions()
    recorded = json.loads((model_dir / CONFIG_FILE).read_text())
    assert set(recorded["library_versions"]) == {"scikit-learn", "skops", "numpy", "onnxruntime"}
    assert b"pickle" not in (model_dir / "model.skops").read_bytes()[:4]


def test_library_version_mismatch_is_a_clear_error(saved: tuple[Path, RiskClassifier, np.ndarray]) -> None:
    model_dir, _, _ = saved
    data = json.loads((model_dir / CONFIG_FILE).read_text())
    data["library_versions"]["scikit-learn"] = "0.24.2"
    (model_dir / CONFIG_FILE).write_text(json.dumps(data))
    with pytest.raises(ArtifactError, match=r"scikit-learn: model saved with 0\.24\.2, installed") as info:
        load_model(model_dir)
    assert "vigil train" in str(info.value)


def test_minor_rule_accepts_patch_differences_only() -> None:
    installed = {"scikit-learn": "1.9.1", "skops": "0.16.0", "numpy": "2.4.6", "onnxruntime": "1.32.0"}
    assert version_mismatches({**installed, "numpy": "2.4.1"}, installed) == []
    assert version_mismatches({**installed, "numpy": "2.3.0"}, installed) == [
        "numpy: model saved with 2.3.0, installed 2.4.6"
    ]
    assert len(version_mismatches({**installed, "skops": "0.16.1"}, installed)) == 1


def test_feature_and_encoder_mismatches_are_refused(saved: tuple[Path, RiskClassifier, np.ndarray]) -> None:
    model_dir, _, _ = saved
    with pytest.raises(ArtifactError, match="indicator features differ"):
        load_model(model_dir, expected_feature_names=("f_a",))
    with pytest.raises(ArtifactError, match="encoder test-encoder sha256"):
        load_model(model_dir, encoder_sha256="cd" * 32)


def test_untrusted_types_are_refused(tmp_path: Path) -> None:
    model = RiskClassifier(cv=2).fit(np.arange(16.0).reshape(8, 2), [0, 1, 2, 0, 1, 2, 0, 1])
    model.smuggled_ = NotAllowed()
    save_model(tmp_path, estimator=model, config=make_config())
    with pytest.raises(ArtifactError, match="not trusted"):
        load_model(tmp_path)


def test_missing_or_malformed_directory(tmp_path: Path) -> None:
    with pytest.raises(ArtifactError, match="not found"):
        load_model(tmp_path)
    (tmp_path / CONFIG_FILE).write_text(json.dumps({"name": "x"}))
    with pytest.raises(ArtifactError, match="malformed"):
        load_model(tmp_path)


def test_a_model_of_an_older_config_schema_is_refused(saved: tuple[Path, RiskClassifier, np.ndarray]) -> None:
    directory, _, _ = saved
    config = json.loads((directory / CONFIG_FILE).read_text())
    config["schema"] = 1
    (directory / CONFIG_FILE).write_text(json.dumps(config))
    with pytest.raises(ArtifactError, match="config schema 1"):
        load_model(directory)
