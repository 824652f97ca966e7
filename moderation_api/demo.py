"""`vigil demo`: a ready-to-click SQLite database (postings, cases, some decisions, keys), then API + UI.

Demo postings come from ``demo_data/postings.jsonl``: 1,000 rows sampled (seed 11) from the training
corpora — synthetic postings written for the project and real benign Craigslist listings (MIT, see
``demo_data/CRAIGSLIST_LICENSE.txt``) — so the demo runs from a plain install; a few ads are
re-posted in other cities, the way real operations post. Some cases are worked through the real
workflow by demo reviewers so the reports have numbers.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DEMO_SOURCE = "demo-marketplace"
DEMO_KEYS = (
    ("demo-integrator", "integrator"),
    ("demo-reviewer", "reviewer"),
    ("demo-reviewer-2", "reviewer"),
    ("demo-senior", "senior"),
    ("demo-admin", "admin"),
    ("demo-auditor", "auditor"),
)
CITIES = (
    "Houston",
    "Atlanta",
    "Las Vegas",
    "Phoenix",
    "Miami",
    "Dallas",
    "Denver",
    "Madrid",
    "São Paulo",
    "Lyon",
)
REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_POSTINGS = Path(__file__).resolve().parent / "demo_data" / "postings.jsonl"


# The demo is small (a few hundred postings): sample the blind QA share and double reviews far above the
# production defaults so the Blind QA queue and the error-rate figures have content.
DEMO_QA_SAMPLE_RATE = 0.1
DEMO_DOUBLE_REVIEW_RATE = 0.3


def demo_postings(count: int, *, seed: int = 11) -> list[dict[str, Any]]:
    """A deterministic mix: ~45% flagged-looking synthetic ads, the rest benign, plus re-posts."""
    rng = random.Random(seed)
    with DEMO_POSTINGS.open(encoding="utf-8") as handle:
        sample = [json.loads(line) for line in handle if line.strip()]
    risky = [row for row in sample if row["label"] >= 1]
    benign = [row for row in sample if row["label"] == 0]
    picked = rng.sample(risky, int(count * 0.4)) + rng.sample(benign, count - int(count * 0.4) - count // 20)
    reposts = rng.sample(picked[: int(count * 0.4)], count // 20)  # same ad, another city
    now = datetime.now(UTC)
    rows = []
    for index, row in enumerate(picked + reposts):
        rows.append(
            {
                "source": DEMO_SOURCE,
                "external_id": f"ad-{index:05d}",
                "text": row["text"],
                "location": rng.choice(CITIES),
                "posted_at": now - timedelta(hours=rng.uniform(1, 24 * 14)),
                "label": row["label"],
            }
        )
    rng.shuffle(rows)
    return rows


def build_demo_database(database: Path, *, postings: int) -> dict[str, str]:
    """(Re)create the demo database; returns the demo keys by name."""
    from classifier.scoring import load_scorer
    from moderation_api.audit.service import rebuild_chain
    from moderation_api.auth.schemas import Principal, Role
    from moderation_api.auth.service import create_key
    from moderation_api.cases import flows, rollups
    from moderation_api.cases import service as cases
    from moderation_api.cases.schemas import Decision, DismissReason, EscalationKind, Queue
    from moderation_api.db import make_engine, make_session_factory
    from moderation_api.migrations import upgrade
    from moderation_api.notices.schemas import NoticeIn
    from moderation_api.notices.service import submit_notice
    from moderation_api.postings.schemas import PostingIn
    from moderation_api.postings.service import ingest
    from moderation_api.settings import Settings
    from moderation_api.webhooks import outbox  # noqa: F401  (platform events, as the API writes them)

    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    factory = make_session_factory(engine)
    scorer = load_scorer()
    cutoff = Settings().category_cutoff  # what `vigil api` will route and restrict by
    rows = demo_postings(postings)
    keys: dict[str, str] = {}
    with factory() as session:
        for name, role in DEMO_KEYS:
            keys[name] = create_key(session, name=name, role=Role(role), actor="demo")
        session.commit()
        shadow = _demo_registry(session, database=database)
        items = [PostingIn(**{k: v for k, v in row.items() if k != "label"}) for row in rows]
        for start in range(0, len(items), 100):
            ingest(
                session,
                scorer=scorer,
                items=items[start : start + 100],
                actor="key:demo-integrator",
                category_cutoff=cutoff,
                qa_sample_rate=DEMO_QA_SAMPLE_RATE,
                shadow=shadow,
            )
        labels = {row["external_id"]: row["label"] for row in rows}
        # A few user reports forwarded by the platform (DSA notices), on benign and risky postings alike.
        integrator = Principal(key_id=0, name="demo-integrator", role=Role.INTEGRATOR)
        reported = [row for row in rows if row["label"] == 0][:3] + [row for row in rows if row["label"]][-3:]
        for row in reported:
            notice = NoticeIn(
                source=DEMO_SOURCE,
                external_id=row["external_id"],
                category="human_trafficking",
                explanation="Reported by a user from the listing page.",
            )
            submit_notice(session, scorer=scorer, notice=notice, principal=integrator, category_cutoff=cutoff)
        # Work a share of the standard queue so the reports and history have content.
        reviewer = Principal(key_id=0, name="demo-reviewer-2", role=Role.REVIEWER)
        claimed = cases.claim(session, principal=reviewer, queue=Queue.STANDARD, count=20, lease_seconds=600)
        claimed += cases.claim(session, principal=reviewer, queue=Queue.STANDARD, count=20, lease_seconds=600)
        for number, case in enumerate(claimed[:36]):
            posting_label = labels.get(_external_id(session, case.posting_id), 1)
            if number % 9 == 4:
                decision, reason, kind = (
                    Decision.ESCALATE,
                    None,
                    EscalationKind.ADULT_TRAFFICKING_LAW_ENFORCEMENT,
                )
            elif posting_label == 0 or number % 7 == 3:
                decision, reason, kind = Decision.DISMISS, DismissReason.FALSE_POSITIVE, None
            else:
                decision, reason, kind = Decision.CONFIRM, None, None
            flows.decide(
                session,
                principal=reviewer,
                case_id=case.id,
                decision=decision,
                reason=reason,
                escalation_kind=kind,
                notes="demo decision",
                hold_days=365,
                category_cutoff=cutoff,
                double_review_rate=DEMO_DOUBLE_REVIEW_RATE,
            )
        for case in claimed[36:]:
            cases.release(session, principal=reviewer, case_id=case.id)
        _answer_blind_cases(session, labels=labels)
        _replay_timeline(session, rng=random.Random(5))
        session.commit()
    with engine.begin() as connection:
        rebuild_chain(connection)  # the replay rewrote audit timestamps: chain the demo's history afresh
        rollups.rebuild(connection)  # and count it on the days it now happened
    engine.dispose()
    return keys


def _replay_timeline(session: Any, *, rng: random.Random) -> None:
    """Spread the demo's history over the postings' two weeks, so the reports show a timeline.

    The demo is built in seconds; real cases open when a posting appears and wait hours for a human.
    Only this freshly built SQLite demo database is rewritten, before anyone uses it, and its audit chain is
    then rebuilt (on PostgreSQL the append-only trigger would refuse this).
    """
    from sqlalchemy import select

    from moderation_api.audit.models import AuditEvent
    from moderation_api.cases.models import Case
    from moderation_api.db import utcnow
    from moderation_api.postings.models import Posting

    now = utcnow()
    for case in session.scalars(select(Case)):
        posting = session.get(Posting, case.posting_id)
        opened = min((posting.posted_at or now) + timedelta(minutes=rng.uniform(1, 20)), now)
        worked = case.decided_at is not None or case.escalation_kind is not None
        decided = min(opened + timedelta(hours=rng.uniform(0.3, 30)), now) if worked else None
        for event in session.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id)):
            if event.action == "open":
                event.at = opened
            elif decided is not None:
                event.at = decided - timedelta(minutes=5) if event.action == "claim" else decided
            else:
                event.at = now
        case.opened_at = opened
        if case.decided_at is not None:
            case.decided_at = decided


def _demo_registry(session: Any, *, database: Path) -> Any:
    """The shipped model active in the registry, and a stricter copy of it in shadow, so the Model page has
    a comparison to show. The copy lives beside the demo database (the shipped directory is never written)."""
    from dataclasses import replace

    from classifier.artifacts import copy_as_version, load_config
    from classifier.scoring import default_model_dir, load_scorer
    from moderation_api.audit.schemas import ActorKind
    from moderation_api.model_versions import service as registry
    from moderation_api.model_versions.shadow import Shadow

    shipped = default_model_dir()
    config = load_config(shipped)
    version = f"{config.version}-strict"
    thresholds = replace(config.thresholds, review=min(0.95, config.thresholds.review + 0.2))
    copy = copy_as_version(
        shipped,
        database.parent / f"{database.stem}-models" / f"{config.name}-{version}",
        version=version,
        thresholds=thresholds,
    )
    actor, human = "cli:demo", ActorKind.HUMAN
    registry.register(session, model_dir=shipped, actor=actor, actor_kind=human)
    registry.promote(session, version=config.version, actor=actor, actor_kind=human)
    registry.register(session, model_dir=copy, actor=actor, actor_kind=human)
    registry.shadow(session, version=version, actor=actor, actor_kind=human)
    return Shadow(version=version, scorer=load_scorer(copy))


def _answer_blind_cases(session: Any, *, labels: dict[str, int]) -> None:
    """A second demo reviewer answers most blind QA samples and double reviews (by the demo's labels, with
    the odd disagreement), so the Reports page has error rates and agreement to plot."""
    from moderation_api.auth.schemas import Principal, Role
    from moderation_api.cases import service as cases
    from moderation_api.cases.schemas import Queue
    from moderation_api.qa import service as qa
    from moderation_api.qa.schemas import AnswerRequest, ViolationCategory

    second = Principal(key_id=0, name="demo-reviewer", role=Role.REVIEWER)
    held = cases.claim(session, principal=second, queue=Queue.QA, count=20, lease_seconds=600)
    for number, case in enumerate(held):
        if number % 5 == 4:  # some stay in the queue for the visitor to try
            cases.release(session, principal=second, case_id=case.id)
            continue
        violation = labels.get(_external_id(session, case.posting_id), 0) > 0
        if number % 7 == 3:
            violation = not violation
        answer = (
            AnswerRequest(violation=True, category=ViolationCategory.SEX_TRAFFICKING)
            if violation
            else AnswerRequest(violation=False)
        )
        qa.answer(session, principal=second, case_id=case.id, body=answer)
    session.commit()


def _external_id(session: Any, posting_id: int) -> str:
    from moderation_api.postings.models import Posting

    posting = session.get(Posting, posting_id)
    return posting.external_id if posting is not None else ""


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_demo(*, database: str, api_port: int, ui_port: int, postings: int, serve: bool, ui: bool) -> int:
    path = Path(database).resolve()
    print(f"building the demo database {path} with {postings} postings …", flush=True)
    keys = build_demo_database(path, postings=postings)
    print("\ndemo API keys (shown once; stored hashed):")
    for name, role in DEMO_KEYS:
        print(f"  {role:<10} {name:<16} {keys[name]}")
    if not serve:
        return 0
    env = {**os.environ, "VIGIL_DATABASE_URL": f"sqlite:///{path}", "HF_HUB_OFFLINE": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "moderation_api.cli", "api", "--port", str(api_port)],
            env=env,
            cwd=REPO_ROOT,
        )
    ]
    api_url = f"http://127.0.0.1:{api_port}"
    ui_app = REPO_ROOT / "review_ui" / "app.py"
    if ui and ui_app.is_file():
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(ui_app), "--server.port", str(ui_port),
                 "--server.address", "127.0.0.1", "--server.headless", "true",
                 "--browser.gatherUsageStats", "false",
                 "--client.toolbarMode", "viewer"],
                env={**env, "VIGIL_API_URL": api_url},
                cwd=REPO_ROOT,
            )
        )  # fmt: skip
        print(f"\nreview UI: http://127.0.0.1:{ui_port}  (sign in with a key above)")
    print(f"API: {api_url}/docs   — Ctrl-C stops everything\n", flush=True)
    # A service manager (or `kill`) stops the demo with SIGTERM: treat it like Ctrl-C so that both children
    # are stopped too, instead of leaving the API and the UI running without their parent.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0
