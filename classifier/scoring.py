"""The trained scorer: text analysis + encoder + RiskClassifier behind the ``TextScorer`` protocol."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from classifier.artifacts import ArtifactError, ModelConfig, load_config, load_model
from classifier.encoders import DEFAULT_ONNX_ENCODER_DIR, MODELS_DIR
from classifier.estimator import RISK_HEAD, URGENT_HEAD, RiskClassifier
from classifier.results import ScoreResult, Thresholds

if TYPE_CHECKING:
    from classifier.indicators.features import TextAnalysis

MODEL_NAME = "vigil-risk"
LATEST_FILE = "LATEST"
BACKENDS = ("onnx", "torch")


class Encoder(Protocol):
    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def default_model_dir(models_dir: Path = MODELS_DIR) -> Path:
    """The model directory named in ``models/LATEST``."""
    latest = models_dir / LATEST_FILE
    if not latest.is_file():
        raise ArtifactError(f"{latest} not found: train a model with `vigil train`")
    name = latest.read_text().strip()
    if not name or "/" in name or name.startswith("."):
        raise ArtifactError(f"{latest} must name a directory inside {models_dir}, got {name!r}")
    return models_dir / name


def embedding_text(analysis: TextAnalysis) -> str:
    """What the encoder sees: the normalized text, so obfuscation (leetspeak, emoji, homoglyphs)
    reads the same to the model as plain wording."""
    return analysis.normalized.text


def model_inputs(analyses: Sequence[TextAnalysis], encoder: Encoder) -> np.ndarray:
    """``[embedding ‖ indicator features]`` rows; the one place training and scoring build them."""
    from classifier.indicators.features import FEATURE_NAMES

    if not analyses:
        return np.zeros((0, encoder.dim + len(FEATURE_NAMES)), dtype=np.float32)
    embeddings = encoder.encode([embedding_text(analysis) for analysis in analyses])
    features = np.vstack([np.asarray(analysis.features, dtype=np.float32) for analysis in analyses])
    return np.hstack([embeddings, features]).astype(np.float32)


class ModelScorer:
    """Scores texts with the trained model; thresholds come from config.json unless overridden."""

    def __init__(
        self,
        *,
        estimator: RiskClassifier,
        config: ModelConfig,
        encoder: Encoder,
        thresholds: Thresholds | None = None,
        model_dir: Path | None = None,
    ) -> None:
        self.estimator = estimator
        self.config = config
        self.encoder = encoder
        self._thresholds = thresholds or config.thresholds
        self._model_dir = model_dir

    @property
    def model_name(self) -> str:
        return self.config.name

    @property
    def model_version(self) -> str:
        return self.config.version

    @property
    def thresholds(self) -> Thresholds:
        return self._thresholds

    @property
    def model_dir(self) -> Path | None:
        return self._model_dir

    def with_thresholds(self, thresholds: Thresholds) -> ModelScorer:
        """The same model with other band thresholds (sharing estimator and encoder)."""
        return ModelScorer(
            estimator=self.estimator,
            config=self.config,
            encoder=self.encoder,
            thresholds=thresholds,
            model_dir=self._model_dir,
        )

    def score_texts(self, texts: Sequence[str]) -> list[ScoreResult]:
        from classifier.indicators.features import analyze

        analyses = [analyze(text) for text in texts]
        if not analyses:
            return []
        scores = self.estimator.predict_scores(model_inputs(analyses, self.encoder))
        results = []
        for row, analysis in enumerate(analyses):
            risk = float(scores[RISK_HEAD][row])
            urgent = float(scores[URGENT_HEAD][row])
            results.append(
                ScoreResult(
                    model_name=self.model_name,
                    model_version=self.model_version,
                    risk_score=risk,
                    urgent_score=urgent,
                    band=self._thresholds.band(risk_score=risk, urgent_score=urgent),
                    category_scores={
                        name: float(scores[name][row]) for name in self.config.categories if name in scores
                    },
                    indicators=tuple(analysis.indicators),
                    entities=tuple(analysis.entities),
                    thresholds=self._thresholds,
                )
            )
        return results


def load_scorer(
    model_dir: Path | None = None,
    *,
    backend: str = "onnx",
    thresholds: Thresholds | None = None,
    encoder_dir: Path | None = None,
    encoder_threads: int = 0,
) -> ModelScorer:
    """Load a trained model directory (default: ``models/LATEST``) as a :class:`ModelScorer`.

    ``backend="onnx"`` (default) runs the shipped int8 encoder and verifies its sha256 against the
    model's record; ``backend="torch"`` uses the reference sentence-transformers encoder (slow import,
    needs the [train] extra), useful to compare against.
    """
    from classifier.encoders import OnnxEncoder, SentenceTransformerEncoder
    from classifier.indicators.features import FEATURE_NAMES

    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, got {backend!r}")
    model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
    config = load_config(model_dir)
    encoder: Encoder
    if backend == "onnx":
        onnx_encoder = OnnxEncoder(
            encoder_dir or DEFAULT_ONNX_ENCODER_DIR,
            max_tokens=config.encoder.max_tokens,
            intra_op_threads=encoder_threads,
        )
        onnx_encoder.verify_sha256()
        encoder, encoder_sha = onnx_encoder, onnx_encoder.sha256
        estimator, config = load_model(
            model_dir, expected_feature_names=FEATURE_NAMES, encoder_sha256=encoder_sha
        )
    else:
        estimator, config = load_model(model_dir, expected_feature_names=FEATURE_NAMES)
        encoder = SentenceTransformerEncoder(max_tokens=config.encoder.max_tokens)
    return ModelScorer(
        estimator=estimator, config=config, encoder=encoder, thresholds=thresholds, model_dir=model_dir
    )
