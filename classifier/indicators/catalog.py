"""The indicator taxonomy: what each detector means, how severe it is and where it applies.

The wording each detector looks for lives per language in :mod:`classifier.indicators.languages`
(English, Spanish, Portuguese, French, Russian, Ukrainian, Romanian, Polish, Vietnamese, Thai, Tagalog,
Indonesian, Chinese, Arabic); this module compiles it. Sources: UNODC / Polaris / DHS Blue Campaign
indicator lists, the ILO forced-labour indicators (restriction of movement, retention of identity
documents, withholding of wages, debt bondage, excessive overtime), FlagIt (Kejriwal et al. 2018),
Trafficking-10k (Tong et al. 2017), Polaris' typology of illicit massage businesses, and the JRSA/NIJ
2024 study of ads with known outcomes, which sets the weights: disguised phone numbers, "trustworthy"
language, youth language and stated ethnicity were predictive; movement language ("new in town") and
client screening were not.

``context`` gates a detector on the kind of posting: sex-trafficking cues count only in an adult-service
context and recruitment cues only in a job context, so "fresh strawberries", "young adults league" or
"new in town bakery" never light up. The adult context comes from explicit wording, or from what an
ad without explicit words still shows: massage-parlour cues, coded payment, time sold by the hour,
rooms for "travelling ladies" (``opens_adult``). Mitigating signals (awareness/news wording, a licensed
professional, transparent employment terms) are features the model weighs, not indicators.

``HIGH`` severity is kept for cues that are serious on their own — debt bondage, document retention,
confiscated phones, confinement, withheld wages, third-party control, minors — because the scorer
puts every posting with a high-severity hit at least in ``review``. Those detectors are written to be
precise: negation ("we never keep your passport") and awareness or news context switch them off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from classifier.indicators.languages import LANGUAGES
from classifier.indicators.lexicon import Compiled, Language, PrefixIndex, Terms, compile_entries, source
from classifier.results import IndicatorGroup, Severity

ADULT, JOB, MASSAGE, ABROAD, TALENT = "adult", "job", "massage", "abroad", "talent"
CONTEXT_NAMES: tuple[str, ...] = (ADULT, JOB, MASSAGE, ABROAD, TALENT)
MITIGATOR_NAMES: tuple[str, ...] = ("awareness_or_news", "licensed_professional", "transparent_employer")
LEXICON_LANGUAGES: frozenset[str] = frozenset(language.code for language in LANGUAGES)

S, L, M, G = (
    IndicatorGroup.SEX_TRAFFICKING,
    IndicatorGroup.LABOR_TRAFFICKING,
    IndicatorGroup.MINOR_INVOLVED,
    IndicatorGroup.GENERAL,
)
LOW, MED, HIGH = Severity.LOW, Severity.MEDIUM, Severity.HIGH


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """One explainable detector. ``weight`` is its prior strength for the keyword baseline.

    ``context``: the posting must show one of these contexts; ``requires``: and also this one.
    ``opens_adult``: a hit counts as adult-service context for the other detectors.
    ``cue_classes``: the detector fires on one ``strong`` cue or on cues of ``min_classes`` different
    classes (massage-parlour cues are weak one by one and telling together).
    ``denied_after``: a denial right after a match also negates it ("placement fee: none"); off for
    detectors where "free" affirms the cue ("ticket and visa free").
    """

    id: str
    name: str
    group: IndicatorGroup
    severity: Severity
    explanation: str
    weight: float
    context: tuple[str, ...] = ()
    requires: str | None = None
    opens_adult: bool = False
    cue_classes: tuple[str, ...] = ()
    min_classes: int = 1
    denied_after: bool = False

    def lexicon_keys(self) -> tuple[str, ...]:
        """The names under which languages write this detector's wording."""
        return tuple(f"{self.id}/{name}" for name in self.cue_classes) or (self.id,)


