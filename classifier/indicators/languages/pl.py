"""Polish wording for the indicator catalog (diacritics optional: ą = a, ł = l, ś = s, ż = ź = z …)."""

from __future__ import annotations

from classifier.indicators.languages.en import ESCORT
from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
DOCUMENTS = (r"paszport\w*", r"dokument\w*", r"dowod\w* osobist\w*", r"dowód osobisty", r"dowod\w*",
             r"kart\w* pobytu", r"zezwoleni\w+ na pracę")
PHONES = (r"telefon\w*", r"komórk\w+", r"smartfon\w*")
WAGES = (r"wypłat\w+", r"pensj\w+", r"wynagrodzeni\w+", r"pieniądze", r"pieniędzy", r"zarob\w+")
LIVING_COSTS = (r"zakwaterowani\w+", r"mieszkani\w+", r"nocleg\w*", r"jedzeni\w+", r"wyżywieni\w+", r"transport\w*",
                r"dojazd\w*", r"odzież\w* robocz\w+", r"kwater\w+", r"czynsz\w*")
EMPLOYER = r"(?:pracodawc\w+|szef\w*|agencj\w+|firm\w+|my|właściciel\w*|brygadzist\w+|pośrednik\w*)"

LANGUAGE = Language(
    code="pl",
    name="Polish",
    negation=(r"nie", r"nigdy", r"bez", r"żadn\w+", r"ani", r"nikt", r"uwaga na", r"strzeż się"),
    post_negation=(r"brak", r"bezpłatn\w+", r"za darmo", r"0 ?zł", r"nie pobieramy", r"pokrywa pracodawca"),
    contrast=(r"ale", r"lecz", r"jednak", r"oprócz", r"z wyjątkiem"),
    markers=(r"i", r"w", r"z", r"na", r"nie", r"sie", r"jest", r"ze", r"dla", r"przez", r"oraz", r"od", r"po", r"nas", r"pracy", r"praca"),
    contexts={
        "adult": terms(
            r"agencj\w+ towarzysk\w+", r"towarzyszk\w+", ESCORT, r"masaż erotyczny", r"seks (?:oralny|analny|bez|za)",
            r"usługi intymne",
            r"dyskretne spotkania", r"szukam sponsora", r"panie do towarzystwa", r"happy end", r"roksa",
        ),
        "job": terms(
            r"praca", r"pracy", r"pracę", r"ofert\w+ pracy", r"zatrudni\w+", r"pracownik\w*", r"pracownic\w+",
            r"wynagrodzeni\w+", r"pensj\w+", r"zarobki", r"stawk\w+", r"szukamy", r"poszukujemy", r"umow\w+",
            r"pracodawc\w+", r"rekrutacj\w+", r"kelnerk\w+", r"sprzątaczk\w+", r"opiekunk\w+", r"niani\w*",
            r"sezonow\w+", r"zbiór", r"zbiory", r"magazyn\w*", r"pokojówk\w+", r"pomoc\w* kuchenn\w+", r"kucharz\w*",
            r"kelner\w*", r"budowlań\w+", r"murarz\w*", r"spawacz\w*", r"kierowc\w+", r"zbieracz\w*", r"pakowacz\w*",
            r"robotnik\w*",
        ),
        "massage": terms(r"masaż\w*", r"masażystk\w+", r"salon\w* masażu"),
        "abroad": terms(
            r"za granicą", r"zagraniczn\w+", r"niemc\w+", r"holandi\w+", r"angli\w+", r"norwegi\w+", r"belgi\w+",
            r"dubaj\w*", r"wielk\w+ brytani\w+", r"bez doświadczenia", r"szwecj\w+", r"czech\w*",
        ),
        "talent": terms(r"model\w*", r"casting\w*", r"sesj\w+ zdjęciow\w+", r"hostess\w*", r"agencj\w+", r"tancerk\w+"),
    },
    mitigators={
        "awareness_or_news": terms(
            r"handl\w+ ludźmi", r"ofiar\w+", r"prac\w+ przymusow\w+", r"niewolnictw\w+", r"sygnały ostrzegawcze",
            r"infolinia", r"kcik", r"la strada", r"policj\w+", r"zatrzyman\w+", r"prokuratur\w+", r"sąd\w*", r"wyrok\w*",
            r"śledztw\w+", r"kampani\w+",
        ),
        "licensed_professional": terms(r"fizjoterapeut\w+", r"masażysta dyplomowany", r"certyfikat\w*",
                                       r"gabinet fizjoterapii", r"masaż leczniczy", r"klinik\w+", r"rehabilitacj\w+"),
        "transparent_employer": terms(r"umowa o pracę", r"legalne zatrudnienie", r"bez opłat", r"bezpłatna rekrutacja",
                                      r"ubezpieczeni\w+", r"zus", r"płatny urlop", r"kraz"),
    },
    indicators={
        "sex.third_person": terms(r"nasze (?:dziewczyny|dziewczęta|panie)", r"ona (?:jest|czeka|ma \d{2})"),
        "sex.movement": terms(r"nowa w mieście", r"tylko kilka dni", r"przejazdem"),
        "sex.ethnicity": terms(r"azjatk\w+", r"latynosk\w+", r"egzotyczn\w+", r"ukrainki", r"rosjank\w+", r"mulatk\w+"),
        "sex.multiple_workers": terms(r"nowe dziewczyny (?:co tydzień|codziennie)", r"kilka dziewczyn",
                                      r"duży wybór (?:pań|dziewczyn)"),
        "sex.restricted_incall": terms(r"tylko u siebie", negative=(r"bez wyjazdów", r"nie wyjeżdżam")),
        "sex.third_party_control": terms(
            r"(?:szef|manager|menadżer|recepcja) ~2 (?:umawia|ustala|pobiera|przyjmuje)",
            r"rezerwacje (?:przez|u) (?:menadżera|managera|recepcji)", r"alfons\w*",
        ),
        "sex.price_codes": terms(r"\d+ ?(?:zł|pln)? ?(?:/|za) ?(?:godz\w*|h)", r"tylko gotówka"),
        "sex.law_enforcement_evasion": terms(negative=(r"bez policji",)),
        "sex.trust_language": terms(r"prawdziwe zdjęcia", r"zdjęcia 100 ?%"),
        "sex.adult_service_terms": terms(r"agencj\w+ towarzysk\w+", r"masaż erotyczny", r"towarzyszk\w+",
                                         r"panie do towarzystwa", ESCORT),
        "sex.parlour_cues/strong": terms(r"masaż (?:erotyczny|tantryczny|body|z happy endem|nuru)", r"happy end",
                                         r"wspólny prysznic"),
        "sex.parlour_cues/staff": terms(r"(?:młode|nowe|ładne) (?:masażystki|dziewczyny)"),
        "sex.parlour_cues/clientele": terms(r"tylko dla (?:panów|mężczyzn)"),
        "sex.parlour_cues/rooms": terms(r"prysznic", r"jacuzzi", r"pokoje vip"),
        "sex.parlour_cues/hours": terms(r"całodobowo", r"24h", r"24/7", r"do (?:rana|późna)"),
        "sex.parlour_cues/cash": terms(r"tylko gotówka"),
        "sex.parlour_cues/discreet": terms(r"dyskrecj\w+", r"dyskretn\w+", r"osobne wejście"),
        "sex.coded_payment": terms(r"szukam sponsora", r"sponsor szuka", r"sponsoring dla \w+", r"relacj\w+ sugar",
                                   r"pomoc finansowa",
                                   r"hojn\w+ (?:panowie|mężczyźni|pan)"),
        "minor.youth_language": terms(r"młodziutk\w+", r"nastolatk\w+", r"uczennic\w+", r"niepełnoletni\w+",
                                      r"dopiero skończyła 18", r"dziewic\w+"),
        "minor.school_family": terms(r"szkoł\w+", r"licealistk\w+", r"po lekcjach", r"mundurek szkolny"),
        "minor.stated_age_under_18": terms(r"(?:dziewczyny|dziewczynki|uczennice) (?:w wieku )?1[0-7] ?(?:-|do) ?1[0-7]"),
        "general.off_platform_contact": terms(r"tylko (?:na |przez )?(?:whatsapp|telegram|messenger)",
                                              r"szczegóły na (?:priv|whatsapp|pw)"),
        "general.urgency_pressure": terms(r"pilnie", r"od zaraz", r"liczba miejsc ograniczona",
                                          r"wyjazd w (?:tym|przyszłym) tygodniu"),
        "general.phone_confiscation": terms(
            near=(Near(PHONES, (r"zabiera\w*", r"zabran\w+", r"odbiera\w+", r"w sejfie", r"w biurze", r"u szefa",
                                r"oddajecie", r"oddać", r"przechowywan\w+", r"skonfiskowan\w+"), window=4),),
            negative=(r"(?:dziewczyny|pracownicy|pracownice) nie (?:mają|maja) telefon\w*",),
            unless=(r"szafk\w+", r"podczas (?:zmiany|pracy)", r"ekran\w*", r"etui", r"ładowark\w+", r"sprzedam"),
        ),
        "labor.too_good_pay": terms(
            r"wysok\w+ (?:zarobki|wynagrodzeni\w+|pensj\w+)", r"łatwe pieniądze", r"zarobki (?:do|od) \d",
            r"\d{1,2}[ .,]?\d{3} ?(?:zł|pln|euro|€)? ?(?:na miesiąc|/ ?mies\w*|miesięcznie)", r"\d{3,4} ?(?:zł|euro|€)? dziennie",
        ),
        "labor.no_experience": terms(negative=(r"bez doświadczenia", r"doświadczenie nie jest wymagane",
                                               r"nie wymagamy doświadczenia")),
        "labor.irregular_status": terms(
            r"na czarno", r"płatne do ręki", r"(?:na|z) wiz\w+ turystyczn\w+",
            negative=(r"bez dokumentów", r"bez pozwolenia na pracę", r"bez umowy", r"bez zameldowania"),
        ),
        "labor.recruitment_fees_debt": terms(
            r"opłat\w+ (?:rekrutacyjn\w+|za (?:pośrednictwo|rekrutację|wyjazd|załatwienie pracy|wizę))",
            r"prowizj\w+ (?:za|agencji)", r"dług(?:i|u|ów)?", r"zadłużeni\w+", r"odpracowa\w+",
            r"(?:bilet|przejazd|wiz|podróż)\w* ~3 (?:potrąca\w+|z pierwszej wypłaty|z wypłaty|do odpracowania)",
            near=(Near((r"bilet\w*", r"przelot\w*", r"podróż\w*", r"wiz\w+"), (r"odpraco\w+", r"potrąc\w+", r"oddasz"),
                       window=6),
                  Near((r"dług(?:i|u|ów)?", r"pożyczk\w+", r"zaliczk\w+"), (r"odpraco\w+", r"potrąc\w+", r"z wypłaty",
                                                                       r"z pensji", r"spłac\w+"), window=5),),
            unless=(r"(?:płaci|pokrywa) pracodawca", r"na koszt pracodawcy", r"czynsz\w*", r"mieszkani\w+"),
        ),
        "labor.travel_arranged": terms(
            r"(?:bilet|przejazd|wiz|zakwaterowani)\w* (?:i|\+) (?:wiz|bilet|zakwaterowani|przejazd)\w*",
            r"(?:załatwiamy|organizujemy|zapewniamy) (?:wszystko|wizę|bilety|transport)", r"odbiór z lotniska",
        ),
        "labor.document_retention": terms(
            EMPLOYER + r" ~2 (?:zabiera|zabierają|zatrzymuje|zatrzymują|przechowuje|przechowują|trzyma|trzymają) ~2 (?:"
            + "|".join(DOCUMENTS) + ")",
            near=(Near(DOCUMENTS, (r"zabiera(?:my|ją)?", r"zabran\w+", r"odbiera\w+", r"odebran\w+", r"przechowu\w+",
                                   r"przechowywan\w+", r"zatrzymu\w+", r"zatrzyman\w+", r"trzyma\w*", r"oddajecie",
                                   r"w sejfie", r"u pracodawcy", r"u szefa", r"w biurze", r"skonfiskowan\w+",
                                   r"w depozycie"), window=4),),
            unless=(r"kopi\w+", r"skan\w*", r"ważn\w+", r"przedłuż\w+", r"ambasad\w+", r"konsulat\w*", r"ze sobą",
                    r"zgubion\w+", r"znalezion\w+", r"do wglądu"),
        ),
        "labor.confinement": terms(
            r"zamknięt\w+ na klucz", r"pod kluczem", r"(?:bram\w*|drzwi) ~2 (?:zamknięt\w+|zamykan\w+) (?:na klucz|na noc)",
            r"zakaz (?:wychodzenia|opuszczania)",
            near=(Near((r"w towarzystwie", r"pod nadzorem", r"eskortowan\w+", r"z ochroną"), (r"wyjści\w+", r"zakupy",
                                                                                         r"miasto", r"spacer\w*",
                                                                                         r"wolne dni"), window=3),),
            negative=(r"nie (?:wolno|można|możecie|mogą|wypuszczają) (?:wychodzić|wyjść|opuszczać|opuścić)",),
            unless=(r"zwierz\w+", r"ps[ya]", r"dzieci", r"pacjent\w*"),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:na|po) (?:koniec|końcu|zakończeniu) (?:sezonu|umowy|kontraktu|zbiorów|"
            r"wyjazdu)",
            near=(Near(WAGES, (r"wstrzyman\w+", r"zatrzyman\w+", r"przetrzymywan\w+", r"odroczon\w+"), window=3),),
            unless=(r"premi\w+", r"bonus\w*", r"co miesiąc", r"miesięczn\w+", r"tygodniow\w+", r"zaliczk\w+", r"kaucj\w+"),
        ),
        "labor.wage_deductions": terms(
            near=(Near(LIVING_COSTS, (r"potrąca\w+", r"potrącan\w+", r"odliczan\w+", r"z pensji", r"z wypłaty",
                                      r"z wynagrodzenia"), window=4),),
        ),
        "labor.excessive_hours": terms(
            r"7 dni w tygodniu", r"(?:1[4-9]|2[0-4]) godzin\w* (?:dziennie|na dobę)", r"zmiany po (?:1[4-9]|2[0-4]) godzin\w*",
            negative=(r"bez (?:dni wolnych|wolnego|dnia wolnego)",),
        ),
        "labor.vague_employer": terms(r"(?:znana|renomowana|międzynarodowa) firma",
                                      r"szczegóły (?:na priv|na whatsapp|telefonicznie|w wiadomości)"),
        "labor.appearance_restrictions": terms(
            r"(?:dziewczyny|kobiety|panie) (?:w wieku )?\d{2} ?(?:-|do) ?\d{2}(?: lat)?",
            r"(?:ładn|zgrabn|atrakcyjn)\w+ (?:dziewczyny|kobiety|panie)", r"miła aparycja", r"tylko (?:kobiety|dziewczyny)",
        ),
        "labor.work_abroad": terms(
            r"praca (?:za granicą|w niemczech|w holandii|w anglii|w norwegii|w belgii|w dubaju|w szwecji|w czechach)",
        ),
        "labor.talent_lure": terms(
            r"(?:prywatne|płatne) sesje ~4 (?:gotówk\w+|płatne od ręki)",
            r"(?:imprezy|wyjazdy|eventy) (?:vip|na jachcie|prywatne) ~3 (?:modelk\w+|dziewczyn\w+|hostess\w*)",
        ),
    },
)
# fmt: on
