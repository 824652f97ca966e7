"""A real moderation API on loopback (uvicorn thread, temporary SQLite) seeded with postings and keys."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from moderation_api.app import create_app
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.db import make_engine, make_session_factory
from moderation_api.migrations import upgrade
from moderation_api.settings import Settings

URGENT = (
    "NEW girls every week!! Asian & Latina girls available 24/7. She is sweet. Incall only at motel. "
    "Daddy handles all booking. 150 roses, no LE. Text seven one three 555 o1 4 2"
)
HOSTILE = (
    "<script>alert('x')</script> **new girls** [click](http://evil.example) <img src=x onerror=alert(1)> "
    "new girls arriving this week, incall at motel, daddy books, 150 roses, text 713-555-0177"
)
MINOR = "Sweet little Mia only 15 looking for a generous daddy after school 🎀🍒 her cousin arranges. incall"
LABOR = (
    "Hiring girls 18-25 for hotel work abroad, free travel and housing, we keep passports for safety, "
    "pay the recruitment fee from your salary, no experience needed. whatsapp +52 55 1234 5678"
)
BENIGN = "Trek mountain bike, 21 speeds, great condition, $300 or best offer. Call 713-555-0100."
SEED = [
    ("u1", URGENT, "Houston"),
    ("u2", HOSTILE, "Dallas"),
    ("u3", URGENT.replace("seven one three", "two one four"), "Austin"),
    ("m1", MINOR, "Houston"),
    ("l1", LABOR, "Miami"),
    ("b1", BENIGN, "Houston"),
]
ROLES = {
    "reviewer": Role.REVIEWER,
    "reviewer2": Role.REVIEWER,
    "senior": Role.SENIOR,
    "auditor": Role.AUDITOR,
    "integrator": Role.INTEGRATOR,
    "admin": Role.ADMIN,
}


@dataclass
class LiveApi:
    url: str
    keys: dict[str, str]
    database_url: str = ""

    def call(self, method: str, path: str, *, as_role: str = "senior", **kwargs: Any) -> Any:
        response = httpx.request(
            method, self.url + path, headers={"X-API-Key": self.keys[as_role]}, timeout=120, **kwargs
        )
        response.raise_for_status()
        return response.json()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def start_api(tmp_path: Path) -> Iterator[Callable[..., LiveApi]]:
    """Start the API (``scorer="keyword"`` or the shipped ``"model"``) on loopback; stopped after the test."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(scorer: str = "keyword", seed: bool = True, **settings: Any) -> LiveApi:
        database_url = f"sqlite:///{tmp_path / f'ui-{len(servers)}.db'}"
        engine = make_engine(database_url)
        upgrade(engine)
        with make_session_factory(engine)() as session:
            keys = {
                name: create_key(session, name=f"ui-{name}", role=role, actor="test:fixture")
                for name, role in ROLES.items()
            }
            session.commit()
        engine.dispose()
        # No random blind QA cases or double reviews unless the test asks for them.
        rates = {"qa_sample_rate": 0.0, "double_review_rate": 0.0}
        app = create_app(
            Settings(database_url=database_url, scorer=scorer, run_migrations=False, **(rates | settings))
        )
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        servers.append((server, thread))
        deadline = time.monotonic() + 180  # loading the model takes ~2 s, but minutes on a crowded CPU
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the API did not start")
            time.sleep(0.05)
        api = LiveApi(url=f"http://127.0.0.1:{port}", keys=keys, database_url=database_url)
        if seed:
            postings = [
                {"source": "ui-test", "external_id": eid, "text": text, "location": where}
                for eid, text, where in SEED
            ]
            api.call("POST", "/v1/postings", as_role="integrator", json={"postings": postings})
        return api

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_api(start_api: Callable[..., LiveApi]) -> LiveApi:
    return start_api()


@pytest.fixture
def ui_env(live_api: LiveApi, monkeypatch: pytest.MonkeyPatch) -> LiveApi:
    """Point the review UI (run in-process by AppTest) at the live API."""
    monkeypatch.setenv("VIGIL_API_URL", live_api.url)
    return live_api