INDICATORS: tuple[IndicatorSpec, ...] = (
    # ------------------------------------------------------------------------------- sex trafficking
    IndicatorSpec(
        "sex.third_person", "Third-person voice", S, MED,
        "The ad speaks about the provider ('she is', 'our girls') instead of in the first person: "
        "someone else may be writing and controlling it.",
        1.0, (ADULT,),
    ),
    IndicatorSpec(
        "sex.movement", "Movement / touring", S, LOW,
        "Says the provider just arrived, is touring or leaving soon. Weak alone: research found "
        "'new in town' NOT predictive; it matters only with other cues.",
        0.25, (ADULT,),
    ),
    IndicatorSpec(
        "sex.ethnicity", "Provider ethnicity stated", S, MED,
        "The ad advertises the provider's ethnicity, a cue found predictive of trafficking in ads with "
        "known case outcomes.",
        0.6, (ADULT,),
    ),
    IndicatorSpec(
        "sex.ethnicity_menu", "Menu of ethnicities", S, HIGH,
        "Several ethnicities offered in one ad: a menu of different women, typical of a managed operation.",
        1.2, (ADULT,),
    ),
    IndicatorSpec(
        "sex.multiple_workers", "Multiple or rotating workers", S, HIGH,
        "Several women offered, or 'new girls' rotating weekly: one poster controls many people.",
        1.3, (ADULT,),
    ),
    IndicatorSpec(
        "sex.restricted_incall", "Incall only / hotel room", S, MED,
        "Service only at a fixed place such as a hotel or motel room, no outcall: the provider may not be "
        "free to move.",
        0.7, (ADULT,),
    ),
    IndicatorSpec(
        "sex.third_party_control", "Someone else books or takes the money", S, HIGH,
        "A manager, 'daddy', driver or booker arranges meetings or collects payment, or the provider "
        "cannot speak for herself.",
        1.6, (ADULT,),
    ),
    IndicatorSpec(
        "sex.price_codes", "Coded prices / cash only", S, MED,
        "Prices in trade code ('roses', 'donation', 'hh', '150/hr') or cash only.",
        0.6, (ADULT,),
    ),
    IndicatorSpec(
        "sex.law_enforcement_evasion", "Law-enforcement evasion", S, HIGH,
        "Warns off police ('no LE', 'no cops'): the poster expects the activity to interest law enforcement.",
        1.4,
    ),
    IndicatorSpec(
        "sex.client_screening", "Client screening", S, LOW,
        "Asks clients to verify or bans blocked numbers. Weak: research found screening language NOT "
        "predictive of trafficking.",
        0.15, (ADULT,),
    ),
    IndicatorSpec(
        "sex.trust_language", "'Real pics' trust language", S, MED,
        "Insists the photos or provider are real ('100% real pics'), a cue found predictive in ads with "
        "known outcomes.",
        0.8, (ADULT,),
    ),
    IndicatorSpec(
        "sex.emoji_codes", "Emoji price / status codes", S, LOW,
        "Emoji used as trade codes (🌹 roses = money, 👑 crown, 🆕 new). A signal only with other cues.",
        0.3, (ADULT,),
    ),
    IndicatorSpec(
        "sex.adult_service_terms", "Adult-service wording", S, LOW,
        "Commercial sex wording (incall/outcall, 'happy ending', erotic massage). Legal sex work exists; "
        "this sets the context for the other cues.",
        0.4,
    ),
    IndicatorSpec(
        "sex.parlour_cues", "Massage-parlour cues", S, MED,
        "A massage or spa ad that, without explicit words, shows how illicit parlours advertise: new young "
        "staff, men only, shower or VIP rooms, open late, cash only, 'table shower' or 'body to body'.",
        0.9, (MASSAGE,), opens_adult=True,
        cue_classes=("strong", "staff", "clientele", "rooms", "hours", "cash", "discreet"), min_classes=2,
    ),
    IndicatorSpec(
        "sex.coded_payment", "Euphemistic payment for company", S, MED,
        "Payment for 'time' or 'company' in euphemisms ('tribute', pay per meet, 'arrangements', "
        "generous gentlemen): commercial sex without the words.",
        0.9, opens_adult=True,
    ),
    IndicatorSpec(
        "sex.time_sold", "Time sold by the hour", S, MED,
        "Time or company priced by the half hour or hour, or 'lunch-hour specials' for it: a sex ad "
        "written to pass as an item or service.",
        0.8, opens_adult=True,
    ),
    IndicatorSpec(
        "sex.venue_rental", "Rooms for sex work / hotel booking requests", S, MED,
        "Rooms rented by the hour or 'for travelling ladies', or someone asked to book a hotel room in "
        "their name: logistics of a sex-trafficking operation.",
        0.9, opens_adult=True,
    ),
    # ------------------------------------------------------------------------------- minors
    IndicatorSpec(
        "minor.youth_language", "Youth language", M, HIGH,
        "Wording that suggests a very young person ('barely legal', 'just turned 18', 'fresh', 'school "
        "girl'): found predictive; possible minor — child-safety review.",
        1.8, (ADULT,),
    ),
    IndicatorSpec(
        "minor.school_family", "School or guardian references", M, HIGH,
        "Mentions school or a parent / uncle arranging things in an adult ad: possible minor.",
        1.5, (ADULT,),
    ),
    IndicatorSpec(
        "minor.stated_age_under_18", "Stated age under 18", M, HIGH,
        "The ad states an age under 18 in an adult or exploitative context — child-safety escalation.",
        2.5, (ADULT, JOB, TALENT),
    ),
    IndicatorSpec(
        "minor.youth_emoji", "Youth emoji codes", M, MED,
        "Emoji associated with youth or virginity in ads (🍒 cherry, 🍭 candy, 🎀 bow, 🧸 teddy bear, 🏫 school).",
        0.7, (ADULT,),
    ),
    # ------------------------------------------------------------------------------- general
    IndicatorSpec(
        "general.obfuscated_contact", "Disguised contact details", G, MED,
        "A phone number or email written to dodge scrapers (spelled-out digits, letters for digits, "
        "invisible characters, 'at'/'dot'): found predictive of trafficking, but also common in honest "
        "listings that avoid spam.",
        1.2,
    ),
    IndicatorSpec(
        "general.off_platform_contact", "Messenger-only contact", G, LOW,
        "Contact only through WhatsApp / Telegram / Kik / Snap, away from the platform's safeguards.",
        0.3,
    ),
    IndicatorSpec(
        "general.urgency_pressure", "Urgency pressure", G, MED,
        "Pushes to decide or travel at once ('leave this week', 'limited places').",
        0.5,
    ),
    IndicatorSpec(
        "general.phone_confiscation", "Phones taken away", G, HIGH,
        "Workers' phones are collected, kept by the boss or 'in the office safe', or the women have no "
        "phones of their own: isolation, a core control tactic.",
        1.7, (JOB, ADULT, MASSAGE, TALENT), denied_after=True,
    ),
    # ------------------------------------------------------------------------------- labour
    IndicatorSpec(
        "labor.too_good_pay", "Too-good pay for work abroad / no experience", L, MED,
        "Very high pay promised for low-skill work abroad or without experience: a classic lure of "
        "deceptive recruitment.",
        0.9, (JOB,), requires=ABROAD,
    ),
    IndicatorSpec(
        "labor.no_experience", "No experience needed", L, LOW,
        "No experience, skills or language needed for a well-paid job: common in deceptive offers, but "
        "also in honest entry-level ads.",
        0.3, (JOB,),
    ),
    IndicatorSpec(
        "labor.irregular_status", "No papers / cash work", L, MED,
        "Work offered without papers, permit or tax number, paid in cash or on a tourist visa: targets "
        "people whose irregular status makes them easy to exploit.",
        0.9, (JOB,),
    ),
    IndicatorSpec(
        "labor.recruitment_fees_debt", "Recruitment fees or debt", L, HIGH,
        "The worker pays a fee or deposit, or travel is 'advanced' and repaid from wages: debt bondage risk.",
        1.6, (JOB, TALENT), denied_after=True,
    ),
    IndicatorSpec(
        "labor.travel_arranged", "Travel, visa and housing all arranged", L, MED,
        "The recruiter arranges visa, ticket and housing: the worker depends on them on arrival.",
        0.7, (JOB,),
    ),
    IndicatorSpec(
        "labor.document_retention", "Employer keeps passport / documents", L, HIGH,
        "The employer or agency holds the worker's passport or papers: a core indicator of forced labour.",
        1.9, (JOB, ADULT, MASSAGE, TALENT), denied_after=True,
    ),
    IndicatorSpec(
        "labor.confinement", "Restricted movement / confinement", L, HIGH,
        "Workers may not leave the site, are locked in, or only go out escorted: restriction of movement, "
        "a core indicator of forced labour.",
        1.9, (JOB, ADULT, MASSAGE, TALENT),
    ),
    IndicatorSpec(
        "labor.withheld_wages", "Wages withheld", L, HIGH,
        "Pay is held back until the end of the season, contract or trip, or kept by the employer: "
        "withholding wages keeps workers from leaving.",
        1.7, (JOB, TALENT), denied_after=True,
    ),
    IndicatorSpec(
        "labor.wage_deductions", "Living costs deducted from wages", L, MED,
        "Rent, food, transport or tools deducted from pay: common in exploitative arrangements, where "
        "deductions swallow the wage.",
        0.8, (JOB,), denied_after=True,
    ),
    IndicatorSpec(
        "labor.excessive_hours", "No day off / excessive hours", L, MED,
        "No day off, seven days a week or 14-hour days: excessive overtime, an indicator of forced labour.",
        0.8, (JOB, MASSAGE),
    ),
    IndicatorSpec(
        "labor.vague_employer", "Vague or hidden employer", L, LOW,
        "No employer name, address or terms — 'a well-known company', details only by message.",
        0.4, (JOB,),
    ),
    IndicatorSpec(
        "labor.appearance_restrictions", "Age / looks requirements for an unrelated job", L, MED,
        "Asks for young, pretty women for jobs like waitress or hostess abroad: a recruitment lure "
        "for sexual exploitation.",
        1.0, (JOB,),
    ),
    IndicatorSpec(
        "labor.work_abroad", "Work abroad offer", L, LOW,
        "A job abroad. Common and legitimate; a risk cue only with fees, arranged travel or vague employers.",
        0.3, (JOB,),
    ),
    IndicatorSpec(
        "labor.talent_lure", "Modelling / talent lure", L, MED,
        "A modelling or talent offer with a fee to join a roster, private shoots paid in cash, trips with "
        "clients or pay only after the trip: lures into sexual exploitation and debt.",
        1.0, (TALENT, JOB, ADULT), denied_after=True,
    ),
)  # fmt: skip

