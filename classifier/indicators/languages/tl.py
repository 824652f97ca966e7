"""Tagalog / Filipino wording for the indicator catalog (Taglish postings also hit the English lexicon)."""

from __future__ import annotations

from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
DOCUMENTS = (r"pasaporte", r"passport", r"dokumento", r"mga dokumento", r"papeles", r"id")
PHONES = (r"cellphone", r"cp", r"selpon", r"telepono", r"phone")
WAGES = (r"sahod", r"sweldo", r"suweldo", r"bayad")
LIVING_COSTS = (r"upa", r"tirahan", r"pagkain", r"pamasahe", r"transportasyon", r"uniporme", r"kuryente")

LANGUAGE = Language(
    code="tl",
    name="Tagalog",
    negation=(r"hindi", r"wala", r"walang", r"huwag", r"kailanman", r"mag-ingat sa"),
    post_negation=(r"libre", r"walang bayad", r"sagot ng (?:employer|amo)"),
    contrast=(r"pero", r"ngunit", r"subalit", r"maliban"),
    markers=(r"ang", r"ng", r"mga", r"ay", r"at", r"kung", r"ko", r"mo", r"namin", r"lang", r"sa", r"na"),
    contexts={
        "adult": terms(r"bayaran", r"pokpok", r"extra service", r"sideline girls?", r"may extra", r"bugaw"),
        "job": terms(r"trabaho", r"naghahanap ng", r"aplikante", r"sahod", r"sweldo", r"suweldo", r"empleyado",
                     r"manggagawa", r"kontrata", r"ofw", r"deployment", r"kasambahay", r"yaya", r"katulong",
                     r"hiring", r"caregiver"),
        "massage": terms(r"masahe", r"hilot", r"masahista"),
        "abroad": terms(r"abroad", r"ibang bansa", r"saudi", r"dubai", r"kuwait", r"qatar", r"hong kong", r"singapore",
                        r"japan", r"korea", r"taiwan", r"canada", r"malaysia", r"walang experience"),
        "talent": terms(r"modelo", r"talent", r"entertainer", r"gro", r"promodizer", r"dancer"),
    },
    mitigators={
        "awareness_or_news": terms(
            r"human trafficking", r"biktima", r"illegal recruitment", r"iligal na recruitment", r"poea", r"dmw", r"iacat",
            r"i-?report", r"pulis", r"naaresto", r"inaresto", r"kinasuhan", r"hatol", r"babala", r"mag-ingat", r"1343",
            r"pang-aabuso",
        ),
        "licensed_professional": terms(r"lisensyado", r"physical therapist", r"rehistrado"),
        "transparent_employer": terms(r"poea licensed", r"dmw licensed", r"lisensyadong ahensya", r"may kontrata",
                                      r"sss", r"philhealth", r"pag-ibig"),
    },
    indicators={
        "sex.third_person": terms(r"mga (?:girls|babae) namin"),
        "sex.multiple_workers": terms(r"bagong (?:girls|babae) (?:linggo-linggo|araw-araw)", r"maraming babae"),
        "sex.third_party_control": terms(r"bugaw", r"(?:mamasan|manager|bugaw) ~2 (?:nag-aayos|naniningil|kumukuha)"),
        "sex.price_codes": terms(r"\d+ ?(?:php|piso)? ?(?:kada|bawat|/) ?(?:oras|gabi)"),
        "sex.trust_language": terms(r"totoong (?:litrato|picture|pics)"),
        "sex.adult_service_terms": terms(r"bayaran", r"pokpok", r"extra service", r"sideline girls?"),
        "sex.parlour_cues/strong": terms(r"extra service", r"may extra"),
        "sex.parlour_cues/staff": terms(r"bagong (?:therapist|masahista)", r"magagandang (?:therapist|masahista)"),
        "sex.parlour_cues/clientele": terms(r"(?:para sa )?lalaki (?:lang|lamang)"),
        "sex.parlour_cues/hours": terms(r"24 oras", r"bukas hanggang (?:madaling araw|umaga)"),
        "sex.coded_payment": terms(r"sustento", r"sugar daddy"),
        "minor.youth_language": terms(r"menor de edad", r"bata pa", r"dalagita", r"kakatuntong lang ng 18", r"birhen"),
        "minor.school_family": terms(r"estudyante", r"uniporme"),
        "general.off_platform_contact": terms(r"pm (?:lang|me)", r"sa messenger lang", r"viber lang"),
        "general.urgency_pressure": terms(r"agad", r"madalian", r"limitado ang slot", r"alis (?:agad|ngayong linggo)"),
        "general.phone_confiscation": terms(
            r"(?:amo|employer|ahensya|agency) ~2 (?:kukunin|kinukuha|kinuha|itatago|hahawakan) ~2 (?:" + "|".join(PHONES) + ")",
            near=(Near(PHONES, (r"kukunin", r"kinukuha", r"kinuha", r"itatago", r"hawak ng", r"kinumpiska"), window=4),),
            unless=(r"locker", r"habang (?:nagtatrabaho|naka-duty)", r"for sale", r"binebenta"),
        ),
        "labor.too_good_pay": terms(r"malaking (?:sahod|sweldo|kita)", r"mataas na (?:sahod|sweldo)", r"madaling pera",
                                    r"\d{2,3}[,.]?\d{3} ?(?:php|piso|pesos)? ?(?:kada|bawat|sa isang|/) ?buwan"),
        "labor.no_experience": terms(negative=(r"walang experience", r"hindi kailangan ng experience",
                                               r"kahit walang experience")),
        "labor.irregular_status": terms(r"tago ng tago", r"(?:dadaan|daan) sa backdoor", r"escort palabas",
                                        negative=(r"walang papeles", r"hindi kailangan ng (?:papeles|dokumento|visa)")),
        "labor.recruitment_fees_debt": terms(
            r"bayad sa (?:ahensya|pagproseso|placement)", r"utang",
            r"(?:ticket|pamasahe|visa|placement) ~3 (?:ibabawas sa sahod|kakaltasin|babayaran sa sahod)",
            near=(Near((r"utang", r"pautang", r"inutang", r"advance"), (r"ibabawas", r"kakaltasin", r"babayaran",
                                                                    r"huhulugan", r"sa sahod"), window=5),),
            unless=(r"sagot ng (?:employer|amo)", r"libre"),
        ),
        "labor.travel_arranged": terms(r"sagot ang (?:ticket|pamasahe|visa|tirahan)",
                                       r"libreng (?:ticket|pamasahe|tirahan|pagkain)", r"kami na ang bahala",
                                       r"sundo sa airport"),
        "labor.document_retention": terms(
            r"(?:amo|employer|ahensya|agency|kami) ~2 (?:kukunin|kinukuha|kinuha|itatago|tinatago|hahawakan|hawak) ~2 "
            r"(?:ang )?(?:" + "|".join(DOCUMENTS) + ")",
            near=(Near(DOCUMENTS, (r"kukunin", r"kinukuha", r"kinuha", r"itatago", r"tinatago", r"hahawakan",
                                   r"hawak ng (?:employer|amo|ahensya|agency)", r"isusuko", r"isuko",
                                   r"ibibigay sa (?:amo|employer|ahensya)", r"kinumpiska"), window=4),),
            unless=(r"kopya", r"xerox", r"valid", r"renew", r"embahada", r"dalhin", r"nawala"),
        ),
        "labor.confinement": terms(
            r"bawal lumabas", r"nakakandado", r"nakakulong", r"may bantay",
            negative=(r"hindi (?:pwedeng|puwedeng|pinapayagang|makakalabas|nakakalabas|pwede) (?:lumabas|umalis)",
                      r"hindi pinapalabas"),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:sa|pagkatapos ng) (?:katapusan|dulo) ng (?:kontrata|season|biyahe)",
            r"hawak ng (?:amo|employer) ang (?:sahod|sweldo)",
            near=(Near(WAGES, (r"hinahawakan", r"itinatago", r"naantala"), window=3),),
            unless=(r"bonus", r"buwan-buwan", r"kada buwan"),
        ),
        "labor.wage_deductions": terms(near=(Near(LIVING_COSTS, (r"ibabawas", r"kakaltasin", r"kinakaltas", r"kaltas",
                                                                 r"bawas sa sahod"), window=4),)),
        "labor.excessive_hours": terms(r"7 araw sa isang linggo", r"(?:1[4-9]|2[0-4]) oras (?:kada|bawat|sa isang) araw",
                                       negative=(r"walang day ?off", r"walang pahinga", r"walang rest day")),
        "labor.vague_employer": terms(r"kilalang kumpanya", r"malaking kumpanya", r"details sa (?:pm|inbox)"),
        "labor.appearance_restrictions": terms(r"(?:babae|dalaga) (?:edad )?\d{2} ?(?:-|hanggang) ?\d{2}",
                                               r"may itsura", r"babae (?:lamang|lang)"),
        "labor.work_abroad": terms(r"trabaho sa (?:abroad|ibang bansa|saudi|dubai|kuwait|qatar|japan|korea|taiwan|"
                                   r"hong kong|singapore|canada)", r"pa-abroad"),
        "labor.talent_lure": terms(r"(?:entertainer|gro|dancer) (?:sa|papuntang) japan",
                                   r"(?:private|pribadong) (?:shoot|pictorial) ~4 cash"),
    },
)
# fmt: on
