"""Reviewed rows for `vigil train --reviewed`: the export's own format read as corpus rows, bad files refused
whole with line numbers and no posting text, the grouped hold-out stable, and the CLI writing nothing on
bad input."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from classifier.training.data import limited
from classifier.training.reviewed import (
    REVIEWED_SOURCE,
    ReviewedFileError,
    holdout_split,
    load_reviewed,
)
from moderation_api.cli import main
from moderation_api.datasets.schemas import ReviewedRow

SECRET = "Sweet new girls Anna and Kim, ask for the manager"


def exported(
    case_id: int,
    *,
    label: int,
    text: str = "Room for rent near the station, 450 a month",
    categories: list[str] | None = None,
    cluster_id: int | None = None,
    language: str | None = "en",
) -> str:
    """One line exactly as `vigil dataset export` writes it (its pydantic schema's JSON)."""
    return (
        ReviewedRow(
            id=f"reviewed-case:{case_id}",
            text=text,
            label=label,
            categories=categories or [],
            cluster=f"cluster:{cluster_id}" if cluster_id is not None else f"posting:{case_id}",
            case_id=case_id,
            posting_id=case_id,
            cluster_id=cluster_id,
            language=language,
            model_version="1.1.0",
            decision="dismiss" if label == 0 else "confirm",
            decided_at=datetime(2026, 11, 1, tzinfo=UTC),
        ).model_dump_json()
        + "\n"
    )


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_exported_rows_read_as_corpus_rows_and_label_2_carries_minor_involved(tmp_path: Path) -> None:
    path = write(
        tmp_path / "reviewed.jsonl",
        exported(1, label=0, cluster_id=4),
        exported(2, label=1, categories=["labor_trafficking"], language=None),
        # a label-2 row whose categories lack minor_involved gets it, as every minor row of the corpus has
        exported(3, label=2, categories=["sex_trafficking"], cluster_id=4),
        "\n",
    )
    rows, sha256 = load_reviewed(path)
    assert [row["label"] for row in rows] == [0, 1, 2]
    assert rows[2]["categories"] == ["sex_trafficking", "minor_involved"]
    assert rows[0]["categories"] == [] and rows[1]["categories"] == ["labor_trafficking"]
    assert {row["source"] for row in rows} == {REVIEWED_SOURCE}
    assert [row["lang"] for row in rows] == ["en", "unknown", "en"]
    assert rows[0]["cluster"] == rows[2]["cluster"] == "reviewed-cluster:4"
    assert rows[1]["cluster"] == "reviewed-posting:2"
    assert len(sha256) == 64


def test_bad_lines_are_refused_whole_with_their_numbers_and_no_posting_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "reviewed.jsonl",
        exported(1, label=1, categories=["sex_trafficking"]),  # 1: fine
        '{"text": "' + SECRET + '", "label": 1, \n',  # 2: malformed JSON
        exported(3, label=1, text=SECRET).replace('"label":1', '"label":3'),  # 3: unknown label
        exported(4, label=0).replace('"label":0', '"label":"' + SECRET + '"'),  # 4: label not a number
        json.dumps({"label": 0, "case_id": 5}) + "\n",  # 5: no text
        exported(6, label=0, text="   "),  # 6: empty text
        exported(7, label=1, text=SECRET).replace('"categories":[]', '"categories":["' + SECRET + '"]'),  # 7
        exported(8, label=0, text=SECRET).replace('"categories":[]', '"categories":["sex_trafficking"]'),  # 8
        exported(1, label=0, text="Another text"),  # 9: the same case again
        exported(10, label=1).replace('"label":1', '"label":true'),  # 10: a boolean is not a label
        "[1, 2]\n",  # 11: not an object
    )
    with pytest.raises(ReviewedFileError) as caught:
        load_reviewed(path)
    message = str(caught.value)
    assert "10 bad line(s), nothing trained or written" in message
    for number, reason in (
        (2, "not valid JSON"),
        (3, "unknown label 3"),
        (4, "unknown label a str"),
        (5, "missing 'text'"),
        (6, "'text' is empty"),
        (7, "unknown category"),
        (8, "label 0 (benign) with categories"),
        (9, "the same case as line 1"),
        (10, "unknown label a bool"),
        (11, "expected a JSON object"),
    ):
        assert f"line {number}: {reason}" in message, (number, message)
    assert "line 1:" not in message
    assert "Anna" not in message and "manager" not in message


def test_an_empty_file_and_a_file_of_blank_lines_are_refused(tmp_path: Path) -> None:
    for content in ("", "\n  \n"):
        with pytest.raises(ReviewedFileError, match="no reviewed rows"):
            load_reviewed(write(tmp_path / "reviewed.jsonl", content))
    with pytest.raises(ReviewedFileError, match="cannot read"):
        load_reviewed(tmp_path / "missing.jsonl")


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "reviewed.jsonl"
    path.write_bytes(exported(1, label=0).encode() + b'{"text": "\xff\xfe"}\n')
    with pytest.raises(ReviewedFileError, match="line 2: not UTF-8"):
        load_reviewed(path)


