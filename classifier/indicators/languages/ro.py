"""Romanian wording for the indicator catalog (diacritics optional: ș = s, ț = t, ă = â = a, î = i)."""

from __future__ import annotations

from classifier.indicators.languages.en import ESCORT
from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
DOCUMENTS = (
    r"pașapo[a]?rt\w*", r"acte(?:le)?", r"documente(?:le)?", r"buletin\w*", r"cart(?:e|ea) de identitate",
    r"permis\w* de (?:ședere|muncă)",
)
PHONES = (r"telefo(?:n|ane)\w*", r"mobil\w*")
WAGES = (r"salari\w+", r"bani\w*", r"plat[aăa]", r"leaf[aă]", r"câștig\w*")
LIVING_COSTS = (r"cazare\w*", r"chiri\w+", r"mâncare\w*", r"mas[aăa]", r"mese\w*", r"transport\w*", r"drum\w*",
                r"echipament\w*", r"uniform\w*", r"utilități\w*")
EMPLOYER = r"(?:angajator\w*|patron\w*|firma|firmă|agenți\w+|noi|șef\w*|compani\w+)"

LANGUAGE = Language(
    code="ro",
    name="Romanian",
    negation=(r"nu", r"niciodată", r"fără", r"nici", r"niciun\w*", r"nicio", r"nimeni", r"feriți-vă"),
    post_negation=(r"niciuna", r"niciunul", r"gratuit\w*", r"nu se percepe", r"0 ?(?:lei|euro|ron)",
                   r"suportat\w* de angajator"),
    contrast=(r"dar", r"însă", r"totuși", r"cu excepția"),
    markers=(r"si", r"pentru", r"este", r"sunt", r"care", r"din", r"mai", r"pe", r"cu", r"va", r"fara", r"sau", r"acest", r"aceasta"),
    contexts={
        "adult": terms(
            ESCORT, r"escort[ăe]", r"masaj (?:erotic|tantric|senzual)", r"sex (?:oral|anal|protejat|la domiciliu)",
            r"servicii sexuale", r"dame de companie",
            r"final fericit", r"companie plătită", r"matroan\w+",
        ),
        "job": terms(
            r"loc(?:uri)? de muncă", r"munc[aă]", r"angaj\w+", r"căutăm", r"salari\w+", r"ofert[aă] de (?:muncă|angajare)",
            r"muncitor\w*", r"lucrător\w*", r"ospătar\w*", r"menajer\w+", r"îngrijitoare\w*", r"bon[aă]", r"contract\w*",
            r"recrutare", r"culegător\w*", r"cameriste?", r"bucătar\w*", r"ajutor de bucătar", r"zidar\w*",
            r"femei de serviciu", r"șofer\w*", r"sudor\w*", r"zugrav\w*", r"bone",
        ),
        "massage": terms(r"masaj\w*", r"maseuz\w+", r"salon de masaj"),
        "abroad": terms(
            r"străinătate", r"afară", r"germania", r"anglia", r"italia", r"spania", r"marea britanie", r"olanda",
            r"danemarca", r"fără experiență", r"dubai", r"israel", r"austria", r"franța", r"belgia",
        ),
        "talent": terms(r"model\w*", r"casting", r"ședin[tț][aăe] foto", r"agenți\w+", r"videochat", r"dansatoar\w+"),
    },
    mitigators={
        "awareness_or_news": terms(
            r"trafic\w* de persoane", r"victim\w+", r"muncă forțată", r"exploatare", r"sclavie", r"semne de avertizare",
            r"linia (?:telefonică|verde)", r"anitp", r"diicot", r"polițiștii", r"poliția", r"au fost reținuți", r"arestați",
            r"condamnați", r"potrivit", r"anchet[aă]", r"campanie", r"prevenire", r"atenție",
        ),
        "licensed_professional": terms(r"kinetoterapeut\w*", r"fizioterapeut\w*", r"maseur autorizat", r"certificat\w*",
                                       r"clinic[aă]", r"masaj terapeutic", r"recuperare medicală"),
        "transparent_employer": terms(r"contract de muncă", r"carte de muncă", r"fără comision", r"gratuit pentru candidați",
                                      r"asigurare medicală", r"bonuri de masă", r"salariu net"),
    },
    indicators={
        "sex.third_person": terms(r"fetele noastre", r"ea (?:este|vă așteaptă|are \d{2})"),
        "sex.movement": terms(r"nouă în oraș", r"doar câteva zile", r"în trecere"),
        "sex.ethnicity": terms(r"asiatic\w+", r"latino\w*", r"ruso\w+", r"exotic\w+", r"brazilian\w+", r"africane?"),
        "sex.multiple_workers": terms(r"fete noi (?:în fiecare|săptămânal)", r"mai multe fete", r"fete disponibile"),
        "sex.restricted_incall": terms(r"doar la (?:mine|hotel)", negative=(r"nu (?:mă deplasez|fac deplasări)",)),
        "sex.third_party_control": terms(
            r"(?:șeful|patronul|managerul|administratorul) ~2 (?:programează|se ocupă|încasează)",
            r"programări (?:prin|la) (?:manager|administrator|recepție)", r"proxenet\w*",
        ),
        "sex.price_codes": terms(r"\d+ ?(?:lei|euro|€)? ?/ ?(?:oră|ora|h)", r"doar cash"),
        "sex.law_enforcement_evasion": terms(negative=(r"fără poliție",)),
        "sex.trust_language": terms(r"poze reale", r"100 ?% reale?"),
        "sex.adult_service_terms": terms(ESCORT, r"escort[ăe]", r"masaj (?:erotic|tantric)", r"dame de companie"),
        "sex.parlour_cues/strong": terms(r"masaj (?:erotic|tantric|body|cu final|complet)", r"final fericit",
                                         r"duș (?:împreună|inclus)"),
        "sex.parlour_cues/staff": terms(r"(?:fete|maseuze) (?:noi|tinere|frumoase|asiatice)"),
        "sex.parlour_cues/clientele": terms(r"doar (?:pentru )?bărbați"),
        "sex.parlour_cues/rooms": terms(r"duș", r"jacuzzi", r"camere? vip"),
        "sex.parlour_cues/hours": terms(r"non[- ]stop", r"24/24", r"24/7"),
        "sex.parlour_cues/cash": terms(r"doar cash", r"plata cash"),
        "sex.parlour_cues/discreet": terms(r"discreție", r"discret\w*", r"intrare separată"),
        "sex.coded_payment": terms(r"caut sponsor\w*", r"sponsor pentru (?:fete|domnișoare|studente)",
                                   r"relație (?:sugar|avantajoasă)", r"ajutor financiar", r"domni generoși"),
        "minor.youth_language": terms(r"tinerel\w+", r"minor[ăe]", r"abia (?:am )?împlinit 18", r"elev[ăe]",
                                      r"foarte tânără", r"virgin[ăe]", r"adolescent\w*"),
        "minor.school_family": terms(r"liceu\w*", r"liceană", r"după școală", r"uniform[aă] școlar[aă]"),
        "minor.stated_age_under_18": terms(r"(?:fete|eleve|minore) (?:între |de )?1[0-7] ?(?:-|și) ?1[0-7] ani"),
        "general.off_platform_contact": terms(r"doar (?:pe )?(?:whatsapp|telegram|messenger)",
                                              r"detalii (?:pe|în) (?:privat|whatsapp)"),
        "general.urgency_pressure": terms(r"urgent", r"locuri limitate", r"plecare (?:imediată|săptămâna (?:aceasta|viitoare))"),
        "general.phone_confiscation": terms(
            near=(Near(PHONES, (r"luat\w*", r"luăm", r"confiscat\w*", r"păstrat\w*", r"predat\w*", r"în seif",
                                r"la patron", r"la șef", r"la manager", r"strâns\w*"), window=4),),
            negative=(r"(?:fetele|muncitorii|muncitoarele) nu au telefo\w*",),
            unless=(r"vestiar\w*", r"în timpul (?:turei|programului|lucrului)", r"ecran\w*", r"husă", r"încărcător",
                    r"vând"),
        ),
        "labor.too_good_pay": terms(
            r"bani (?:mulți|ușori)", r"câștig\w* (?:mari|de până la)", r"salariu (?:mare|foarte mare|atractiv)",
            r"\d{1,2}[.,]?\d{3} ?(?:euro|€|lei|ron)? ?(?:pe|/) ?(?:lună|săptămână)", r"\d{3,4} ?(?:euro|€|lei)? pe zi",
        ),
        "labor.no_experience": terms(negative=(r"fără experiență", r"nu (?:este necesară|e necesară|necesită) experiență")),
        "labor.irregular_status": terms(
            r"la negru", r"plata (?:la|în) mână", r"cu viză de turist",
            negative=(r"fără acte", r"fără forme legale", r"fără contract", r"fără permis de muncă",
                      r"nu (?:e|este) nevoie de acte"),
        ),
        "labor.recruitment_fees_debt": terms(
            r"(?:taxă|taxa|comision\w*) (?:de )?(?:înscriere|plasare|recrutare|intermediere|dosar|procesare|agenție)",
            r"plătiți (?:o )?(?:taxă|comision)", r"datori\w+", r"se (?:scade|reține|oprește) din (?:primul )?salariu",
            r"(?:bilet|drum|transport|viz)\w* ~3 (?:se scade|se reține|se oprește|din salariu|avansat\w*)",
            near=(Near((r"bilet\w*", r"drum\w*", r"viz\w+"), (r"returna\w+", r"dai înapoi", r"muncind"), window=6),
                  Near((r"datori\w+", r"împrumut\w*", r"avans\w*"), (r"din salariu", r"muncind", r"se scade", r"se reține",
                                                                  r"returna\w+", r"achita\w+"), window=5),),
            unless=(r"(?:plătit|suportat)\w* de (?:angajator|firmă)", r"angajatorul (?:plătește|suportă)", r"chiri\w+",
                    r"apartament\w*"),
        ),
        "labor.travel_arranged": terms(
            r"(?:bilet|transport|viz|cazare)\w* (?:și|\+) (?:viz|bilet|cazare|transport)\w*", r"ne ocupăm de tot",
            r"totul (?:inclus|asigurat|plătit)", r"cazare (?:gratuită|asigurată)", r"transport asigurat",
        ),
        "labor.document_retention": terms(
            EMPLOYER + r" ~2 (?:păstrează|păstrăm|reține|reținem|ia|luăm|confiscă|ține|ținem) ~2 (?:" + "|".join(DOCUMENTS) + ")",
            near=(Near(DOCUMENTS, (r"păstrat\w*", r"reținut\w*", r"luate?", r"confiscat\w*", r"predat\w*", r"predați",
                                   r"rămân la (?:angajator|patron|agenție|noi|șef)", r"în seif", r"la patron",
                                   r"la angajator"), window=4),),
            unless=(r"copi[ei]\w*", r"scanat\w*", r"valabil\w*", r"reînnoi\w*", r"ambasad\w+", r"consulat\w*", r"aduceți",
                    r"cu (?:dvs|dumneavoastră|tine)", r"pierdut\w*", r"găsit\w*"),
        ),
        "labor.confinement": terms(
            r"încuiat\w*", r"sub cheie", r"(?:poart|uș)\w* ~2 (?:încuiat\w*|cu lacăt)", r"interzis să ieșiți",
            r"ieșirea (?:este )?interzisă", r"ieșiri (?:doar )?(?:însoțit\w*|cu paznic)",
            near=(Near((r"însoțit\w*", r"escortat\w*", r"păzit\w*"), (r"ieșir\w+", r"cumpărături", r"oraș", r"plimbăr\w+",
                                                                   r"zile libere"), window=3),),
            negative=(r"nu (?:aveți voie|au voie|ai voie|se poate|puteți|pot) să (?:ieși\w*|iasă|plecați|plece)",
                      r"nu (?:ieșiți|ies) din"),
            unless=(r"animal\w+", r"câini", r"copii", r"pacienți", r"clienți"),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:la|după) (?:sfârșitul|finalul|terminarea) (?:sezonului|contractului|"
            r"recoltei|călătoriei|lucrării)",
            r"păstrăm (?:salariul|banii)",
            near=(Near(WAGES, (r"reținut\w*", r"păstrat\w*", r"amânat\w*", r"blocat\w*"), window=3),),
            unless=(r"bonus\w*", r"prim[ae]", r"lunar", r"săptămânal", r"în fiecare lună", r"avans", r"garanți\w+"),
        ),
        "labor.wage_deductions": terms(
            near=(Near(LIVING_COSTS, (r"se (?:scade|scad|reține|rețin|oprește|opresc)", r"scăzut\w*", r"reținut\w*",
                                      r"din salariu"), window=4),),
        ),
        "labor.excessive_hours": terms(
            r"7 zile (?:din 7|pe săptămână)", r"(?:1[4-9]|2[0-4]) ore pe zi", r"ture de (?:1[4-9]|2[0-4]) ore",
            negative=(r"fără (?:zile libere|zi liberă|liber)", r"fără pauză"),
        ),
        "labor.vague_employer": terms(r"firmă (?:serioasă|cunoscută|internațională)",
                                      r"detalii (?:în privat|pe whatsapp|la telefon|pe mess)"),
        "labor.appearance_restrictions": terms(
            r"(?:fete|femei|tinere) (?:între |de )?\d{2} ?(?:-|și) ?\d{2} ani", r"(?:fete|tinere) (?:frumoase|drăguțe|slabe|"
            r"atrăgătoare)", r"aspect (?:fizic )?plăcut", r"doar fete",
        ),
        "labor.work_abroad": terms(
            r"(?:muncă|munca|lucru|job) (?:în|in) (?:străinătate|germania|anglia|italia|spania|olanda|danemarca|dubai|"
            r"israel|austria|franța|belgia)",
            r"(?:muncă|lucru) afară",
        ),
        "labor.talent_lure": terms(
            r"ședin[tț]e foto private ~4 (?:cash|plata pe loc)",
            r"(?:petreceri|evenimente|excursii) (?:private|vip|pe iaht) ~3 (?:modele|fete)",
        ),
    },
)
# fmt: on
