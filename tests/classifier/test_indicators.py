"""Every indicator fires on a positive example and stays silent on a hard negative that shares words."""

from __future__ import annotations

import pytest

from classifier.baseline import KeywordScorer
from classifier.indicators import INDICATORS, INDICATORS_BY_ID
from classifier.indicators.features import FEATURE_NAMES, analyze
from classifier.results import Band

# indicator id -> (posting that shows it, evidence expected, look-alike that must NOT fire it)
CASES: dict[str, tuple[str, str, str]] = {
    "sex.third_person": (
        "Sweet Jenny is here for incall. She is very nice, text me 713-555-0142",
        "She is",
        "I'm Jenny, I love hiking; my sister says she is proud of me. Looking for a kind man to date.",
    ),
    "sex.movement": (
        "Just arrived in Phoenix! Sexy Latina, incall only, 150 roses",
        "Just arrived",
        "New in town bakery just arrived downtown: croissants and sourdough every morning.",
    ),
    "sex.ethnicity": (
        "Exotic Thai girl, incall, 120 roses",
        "Thai",
        "Authentic Thai restaurant now hiring cooks, apply in person.",
    ),
    "sex.ethnicity_menu": (
        "Asian, Latina and Russian girls available, incall only",
        "Asian",
        "Cooking class: Asian, Latin and Russian dishes every Tuesday.",
    ),
    "sex.multiple_workers": (
        "New girls every week at our spot, incall, hh 80",
        "New girls every",
        "Girls soccer league: new players every week welcome, ages 8-12.",
    ),
    "sex.restricted_incall": (
        "Incall only at motel near I-10, 150 roses",
        "Incall only",
        "Motel 6 near I-10, rooms from $59 per night, free parking.",
    ),
    "sex.third_party_control": (
        "Incall tonight. Daddy handles all booking, she doesn't speak much English",
        "Daddy handles",
        "Property manager handles all booking of the community room; call the office.",
    ),
    "sex.price_codes": (
        "Sexy Kim incall 150 roses hh 80 cash only",
        "roses",
        "Dozen red roses for Valentine's day, $25, cash only, pickup downtown.",
    ),
    "sex.law_enforcement_evasion": (
        "Discreet incall, no LE, no cops",
        "no LE",
        "Human trafficking warning signs: ads that say 'no LE' — report it to the hotline.",
    ),
    "sex.client_screening": (
        "Upscale escort, verify first, no blocked numbers",
        "verify first",
        "Verify first that the bike fits you; no blocked numbers please, I screen spam calls.",
    ),
    "sex.trust_language": (
        "Escort Mia 100% real pics, incall",
        "100% real",
        "iPhone 12 for sale, real pics of the actual phone, no scratches.",
    ),
    "sex.emoji_codes": (
        "Incall 🌹🌹 👑 queen",
        "🌹🌹",
        "Wedding florist: roses and peonies bouquets, crown centerpieces.",
    ),
    "sex.adult_service_terms": (
        "Outcall and incall, full service, gfe",
        "Outcall",
        "Full service car wash and detailing, interior included.",
    ),
    "minor.youth_language": (
        "Barely legal petite and tiny, incall only, ask for daddy",
        "Barely legal",
        "Young adults soccer league and fresh strawberries at the farm stand this Saturday.",
    ),
    "minor.school_family": (
        "Cute girl for incall after school only, 100 roses",
        "after school",
        "After school tutoring in math and reading, certified teacher, $30/hr.",
    ),
    "minor.stated_age_under_18": (
        "Sweet Ana only 16 yrs incall, generous daddy",
        "16",
        "Selling my son's bike, he is 16 yrs old now and outgrew it.",
    ),
    "minor.youth_emoji": (
        "New girl incall 🍒🎀 text me",
        "🍒🎀",
        "Fresh cherry pie and candy jars at the bake sale, bows for gift wrapping.",
    ),
    "general.obfuscated_contact": (
        "Call seven one three 555 o1 4 2 for fun",
        "seven one three 555 o1 4 2",
        "Call 713-555-0142 about the couch, it is seven years old.",
    ),
    "general.off_platform_contact": (
        "Job details: WhatsApp only, contact me on telegram",
        "WhatsApp only",
        "Contact us at the store or on our website; we reply to every email.",
    ),
    "general.urgency_pressure": (
        "Hotel jobs in Qatar, limited places, leave this week!",
        "limited places",
        "Hotel jobs in Austin, apply by the end of the month for the spring season.",
    ),
    "labor.too_good_pay": (
        "Work abroad in Dubai, no experience, salary $5,000 per month",
        "5,000 per month",
        "Registered nurse job in Houston, salary $5,000 per month, license required.",
    ),
    "labor.no_experience": (
        "Factory workers needed, no experience needed, start Monday",
        "no experience needed",
        "Factory workers: 2 years of forklift experience required, apply online.",
    ),
    "labor.recruitment_fees_debt": (
        "Jobs in Poland: placement fee $1,500, ticket and visa advanced, repaid from your salary",
        "placement fee",
        "Jobs in Poland with our agency: no fees ever, the employer pays the flight; contract in English.",
    ),
    "labor.travel_arranged": (
        "Farm jobs in Canada, we arrange everything: visa and ticket",
        "we arrange everything",
        "Farm jobs in Ontario, apply with your work permit; wages $17.20/hr under contract.",
    ),
    "labor.document_retention": (
        "Hotel staff for Kuwait, employer keeps passport during contract",
        "employer keeps passport",
        "Passport photos and renewal help at our shop, bring your old passport.",
    ),
    "labor.vague_employer": (
        "Waitress job for a well-known hotel abroad, details on WhatsApp",
        "well-known hotel",
        "Waitress job at Rosa's Cantina, 12 Main St, Austin; ask for the manager Rosa Diaz.",
    ),
    "labor.appearance_restrictions": (
        "Hostess jobs abroad for girls 18-25, pretty and slim, salary high",
        "girls 18-25",
        "Hostess job at the Marriott downtown, $18/hr plus tips, all applicants welcome.",
    ),
    "labor.work_abroad": (
        "Jobs in Dubai for cleaners, apply now",
        "Jobs in Dubai",
        "Cleaners needed in Dallas, apply now, $16/hr.",
    ),
    "sex.parlour_cues": (
        "Grand opening! Thai spa, new young staff, table shower, open till 2am",
        "table shower",
        "Licensed massage therapist, LMT #12345, deep tissue; open late Thursdays, cash or card.",
    ),
    "sex.coded_payment": (
        "Generous gentlemen only, $300 tribute required, pay per meet",
        "tribute",
        "Tribute band tonight at the Blue Note, generous portions at the bar, flower arrangements.",
    ),
    "sex.time_sold": (
        "Lunch hour special: 30 min $80, 1 hr $150. Text Kim",
        "30 min $80",
        "Lunch specials $8.99 at our diner: burgers, fries, 30 min free parking.",
    ),
    "sex.venue_rental": (
        "Rooms available for travelling ladies, rent by the hour, discreet",
        "travelling ladies",
        "Rehearsal studio for bands, rent by the hour, drum kit included.",
    ),
    "general.phone_confiscation": (
        "Hotel housekeepers needed. Phones are kept in the office safe until the contract ends.",
        "Phones are kept in the office safe",
        "Warehouse job: phones must be stored in lockers during your shift, $19/hr.",
    ),
    "labor.irregular_status": (
        "Construction helpers needed, no papers, cash daily",
        "no papers, cash daily",
        "Construction helpers needed, papers checked on the first day, paid by direct deposit.",
    ),
    "labor.confinement": (
        "Factory job with dormitory; workers are not allowed to leave the compound",
        "not allowed to leave",
        "Apartment for rent, gated community, guests are not allowed to park overnight.",
    ),
    "labor.withheld_wages": (
        "Farm workers needed, wages paid at the end of the season",
        "wages paid at the end of the season",
        "Farm workers needed, paid every Friday, completion bonus at the end of the season.",
    ),
    "labor.wage_deductions": (
        "Packing jobs, rent and transport deducted from your wages",
        "rent and transport deducted",
        "Packing jobs, $17/hr, free shuttle from the station, paid weekly.",
    ),
    "labor.excessive_hours": (
        "Restaurant kitchen helper, no day off, work 7 days a week",
        "no day off",
        "Restaurant open 7 days a week is hiring a cook, 40 hours, two days off.",
    ),
    "labor.talent_lure": (
        "New faces wanted for our modelling agency: pay $300 to join our roster",
        "pay $300 to join our roster",
        "Modelling agency seeks new faces; we never charge fees, open casting on Saturday.",
    ),
}


