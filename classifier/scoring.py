"""The trained scorer: text analysis + encoder + RiskClassifier behind the ``TextScorer`` protocol."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import scipy.sparse as sp

from classifier.artifacts import ArtifactError, ModelConfig, load_config, load_model
from classifier.char_ngrams import CHAR_NGRAMS, CharNgramSpec
from classifier.encoders import DEFAULT_ONNX_ENCODER_DIR, MODELS_DIR
from classifier.estimator import RISK_HEAD, URGENT_HEAD, RiskClassifier
from classifier.language import identify
from classifier.results import (
    IndicatorGroup,
    NgramContribution,
    ScoreExplanation,
    ScoreResult,
    Severity,
    Thresholds,
)

if TYPE_CHECKING:
    from classifier.indicators.features import TextAnalysis

MODEL_NAME = "vigil-risk"
LATEST_FILE = "LATEST"
AWARENESS_MITIGATOR = "awareness_or_news"
FLOOR_MIN_RISK = 0.05
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


def view_sizes(encoder_dim: int, char_ngrams: CharNgramSpec = CHAR_NGRAMS) -> tuple[int, int, int]:
    """Block widths of :func:`model_inputs` rows, in :data:`~classifier.estimator.VIEW_NAMES` order."""
    from classifier.indicators.features import FEATURE_NAMES

    return (encoder_dim, len(FEATURE_NAMES), char_ngrams.n_features)


def model_inputs(
    analyses: Sequence[TextAnalysis], encoder: Encoder, char_ngrams: CharNgramSpec = CHAR_NGRAMS
) -> sp.csr_matrix:
    """``[embedding ‖ indicator features ‖ character n-grams]`` rows (sparse); the one place training
    and scoring build them."""
    if not analyses:
        return sp.csr_matrix((0, sum(view_sizes(encoder.dim, char_ngrams))), dtype=np.float64)
    texts = [embedding_text(analysis) for analysis in analyses]
    embeddings = encoder.encode(texts)
    features = np.vstack([np.asarray(analysis.features, dtype=np.float64) for analysis in analyses])
    blocks = [
        sp.csr_matrix(embeddings.astype(np.float64)),
        sp.csr_matrix(features),
        char_ngrams.transform(texts),
    ]
    return sp.hstack(blocks, format="csr")


def floor_indicators(analysis: TextAnalysis, model_risk: float) -> tuple[str, ...]:
    """High-severity indicators that put a posting at least in ``review`` (the documented floor).

    A debt-bondage or document-retention hit is rare and specific enough that a reviewer should see
    the posting even when the model scores it below the review threshold. Only trafficking-specific
    families count (general cues such as a disguised phone number are common in ordinary listings);
    awareness posts and news quoting that wording are exempt (their mitigator fired), as are denied
    phrasings (the detectors' negation scope). When the model is all but certain the posting is benign
    (risk below :data:`FLOOR_MIN_RISK`) the wording is almost always quoted, reported or denied in a way
    the lexicons missed: measured on the written corpus, such floors were wrong 27 times for 1 right.
    """
    if model_risk < FLOOR_MIN_RISK or analysis.mitigators.get(AWARENESS_MITIGATOR):
        return ()
    return tuple(
        hit.id
        for hit in analysis.indicators
        if hit.severity is Severity.HIGH and hit.group is not IndicatorGroup.GENERAL
    )


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
        return self.results_for(
            texts, analyses, model_inputs(analyses, self.encoder, self.config.char_ngrams)
        )

    def results_for(
        self, texts: Sequence[str], analyses: Sequence[TextAnalysis], inputs: sp.csr_matrix
    ) -> list[ScoreResult]:
        """Results from already-built model inputs (training evaluates through this same path)."""
        scores = self.estimator.predict_scores(inputs)
        results = []
        for row, (text, analysis) in enumerate(zip(texts, analyses, strict=True)):
            model_risk = float(scores[RISK_HEAD][row])
            floor = floor_indicators(analysis, model_risk)
            risk = max(model_risk, self._thresholds.review) if floor else model_risk
            urgent = float(scores[URGENT_HEAD][row])
            guess = identify(text)
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
                    language=guess.language,
                    coverage=str(guess.coverage),
                    floor=floor if risk > model_risk else (),
                    model_risk_score=model_risk,
                )
            )
        return results

    def explain_texts(self, texts: Sequence[str], *, top: int = 10) -> list[ScoreExplanation]:
        """Each text's model risk taken apart by view, with its ``top`` character n-grams by |contribution|
        (coefficient × TF-IDF weight × the combiner's weight on the n-gram view), named by the n-grams of
        the text the model read (:func:`embedding_text`)."""
        from classifier.indicators.features import analyze

        analyses = [analyze(text) for text in texts]
        if not analyses:
            return []
        inputs = model_inputs(analyses, self.encoder, self.config.char_ngrams)
        explanations = []
        for analysis, head in zip(analyses, self.estimator.explain(inputs, RISK_HEAD), strict=True):
            names = self.config.char_ngrams.ngrams_by_column(embedding_text(analysis))
            ranked = sorted(head.char_ngram_columns.items(), key=lambda item: -abs(item[1]))[:top]
            explanations.append(
                ScoreExplanation(
                    model_version=self.model_version,
                    model_risk_score=head.probability,
                    intercept=head.intercept,
                    views=head.views,
                    char_ngram_bias=head.char_ngram_bias,
                    top_char_ngrams=tuple(
                        NgramContribution(ngrams=tuple(names.get(column, ())), contribution=value)
                        for column, value in ranked
                    ),
                )
            )
        return explanations


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
