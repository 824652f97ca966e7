"""Saving and loading a trained model directory: ``model.skops`` + ``config.json``.

The estimator is stored with skops (never pickle) and loaded with an explicit list of trusted types.
``config.json`` records what the estimator silently depends on — library versions, the encoder's id
and sha256, the indicator feature names, thresholds — and loading refuses a directory whose record
does not match the running environment, with an error that says what differs and how to fix it.
"""

from __future__ import annotations

import importlib.abc
import json
import shutil
import sys
import zipfile
from dataclasses import asdict, dataclass, field, replace
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from classifier.char_ngrams import CharNgramSpec
from classifier.estimator import RiskClassifier
from classifier.results import Thresholds

MODEL_FILE = "model.skops"
CONFIG_FILE = "config.json"
CONFIG_SCHEMA = 2

# Types skops may instantiate beyond its built-in safe set; anything else in a file is refused.
TRUSTED_TYPES: tuple[str, ...] = (
    "classifier.estimator.RiskClassifier",
    "classifier.estimator.StackedHead",
)

# Distribution name → how strictly it must match: "exact" or "minor" (same major.minor).
CHECKED_LIBRARIES: dict[str, str] = {
    "scikit-learn": "exact",
    "skops": "exact",
    "numpy": "minor",
    "onnxruntime": "minor",
}


class ArtifactError(RuntimeError):
    """A model directory is missing, unsafe or incompatible with the running environment."""


class _NoTorch(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"{name} is not needed to load a model")
        return None


def _skops_io() -> ModuleType:
    """Import ``skops.io`` without torch.

    skops builds its trusted-type list by importing every scikit-learn module, and one of those
    imports torch whenever it is installed (seconds and hundreds of MB the scorer never uses). Torch
    is hidden for the duration of that import only; scikit-learn treats it as absent.
    """
    if "skops.io" in sys.modules or "torch" in sys.modules:
        import skops.io

        return skops.io
    blocker = _NoTorch()
    sys.meta_path.insert(0, blocker)
    try:
        import skops.io
    finally:
        sys.meta_path.remove(blocker)
    return skops.io


def library_versions() -> dict[str, str]:
    """Installed versions of the libraries a saved model depends on."""
    versions = {}
    for name in CHECKED_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


@dataclass(frozen=True)
class EncoderRef:
    id: str
    sha256: str
    dim: int
    max_tokens: int


