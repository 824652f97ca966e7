"""Near-duplicate template signatures: MinHash over word shingles of the normalized text, LSH bands.

Re-posted templates differ in a city, a phone number or a price; digits are masked and the text is
normalized (case, accents, leetspeak, emoji) before shingling, so such variants share most shingles.
Two postings are template neighbours when their estimated Jaccard similarity is at least
:data:`SIMILARITY`. LSH bands (32 × 2 rows: a pair at similarity 0.5 becomes a candidate with
p > 0.9999) find them without comparing against every stored posting.
"""

from __future__ import annotations

import functools
import hashlib
import re

import numpy as np
from datasketch import MinHash

from classifier.normalize import normalize

NUM_PERM = 64
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 2
MIN_SHINGLES = 8  # shorter texts ("bike for sale") are too generic to call a shared template
SIMILARITY = 0.5
SEED = 1

# Words of any script (normalization keeps Cyrillic, Arabic, Vietnamese … in their own letters); Thai,
# Chinese and Japanese are written without spaces, so their runs are cut into two-character pieces.
_WORD_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]{1,2}|(?:[^\W\d_]|#)+")


def shingles(text: str) -> set[bytes]:
    words = _WORD_RE.findall(re.sub(r"\d", "#", normalize(text).text))
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash values (uint64 array) or ``None`` when the text is too short to compare."""
    parts = shingles(text)
    if len(parts) < MIN_SHINGLES:
        return None
    base = _permutations()
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=base.permutations, scheme=base.scheme)
    minhash.update_batch(sorted(parts))
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


@functools.cache
def _permutations() -> MinHash:
    """A MinHash whose permutations every signature shares: datasketch would draw the same ones from
    ``SEED`` again for each posting (a third of a signature's cost)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def to_bytes(values: np.ndarray) -> bytes:
    return values.astype("<u8").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8")


def bands(values: np.ndarray) -> list[int]:
    """One signed 63-bit bucket per band (fits a BIGINT column on every backend)."""
    buckets = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little") * 8).digest()
        buckets.append(int.from_bytes(digest, "little") >> 1)
    return buckets


def similarities(values: np.ndarray, blobs: list[bytes]) -> np.ndarray:
    """Estimated Jaccard similarity of ``values`` to each stored signature, in one vectorised pass."""
    matrix = np.frombuffer(b"".join(blobs), dtype="<u8").reshape(len(blobs), -1)
    return np.asarray((matrix == values).mean(axis=1))


def similarity(left: np.ndarray, right: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(left == right))