def _hit_ids(text: str) -> dict[str, list[str]]:
    return {hit.id: [span.text for span in hit.spans] for hit in analyze(text).indicators}


def test_catalog_is_complete_and_well_formed() -> None:
    assert len(INDICATORS) >= 18
    assert set(CASES) == set(INDICATORS_BY_ID), "every indicator needs a positive and a hard negative"
    for spec in INDICATORS:
        assert spec.name and spec.explanation.endswith(".") and spec.weight > 0


@pytest.mark.parametrize("indicator_id", sorted(CASES))
def test_indicator_fires_with_evidence(indicator_id: str) -> None:
    text, evidence, _ = CASES[indicator_id]
    hits = _hit_ids(text)
    assert indicator_id in hits, f"{indicator_id} missed; fired: {sorted(hits)}"
    assert any(evidence in span for span in hits[indicator_id]), hits[indicator_id]


@pytest.mark.parametrize("indicator_id", sorted(CASES))
def test_indicator_silent_on_hard_negative(indicator_id: str) -> None:
    _, _, negative = CASES[indicator_id]
    assert indicator_id not in _hit_ids(negative)


def test_evidence_spans_point_into_the_original_text() -> None:
    text = "NEW 🆕 gіrls (Cyrillic i) in t0wn, b4rely l3gal, 150 🌹 call five 5 5 – o1 2 3"
    for hit in analyze(text).indicators:
        for span in hit.spans:
            assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "indicator_id"),
    [
        (
            "Chicas nuevas cada semana, latinas y rusas, solo en hotel, sin policía",
            "sex.law_enforcement_evasion",
        ),
        ("Meninas novas toda semana, o gerente agenda, só com local próprio", "sex.multiple_workers"),
        (
            "Nouvelles filles chaque semaine, pas de police, le gérant s'occupe de tout",
            "sex.multiple_workers",
        ),
        (
            "Trabajo en Europa, pasaje y visa adelantado, se descuenta del sueldo, guardamos tu pasaporte",
            "labor.document_retention",
        ),
        ("Trabalho no exterior, taxa de inscrição, ficamos com o passaporte", "labor.recruitment_fees_debt"),
        (
            "Travail à l'étranger, frais de dossier 500 €, nous gardons votre passeport",
            "labor.document_retention",
        ),
    ],
)
def test_lexicons_cover_spanish_portuguese_french(text: str, indicator_id: str) -> None:
    assert indicator_id in _hit_ids(text)


def test_features_have_a_fixed_layout() -> None:
    features = analyze("Incall only, no LE, 150 roses").features
    assert len(features) == len(FEATURE_NAMES)
    assert features[FEATURE_NAMES.index("ind:sex.law_enforcement_evasion")] == 1.0


@pytest.mark.parametrize(
    ("text", "band"),
    [
        (
            CASES["sex.third_party_control"][0] + ". Asian & Latina girls available, no LE, 150 roses",
            Band.URGENT,
        ),
        (CASES["labor.document_retention"][0] + ", placement fee, visa and ticket arranged", Band.URGENT),
        ("Licensed massage therapist, LMT #12345, deep tissue and prenatal, HSA accepted", Band.LOW),
        (CASES["sex.law_enforcement_evasion"][2], Band.LOW),
    ],
)
def test_keyword_baseline_bands(text: str, band: Band) -> None:
    assert KeywordScorer().score_texts([text])[0].band is band
