"""The reviewed hold-out comparison: figures against a hand count, intervals, small samples, the card."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score

from classifier.evaluation import Labels, wilson_interval
from classifier.results import ScoreResult, Thresholds
from classifier.training.card import reviewed_section
from classifier.training.compare import ap_score, compare_on_holdout

THRESHOLDS = Thresholds(review=0.5, urgent=0.5)


def result(risk: float, urgent: float, version: str) -> ScoreResult:
    return ScoreResult(
        model_name="vigil-risk",
        model_version=version,
        risk_score=risk,
        urgent_score=urgent,
        band=THRESHOLDS.band(risk_score=risk, urgent_score=urgent),
        category_scores={},
        indicators=(),
        entities=(),
        thresholds=THRESHOLDS,
    )


def test_ap_score_is_scikit_learns_average_precision_ties_included() -> None:
    rng = np.random.default_rng(0)
    for n in (4, 17, 150):
        for _ in range(50):
            truth = rng.integers(0, 2, n)
            scores = np.round(rng.random(n), 1)  # many ties
            if 0 < truth.sum() < n:
                assert abs(ap_score(truth, scores) - average_precision_score(truth, scores)) < 1e-12


def test_comparison_matches_a_hand_count_and_marks_small_samples() -> None:
    # 8 postings: labels, and each model's (risk, urgent); language en for the first 6, es for the rest.
    label = [2, 2, 1, 1, 0, 0, 1, 0]
    candidate = [
        (0.9, 0.8),
        (0.8, 0.3),
        (0.7, 0.1),
        (0.2, 0.1),
        (0.6, 0.6),
        (0.1, 0.0),
        (0.9, 0.2),
        (0.3, 0.0),
    ]
    active = [(0.9, 0.9), (0.4, 0.2), (0.6, 0.1), (0.6, 0.1), (0.2, 0.1), (0.1, 0.0), (0.3, 0.1), (0.7, 0.6)]
    labels = Labels.from_rows(
        [{"label": value, "lang": "en" if i < 6 else "es"} for i, value in enumerate(label)]
    )
    out = compare_on_holdout(
        labels,
        [result(r, u, "2.0.0") for r, u in candidate],
        [result(r, u, "1.1.0") for r, u in active],
        seed=0,
    )
    assert out["versions"] == {"candidate": "2.0.0", "active": "1.1.0"}
    assert out["label_counts"] == {"0": 3, "1": 3, "2": 2}
    ours, theirs = out["overall"]["candidate"], out["overall"]["active"]
    # candidate flags rows 0,1,2,4,6: 4 of the 5 positives, 4 of 5 flags right; urgent band rows 0 and 4
    assert ours["review_recall"] == {"value": 0.8, "ci": wilson_interval(4, 5), "n": 5, "small": True}
    assert ours["review_precision"]["value"] == 0.8 and ours["review_precision"]["n"] == 5
    assert ours["urgent_recall"]["value"] == 0.5 and ours["urgent_recall"]["n"] == 2
    assert ours["urgent_precision"] == {"value": 0.5, "ci": wilson_interval(1, 2), "n": 2, "small": True}
    # active flags rows 0,2,3,7: 3 of 5 positives; urgent band rows 0 and 7
    assert theirs["review_recall"]["value"] == 0.6 and theirs["review_precision"]["value"] == 0.75
    assert theirs["urgent_precision"]["value"] == 0.5
    truth = np.array(label) >= 1
    for name, pairs in (("candidate", candidate), ("active", active)):
        ap = out["overall"][name]["average_precision"]
        expected = average_precision_score(truth, [r for r, _ in pairs])
        assert ap["value"] == round(expected, 4) and ap["n"] == 8 and ap["positives"] == 5 and ap["small"]
        assert ap["ci"][0] <= ap["value"] <= ap["ci"][1]
    difference = out["ap_difference"]
    assert difference["ci"][0] <= difference["value"] <= difference["ci"][1]
    assert set(out["languages"]) == {"en", "es"}
    es = out["languages"]["es"]["candidate"]
    assert es["n"] == 2 and es["review_recall"] == {
        "value": 1.0,
        "ci": wilson_interval(1, 1),
        "n": 1,
        "small": True,
    }
    section = "\n".join(
        reviewed_section(
            {
                "sha256": "ab" * 32,
                "train_rows": 30,
                "holdout_rows": 8,
                "weight": 2.0,
                "holdout_share": 0.25,
                "holdout_dropped_as_training_repeats": 0,
                "comparison": out,
            }
        )
    )
    assert "candidate 2.0.0" in section and "active 1.1.0" in section
    assert "0.800 [" in section and "(n 5, **small sample**)" in section
    assert "| es | candidate 2.0.0 |" in section and "AP difference, candidate − active" in section
