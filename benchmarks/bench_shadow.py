"""What shadow scoring costs ingest: ``POST /v1/postings`` throughput with a shadow model version against
the same API without one, measured in the same run.

One API process serves the shipped model; the shadow is a copy of it registered under another version
(its review threshold raised, so the two disagree as a real challenger would). Batches of 50 alternate
between the two contenders (without, with, with, without, ...) on interleaved halves of one shuffled
sample, so both see the same mix of texts and the same machine load; each text is scored once by each
model. The ratio is with-shadow throughput over without-shadow throughput: near 0.5 means the shadow
doubles the scoring work, as it should — ingest pays the shadow's scoring cost and nothing else.

    python benchmarks/bench_shadow.py                                  # SQLite, ~2 min on 2 cores
    python benchmarks/bench_shadow.py --database-url postgresql+psycopg://postgres@127.0.0.1/vigil_bench
      (the database is emptied: its tables are dropped and migrated again)
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from classifier.training.corpus import load_corpus
from moderation_api.app import create_app, load_scorer_for
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.db import make_engine, make_session_factory
from moderation_api.migrations import upgrade
from moderation_api.model_versions.models import ShadowScore
from moderation_api.model_versions.shadow import Shadow
from moderation_api.models import Base
from moderation_api.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
SHIPPED = REPO_ROOT / "models" / "vigil-risk-1.1.0"
SHADOW_VERSION = "1.1.0-bench-shadow"
BATCH = 50


@contextmanager
def database(url: str | None) -> Iterator[str]:
    """A migrated, empty database: a temporary SQLite file, or ``url`` with its tables dropped first."""
    if url is None:
        with tempfile.TemporaryDirectory() as tmp:
            sqlite = f"sqlite:///{Path(tmp) / 'bench.db'}"
            upgrade(make_engine(sqlite))
            yield sqlite
        return
    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(engine)
    engine.dispose()
    yield url


def shadow_copy(root: Path) -> Path:
    """The shipped model under another version; the shipped directory is only read."""
    path = root / f"vigil-risk-{SHADOW_VERSION}"
    shutil.copytree(SHIPPED, path)
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    config["version"], config["thresholds"]["review"] = SHADOW_VERSION, 0.95
    (path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return path


def bench(args: argparse.Namespace) -> dict[str, Any]:
    rows = load_corpus("generated") + load_corpus("craigslist_sample")
    random.Random(11).shuffle(rows)
    texts = [row["text"] for row in rows[: 2 * args.postings + 16]]
    warm, texts = texts[:16], texts[16:]
    plain_texts, shadow_texts = texts[0::2], texts[1::2]
    # No registry follower (model_check_seconds=0): the run sets the shadow itself, batch by batch.
    settings = Settings(database_url="sqlite://", run_migrations=False, model_check_seconds=0)
    with tempfile.TemporaryDirectory() as tmp, database(args.database_url) as url:
        active = load_scorer_for(settings, SHIPPED)
        shadow = Shadow(version=SHADOW_VERSION, scorer=load_scorer_for(settings, shadow_copy(Path(tmp))))
        active.score_texts(warm)
        shadow.scorer.score_texts(warm)  # warm both ONNX sessions
        engine = make_engine(url)
        with make_session_factory(engine)() as session:
            key = create_key(session, name="bench-integrator", role=Role.INTEGRATOR, actor="bench")
            session.commit()
        app = create_app(settings.model_copy(update={"database_url": url}), scorer=active)
        headers = {"X-API-Key": key}
        spent = {"without": 0.0, "with": 0.0}
        with TestClient(app) as client:
            warm_body = {"postings": [{"source": "warm", "external_id": "w", "text": "warm up the API path"}]}
            client.post("/v1/postings", json=warm_body, headers=headers).raise_for_status()
            for number, start in enumerate(range(0, len(shadow_texts), BATCH)):
                order = ("without", "with") if number % 2 == 0 else ("with", "without")
                for contender in order:
                    batch = (shadow_texts if contender == "with" else plain_texts)[start : start + BATCH]
                    body = {
                        "postings": [
                            {"source": contender, "external_id": f"p{start + n}", "text": t}
                            for n, t in enumerate(batch)
                        ]
                    }
                    # What the API's model follower does when the registry names a shadow version.
                    app.state.shadow = shadow if contender == "with" else None
                    started = time.perf_counter()
                    client.post("/v1/postings", json=body, headers=headers).raise_for_status()
                    spent[contender] += time.perf_counter() - started
        with make_session_factory(engine)() as session:
            stored = session.scalar(select(func.count()).select_from(ShadowScore)) or 0
        backend = engine.dialect.name
        engine.dispose()
    if stored != len(shadow_texts):
        raise SystemExit(f"the shadow stored {stored} scores for {len(shadow_texts)} postings")
    without, with_shadow = len(plain_texts) / spent["without"], len(shadow_texts) / spent["with"]
    return {
        "backend": backend,
        "postings": len(shadow_texts),
        "without_shadow_per_s": round(without, 1),
        "with_shadow_per_s": round(with_shadow, 1),
        "ratio": round(with_shadow / without, 2),
        "shadow_scores_stored": stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", default=None, help="a PostgreSQL database to empty and use")
    parser.add_argument("--postings", type=int, default=300, help="postings per contender")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    result = bench(args)
    print(
        f"ingest on {result['backend']}, {result['postings']} postings per contender: "
        f"{result['without_shadow_per_s']}/s without a shadow, {result['with_shadow_per_s']}/s with one "
        f"= x{result['ratio']} ({result['shadow_scores_stored']} shadow scores stored)"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
