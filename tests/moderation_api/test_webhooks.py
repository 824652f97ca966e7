"""Signed webhooks end to end: a real HTTP receiver on loopback, retries, dead letters, replay, several
dispatchers at once — on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from classifier.baseline import KeywordScorer
from moderation_api.app import create_app
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.settings import Settings
from moderation_api.webhooks import dispatcher
from moderation_api.webhooks.models import OutboxEvent, WebhookDelivery
from moderation_api.webhooks.service import TargetRefusedError, check_target
from tests.moderation_api.test_workflow_api import BENIGN, URGENT_AD

PUID_SECRET = b"test-puid-secret"


class Receiver:
    """A platform's webhook endpoint: verifies every request's signature and answers as told."""

    def __init__(self) -> None:
        self.secret: str | None = None
        self.lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []  # every attempt, in arrival order
        self.delivered: list[dict[str, Any]] = []  # the 2xx-acknowledged ones
        self.in_flight: set[str] = set()
        self.overlaps: list[str] = []  # ids received while the same id was still being handled
        self.bad_signatures = 0
        self.fail_first = 0  # answer 500 to the first N attempts of each id
        self.always_fail = False
        self.delay = 0.0
        self.gate: threading.Event | None = None  # when set, requests wait for it
        self.attempts: Counter[str] = Counter()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver.handle(self, body, headers)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/vigil"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def handle(self, handler: BaseHTTPRequestHandler, body: bytes, headers: dict[str, str]) -> None:
        msg_id = headers.get("webhook-id", "")
        with self.lock:
            if msg_id in self.in_flight:
                self.overlaps.append(msg_id)
            self.in_flight.add(msg_id)
            self.attempts[msg_id] += 1
            attempt = self.attempts[msg_id]
        try:
            if self.gate is not None:
                self.gate.wait(30)
            if self.delay:
                time.sleep(self.delay)
            try:
                payload = Webhook(self.secret or "").verify(body, headers)
                verified = True
            except WebhookVerificationError:
                payload, verified = None, False
            fail = self.always_fail or attempt <= self.fail_first or not verified
            record = {"id": msg_id, "payload": payload, "body": body, "headers": headers, "attempt": attempt}
            with self.lock:
                self.requests.append(record)
                if not verified:
                    self.bad_signatures += 1
                elif not fail:
                    self.delivered.append(record)
            handler.send_response(500 if fail else 204)
            handler.end_headers()
        finally:
            with self.lock:
                self.in_flight.discard(msg_id)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.close()


def hook_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": "sqlite://",
        "scorer": "keyword",
        "run_migrations": False,
        "webhook_allow_private_targets": True,  # the receiver is on loopback
        "webhook_backoff_seconds": 0.05,
        "webhook_backoff_max_seconds": 0.2,
        "webhook_max_attempts": 3,
        "webhook_timeout": 5.0,
        "webhook_batch": 4,
    }
    return Settings(**(values | overrides))


class Platform:
    """The API on a committing database, with keys, and helpers that act as its users."""

    def __init__(self, factory: sessionmaker[Session], settings: Settings) -> None:
        self.factory, self.settings = factory, settings
        with factory() as session:
            self.keys = {
                role.value: {
                    "X-API-Key": create_key(session, name=f"hook-{role.value}", role=role, actor="test")
                }
                for role in Role
            }
            session.commit()
        app = create_app(settings, scorer=KeywordScorer(), session_factory=factory)
        app.state.puid_secret = PUID_SECRET
        self.client = TestClient(app)

    def register(self, receiver: Receiver, events: list[str] | None = None) -> dict[str, Any]:
        response = self.client.post(
            "/v1/webhooks/endpoints",
            json={"url": receiver.url, "event_types": events or ["case.opened", "case.decided"]},
            headers=self.keys["admin"],
        )
        assert response.status_code == 201, response.text
        receiver.secret = response.json()["secret"]
        return dict(response.json())

    def ingest(self, *postings: tuple[str, str]) -> list[dict[str, Any]]:
        body = {"postings": [{"source": "site", "external_id": e, "text": t} for e, t in postings]}
        response = self.client.post("/v1/postings", json=body, headers=self.keys["integrator"])
        assert response.status_code == 200, response.text
        return list(response.json()["results"])

    def claim_and_decide(self, body: dict[str, Any]) -> dict[str, Any]:
        claimed = self.client.post("/v1/cases/claim", json={}, headers=self.keys["reviewer"]).json()
        decided = self.client.post(
            f"/v1/cases/{claimed[0]['id']}/decision", json=body, headers=self.keys["reviewer"]
        )
        assert decided.status_code == 200, decided.text
        return dict(decided.json())

    def dispatch_until_settled(self, *, rounds: int = 400) -> None:
        """Run the dispatcher until no delivery is pending (waiting out the short test backoff)."""
        with dispatcher.new_client() as http:
            for _ in range(rounds):
                sent = dispatcher.dispatch_once(
                    self.factory, client=http, settings=self.settings, puid_secret=PUID_SECRET
                )
                if not sent and not self.pending():
                    return
                if not sent:
                    time.sleep(0.02)
        raise AssertionError("deliveries still pending")

    def pending(self) -> int:
        with self.factory() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(WebhookDelivery)
                    .where(WebhookDelivery.status == "pending")
                )
                or 0
            )

    def event_ids(self) -> list[str]:
        with self.factory() as session:
            return [
                dispatcher.message_id(i)
                for i in session.scalars(select(OutboxEvent.id).order_by(OutboxEvent.id))
            ]


@pytest.fixture
def platform(committed_factory: sessionmaker[Session]) -> Iterator[Platform]:
    platform = Platform(committed_factory, hook_settings())
    yield platform
    platform.client.close()


def test_receiver_verifies_signatures_and_gets_each_event_once_in_order_despite_500s(
    platform: Platform, receiver: Receiver
) -> None:
    endpoint = platform.register(receiver)
    receiver.fail_first = 2  # every event is refused twice, then accepted
    first, second = platform.ingest(("w1", URGENT_AD), ("w2", URGENT_AD.replace("Daddy", "Boss")))
    confirmed = platform.claim_and_decide({"decision": "confirm"})
    platform.claim_and_decide({"decision": "dismiss", "reason": "false_positive", "notes": "ok"})
    platform.dispatch_until_settled()

    assert receiver.bad_signatures == 0
    ids = platform.event_ids()
    assert len(ids) == 4
    assert sorted(r["id"] for r in receiver.delivered) == sorted(ids)  # each acknowledged exactly once
    assert all(receiver.attempts[i] == 3 for i in ids)  # two 500s, then the 2xx
    by_posting: dict[int, list[str]] = defaultdict(list)
    for record in receiver.delivered:
        by_posting[record["payload"]["data"]["posting"]["id"]].append(record["payload"]["type"])
    assert by_posting == {
        first["posting_id"]: ["case.opened", "case.decided"],
        second["posting_id"]: ["case.opened", "case.decided"],
    }
    decided = next(
        r["payload"]
        for r in receiver.delivered
        if r["payload"]["type"] == "case.decided" and r["payload"]["data"]["case"]["id"] == confirmed["id"]
    )
    assert decided["data"]["case"]["decision"] == "confirm"
    assert decided["data"]["dsa_statement"]["status"] == "issued"
    assert len(decided["data"]["dsa_statement"]["puid"]) == 64
    for record in receiver.requests:
        assert "Daddy" not in record["body"].decode() and "motel" not in record["body"].decode()

    log = platform.client.get(
        f"/v1/webhooks/endpoints/{endpoint['id']}/deliveries", headers=platform.keys["admin"]
    ).json()
    assert log["total"] == 4
    for delivery in log["items"]:
        assert delivery["status"] == "delivered" and delivery["attempts"] == 3
        assert [a["outcome"] for a in delivery["log"]] == ["retry", "retry", "delivered"]
        assert [a["status_code"] for a in delivery["log"]] == [500, 500, 204]
        # Exponential backoff with equal jitter: the n-th wait is between half and all of base * 2^(n-1).
        for n, attempt in enumerate(delivery["log"][:2], start=1):
            wait = (_at(attempt["next_attempt_at"]) - _at(attempt["at"])).total_seconds()
            step = min(0.2, 0.05 * 2 ** (n - 1))
            assert step / 2 <= wait <= step + 1e-6


def _at(value: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(value)


def test_failing_endpoint_dead_letters_then_replay_delivers_with_the_same_id(
    platform: Platform, receiver: Receiver
) -> None:
    endpoint = platform.register(receiver)
    receiver.always_fail = True
    platform.ingest(("d1", URGENT_AD))
    platform.dispatch_until_settled()
    (event_id,) = platform.event_ids()
    assert receiver.attempts[event_id] == 3 and receiver.delivered == []  # max attempts, then dead
    url = f"/v1/webhooks/endpoints/{endpoint['id']}"
    dead = platform.client.get(f"{url}/deliveries?status=dead", headers=platform.keys["admin"]).json()
    assert dead["total"] == 1 and dead["items"][0]["last_error"] == "HTTP 500"
    assert [a["outcome"] for a in dead["items"][0]["log"]] == ["retry", "retry", "dead"]

    receiver.always_fail = False
    replayed = platform.client.post(f"{url}/replay", json={"dead": True}, headers=platform.keys["admin"])
    assert replayed.json() == {"replayed": 1}
    platform.dispatch_until_settled()
    assert [r["id"] for r in receiver.delivered] == [event_id]
    again = platform.client.post(
        f"{url}/replay", json={"delivery_ids": [dead["items"][0]["id"]]}, headers=platform.keys["admin"]
    )
    assert again.json() == {"replayed": 1}  # a delivered one can be sent again on request
    platform.dispatch_until_settled()
    assert [r["id"] for r in receiver.delivered] == [event_id, event_id]  # same id: receivers de-duplicate


def test_two_dispatchers_never_send_one_event_at_the_same_time(
    platform: Platform, receiver: Receiver
) -> None:
    platform.register(receiver, ["case.opened"])
    receiver.delay = 0.01
    platform.ingest(*[(f"c{n}", URGENT_AD + f" #{n}") for n in range(24)])
    errors: list[BaseException] = []

    def work() -> None:
        try:
            platform.dispatch_until_settled()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert receiver.overlaps == []
    assert sorted(r["id"] for r in receiver.delivered) == sorted(platform.event_ids())
    assert max(receiver.attempts.values()) == 1  # nothing sent twice


def test_a_hanging_endpoint_holds_up_no_ingest_or_decision(platform: Platform, receiver: Receiver) -> None:
    platform.register(receiver)
    platform.ingest(("h1", URGENT_AD))
    receiver.gate = threading.Event()  # the receiver hangs until released
    sending = threading.Thread(target=platform.dispatch_until_settled)
    sending.start()
    try:
        deadline = time.monotonic() + 10
        while not receiver.in_flight and time.monotonic() < deadline:
            time.sleep(0.01)
        assert receiver.in_flight  # the dispatcher is mid-request
        platform.ingest(("h2", BENIGN), ("h3", URGENT_AD + " again"))
        decided = platform.claim_and_decide({"decision": "confirm"})
        assert decided["state"] == "decided"
    finally:
        receiver.gate.set()
        sending.join(30)
    platform.dispatch_until_settled()
    assert sorted(r["id"] for r in receiver.delivered) == sorted(platform.event_ids())


def test_a_rolled_back_decision_sends_nothing(
    platform: Platform, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moderation_api.cases import flows

    platform.register(receiver)
    platform.ingest(("x1", URGENT_AD))
    platform.dispatch_until_settled()
    assert len(receiver.delivered) == 1
    claimed = platform.client.post("/v1/cases/claim", json={}, headers=platform.keys["reviewer"]).json()

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("network step failed")

    monkeypatch.setattr(flows.network, "open_cases_for_confirmed_cluster", boom)
    monkeypatch.setattr(flows.network, "boost_cluster_cases", boom)
    posting = platform.client.get(f"/v1/cases/{claimed[0]['id']}", headers=platform.keys["admin"]).json()
    assert posting["posting"]["cluster_id"] is not None  # so the confirmation reaches the failing step
    failed = platform.client.post(
        f"/v1/cases/{claimed[0]['id']}/decision",
        json={"decision": "confirm"},
        headers=platform.keys["reviewer"],
    )
    assert failed.status_code == 500
    platform.dispatch_until_settled()
    assert [r["payload"]["type"] for r in receiver.delivered] == ["case.opened"]
    assert len(platform.event_ids()) == 1


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/hook",
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:192.168.0.1]/hook",
        "http://100.64.0.1/hook",
        "https://user:pw@example.com/hook",
        "https://no-such-host.invalid/hook",
        "http:///nohost",
    ],
)
def test_webhook_targets_outside_the_public_internet_are_refused(url: str) -> None:
    with pytest.raises(TargetRefusedError):
        check_target(url, allow_private=False)


def test_only_admins_register_endpoints_and_private_targets_are_a_422(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    body = {"url": "http://127.0.0.1:9/hook", "event_types": ["case.decided"]}
    for role in ("integrator", "reviewer", "senior", "auditor"):
        assert client.post("/v1/webhooks/endpoints", json=body, headers=keys[role]).status_code == 403
    refused = client.post("/v1/webhooks/endpoints", json=body, headers=keys["admin"])
    assert refused.status_code == 422 and "non-public" in refused.json()["detail"]
    unknown = client.post(
        "/v1/webhooks/endpoints", json={**body, "event_types": ["case.nope"]}, headers=keys["admin"]
    )
    assert unknown.status_code == 422


def test_endpoints_list_and_removal_stop_new_deliveries(platform: Platform, receiver: Receiver) -> None:
    endpoint = platform.register(receiver)
    listed = platform.client.get("/v1/webhooks/endpoints", headers=platform.keys["admin"]).json()
    assert [e["id"] for e in listed] == [endpoint["id"]] and "secret" not in listed[0]
    removed = platform.client.delete(
        f"/v1/webhooks/endpoints/{endpoint['id']}", headers=platform.keys["admin"]
    )
    assert removed.status_code == 200 and removed.json()["removed_at"]
    platform.ingest(("z1", URGENT_AD))
    platform.dispatch_until_settled()
    assert receiver.requests == [] and len(platform.event_ids()) == 1  # the event exists, nobody is told
    catalogue = platform.client.get("/v1/webhooks/event-types", headers=platform.keys["admin"]).json()
    assert "appeal.decided" in catalogue and "case.decided" in catalogue


def test_cli_registers_lists_dispatches_replays_and_removes(
    tmp_path: Any, receiver: Receiver, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from moderation_api.cli import main

    url = f"sqlite:///{tmp_path / 'hooks.db'}"
    monkeypatch.setenv("VIGIL_WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")
    monkeypatch.setenv("VIGIL_WEBHOOK_DISPATCH_SECONDS", "0")  # only the CLI dispatcher sends
    monkeypatch.setenv("VIGIL_WEBHOOK_MAX_ATTEMPTS", "1")
    assert main(["webhooks", "add", receiver.url, "--events", "case.nope", "--database-url", url]) == 2
    assert main(["webhooks", "add", receiver.url, "--events", "case.opened", "--database-url", url]) == 0
    receiver.secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert receiver.secret.startswith("whsec_")
    assert main(["webhooks", "list", "--database-url", url]) == 0
    assert f"1\t{receiver.url}\tcase.opened" in capsys.readouterr().out
    assert main(["create-key", "platform", "--role", "integrator", "--database-url", url]) == 0
    key = capsys.readouterr().out.strip().splitlines()[-1]
    with TestClient(create_app(Settings(database_url=url, scorer="keyword"))) as api:
        body = {"postings": [{"source": "s", "external_id": "1", "text": URGENT_AD}]}
        assert api.post("/v1/postings", json=body, headers={"X-API-Key": key}).status_code == 200
    receiver.always_fail = True
    assert main(["dispatcher", "--once", "--database-url", url]) == 0
    assert receiver.delivered == [] and len(receiver.requests) == 1  # one attempt allowed: dead
    receiver.always_fail = False
    assert main(["webhooks", "replay", "1", "--dead", "--database-url", url]) == 0
    assert "replaying 1 deliveries" in capsys.readouterr().out
    assert main(["dispatcher", "--once", "--database-url", url]) == 0
    assert [r["payload"]["type"] for r in receiver.delivered] == ["case.opened"]
    assert main(["webhooks", "remove", "1", "--database-url", url]) == 0
    assert main(["webhooks", "list", "--database-url", url]) == 0
    assert receiver.url not in capsys.readouterr().out
    assert main(["webhooks", "remove", "7", "--database-url", url]) == 2


def test_each_api_process_runs_a_dispatcher_that_delivers(tmp_path: Any, receiver: Receiver) -> None:
    from moderation_api.db import make_engine, make_session_factory
    from moderation_api.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'process.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with make_session_factory(engine)() as session:
        admin = create_key(session, name="admin", role=Role.ADMIN, actor="test")
        platform = create_key(session, name="platform", role=Role.INTEGRATOR, actor="test")
        session.commit()
    engine.dispose()
    settings = hook_settings(database_url=url, webhook_dispatch_seconds=0.05)
    with TestClient(create_app(settings, scorer=KeywordScorer())) as api:
        created = api.post(
            "/v1/webhooks/endpoints",
            json={"url": receiver.url, "event_types": ["case.opened"]},
            headers={"X-API-Key": admin},
        )
        receiver.secret = created.json()["secret"]
        body = {"postings": [{"source": "s", "external_id": "1", "text": URGENT_AD}]}
        assert api.post("/v1/postings", json=body, headers={"X-API-Key": platform}).status_code == 200
        deadline = time.monotonic() + 20
        while not receiver.delivered and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [r["payload"]["type"] for r in receiver.delivered] == ["case.opened"]
    assert receiver.bad_signatures == 0
