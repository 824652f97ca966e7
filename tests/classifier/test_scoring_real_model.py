"""The shipped model (models/LATEST) loaded through the public API, on cases a reviewer would judge."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from classifier.artifacts import CONFIG_FILE, ArtifactError
from classifier.results import Band, Thresholds
from classifier.scoring import MODEL_NAME, ModelScorer, default_model_dir, load_scorer

TRAFFICKING_AD = (
    "NEW GIRLS just arrived 🌹🌹 young sweet asian & latina, barely 18, fresh. Incall only at the motel, "
    "no outcall. 150 roses/hr, cash only. No LE, no cops, verify first. Text our manager on WhatsApp "
    "five five five - 0one2 - 3four5six, he books for all the girls."
)
LICENSED_MASSAGE = (
    "Licensed massage therapist (LMT #MA-48213), 12 years of experience in deep tissue, sports and "
    "prenatal massage. My clinic is at 41 Oak Street, suite 3; book online or call the front desk. "
    "Insurance receipts provided."
)
AU_PAIR_JOB = (
    "Au pair wanted for a family in Lyon, France, placed through Cultural Care Au Pair (licensed agency). "
    "12-month J-1 program, written contract, 45 hours a week, private room, health insurance and a weekly "
    "stipend of 200 EUR. Your passport stays with you. Apply through the agency website."
)
AWARENESS_POST = (
    "Know the signs of human trafficking: ads that say 'new in town', 'young', 'incall only' or ask for "
    "'roses' can hide exploitation. If a job offer keeps your passport or charges a placement fee, it may "
    "be labor trafficking. Call the National Human Trafficking Hotline at 1-888-373-7888. #EndTrafficking"
)


@pytest.fixture(scope="module")
def scorer() -> ModelScorer:
    return load_scorer()


def test_loads_latest_with_card_and_metrics(scorer: ModelScorer) -> None:
    model_dir = default_model_dir()
    assert scorer.model_name == MODEL_NAME
    assert model_dir.name == f"{MODEL_NAME}-{scorer.model_version}"
    for name in (
        "model.skops",
        "config.json",
        "metrics.json",
        "pr_curve.png",
        "calibration.png",
        "MODEL_CARD.md",
    ):
        assert (model_dir / name).is_file(), name
    metrics = json.loads((model_dir / "metrics.json").read_text())
    assert metrics["thresholds"] == scorer.thresholds.to_dict()
    card = (model_dir / "MODEL_CARD.md").read_text()
    assert f"`risk_score` ≥ **{scorer.thresholds.review}**" in card
    assert "character n-gram TF-IDF + logistic regression" in card and "Robustness" in card


def test_clear_trafficking_ad_is_flagged_with_evidence(scorer: ModelScorer) -> None:
    (result,) = scorer.score_texts([TRAFFICKING_AD])
    assert result.band in (Band.REVIEW, Band.URGENT)
    assert result.risk_score >= scorer.thresholds.review
    assert result.category_scores["sex_trafficking"] > result.category_scores["labor_trafficking"]
    assert result.indicators
    for hit in result.indicators:
        for span in hit.spans:
            assert TRAFFICKING_AD[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "text", [LICENSED_MASSAGE, AU_PAIR_JOB, AWARENESS_POST], ids=["massage", "au-pair", "awareness"]
)
def test_hard_negatives_score_low(scorer: ModelScorer, text: str) -> None:
    (result,) = scorer.score_texts([text])
    assert result.band is Band.LOW, (result.risk_score, result.urgent_score)


def test_deceptive_job_offer_is_flagged_as_labor(scorer: ModelScorer) -> None:
    text = (
        "Girls 18-25 wanted for waitress work abroad in Dubai, no experience needed, 4000 USD a month. "
        "Ticket and visa advanced by us, repaid from salary. Employer keeps passport for safety. "
        "Leave this week! Contact only on Telegram @jobs_abroad_now"
    )
    (result,) = scorer.score_texts([text])
    assert result.flagged
    assert result.category_scores["labor_trafficking"] > result.category_scores["minor_involved"]


def test_scores_do_not_depend_on_batch_companions(scorer: ModelScorer) -> None:
    texts = [TRAFFICKING_AD, LICENSED_MASSAGE, AU_PAIR_JOB, AWARENESS_POST]
    together = [r.risk_score for r in scorer.score_texts(texts)]
    alone = [scorer.score_texts([text])[0].risk_score for text in texts]
    assert together == pytest.approx(alone, abs=1e-9)
    assert scorer.score_texts([]) == []


def test_threshold_override_changes_bands_not_scores(scorer: ModelScorer) -> None:
    strict = scorer.with_thresholds(Thresholds(review=0.0, urgent=1.0))
    (base,) = scorer.score_texts([LICENSED_MASSAGE])
    (moved,) = strict.score_texts([LICENSED_MASSAGE])
    assert moved.risk_score == base.risk_score
    assert moved.band is Band.REVIEW


def test_version_mismatch_in_shipped_config_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(default_model_dir(), copy)
    config = json.loads((copy / CONFIG_FILE).read_text())
    config["library_versions"]["skops"] = "0.1.0"
    (copy / CONFIG_FILE).write_text(json.dumps(config))
    with pytest.raises(ArtifactError, match=r"skops: model saved with 0\.1\.0"):
        load_scorer(copy)


def test_scoring_never_imports_torch() -> None:
    code = (
        "import sys; from classifier.scoring import load_scorer;"
        "r = load_scorer().score_texts(['bike for sale']); assert r[0].band == 'low';"
        "bad = [m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_case_and_emoji_separators_do_not_change_the_score_materially(scorer: ModelScorer) -> None:
    text = (
        "Hiring girls for hostess work in Dubai, 3000 USD a month. Visa and ticket advanced, repaid from "
        "salary. Your passport stays with the manager. Contact on Telegram only."
    )
    plain, caps, emoji = scorer.score_texts([text, text.upper(), text.replace(" ", "💎")])
    assert caps.risk_score == pytest.approx(plain.risk_score, abs=0.1)
    assert emoji.risk_score == pytest.approx(plain.risk_score, abs=0.15)
    assert plain.band is caps.band


def test_language_and_coverage_are_reported(scorer: ModelScorer) -> None:
    english, thai = scorer.score_texts(
        [LICENSED_MASSAGE, "รับสมัครพนักงานนวด อายุ 18-25 ปี รายได้ดี มีที่พักให้ ติดต่อผู้จัดการทางไลน์เท่านั้น"]
    )
    assert (english.language, english.coverage) == ("en", "full")
    assert thai.language == "th" and thai.coverage in ("full", "limited")


def test_high_severity_indicator_floors_the_score_at_review(scorer: ModelScorer) -> None:
    text = "Farm work, free housing. The boss keeps your passport until the debt for the trip is repaid."
    # A review threshold no probability reaches: only the floor can put the posting in review.
    strict = scorer.with_thresholds(Thresholds(review=1.0, urgent=1.0))
    (result,) = strict.score_texts([text])
    assert result.floor and all(hit_id.startswith("labor.") for hit_id in result.floor)
    assert result.band is Band.REVIEW and result.risk_score == 1.0
    assert result.model_risk_score is not None and result.model_risk_score < 1.0
    denied_text = "Farm work, free housing. We never keep your passport and charge no fees."
    (denied,) = strict.score_texts([denied_text])
    assert not denied.floor and denied.band is Band.LOW


def test_rescoring_the_heldout_set_reproduces_metrics_json(scorer: ModelScorer) -> None:
    """The shipped artifacts are the ones the card describes: re-scoring the held-out set through the
    public loader gives the recorded average precision and flagged precision / recall."""
    from classifier.evaluation import evaluate_rows
    from classifier.training.corpus import TRAINING_CORPORA, load_corpus
    from classifier.training.data import load_training_rows, without_training_texts

    metrics = json.loads((default_model_dir() / "metrics.json").read_text())
    recorded = metrics["model_metrics"]["heldout"]
    heldout, _ = without_training_texts(load_corpus("heldout"), load_training_rows(TRAINING_CORPORA))
    measured = evaluate_rows(scorer, heldout)
    assert measured["n"] == recorded["n"]
    recorded_ap = recorded["risk"]["average_precision"]
    assert measured["risk"]["average_precision"] == pytest.approx(recorded_ap, abs=2e-3)
    for key in ("precision", "recall"):
        assert measured["flagged"][key] == pytest.approx(recorded["flagged"][key], abs=2e-3)


def test_readme_model_table_is_generated_from_the_shipped_metrics() -> None:
    from classifier.training.card import readme_table

    metrics = json.loads((default_model_dir() / "metrics.json").read_text())
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert readme_table(metrics) in readme


NO_INDICATOR_AD = "Beautiful girl visiting, gentlemen welcome, call me"


def test_explanation_takes_the_model_risk_apart_for_a_posting_no_indicator_fired_on(
    scorer: ModelScorer,
) -> None:
    import math

    from classifier.indicators.features import analyze
    from classifier.scoring import embedding_text

    (result,) = scorer.score_texts([NO_INDICATOR_AD])
    assert result.indicators == () and result.band is not Band.LOW  # the model alone raised it
    (found,) = scorer.explain_texts([NO_INDICATOR_AD], top=8)
    assert found.model_version == scorer.model_version
    # the views' shares and the combiner's intercept give exactly the score the posting got
    logit = found.intercept + sum(found.views.values())
    assert 1 / (1 + math.exp(-logit)) == pytest.approx(result.model_risk_score, abs=1e-9)
    assert found.model_risk_score == pytest.approx(result.model_risk_score, abs=1e-9)
    assert list(found.views) == ["embedding", "indicators", "char_ngrams"]
    # the top n-grams are the largest contributions, named by pieces of the text the model read
    sizes = [abs(term.contribution) for term in found.top_char_ngrams]
    assert len(sizes) == 8 and sizes == sorted(sizes, reverse=True)
    read = embedding_text(analyze(NO_INDICATOR_AD)).lower()
    for term in found.top_char_ngrams:
        assert term.ngrams and all(gram.strip() in read for gram in term.ngrams)
    assert any(term.contribution > 0 for term in found.top_char_ngrams)