def _rows(clusters: int, singles: int, start: int = 0) -> list[dict]:
    rows = []
    for cluster in range(start, start + clusters):
        for member in range(3):
            rows.append({"id": f"c{cluster}-{member}", "cluster": f"reviewed-cluster:{cluster}", "label": 1})
    for single in range(start, start + singles):
        rows.append({"id": f"p{single}", "cluster": f"reviewed-posting:{single}", "label": 0})
    return rows


def test_holdout_keeps_clusters_whole_and_is_the_same_whatever_the_order_or_new_rows() -> None:
    rows = _rows(clusters=60, singles=80)
    train, holdout = holdout_split(rows, share=0.25)
    assert len(train) + len(holdout) == len(rows)
    assert not {row["cluster"] for row in train} & {row["cluster"] for row in holdout}
    groups = {row["cluster"] for row in rows}
    held_groups = {row["cluster"] for row in holdout}
    assert 0.15 < len(held_groups) / len(groups) < 0.35  # ~25% of 140 groups

    shuffled = list(rows)
    random.Random(1).shuffle(shuffled)
    assert {row["id"] for row in holdout_split(shuffled, share=0.25)[1]} == {row["id"] for row in holdout}
    # Next month's export: the same clusters plus new ones. A cluster held out stays held out.
    later = rows + _rows(clusters=30, singles=30, start=1000)
    _, later_holdout = holdout_split(later, share=0.25)
    assert held_groups <= {row["cluster"] for row in later_holdout}
    assert {row["cluster"] for row in later_holdout} & groups == held_groups


def test_a_tiny_file_still_gets_both_sides_and_one_group_is_refused() -> None:
    for clusters, singles in ((0, 2), (1, 1), (0, 3)):
        train, holdout = holdout_split(_rows(clusters, singles), share=0.25)
        assert train and holdout
    train, holdout = holdout_split(_rows(0, 5), share=0.99)
    assert len(train) == 1 and len(holdout) == 4
    with pytest.raises(ReviewedFileError, match="single cluster"):
        holdout_split(_rows(1, 0), share=0.25)
    with pytest.raises(ReviewedFileError, match="between 0 and 1"):
        holdout_split(_rows(0, 4), share=1.0)


def test_corpus_limit_samples_every_label_by_its_share_deterministically() -> None:
    rows = [{"id": i, "label": 0 if i < 600 else 1 if i < 900 else 2} for i in range(1000)]
    sample = limited(rows, 100, seed=3)
    assert limited(rows, 100, seed=3) == sample and limited(rows, 100, seed=4) != sample
    counts = [sum(row["label"] == label for row in sample) for label in (0, 1, 2)]
    assert counts == [60, 30, 10]
    assert sample == sorted(sample, key=lambda row: row["id"])  # file order kept
    assert limited(rows[:5], 100, seed=0) == rows[:5]


def _train(tmp_path: Path, *extra: str) -> int:
    return main(["train", "--version", "9.9.9", "--models-dir", str(tmp_path / "models"), "--quiet", *extra])


def test_cli_refuses_bad_reviewed_files_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "models").mkdir()
    bad = write(
        tmp_path / "bad.jsonl", exported(1, label=0), exported(2, label=1, text=SECRET).replace(":1,", ":7,")
    )
    assert _train(tmp_path, "--reviewed", str(bad)) == 2
    err = capsys.readouterr().err
    assert "line 2: unknown label 7" in err and "Anna" not in err
    assert _train(tmp_path, "--reviewed", str(write(tmp_path / "empty.jsonl", ""))) == 2
    assert "no reviewed rows" in capsys.readouterr().err
    good = write(
        tmp_path / "good.jsonl", exported(1, label=0), exported(2, label=1, categories=["sex_trafficking"])
    )
    assert _train(tmp_path, "--reviewed", str(good), "--compare-with", str(tmp_path / "nowhere")) == 2
    assert "no model to compare the candidate with" in capsys.readouterr().err
    # no models/LATEST in this models directory and no --compare-with
    assert _train(tmp_path, "--reviewed", str(good)) == 2
    assert "pass --compare-with" in capsys.readouterr().err
    assert _train(tmp_path, "--reviewed", str(good), "--reviewed-holdout", "0") == 2
    assert "between 0 and 1" in capsys.readouterr().err
    assert _train(tmp_path, "--corpus-limit", "0") == 2
    assert list((tmp_path / "models").iterdir()) == []


def test_cli_never_overwrites_an_existing_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "models" / "vigil-risk-9.9.9"
    existing.mkdir(parents=True)
    (existing / "config.json").write_text("{}")
    assert _train(tmp_path, "--reviewed", str(write(tmp_path / "r.jsonl", exported(1, label=0)))) == 2
    assert "never an overwrite" in capsys.readouterr().err
    assert [path.name for path in existing.iterdir()] == ["config.json"]
    assert (existing / "config.json").read_text() == "{}"