@dataclass(frozen=True)
class ModelConfig:
    """Everything ``config.json`` holds about a trained model."""

    name: str
    version: str
    encoder: EncoderRef
    feature_names: tuple[str, ...]
    thresholds: Thresholds
    categories: tuple[str, ...]
    library_versions: dict[str, str] = field(default_factory=library_versions)
    training: dict[str, Any] = field(default_factory=dict)
    char_ngrams: CharNgramSpec = field(default_factory=CharNgramSpec)
    schema: int = CONFIG_SCHEMA

    @property
    def n_features(self) -> int:
        return self.encoder.dim + len(self.feature_names) + self.char_ngrams.n_features

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["feature_names"] = list(self.feature_names)
        data["categories"] = list(self.categories)
        data["thresholds"] = self.thresholds.to_dict()
        data["char_ngrams"] = self.char_ngrams.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelConfig:
        schema = data.get("schema")
        if schema is not None and schema != CONFIG_SCHEMA:
            raise ArtifactError(
                f"model {data.get('name')} {data.get('version')} has config schema {schema}; this version "
                f"of Vigil reads schema {CONFIG_SCHEMA} (train a new version with `vigil train`)"
            )
        try:
            return cls(
                name=str(data["name"]),
                version=str(data["version"]),
                encoder=EncoderRef(**data["encoder"]),
                feature_names=tuple(data["feature_names"]),
                thresholds=Thresholds(**data["thresholds"]),
                categories=tuple(data["categories"]),
                library_versions=dict(data["library_versions"]),
                training=dict(data.get("training", {})),
                char_ngrams=CharNgramSpec(**data["char_ngrams"]),
                schema=int(data["schema"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ArtifactError(f"{CONFIG_FILE} is malformed: {exc!r}") from exc


def version_mismatches(recorded: dict[str, str], installed: dict[str, str] | None = None) -> list[str]:
    """Human-readable differences between recorded and installed library versions."""
    installed = installed if installed is not None else library_versions()
    problems = []
    for name, rule in CHECKED_LIBRARIES.items():
        want, have = recorded.get(name), installed.get(name)
        if want is None or have is None:
            problems.append(f"{name}: recorded {want!r}, installed {have!r}")
            continue
        same = want.split(".")[:2] == have.split(".")[:2] if rule == "minor" else want == have
        if not same:
            problems.append(f"{name}: model saved with {want}, installed {have}")
    return problems


def save_model(model_dir: Path, *, estimator: RiskClassifier, config: ModelConfig) -> None:
    """Write ``model.skops`` and ``config.json`` into ``model_dir``."""
    sio = _skops_io()
    model_dir.mkdir(parents=True, exist_ok=True)
    sio.dump(estimator, model_dir / MODEL_FILE, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    write_config(model_dir, config)


def write_config(model_dir: Path, config: ModelConfig) -> None:
    (model_dir / CONFIG_FILE).write_text(json.dumps(config.to_dict(), indent=2, sort_keys=True) + "\n")


def copy_as_version(source: Path, target: Path, *, version: str, thresholds: Thresholds) -> Path:
    """``source``'s model under another version and band thresholds, at ``target`` (replaced if present).

    The estimator file is copied unchanged (the same model, e.g. a stricter shadow of it in the demo or a
    test); only ``config.json`` is rewritten, through :class:`ModelConfig`. ``source`` is never written.
    """
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    write_config(target, replace(load_config(source), version=version, thresholds=thresholds))
    return target


def load_config(model_dir: Path) -> ModelConfig:
    path = model_dir / CONFIG_FILE
    if not path.is_file():
        raise ArtifactError(f"{path} not found: is {model_dir} a model directory written by `vigil train`?")
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise ArtifactError(f"{path} is not valid JSON: {exc}") from exc
    return ModelConfig.from_dict(data)


def load_model(
    model_dir: Path,
    *,
    expected_feature_names: tuple[str, ...] | None = None,
    encoder_sha256: str | None = None,
) -> tuple[RiskClassifier, ModelConfig]:
    """Load and verify a model directory.

    Raises :class:`ArtifactError` when library versions differ from the recorded ones, when the
    indicator features or the encoder are not the ones the model was trained on, or when the skops
    file contains a type outside :data:`TRUSTED_TYPES`.
    """
    sio = _skops_io()
    config = load_config(model_dir)
    problems = version_mismatches(config.library_versions)
    if expected_feature_names is not None and tuple(expected_feature_names) != config.feature_names:
        problems.append(
            "indicator features differ from the ones the model was trained on "
            f"({len(config.feature_names)} recorded, {len(expected_feature_names)} now)"
        )
    if encoder_sha256 is not None and encoder_sha256 != config.encoder.sha256:
        problems.append(
            f"encoder {config.encoder.id} sha256 is {encoder_sha256[:12]}…, "
            f"model trained with {config.encoder.sha256[:12]}…"
        )
    if problems:
        raise ArtifactError(
            f"model {config.name} {config.version} in {model_dir} does not match this environment:\n  - "
            + "\n  - ".join(problems)
            + "\nInstall the recorded versions or retrain with `vigil train`."
        )
    path = model_dir / MODEL_FILE
    if not path.is_file():
        raise ArtifactError(f"{path} not found")
    untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ArtifactError(f"{path} contains types that are not trusted: {sorted(untrusted)}")
    estimator = sio.load(path, trusted=list(TRUSTED_TYPES))
    if not isinstance(estimator, RiskClassifier):
        raise ArtifactError(f"{path} holds a {type(estimator).__name__}, not a RiskClassifier")
    if estimator.n_features_in_ != config.n_features:
        raise ArtifactError(
            f"{path} expects {estimator.n_features_in_} features, "
            f"but {CONFIG_FILE} describes {config.n_features}"
        )
    return estimator, config
