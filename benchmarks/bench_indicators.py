"""The explainable layer on real benign listings: how often each indicator fires, and how fast it runs.

Reads a JSON-lines file of listings (a ``text`` field each; default: the Craigslist sample shipped with
the corpus) and reports, per indicator, how many listings it fires on (high-severity ones flagged: the
scorer floors those postings to ``review``, so on benign listings they should be near zero), and the
time ``analyze`` takes per posting with its caches cleared, split into normalization, entity
extraction and detection.

    python benchmarks/bench_indicators.py --listings /path/to/listings.jsonl
    python benchmarks/bench_indicators.py --quick
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path


def _texts(path: Path | None, limit: int | None) -> list[str]:
    if path is None:
        from classifier.training.corpus import load_corpus

        rows = load_corpus("craigslist_sample")
    else:
        with path.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
    texts = [str(row["text"]) for row in rows]
    return texts[:limit] if limit else texts


def _ms_per_text(
    run: Callable[[str], object], texts: list[str], clear: Callable[[], None], repeats: int
) -> float:
    best = float("inf")
    for _ in range(repeats):
        clear()
        started = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - started)
    return best / len(texts) * 1e3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--listings", type=Path, default=None, help="JSON lines with a text field")
    parser.add_argument("--quick", action="store_true", help="small smoke run (200 listings, one repeat)")
    parser.add_argument("--timed", type=int, default=1000, help="listings timed (default 1000)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    args = parser.parse_args(argv)

    from classifier.entities import extract_entities
    from classifier.indicators.detect import detect
    from classifier.indicators.features import analyze
    from classifier.normalize import normalize

    texts = _texts(args.listings, 200 if args.quick else None)
    fires: Counter[str] = Counter()
    high: Counter[str] = Counter()
    for text in texts:
        for hit in analyze(text).indicators:
            fires[hit.id] += 1
            high[hit.id] += hit.severity == "high"

    timed = texts[: min(len(texts), 200 if args.quick else args.timed)]
    repeats = 1 if args.quick else 3
    analyze("warm up: compile the lexicons before timing")

    def clear() -> None:
        analyze.cache_clear()
        normalize.cache_clear()

    normalized = {text: normalize(text) for text in timed}
    entities = {text: extract_entities(text) for text in timed}
    result = {
        "listings": len(texts),
        "with_any_indicator": sum(1 for text in texts if analyze(text).indicators),
        "high_severity_fires": sum(high.values()),
        "fires": dict(fires.most_common()),
        "high_fires": {key: value for key, value in high.items() if value},
        "timed": len(timed),
        "analyze_ms": _ms_per_text(analyze, timed, clear, repeats),
        "normalize_ms": _ms_per_text(normalize, timed, normalize.cache_clear, repeats),
        "entities_ms": _ms_per_text(extract_entities, timed, lambda: None, repeats),
        "detect_ms": _ms_per_text(
            lambda text: detect(normalized[text], entities[text]), timed, lambda: None, repeats
        ),
    }
    print(f"{result['listings']} listings, {result['with_any_indicator']} with an indicator, "
          f"{result['high_severity_fires']} high-severity fires")  # fmt: skip
    for indicator, count in fires.most_common():
        print(f"  {indicator:34s} {count:6d}{'  high: ' + str(high[indicator]) if high[indicator] else ''}")
    parts = ", ".join(f"{part} {result[part + '_ms']:.3f}" for part in ("normalize", "entities", "detect"))
    print(f"analyze {result['analyze_ms']:.3f} ms/posting over {len(timed)} listings (uncached): {parts}")
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
