"""The indicator taxonomy: what each detector looks for, in English, Spanish, Portuguese and French.

Patterns run on :func:`classifier.normalize.normalize` output: lower case, accents stripped, leetspeak
decoded, emoji spelled out. Sources: UNODC / Polaris / DHS Blue Campaign indicator lists, FlagIt
(Kejriwal et al. 2018), Trafficking-10k (Tong et al. 2017), and the JRSA/NIJ 2024 study of ads with
known outcomes, which sets the weights: disguised phone numbers, "trustworthy" language, youth language
and stated ethnicity were predictive; movement language ("new in town") and client screening were not.

``context`` gates a detector on the kind of posting: sex-trafficking cues count only in an adult-service
context and recruitment cues only in a job context, so "fresh strawberries", "young adults league" or
"new in town bakery" never light up. Mitigating signals (awareness/news wording, a licensed
professional, transparent employment terms) are features the model weighs, not indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifier.results import IndicatorGroup, Severity

ADULT = "adult"
JOB = "job"


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """One explainable detector. ``weight`` is its prior strength for the keyword baseline."""

    id: str
    name: str
    group: IndicatorGroup
    severity: Severity
    explanation: str
    weight: float
    patterns: tuple[str, ...] = ()
    context: str | None = None
    # Extra condition on the whole normalized text (e.g. high pay only counts for work abroad).
    requires: str | None = None

    @property
    def regex(self) -> re.Pattern[str] | None:
        return _compiled(self.patterns)

    @property
    def requires_regex(self) -> re.Pattern[str] | None:
        return _compiled((self.requires,)) if self.requires else None


_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    if patterns not in _CACHE:
        _CACHE[patterns] = re.compile("|".join(f"(?:{p})" for p in patterns))
    return _CACHE[patterns]


def _words(*alternatives: str) -> str:
    """A word-bounded alternation."""
    return r"\b(?:" + "|".join(alternatives) + r")\b"


S, L, M, G = (
    IndicatorGroup.SEX_TRAFFICKING,
    IndicatorGroup.LABOR_TRAFFICKING,
    IndicatorGroup.MINOR_INVOLVED,
    IndicatorGroup.GENERAL,
)
LOW, MED, HIGH = Severity.LOW, Severity.MEDIUM, Severity.HIGH

ETHNICITIES = (
    r"asian|latina|latin|russian|ebony|thai|korean|chinese|japanese|colombian|brazilian|ukrainian|european|"
    r"exotic|venezuelan|dominican|cuban|filipina|vietnamese|romanian|puerto rican|"
    r"latinas|colombianas|venezolanas|brasilenas|rusas|asiaticas|rumanas|dominicanas|cubanas|paraguayas|"
    r"brasileiras|russas|colombianas|venezuelanas|orientais|mulatas|"
    r"asiatique|asiatiques|latine|latines|russe|russes|bresilienne|bresiliennes|africaine|africaines|"
    r"europeenne|exotique|exotiques|roumaine|roumaines|ukrainienne"
)
ETHNICITY_RE = re.compile(rf"\b(?:{ETHNICITIES})\b")

CONTEXT_PATTERNS: dict[str, str] = {
    ADULT: _words(
        r"escort\w*",
        r"incall",
        r"in call",
        r"outcall",
        r"out call",
        r"gfe",
        r"pse",
        r"bbb?j",
        r"bbfs",
        r"happy ending",
        r"body ?rub\w*",
        r"nuru",
        r"erotic\w*",
        r"sensual",
        r"sexy",
        r"\d+ ?roses",
        r"donation",
        r"hh",
        r"qv",
        r"companion\w*",
        r"daddy",
        r"hookup",
        r"hook up",
        r"fetish",
        r"girls? available",
        r"new girls?",
        r"kiss mark",
        r"splashing sweat",
        r"aubergine",
        r"acompanantes?",
        r"chicas (?:nuevas|disponibles|calientes)",
        r"masaje erotico",
        r"masajes eroticos",
        r"servicio completo",
        r"final feliz",
        r"cita(s)? discreta(s)?",
        r"garotas? de programa",
        r"acompanhantes?",
        r"massagem tantrica",
        r"programa completo",
        r"novinhas?",
        r"meninas (?:novas|disponiveis)",
        r"massage (?:erotique|naturiste|tantrique)",
        r"coquine",
        r"donativo",
        r"\d+ ?rosas",
        r"reservarla",
        r"atendo",
        r"salon de massage",
        r"masseuses?",
        r"finition",
        r"massage (?:chinois|thai|asiatique)",
        r"masajistas?",
        r"massagistas?",
        r"nouvelles filles",
        r"chicas nuevas",
        r"meninas novas",
        r"novas meninas",
        r"rencontres? discretes?",
        r"fille(?:s)? dispo",
        r"massage parlou?r",
    ),
    JOB: _words(
        r"jobs?",
        r"hiring",
        r"workers?",
        r"work (?:in|abroad|permit|visa)",
        r"vacanc\w+",
        r"salary",
        r"wages?",
        r"recruit\w*",
        r"employer",
        r"employment",
        r"hostess\w*",
        r"waitress\w*",
        r"nanny",
        r"au pair",
        r"caregivers?",
        r"modell?ing",
        r"casting",
        r"visa",
        r"contract",
        r"trabajo",
        r"empleo",
        r"vacantes?",
        r"sueldo",
        r"salario",
        r"contratamos",
        r"se busca\w*",
        r"vaga(s)?",
        r"emprego",
        r"trabalho",
        r"contrata-se",
        r"contratamos",
        r"travail",
        r"emploi",
        r"recrute\w*",
        r"salaire",
        r"poste",
        r"embauche",
        r"offre d'emploi",
        r"mannequins?",
        r"camareras?",
        r"garconete",
        r"serveuses?",
    ),
}

MITIGATOR_PATTERNS: dict[str, str] = {
    # Awareness posts and news quote indicator wording to warn about it.
    "awareness_or_news": _words(
        r"human trafficking (?:hotline|awareness|victims?|survivors?|is|can|happens|prevention)",
        r"trafficking (?:hotline|awareness|victims?|survivors?|ring|investigation|charges?|operation)",
        r"(?:warning|red) (?:signs|flags)",
        r"if you see",
        r"report (?:it|suspicious|tips?|to)",
        r"hotline",
        r"polaris",
        r"1.?888.?373.?7888",
        r"blue campaign",
        r"police said",
        r"(?:were|was) arrested",
        r"charged with",
        r"sentenced",
        r"prosecutors?",
        r"indictment",
        r"according to",
        r"investigators?",
        r"awareness",
        r"know the signs",
        r"learn (?:the|how)",
        r"victims?",
        r"survivors?",
        r"trata de (?:personas|blancas)",
        r"victimas?",
        r"denuncia\w*",
        r"fueron detenidos",
        r"la policia",
        r"trafico de pessoas",
        r"denuncie",
        r"foram presos",
        r"a policia",
        r"disque 100",
        r"traite des (?:etres humains|personnes)",
        r"signalez",
        r"ont ete arretes",
        r"la police",
        r"selon (?:la|le|les)",
        r"sensibilisation",
    ),
    "licensed_professional": _words(
        r"licensed",
        r"license ?#?\s?(?:no\.?)?\s?\d+",
        r"lic\.? ?#? ?\d+",
        r"lmt",
        r"rmt",
        r"ncbtmb",
        r"board[- ]certified",
        r"certified massage therapist",
        r"registered massage therapist",
        r"insurance",
        r"hsa",
        r"fsa",
        r"deep tissue",
        r"prenatal",
        r"sports massage",
        r"physiotherap\w+",
        r"fisioterapeuta",
        r"colegiad[oa]",
        r"cedula profesional",
        r"masajista (?:titulad[oa]|certificad[oa])",
        r"crefito",
        r"massoterapeuta (?:formad[oa]|certificad[oa])",
        r"masseur[- ]kinesitherapeute",
        r"kinesitherapeute",
        r"diplome(?:e)? d'etat",
        r"siret",
        r"rcs",
    ),
    "transparent_employer": _words(
        r"contract",
        r"h-?2a",
        r"h-?2b",
        r"job order",
        r"workers'? comp\w*",
        r"overtime",
        r"no fees?",
        r"never charge\w*",
        r"free of charge",
        r"eeo",
        r"equal opportunity",
        r"benefits",
        r"401k",
        r"paid training",
        r"apply (?:online|at|in person)",
        r"human resources",
        r"w-?2",
        r"background check",
        r"contrato",
        r"sin costo",
        r"sin cobro",
        r"gratuit[oa]",
        r"seguro social",
        r"prestaciones",
        r"sem custo",
        r"carteira assinada",
        r"clt",
        r"beneficios",
        r"contrat de travail",
        r"cdi",
        r"cdd",
        r"aucun frais",
        r"sans frais",
        r"mutuelle",
        r"convention collective",
    ),
    "first_person_voice": _words(
        r"i'?m",
        r"i am",
        r"i love",
        r"i enjoy",
        r"about me",
        r"my name is",
        r"i work",
        r"i offer",
        r"soy",
        r"me gusta",
        r"me llamo",
        r"eu sou",
        r"gosto de",
        r"je suis",
        r"j'aime",
        r"je m'appelle",
    ),
}


INDICATORS: tuple[IndicatorSpec, ...] = (
    # ------------------------------------------------------------------------------- sex trafficking
    IndicatorSpec(
        "sex.third_person", "Third-person voice", S, MED,
        "The ad speaks about the provider ('she is', 'our girls') instead of in the first person: "
        "someone else may be writing and controlling it.",
        1.0,
        (_words(
            r"she(?:'s| is| will| loves| does| can| only| speaks| doesn'?t)", r"shes", r"her name is",
            r"ask for (?:her|\w+ by name)", r"book her", r"our (?:girls|ladies|angels|gurls)",
            r"my (?:girls|ladies|gurls)", r"the girls (?:are|will)", r"they are (?:sweet|young|ready|new|available)",
            r"ella (?:es|esta|habla|no habla)", r"nuestras (?:chicas|nenas)", r"mis (?:chicas|nenas)",
            r"las chicas (?:son|estan)", r"ela (?:e|esta|fala|nao fala)", r"nossas (?:meninas|garotas)",
            r"minhas (?:meninas|garotas)", r"as meninas (?:sao|estao)", r"elle (?:est|parle|ne parle)",
            r"nos (?:filles|demoiselles)",
            r"(?:ella|ela) (?:tiene|tem) \d{2}",
            r"(?:es|e) timida", r"mes filles", r"les filles sont",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "sex.movement", "Movement / touring", S, LOW,
        "Says the provider just arrived, is touring or leaving soon. Weak alone: research found "
        "'new in town' NOT predictive; it matters only with other cues.",
        0.25,
        (_words(
            r"new in (?:town|the city)", r"just (?:arrived|got (?:in|here)|landed)", r"in town (?:for|this|until|only)",
            r"leaving (?:soon|tomorrow|sunday|monday)", r"last (?:day|night|days) in", r"on tour", r"touring",
            r"visiting (?:for|until)", r"(?:this|one) week only", r"few days only", r"tonight only",
            r"recien llegada", r"nueva en (?:la ciudad|\w+)", r"solo por (?:unos|pocos) dias", r"de paso",
            r"nova na cidade", r"recem[- ]chegada", r"acabou de chegar", r"so por (?:uns|poucos) dias",
            r"nouvelle (?:en ville|a \w+|sur \w+)", r"de passage",
            r"nouvelle (?:en ville|a \w+|sur \w+)", r"acaba de llegar",
            r"nouvelle (?:en ville|a \w+|sur \w+)", r"esta na cidade",
            r"nouvelle (?:en ville|a \w+|sur \w+)", r"en la ciudad por", r"juste arrivee", r"quelques jours seulement",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "sex.ethnicity", "Provider ethnicity stated", S, MED,
        "The ad advertises the provider's ethnicity, a cue found predictive of trafficking in ads with "
        "known case outcomes.",
        0.6,
        (rf"\b(?:{ETHNICITIES})\b",),
        ADULT,
    ),
    IndicatorSpec(
        "sex.ethnicity_menu", "Menu of ethnicities", S, HIGH,
        "Several ethnicities offered in one ad: a menu of different women, typical of a managed operation.",
        1.2,
        (),
        ADULT,
    ),
    IndicatorSpec(
        "sex.multiple_workers", "Multiple or rotating workers", S, HIGH,
        "Several women offered, or 'new girls' rotating weekly: one poster controls many people.",
        1.3,
        (_words(
            r"(?:new |different |fresh |young )?(?:girls|gurls|gurlz|ladies|angels) (?:available|ready|every|weekly|each|"
            r"rotat\w+|24/7|to choose)",
            r"new (?:girls|ladies|faces) (?:every|each|weekly|daily|always)", r"(?:two|2|three|3|several|many|5) girls",
            r"variety of (?:girls|ladies)", r"girls? (?:are )?always (?:new|fresh|different)",
            r"chicas (?:nuevas|disponibles)", r"(?:variedad|seleccion) de chicas", r"chicas nuevas cada",
            r"meninas (?:novas|disponiveis)", r"garotas (?:novas|disponiveis)", r"novas meninas toda",
            r"nouvelles filles", r"filles (?:disponibles|dispo)", r"plusieurs filles",
            r"nouvelles filles", r"filles (?:disponibles|dispo)", r"nouvelles masseuses",
            r"nouvelles filles", r"filles (?:disponibles|dispo)", r"nuevas masajistas",
            r"nouvelles filles", r"filles (?:disponibles|dispo)", r"novas massagistas",
            r"nouvelles filles", r"filles (?:disponibles|dispo)", r"new (?:masseuses|therapists) (?:every|each|weekly)",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "sex.restricted_incall", "Incall only / hotel room", S, MED,
        "Service only at a fixed place such as a hotel or motel room, no outcall: the provider may not be "
        "free to move.",
        0.7,
        (_words(
            r"incall only", r"in-?call only", r"no outcalls?", r"no out calls?", r"hotel incall",
            r"motel", r"hotel room", r"incall (?:at|@) (?:the )?(?:hotel|motel)", r"incall only,? (?:my|our) place",
            r"solo (?:en )?(?:hotel|departamento propio|lugar propio)", r"sin salidas", r"no hago salidas",
            r"so (?:com )?local proprio", r"nao faco (?:saida|domicilio)s?", r"somente no (?:hotel|motel)",
            r"so (?:com )?local proprio", r"nao faco (?:saida|domicilio)s?", r"solo (?:en )?hotel",
            r"so (?:com )?local proprio", r"nao faco (?:saida|domicilio)s?", r"so em hotel",
            r"so (?:com )?local proprio", r"nao faco (?:saida|domicilio)s?", r"seulement (?:a l\')?hotel",
            r"recois uniquement", r"pas de deplacements?", r"uniquement (?:en|a l')(?:hotel|appartement)",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "sex.third_party_control", "Someone else books or takes the money", S, HIGH,
        "A manager, 'daddy', driver or booker arranges meetings or collects payment, or the provider "
        "cannot speak for herself.",
        1.6,
        (_words(
            r"(?:daddy|manager|my driver|the driver|driver|booker|my man|boss|handler) (?:handles|will|takes|books|"
            r"arranges|sets|set|available|collects)",
            r"text me (?:to book her|not her|for her|and i set it up)", r"book (?:through|thru|with) (?:me|manager|"
            r"the booker|daddy)", r"call (?:the )?(?:manager|booker)", r"ask for (?:the )?(?:manager|daddy)",
            r"she doesn'?t speak (?:much )?english", r"speaks (?:little|no) english", r"i set it up",
            r"takes the money", r"collects? (?:the )?money", r"we arrange everything", r"her (?:cousin|uncle|friend) "
            r"(?:arranges|will set up)", r"(?:el|la) encargad[oa]", r"mi chofer", r"no habla espanol",
            r"hablar conmigo(?:,)? no con ella", r"o gerente", r"meu motorista", r"o responsavel (?:agenda|marca)",
            r"nao fala portugues", r"mon chauffeur", r"le gerant", r"je m'occupe des rendez-vous",
            r"ne parle pas francais",
            r"escribeme a mi (?:para reservarla|no a ella)",
            r"habla poco espanol",
            r"fala pouco portugues",
            r"me chama que eu marco",
            r"parle peu (?:le )?francais",
            r"(?:ecris|ecrivez)-moi (?:pour la reserver|pas a elle)",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "sex.price_codes", "Coded prices / cash only", S, MED,
        "Prices in trade code ('roses', 'donation', 'hh', '150/hr') or cash only.",
        0.6,
        (_words(
            r"roses", r"rosas", r"donation", r"donativo", r"hh", r"qv", r"hhr", r"\d+ ?/ ?(?:hr|h|hh|qv)",
            r"cash only", r"solo efectivo", r"so dinheiro", r"somente dinheiro", r"especes uniquement",
            r"full (?:hour|hr)", r"half (?:hour|hr)",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "sex.law_enforcement_evasion", "Law-enforcement evasion", S, HIGH,
        "Warns off police ('no LE', 'no cops'): the poster expects the activity to interest law enforcement.",
        1.4,
        (_words(
            r"no (?:le|l\.e\.|law enforcement|cops|police|feds|leo)", r"not (?:le|law enforcement|a cop)",
            r"le (?:not welcome|stay away)", r"no cops", r"no polic\w*", r"sin policias?", r"nada de policias?",
            r"sem policia", r"pas de (?:police|flics)", r"no (?:popo|5-0|five ?o)",
        ),),
    ),
    IndicatorSpec(
        "sex.client_screening", "Client screening", S, LOW,
        "Asks clients to verify or bans blocked numbers. Weak: research found screening language NOT "
        "predictive of trafficking.",
        0.15,
        (_words(
            r"verify (?:first|with)", r"verification required", r"(?:must|need to) verify", r"screening required",
            r"no (?:private|blocked) (?:numbers|calls)", r"references required", r"numeros? privados? no",
            r"numero privado nao", r"pas de numeros? masques?",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "sex.trust_language", "'Real pics' trust language", S, MED,
        "Insists the photos or provider are real ('100% real pics'), a cue found predictive in ads with "
        "known outcomes.",
        0.8,
        (_words(
            r"100 ?% real", r"real (?:pics|photos|pictures)", r"no fakes?", r"not fake", r"pics are real",
            r"fotos (?:reales|100%)", r"fotos reais", r"100 ?% reales", r"photos reelles", r"vraies photos",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "sex.emoji_codes", "Emoji price / status codes", S, LOW,
        "Emoji used as trade codes (🌹 roses = money, 👑 crown, 🆕 new). A signal only with other cues.",
        0.3,
        (),
        ADULT,
    ),
    IndicatorSpec(
        "sex.adult_service_terms", "Adult-service wording", S, LOW,
        "Commercial sex wording (incall/outcall, 'full service', 'happy ending', erotic massage). Legal "
        "sex work exists; this sets the context for the other cues.",
        0.4,
        (_words(
            r"incall", r"outcall", r"gfe", r"pse", r"bbb?j", r"bbfs", r"full service (?:gfe|girl|escort)",
            r"happy ending",
            r"body ?rubs?", r"nuru", r"erotic massage", r"sensual massage", r"escort\w*", r"final feliz",
            r"masajes? (?:erotico|tantrico)s?", r"servicio completo", r"garotas? de programa", r"acompanhantes?",
            r"massagem (?:tantrica|com final)", r"programa completo", r"massage (?:erotique|tantrique|naturiste)",
            r"escort girl", r"acompanantes?",
        ),),
    ),
    # ------------------------------------------------------------------------------- minors
    IndicatorSpec(
        "minor.youth_language", "Youth language", M, HIGH,
        "Wording that suggests a very young person ('barely legal', 'just turned 18', 'fresh', 'school "
        "girl'): found predictive; possible minor — child-safety review.",
        1.8,
        (_words(
            r"barely (?:legal|18)", r"just turned 18", r"18 and fresh", r"young (?:and|n) (?:fresh|new|tight|innocent)",
            r"fresh (?:and|n) young", r"(?:very |so )?young (?:girls?|thing|lady|ladies|chick|teens?|latina|asian|"
            r"ebony)", r"teens?", r"teenager", r"school ?girls?", r"school girl look", r"petite and (?:tiny|young|"
            r"innocent)", r"tiny and (?:young|innocent)", r"small and innocent", r"innocent", r"lolita",
            r"little (?:girl|one)", r"lil (?:girl|one)", r"(?:cute|sweet) (?:little|lil)", r"fresh (?:face[d]?|girls?|new|and new)",
            r"never done this before", r"first time (?:in|doing)", r"novinhas?", r"ninfetas?", r"menina nova",
            r"jovencitas?", r"chiquillas?", r"colegialas?", r"recien cumplidos", r"acabo de cumplir (?:los )?18",
            r"acabei de fazer 18", r"jeunes? filles?", r"toute jeune", r"ecolieres?", r"tout juste 18", r"18 ans tout",
            r"tout juste majeure", r"apenas 18", r"solo 18", r"barely", r"18 yo fresh",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "minor.school_family", "School or guardian references", M, HIGH,
        "Mentions school or a parent / uncle arranging things in an adult ad: possible minor.",
        1.5,
        (_words(
            r"after school", r"high school", r"middle school", r"still in school", r"school uniform",
            r"lives with her (?:uncle|parents|mom|aunt)", r"her (?:mom|parents|uncle|aunt) (?:arranges|knows|"
            r"works)", r"weekends only", r"colegio", r"secundaria", r"uniforme escolar", r"escola", r"colegial",
            r"lycee", r"lyceenne", r"collegienne", r"uniforme (?:escolar|scolaire)",
        ),),
        ADULT,
    ),
    IndicatorSpec(
        "minor.stated_age_under_18", "Stated age under 18", M, HIGH,
        "The ad states an age under 18 in an adult or exploitative context — child-safety escalation.",
        2.5,
        (
            _words(
                r"(?:girls|boys|chicas|ninas|meninas|filles|teens?|kids|models) (?:aged? |de |entre |from )?1[0-7] ?"
                r"(?:-|to|a|ate|et|y|e) ?1[0-7]",
                r"menores de (?:edad|idade)",
                r"parents (?:don'?t|do not) need to (?:come|know)",
            ),
        ),
    ),
    IndicatorSpec(
        "minor.youth_emoji", "Youth emoji codes", M, MED,
        "Emoji associated with youth or virginity in ads (🍒 cherry, 🍭 candy, 🎀 bow, 🧸 teddy bear, 🏫 school).",
        0.7,
        (),
        ADULT,
    ),
    # ------------------------------------------------------------------------------- general
    IndicatorSpec(
        "general.obfuscated_contact", "Disguised contact details", G, HIGH,
        "A phone number or email written to dodge scrapers (spaced or spelled-out digits, 'at'/'dot'): "
        "found predictive of trafficking.",
        1.2,
        (),
    ),
    IndicatorSpec(
        "general.off_platform_contact", "Messenger-only contact", G, LOW,
        "Contact only through WhatsApp / Telegram / Kik / Snap, away from the platform's safeguards.",
        0.3,
        (_words(
            r"(?:whatsapp|telegram|kik|snap|signal|wechat|text|dm) only", r"only (?:on |via |by )?(?:whatsapp|"
            r"telegram|kik|snap|signal)", r"contact (?:me )?(?:on|via) (?:whatsapp|telegram|kik)",
            r"solo (?:por )?(?:whatsapp|telegram|wsp)", r"so (?:no |pelo )?(?:whatsapp|zap|telegram)",
            r"uniquement (?:par |sur )?(?:whatsapp|telegram)", r"details (?:on|by|via) (?:whatsapp|telegram)",
        ),),
    ),
    IndicatorSpec(
        "general.urgency_pressure", "Urgency pressure", G, MED,
        "Pushes to decide or travel at once ('leave this week', 'limited places').",
        0.5,
        (_words(
            r"(?:leave|fly|travel|depart) (?:this|next) week", r"depart (?:immediately|asap)", r"start immediately",
            r"limited (?:places|spots|seats|vacancies)", r"only \d+ (?:places|spots|seats|vacancies) left",
            r"urgent(?:ly)?", r"don'?t miss", r"last chance", r"viaje inmediato", r"salida inmediata", r"urgente",
            r"cupos limitados", r"vagas limitadas", r"embarque imediato", r"viagem imediata",
            r"depart immediat", r"places limitees", r"tout de suite",
        ),),
    ),
    # ------------------------------------------------------------------------------- labour
    IndicatorSpec(
        "labor.too_good_pay", "Too-good pay for work abroad / no experience", L, MED,
        "Very high pay promised for low-skill work abroad or without experience: a classic lure of "
        "deceptive recruitment.",
        0.9,
        (_words(
            r"easy money", r"high (?:salary|pay|income|wages?)", r"big money", r"earn up to", r"earn \$?\d[\d,.]*",
            r"up to \$?\d{1,3}[,.]?\d{3}", r"\$?\d{1,2}[,.]?\d{3} ?(?:usd|\$|eur|euros?|dollars)? ?(?:/|per|a|por|"
            r"par) ?(?:month|mes|mois|mo)", r"\$\d{3,4} ?(?:/|per|a) ?day", r"gana(?:r)? hasta", r"dinero facil",
            r"(?:sueldo|salario) (?:alto|excelente|muy alto)", r"ganhe ate", r"dinheiro facil",
            r"salario (?:alto|excelente)", r"gagnez jusqu'?a", r"argent facile", r"gros salaire",
            r"salaire (?:eleve|tres eleve)", r"\d{3,4} (?:a|per|por|par) (?:day|dia|jour)",
        ),),
        JOB,
        requires=_words(
            r"abroad", r"overseas", r"dubai", r"qatar", r"japan", r"malaysia", r"saudi", r"kuwait", r"europe",
            r"no experience", r"extranjero", r"europa", r"espana", r"japon", r"exterior", r"japao",
            r"etranger", r"sin experiencia", r"sem experiencia", r"sans experience", r"canada", r"germany",
            r"poland", r"italy", r"alemanha", r"italia", r"suiza", r"suica", r"suisse",
        ),
    ),
    IndicatorSpec(
        "labor.no_experience", "No experience / no papers needed", L, LOW,
        "No experience, language or documents needed for a well-paid job: common in deceptive offers, "
        "but also in honest entry-level ads.",
        0.3,
        (_words(
            r"no experience (?:needed|necessary|required)", r"no skills? (?:needed|required)",
            r"no english (?:needed|required)", r"no documents? (?:needed|required)", r"no papers? (?:needed|required)",
            r"sin experiencia", r"no se requiere experiencia", r"sin papeles", r"sem experiencia",
            r"nao precisa (?:de )?experiencia", r"sem documentos", r"sans experience", r"aucune experience",
            r"sans papiers", r"sans diplome",
        ),),
        JOB,
    ),
    IndicatorSpec(
        "labor.recruitment_fees_debt", "Recruitment fees or debt", L, HIGH,
        "The worker pays a fee or deposit, or travel is 'advanced' and repaid from wages: debt bondage risk.",
        1.6,
        (_words(
            r"placement fee", r"processing fee", r"registration fee", r"recruitment fee", r"agency fee",
            r"visa fee", r"training fee", r"(?:small|one.?time|administrative) fee", r"pay (?:a|the) fee", r"repaid (?:from|out of|with) (?:your )?"
            r"(?:salary|wages|pay|first)", r"deducted from (?:your )?(?:salary|wages|pay)", r"debt",
            r"(?:ticket|visa|travel|flight)s? (?:and (?:visa|ticket)s? )?(?:is |are )?(?:advanced|paid in advance|"
            r"loaned|fronted)", r"you (?:pay|work) (?:it )?(?:back|off)", r"pay it back", r"cuota de inscripcion",
            r"pago (?:por|de) (?:tramite|inscripcion|colocacion)", r"se descuenta(?:n)? del (?:sueldo|salario)",
            r"deuda", r"adelanto (?:del )?(?:pasaje|boleto)", r"(?:pasaje|boleto) adelantado",
            r"taxa de (?:inscricao|agenciamento|colocacao)", r"descontad[oa]s? do salario", r"divida",
            r"passagem adiantada", r"frais (?:d'inscription|de dossier|de placement|de visa|d'agence)",
            r"rembourse\w* (?:sur|avec) (?:votre|le) salaire", r"dette", r"avance (?:du|de) billet",
        ),),
    ),
    IndicatorSpec(
        "labor.travel_arranged", "Travel, visa and housing all arranged", L, MED,
        "The recruiter arranges visa, ticket and housing: the worker depends on them on arrival.",
        0.7,
        (_words(
            r"(?:we|agency|employer|company) (?:will )?(?:arrange|arranges|handle|handles|provide|provides|take care "
            r"of) (?:everything|all|your visa|the visa|visa|ticket|flight|travel|accommodation|papers)",
            r"visa and (?:ticket|flight|travel)", r"(?:ticket|flight|travel),? (?:and )?visa", r"all (?:arranged|"
            r"taken care of)", r"everything (?:arranged|is arranged|is taken care of|included)",
            r"free (?:flight|ticket|visa)", r"pick you up at the airport",
            r"nosotros (?:nos encargamos|arreglamos|tramitamos)", r"(?:pasaje|boleto|visa) y (?:visa|pasaje|boleto|"
            r"alojamiento)", r"todo (?:incluido|arreglado|pagado)", r"(?:passagem|visto) e (?:visto|passagem|"
            r"alojamento|hospedagem)", r"tudo (?:incluido|pago|arranjado)", r"(?:billet|visa) et (?:visa|billet|"
            r"logement)", r"tout (?:est )?(?:inclus|organise|pris en charge)",
        ),),
    ),
    IndicatorSpec(
        "labor.document_retention", "Employer keeps passport / documents", L, HIGH,
        "The employer or agency holds the worker's passport or papers: a core indicator of forced labour.",
        1.9,
        (_words(
            r"(?:employer|company|agency|we|boss|manager) (?:will )?(?:keep|keeps|hold|holds|retain|retains|takes?|"
            r"collects?) (?:your |the |all )?(?:passports?|documents|id|papers)",
            r"(?:passports?|documents|papers) (?:will be |are )?(?:kept|held|retained|collected|handed over|"
            r"surrendered)", r"hand over (?:your )?(?:passport|documents)", r"(?:surrender|give us|leave) (?:your )?"
            r"(?:passport|documents)", r"safekeeping", r"(?:guardamos|retenemos|nos quedamos con) (?:tu|su|el|los) "
            r"(?:pasaporte|documentos)", r"pasaporte (?:queda|se queda|retenido)", r"entregar (?:el|tu|su) pasaporte",
            r"(?:guardamos|retemos|ficamos com) (?:o )?(?:seu |teu )?(?:passaporte|documentos)",
            r"passaporte (?:fica|retido)", r"entregar o passaporte", r"(?:nous gardons|gardons|conservons) "
            r"(?:votre |le |vos )?(?:passeport|papiers|documents)", r"passeport (?:garde|conserve|confisque)",
            r"remettre (?:votre|le) passeport",
        ),),
    ),
    IndicatorSpec(
        "labor.vague_employer", "Vague or hidden employer", L, LOW,
        "No employer name, address or terms — 'a well-known company', details only by message.",
        0.4,
        (_words(
            r"(?:well.?known|reputable|big|international|famous|confidential|private) (?:company|employer|client|hotel|"
            r"restaurant|factory|firm|family|club)", r"our client", r"employer (?:name )?(?:confidential|not disclosed)",
            r"details (?:on|by|via|in) (?:whatsapp|telegram|phone|dm|message|inbox|private)",
            r"empresa (?:reconocida|importante|confidencial|internacional)", r"detalles (?:por|al) (?:whatsapp|"
            r"telegram|privado|inbox|interno)", r"empresa (?:conhecida|confidencial)",
            r"detalhes (?:no|pelo) (?:whatsapp|privado|inbox|direct)", r"entreprise (?:connue|confidentielle|"
            r"internationale)", r"details (?:en|par) (?:mp|prive|whatsapp)",
        ),),
        JOB,
    ),
    IndicatorSpec(
        "labor.appearance_restrictions", "Age / looks requirements for an unrelated job", L, MED,
        "Asks for young, pretty women for jobs like waitress or hostess abroad: a recruitment lure "
        "for sexual exploitation.",
        1.0,
        (_words(
            r"(?:girls|women|ladies|females?|chicas|mujeres|senoritas|meninas|mulheres|mocas|filles|femmes|jeunes "
            r"femmes) (?:aged? |de |entre |from )?\d{2} ?(?:-|to|a|ate|et|y|e) ?\d{2}",
            r"(?:pretty|attractive|beautiful|good.?looking|slim|sexy) (?:girls|women|ladies|appearance)",
            r"good (?:appearance|figure)", r"buena presencia", r"(?:chicas|mujeres) (?:bonitas|atractivas|delgadas)",
            r"boa aparencia", r"(?:meninas|mulheres) (?:bonitas|magras)", r"jolies (?:filles|femmes)",
            r"belle presentation",
        ),),
        JOB,
    ),
    IndicatorSpec(
        "labor.work_abroad", "Work abroad offer", L, LOW,
        "A job abroad. Common and legitimate; a risk cue only with fees, arranged travel or vague employers.",
        0.3,
        (_words(
            r"(?:work|jobs?|employment|positions?|opportunit(?:y|ies)|vacanc(?:y|ies)) (?:in|abroad) (?:dubai|qatar|"
            r"abroad|overseas|europe|japan|malaysia|saudi arabia|kuwait|poland|germany|italy|the uk)",
            r"work abroad", r"overseas", r"trabajo en (?:el )?(?:extranjero|espana|europa|japon|dubai)",
            r"trabajar en (?:el )?(?:extranjero|espana|europa|japon|dubai|estados unidos)",
            r"trabalh(?:o|ar) (?:no|na|em) (?:exterior|europa|japao|dubai|portugal|espanha|suica)",
            r"travail(?:ler)? a l'etranger", r"emploi (?:a|en) (?:l'etranger|dubai|europe)",
        ),),
        JOB,
    ),
)  # fmt: skip

INDICATORS_BY_ID: dict[str, IndicatorSpec] = {spec.id: spec for spec in INDICATORS}

# Emoji (as spelled out by normalize) that count as codes when the poster wrote an emoji.
EMOJI_CODE_WORDS = {"sex.emoji_codes": ("roses", "crown", "new", "cash"),
                    "minor.youth_emoji": ("cherry", "candy", "bow", "teddy bear", "school", "baby", "girl")}  # fmt: skip

# Languages whose lexicons the indicator detectors cover; other languages get the model's views only.
LEXICON_LANGUAGES: frozenset[str] = frozenset({"en", "es", "pt", "fr"})