INDICATORS_BY_ID: dict[str, IndicatorSpec] = {spec.id: spec for spec in INDICATORS}

# Emoji codes (see classifier.normalize.EMOJI_WORDS) that count for an indicator when the poster
# wrote the emoji itself.
EMOJI_CODES: dict[str, frozenset[str]] = {
    "sex.emoji_codes": frozenset({"roses", "crown", "new", "cash"}),
    "minor.youth_emoji": frozenset({"cherry", "candy", "bow", "teddy bear", "school", "baby", "girl"}),
    "sex.law_enforcement_evasion": frozenset({"no cops"}),
}
# Indicators that no lexicon feeds (computed from entities, emoji or other hits).
DERIVED = frozenset(
    {"sex.ethnicity_menu", "minor.youth_emoji", "sex.emoji_codes", "general.obfuscated_contact"}
)
ETHNICITY_KEY = "sex.ethnicity"


@dataclass(frozen=True, slots=True)
class Matcher:
    """Compiled wording of one detector (or one cue class of it), context or mitigator."""

    name: str
    checked: Compiled | None  # negation applies
    negative: Compiled | None  # carries its own negation
    unless: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class CompiledCatalog:
    """Every matcher, and the index of word prefixes that says where each may match."""

    matchers: dict[str, Matcher]
    index: PrefixIndex

    def matcher(self, key: str, section: str = "indicators") -> Matcher:
        return self.matchers[f"{section}:{key}"]


