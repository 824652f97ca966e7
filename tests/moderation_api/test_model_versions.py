"""The model registry: register, shadow, promote, rollback (each audited), exactly one active version, bad
input refused with nothing changed, admin-only changes, and a running API that switches to a promoted
version between requests without dropping one (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from classifier.baseline import KeywordScorer
from classifier.results import ScoreResult
from moderation_api.app import create_app
from moderation_api.audit.models import AuditEvent
from moderation_api.audit.schemas import ActorKind
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.cli import main
from moderation_api.model_versions import service
from moderation_api.model_versions.models import ModelVersion
from moderation_api.settings import Settings
from tests.conftest import REPO_ROOT

SHIPPED = REPO_ROOT / "models" / "vigil-risk-1.0.0"
ENCODER = "a" * 64
HUMAN = ActorKind.HUMAN


def model_dir(root: Path, version: str, *, encoder: str = ENCODER) -> Path:
    path = root / f"vigil-risk-{version}"
    path.mkdir(parents=True)
    config = {"name": "vigil-risk", "version": version, "encoder": {"sha256": encoder}}
    (path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (path / "metrics.json").write_text(
        (SHIPPED / "metrics.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return path


def statuses(session: Session) -> dict[str, str]:
    return {model.version: model.status for model in service.list_versions(session)}


def model_events(session: Session) -> list[tuple[str | None, str | None, str | None, str]]:
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.action.like("model_%")).order_by(AuditEvent.id)
    ).all()
    return [(e.details["version"] if e.details else None, e.from_state, e.to_state, e.actor) for e in events]


def test_registering_the_shipped_model_records_its_headline_metrics_and_encoder(session: Session) -> None:
    model = service.register(session, model_dir=SHIPPED, actor="ops", actor_kind=HUMAN)
    assert (model.name, model.version, model.status) == ("vigil-risk", "1.0.0", "candidate")
    assert model.encoder_sha256 is not None and len(model.encoder_sha256) == 64
    assert model.metrics is not None
    assert model.metrics["sets"]["heldout_handwritten"]["average_precision"] == 0.949
    assert model.metrics["thresholds"] == {"review": 0.4048, "urgent": 0.0092}
    assert model_events(session) == [("1.0.0", None, "candidate", "ops")]


def test_promote_retires_the_active_version_and_rollback_restores_it_each_audited(
    session: Session, tmp_path: Path
) -> None:
    for version in ("1.0.0", "1.1.0"):
        service.register(session, model_dir=model_dir(tmp_path, version), actor="ops", actor_kind=HUMAN)
    service.promote(session, version="1.0.0", actor="ops", actor_kind=HUMAN)
    service.shadow(session, version="1.1.0", actor="ana", actor_kind=HUMAN)
    assert statuses(session) == {"1.0.0": "active", "1.1.0": "shadow"}
    service.promote(session, version="1.1.0", actor="ana", actor_kind=HUMAN)
    assert statuses(session) == {"1.0.0": "retired", "1.1.0": "active"}
    assert service.get_version(session, version="1.1.0").status_changed_by == "ana"
    restored = service.rollback(session, actor="bo", actor_kind=HUMAN)
    assert restored.version == "1.0.0"
    assert statuses(session) == {"1.0.0": "active", "1.1.0": "retired"}
    assert model_events(session)[2:] == [
        ("1.0.0", "candidate", "active", "ops"),
        ("1.1.0", "candidate", "shadow", "ana"),
        ("1.0.0", "active", "retired", "ana"),
        ("1.1.0", "shadow", "active", "ana"),
        ("1.1.0", "active", "retired", "bo"),
        ("1.0.0", "retired", "active", "bo"),
    ]


def test_bad_requests_are_clear_errors_and_change_nothing(session: Session, tmp_path: Path) -> None:
    with pytest.raises(service.InvalidModelDirError, match=r"no config\.json"):
        service.register(session, model_dir=tmp_path / "missing", actor="ops", actor_kind=HUMAN)
    service.register(session, model_dir=model_dir(tmp_path, "1.0.0"), actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.ModelExistsError):
        service.register(session, model_dir=tmp_path / "vigil-risk-1.0.0", actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.InvalidModelTransitionError, match="nothing to roll back"):
        service.rollback(session, actor="ops", actor_kind=HUMAN)
    service.promote(session, version="1.0.0", actor="ops", actor_kind=HUMAN)
    other = model_dir(tmp_path / "b", "2.0.0", encoder="b" * 64)
    service.register(session, model_dir=other, actor="ops", actor_kind=HUMAN)
    before = (statuses(session), model_events(session))
    with pytest.raises(service.ModelNotFoundError):
        service.promote(session, version="9.9.9", actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.EncoderMismatchError, match="encoder"):
        service.promote(session, version="2.0.0", actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.InvalidModelTransitionError, match="active already"):
        service.promote(session, version="1.0.0", actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.InvalidModelTransitionError, match="nothing to roll back"):
        service.rollback(session, actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.InvalidModelTransitionError):
        service.shadow(session, version="1.0.0", actor="ops", actor_kind=HUMAN)  # active → shadow
    session.rollback()
    assert (statuses(session), model_events(session)) == before


def test_the_database_refuses_a_second_active_version(session: Session, tmp_path: Path) -> None:
    for version in ("1.0.0", "1.1.0"):
        service.register(session, model_dir=model_dir(tmp_path, version), actor="ops", actor_kind=HUMAN)
    service.promote(session, version="1.0.0", actor="ops", actor_kind=HUMAN)
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(update(ModelVersion).where(ModelVersion.version == "1.1.0").values(status="active"))
    assert statuses(session) == {"1.0.0": "active", "1.1.0": "candidate"}


def test_concurrent_promotions_leave_exactly_one_active_version(
    committed_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    versions = [f"1.{n}.0" for n in range(6)]
    with committed_factory() as session:
        for version in versions:
            service.register(session, model_dir=model_dir(tmp_path, version), actor="ops", actor_kind=HUMAN)
    barrier = threading.Barrier(len(versions))
    outcomes: dict[str, str] = {}

    def promote(version: str) -> None:
        with committed_factory() as session:
            barrier.wait()
            try:
                service.promote(session, version=version, actor=f"ops-{version}", actor_kind=HUMAN)
                outcomes[version] = "promoted"
            except service.ModelConflictError:
                outcomes[version] = "conflict"

    threads = [threading.Thread(target=promote, args=(version,)) for version in reversed(versions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with committed_factory() as session:
        final = statuses(session)
        assert set(outcomes) == set(versions)  # every thread ended in success or a clear conflict
        active = [version for version, status in final.items() if status == "active"]
        assert len(active) == 1 and outcomes[active[0]] == "promoted"
        # Every promotion that reported success retired the one before it: the audit trail is a chain.
        promoted = [v for v, o in outcomes.items() if o == "promoted"]
        activations = [e for e in model_events(session) if e[2] == "active"]
        assert len(activations) == len(promoted)
        assert sorted(final.values()).count("retired") == len(promoted) - 1


@pytest.mark.parametrize("role", [r.value for r in Role if r is not Role.ADMIN])
def test_only_admins_change_the_registry(client: TestClient, keys: dict, role: str) -> None:
    for path in ("/v1/model/versions/1.0.0/promote", "/v1/model/versions/1.0.0/shadow", "/v1/model/rollback"):
        assert client.post(path, headers=keys[role]).status_code == 403
    response = client.post("/v1/model/versions", json={"directory": "vigil-risk-1.0.0"}, headers=keys[role])
    assert response.status_code == 403
    assert client.get("/v1/model/versions", headers=keys[role]).status_code == 200


def test_api_registers_by_directory_name_only(
    settings: Settings, session_factory: sessionmaker[Session], keys: dict, tmp_path: Path
) -> None:
    model_dir(tmp_path, "1.1.0")
    (tmp_path / "outside").mkdir()
    app = create_app(
        settings.model_copy(update={"models_root": tmp_path / "root"}),
        scorer=KeywordScorer(),
        session_factory=session_factory,
    )
    (tmp_path / "root").mkdir()
    (tmp_path / "vigil-risk-1.1.0").rename(tmp_path / "root" / "vigil-risk-1.1.0")
    with TestClient(app) as client:
        for bad in ("../outside", "/etc", "..", "a/b", ".hidden"):
            response = client.post("/v1/model/versions", json={"directory": bad}, headers=keys["admin"])
            assert response.status_code == 422, bad
        missing = client.post("/v1/model/versions", json={"directory": "nope"}, headers=keys["admin"])
        assert missing.status_code == 422 and "config.json" in missing.json()["detail"]
        created = client.post(
            "/v1/model/versions", json={"directory": "vigil-risk-1.1.0"}, headers=keys["admin"]
        )
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "candidate" and created.json()["registered_by"] == "key:admin"
        assert client.post("/v1/model/versions/9.9.9/promote", headers=keys["admin"]).status_code == 404
        assert client.post("/v1/model/rollback", headers=keys["admin"]).status_code == 409
        promoted = client.post("/v1/model/versions/1.1.0/promote", headers=keys["admin"])
        assert promoted.status_code == 200 and promoted.json()["status"] == "active"


def test_model_cli_lists_registers_promotes_and_rolls_back(
    engine: Engine,
    committed_factory: sessionmaker[Session],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    base = ["--database-url", url, "--actor", "ops"]
    for version in ("1.0.0", "1.1.0"):
        assert main(["model", "register", str(model_dir(tmp_path, version)), *base]) == 0
    assert main(["model", "promote", "1.0.0", *base]) == 0
    assert main(["model", "shadow", "1.1.0", *base]) == 0
    assert main(["model", "promote", "1.1.0", *base]) == 0
    assert main(["model", "rollback", *base]) == 0
    assert "vigil-risk 1.0.0 is active" in capsys.readouterr().out
    assert main(["model", "promote", "7.0.0", *base]) == 2
    assert "no model version '7.0.0'" in capsys.readouterr().err
    assert main(["model", "list", *base]) == 0
    listing = capsys.readouterr().out
    assert "1.0.0" in listing and "active" in listing and "retired" in listing


class TinyScorer(KeywordScorer):
    """The keyword scorer under another version: a second model that loads instantly."""

    def __init__(self, version: str) -> None:
        super().__init__()
        self._version = version

    @property
    def model_version(self) -> str:  # type: ignore[override]
        return self._version

    def score_texts(self, texts: Sequence[str]) -> list[ScoreResult]:
        from dataclasses import replace

        return [replace(result, model_version=self._version) for result in super().score_texts(texts)]


def test_promotion_switches_a_running_api_between_requests_without_dropping_any(
    engine: Engine, committed_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    loads: list[Path] = []

    def loader(path: Path) -> TinyScorer:
        loads.append(path)
        time.sleep(0.2)  # a slow load: requests keep being served by the old model meanwhile
        return TinyScorer(json.loads((path / "config.json").read_text())["version"])

    with committed_factory() as session:
        for version in ("1.0.0", "1.1.0"):
            service.register(session, model_dir=model_dir(tmp_path, version), actor="ops", actor_kind=HUMAN)
        service.promote(session, version="1.0.0", actor="ops", actor_kind=HUMAN)
        keys = {r: {"X-API-Key": create_key(session, name=r.value, role=r, actor="t")} for r in Role}
        session.commit()
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        scorer="keyword",
        run_migrations=False,
        model_check_seconds=0.05,
    )
    app = create_app(settings, session_factory=committed_factory, scorer_loader=loader)
    seen: list[tuple[int, str]] = []
    stop = threading.Event()
    with TestClient(app) as client:

        def hammer() -> None:
            while not stop.is_set():
                response = client.post(
                    "/v1/score", json={"text": "Trek bike, $300"}, headers=keys[Role.INTEGRATOR]
                )
                body: Any = response.json()
                seen.append(
                    (response.status_code, body["results"][0]["model_version"] if response.is_success else "")
                )

        assert (
            client.post("/v1/score", json={"text": "x y"}, headers=keys[Role.INTEGRATOR]).json()["results"][
                0
            ]["model_version"]
            == "1.0.0"
        )  # the start-up model is the registry's active version
        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for thread in threads:
            thread.start()
        while len(seen) < 20:
            time.sleep(0.01)
        promoted = client.post("/v1/model/versions/1.1.0/promote", headers=keys[Role.ADMIN])
        assert promoted.status_code == 200, promoted.text
        deadline = time.monotonic() + 30
        while not (seen and seen[-1][1] == "1.1.0") and time.monotonic() < deadline:
            time.sleep(0.02)
        after = len(seen)
        while len(seen) < after + 20:
            time.sleep(0.01)
        stop.set()
        for thread in threads:
            thread.join()
    assert {status for status, _ in seen} == {200}
    versions = [version for _, version in seen]
    switch = versions.index("1.1.0")
    assert set(versions[:switch]) == {"1.0.0"} and set(versions[switch:]) == {"1.1.0"}
    assert [path.name for path in loads] == ["vigil-risk-1.0.0", "vigil-risk-1.1.0"]
