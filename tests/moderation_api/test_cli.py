"""The `vigil` command line: keys, migrations and the demo database (with the real model)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from moderation_api.app import create_app
from moderation_api.cli import main
from moderation_api.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_create_key_prints_a_working_key_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    assert main(["db", "upgrade", "--database-url", url]) == 0
    assert main(["create-key", "alice", "--role", "reviewer", "--database-url", url]) == 0
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert key.startswith("vgl_")
    assert main(["create-key", "alice", "--role", "admin", "--database-url", url]) == 2
    assert "already exists" in capsys.readouterr().err
    app = create_app(Settings(database_url=url, scorer="keyword"))
    with TestClient(app) as client:
        assert client.get("/v1/me", headers={"X-API-Key": key}).json()["role"] == "reviewer"
    assert main(["revoke-key", "alice", "--database-url", url]) == 0
    with TestClient(create_app(Settings(database_url=url, scorer="keyword"))) as client:
        assert client.get("/v1/me", headers={"X-API-Key": key}).status_code == 401
    assert (tmp_path / "keys.db").read_bytes().find(key.encode()) == -1  # only the hash is stored


def test_help_is_fast_and_does_not_import_the_model_stack() -> None:
    code = (
        "import sys; from moderation_api.cli import build_parser; build_parser(); "
        "print('torch' in sys.modules, 'onnxruntime' in sys.modules, 'sklearn' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, check=True
    )
    assert done.stdout.split() == ["False", "False", "False"]


@pytest.mark.slow
def test_demo_builds_a_database_the_api_serves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "demo.db"
    assert main(["demo", "--database", str(database), "--postings", "120", "--no-serve"]) == 0
    out = capsys.readouterr().out
    reviewer_key = next(line.split()[-1] for line in out.splitlines() if "demo-reviewer " in line)
    auditor_key = next(line.split()[-1] for line in out.splitlines() if "demo-auditor" in line)
    app = create_app(Settings(database_url=f"sqlite:///{database}"))  # the real shipped model
    with TestClient(app) as client:
        stats = client.get("/v1/cases/stats", headers={"X-API-Key": reviewer_key}).json()
        assert stats["by_state"]["open"] > 10 and stats["by_state"]["decided"] > 0
        report = client.get("/v1/reports/transparency", headers={"X-API-Key": auditor_key}).json()
        assert report["decisions"]["total"] > 0
        # The learning loop has content: answered blind QA samples and double reviews, a shadow model.
        (whole,) = [row for row in report["error_rates"]["rows"] if row["whole_window"]]
        assert whole["miss_rate"]["n"] > 0 and whole["flag_precision"]["n"] > 0
        open_qa = client.get(
            "/v1/cases", params={"queue": "qa", "state": "open"}, headers={"X-API-Key": reviewer_key}
        )
        assert open_qa.json()["items"], "blind QA cases wait in their queue"
        versions = client.get("/v1/model/versions", headers={"X-API-Key": reviewer_key}).json()
        assert sorted(v["status"] for v in versions) == ["active", "shadow"]
        model = client.get("/v1/model", headers={"X-API-Key": reviewer_key}).json()
        assert model["name"] == "vigil-risk" and "Model card" in model["card_markdown"]
        assert (
            client.get("/v1/model/plots/pr_curve.png", headers={"X-API-Key": reviewer_key}).content[:4]
            == b"\x89PNG"
        )
        (case,) = client.post("/v1/cases/claim", json={}, headers={"X-API-Key": reviewer_key}).json()
        detail = client.get(f"/v1/cases/{case['id']}", headers={"X-API-Key": reviewer_key}).json()
        assert detail["posting"]["score"]["model"]["name"] == "vigil-risk"
        assert detail["posting"]["score"]["indicators"], "a real-model case carries evidence"


def _listening(port: int) -> set[str]:
    """The local addresses (hex, as in /proc/net/tcp*) on which something listens on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


@pytest.mark.slow
def test_demo_binds_api_and_ui_to_loopback_and_sigterm_stops_both(tmp_path: Path) -> None:
    import contextlib
    import os
    import signal
    import socket
    import time

    import httpx

    def free_port() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])

    api_port, ui_port = free_port(), free_port()
    command = [sys.executable, "-m", "moderation_api.cli", "demo", "--database", str(tmp_path / "demo.db"),
               "--postings", "40", "--port", str(api_port), "--ui-port", str(ui_port)]  # fmt: skip
    demo = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the cleanup below can stop what it left
    )
    try:
        deadline = time.monotonic() + 240
        for url in (f"http://127.0.0.1:{api_port}/healthz", f"http://127.0.0.1:{ui_port}/_stcore/health"):
            while True:
                try:
                    if httpx.get(url, timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline and demo.poll() is None, f"{url} did not come up"
                time.sleep(0.5)
        loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1
        assert _listening(api_port) and _listening(api_port) <= loopback
        assert _listening(ui_port) and _listening(ui_port) <= loopback, _listening(ui_port)

        demo.send_signal(signal.SIGTERM)
        assert demo.wait(timeout=30) == 0
        deadline = time.monotonic() + 15
        while (_listening(api_port) or _listening(ui_port)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _listening(api_port) and not _listening(ui_port)  # both children are gone
    finally:
        if demo.poll() is None:
            demo.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(demo.pid, signal.SIGKILL)  # anything left of this test's own process group
