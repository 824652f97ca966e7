"""`vigil score` / `vigil evaluate` on sample files with the shipped model, including bad lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from classifier.cli import main, read_postings

REPO_ROOT = Path(__file__).resolve().parents[2]
GOOD = [
    {
        "id": "ad-1",
        "text": "New young girls just arrived, incall only, 150 roses, no cops, text WhatsApp",
        "city": "X",
    },
    {"id": 2, "text": "Selling my road bike, 54 cm frame, new tires, pick up downtown", "city": "Y"},
    {
        "id": "ad-3",
        "text": "Licensed massage therapist, LMT #4471, deep tissue, book at our clinic",
        "city": "Z",
    },
]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sample_lines() -> list[str]:
    return [
        json.dumps(GOOD[0]),
        "{not json",
        json.dumps(GOOD[1]),
        json.dumps({"id": "no-text"}),
        "",
        json.dumps(GOOD[2]),
        json.dumps(["a", "list"]),
    ]


def read_output(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_score_skips_bad_lines_and_reports_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "postings.jsonl", sample_lines())
    output = tmp_path / "scored.jsonl"
    assert main(["score", str(source), "--output", str(output), "--quiet"]) == 0
    rows = read_output(output)
    assert [row["id"] for row in rows] == ["ad-1", 2, "ad-3"]
    for row in rows:
        assert set(row) >= {
            "id",
            "risk_score",
            "band",
            "category_scores",
            "indicators",
            "entities",
            "model_version",
            "language",
            "coverage",
            "floor",
        }
        assert row["coverage"] in ("full", "limited", "unknown")
        assert row["city"] in "XYZ"  # extra fields kept
        assert "text" not in row
        for hit in row["indicators"]:
            assert set(hit) >= {"id", "spans", "explanation"}
    assert rows[0]["band"] in ("review", "urgent")
    assert rows[1]["band"] == "low"
    err = capsys.readouterr().err
    assert "postings.jsonl:2: skipped: not valid JSON" in err
    assert "postings.jsonl:4: skipped: missing 'text'" in err
    assert "postings.jsonl:7: skipped: expected a JSON object" in err
    assert "SKIPPED 3 bad line(s): postings.jsonl:2, postings.jsonl:4, postings.jsonl:7" in err


def test_strict_rejects_the_whole_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "postings.jsonl", sample_lines())
    output = tmp_path / "scored.jsonl"
    assert main(["score", str(source), "--output", str(output), "--strict", "--quiet"]) == 1
    assert not output.exists()
    assert not list(tmp_path.glob(".*partial"))
    err = capsys.readouterr().err
    assert "postings.jsonl:2:" in err and "rejected: 3 bad line(s)" in err


def test_csv_input_keeps_extra_columns_and_reports_ragged_rows(tmp_path: Path) -> None:
    source = tmp_path / "postings.csv"
    source.write_text(
        'id,text,market\n1,"Au pair wanted, named agency, contract and insurance",fr\n2,"too",many,fields\n'
        '3,"Girls 18-25 for waitress work abroad, visa advanced, employer keeps passport",ae\n',
        encoding="utf-8",
    )
    output = tmp_path / "scored.jsonl"
    assert main(["score", str(source), "--output", str(output), "--quiet", "--include-text"]) == 0
    rows = read_output(output)
    assert [(row["id"], row["market"]) for row in rows] == [("1", "fr"), ("3", "ae")]
    assert rows[0]["text"].startswith("Au pair")
    assert rows[1]["band"] != "low"


def test_unreadable_inputs_fail_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.csv").write_text("identifier,body\n1,hello\n")
    assert main(["score", str(tmp_path / "bad.csv"), "-o", str(tmp_path / "o.jsonl"), "--quiet"]) == 2
    assert main(["score", str(tmp_path / "x.txt"), "-o", str(tmp_path / "o.jsonl"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "columns id and text" in err and "--format" in err


def test_read_postings_numbers_physical_lines(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "p.jsonl", ["", json.dumps({"id": "a", "text": " "}), json.dumps(GOOD[1])]
    )
    assert [(n, error) for n, _, error in read_postings(source, "jsonl")] == [
        (2, "'text' is empty"),
        (3, None),
    ]


def test_evaluate_prints_metrics_for_a_labeled_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labeled = write_jsonl(
        tmp_path / "labeled.jsonl",
        [
            json.dumps(
                {"text": GOOD[0]["text"], "label": 2, "categories": ["sex_trafficking"], "lang": "en"}
            ),
            json.dumps({"text": GOOD[1]["text"], "label": 0, "lang": "en"}),
            json.dumps({"text": GOOD[2]["text"], "label": 0, "lang": "en"}),
        ],
    )
    assert main(["evaluate", str(labeled), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "ROC AUC 1.000" in out and "recall 1.000" in out
    bad = write_jsonl(tmp_path / "bad.jsonl", [json.dumps({"text": "x", "label": 7})])
    assert main(["evaluate", str(bad)]) == 2


def test_module_entry_point_runs_score(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "postings.jsonl", [json.dumps(row) for row in GOOD])
    output = tmp_path / "scored.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "classifier.cli", "score", str(source), "--output", str(output)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(read_output(output)) == 3
    assert "scored 3 posting(s)" in done.stderr