def _entries(key: str, section: str) -> list[tuple[Language, Terms]]:
    found = []
    for language in LANGUAGES:
        wording = getattr(language, section).get(key)
        if wording is not None:
            found.append((language, wording))
    return found


def _unless(entries: list[tuple[Language, Terms]]) -> re.Pattern[str] | None:
    pairs = [(language, Terms(phrases=wording.unless)) for language, wording in entries if wording.unless]
    pattern = source(pairs) if pairs else ""
    return re.compile(pattern) if pattern else None


@cache
def compiled_catalog() -> CompiledCatalog:
    """All lexicons compiled (once, on first use: about a quarter of a second)."""
    names = [
        *(
            ("indicators", key)
            for spec in INDICATORS
            if spec.id not in DERIVED
            for key in spec.lexicon_keys()
        ),
        *(("contexts", name) for name in CONTEXT_NAMES),
        *(("mitigators", name) for name in MITIGATOR_NAMES),
    ]
    matchers: dict[str, Matcher] = {}
    units: list[Compiled] = []
    for section, key in names:
        entries = _entries(key, section)
        name = f"{section}:{key}"
        matcher = Matcher(
            name, compile_entries(entries), compile_entries(entries, negative=True), _unless(entries)
        )
        matchers[name] = matcher
        units.extend(unit for unit in (matcher.checked, matcher.negative) if unit is not None)
    return CompiledCatalog(matchers, PrefixIndex(units))


def lexicon_keys() -> frozenset[str]:
    """Every indicator key some language writes wording for (used to check the catalog is complete)."""
    return frozenset(key for language in LANGUAGES for key in language.indicators)
