"""Every indicator fires on a positive example and stays silent on a hard negative that shares words;
the labour-control families do so in every lexicon language, and a negated phrasing never fires."""

from __future__ import annotations

import pytest

from classifier.baseline import KeywordScorer
from classifier.indicators import INDICATORS, INDICATORS_BY_ID, LEXICON_LANGUAGES
from classifier.indicators.catalog import DERIVED, lexicon_keys
from classifier.indicators.features import FEATURE_NAMES, analyze
from classifier.results import Band, Severity

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


DOC = "labor.document_retention"
FEE = "labor.recruitment_fees_debt"
CONF = "labor.confinement"
WAGE = "labor.withheld_wages"
PHONE = "general.phone_confiscation"
HOURS = "labor.excessive_hours"
IRREG = "labor.irregular_status"
DEDUCT = "labor.wage_deductions"
# (indicator, language, positive, negated, benign look-alike)
FAMILY_CASES: list[tuple[str, str, str, str, str]] = [
    # ---------------------------------------------------------------- English
    (
        DOC,
        "en",
        "Farm workers wanted. Your passport will be kept in the office until the season ends.",
        "Farm workers wanted. We never keep your passport; it stays with you.",
        "Farm workers wanted. Bring a valid passport and a copy of your work permit.",
    ),
    (
        FEE,
        "en",
        "Hotel jobs abroad. Pay a one-time placement fee of $800 before you start.",
        "Hotel jobs abroad with Marriott. No placement fee, never pay a recruiter.",
        "Hotel jobs with Marriott, apply online; the employer pays for your flight.",
    ),
    (
        CONF,
        "en",
        "Factory workers needed, dormitory on site; workers cannot leave the compound.",
        "Factory workers needed; workers are not locked in and go to town on weekends.",
        "Security guard job: lock the warehouse gate at night and patrol the site.",
    ),
    (
        WAGE,
        "en",
        "Seasonal pickers: your wages are held until the end of the harvest.",
        "Seasonal pickers: we don't hold your wages, paid every Friday.",
        "Seasonal pickers paid weekly, completion bonus at the end of the harvest.",
    ),
    (
        PHONE,
        "en",
        "Housekeepers for a villa abroad; phones are collected on arrival and kept by the manager.",
        "Housekeepers for a villa abroad; we never take your phone.",
        "Warehouse job: phones stay in your locker during the shift.",
    ),
    (
        HOURS,
        "en",
        "Kitchen helper needed, 16 hours a day, no days off.",
        "Kitchen helper needed; you will not work 7 days a week, two days off.",
        "Kitchen helper needed, 8-hour shifts, restaurant open 7 days a week.",
    ),
    (
        IRREG,
        "en",
        "Construction helpers needed, no papers needed, paid cash daily.",
        "Construction helpers needed; we don't pay under the table.",
        "Construction helpers needed, work permit required, direct deposit.",
    ),
    (
        DEDUCT,
        "en",
        "Packers needed; rent and food are deducted from your pay.",
        "Packers needed; nothing is deducted for rent or transport.",
        "Packers needed; free shuttle, paid weekly by direct deposit.",
    ),
    # ---------------------------------------------------------------- Spanish
    (
        DOC,
        "es",
        "Trabajo en el campo: el patrón guarda los pasaportes durante la temporada.",
        "Trabajo en el campo: nunca retenemos su pasaporte.",
        "Trabajo en el campo: traiga su pasaporte vigente y una copia.",
    ),
    (
        FEE,
        "es",
        "Empleo en España, se cobra una cuota de inscripción de 500 euros.",
        "Empleo en España sin cuota de inscripción, no cobramos nada.",
        "Empleo en España con contrato; la empresa paga el pasaje.",
    ),
    (
        CONF,
        "es",
        "Trabajo en finca, los trabajadores no pueden salir de la finca.",
        "Trabajo en finca; los trabajadores no están encerrados.",
        "Vigilante de seguridad: cerrar el portón por la noche.",
    ),
    (
        WAGE,
        "es",
        "Cosecha de fresa: el sueldo se paga al final de la temporada.",
        "Cosecha de fresa: no retenemos tu sueldo, pago semanal.",
        "Cosecha de fresa: pago semanal y bono al final de la temporada.",
    ),
    (
        PHONE,
        "es",
        "Limpieza en hotel: los celulares quedan guardados en la oficina.",
        "Limpieza en hotel: nunca te quitamos el celular.",
        "Limpieza en hotel: deja tu celular en el casillero durante el turno.",
    ),
    (
        HOURS,
        "es",
        "Ayudante de cocina, de lunes a domingo, sin días de descanso.",
        "Ayudante de cocina; no trabajamos 7 días a la semana.",
        "Ayudante de cocina, jornada de 8 horas, dos días libres.",
    ),
    (
        IRREG,
        "es",
        "Obreros para construcción, sin papeles, pago en negro.",
        "Obreros para construcción; no pagamos en negro, todo con contrato.",
        "Obreros para construcción con papeles en regla y contrato.",
    ),
    (
        DEDUCT,
        "es",
        "Se buscan empacadores; la renta y la comida se descuentan del sueldo.",
        "Se buscan empacadores; no se descuenta la renta del sueldo.",
        "Se buscan empacadores; transporte gratis y pago semanal.",
    ),
    # ---------------------------------------------------------------- Portuguese
    (
        DOC,
        "pt",
        "Trabalho na Europa: o patrão fica com o passaporte dos trabalhadores.",
        "Trabalho na Europa: nunca ficamos com o seu passaporte.",
        "Trabalho na Europa: traga o passaporte válido e uma cópia.",
    ),
    (
        FEE,
        "pt",
        "Vagas em Portugal, taxa de inscrição de 300 euros.",
        "Vagas em Portugal sem taxa de inscrição, não cobramos nada.",
        "Vagas em Portugal com contrato e carteira assinada.",
    ),
    (
        CONF,
        "pt",
        "Trabalho na fazenda, os trabalhadores não podem sair da fazenda.",
        "Trabalho na fazenda; ninguém fica trancado.",
        "Vaga de porteiro: fechar o portão à noite.",
    ),
    (
        WAGE,
        "pt",
        "Colheita de café: o salário é pago no final da safra.",
        "Colheita de café: não retemos o salário, pagamento semanal.",
        "Colheita de café: pagamento semanal e bônus no final da safra.",
    ),
    (
        PHONE,
        "pt",
        "Camareiras para hotel: os celulares ficam guardados com o gerente.",
        "Camareiras para hotel: nunca recolhemos o seu celular.",
        "Camareiras para hotel: deixe o celular no armário durante o turno.",
    ),
    (
        HOURS,
        "pt",
        "Ajudante de cozinha, de segunda a domingo, sem folga.",
        "Ajudante de cozinha; não trabalhamos de segunda a domingo.",
        "Ajudante de cozinha, turno de 8 horas, duas folgas por semana.",
    ),
    (
        IRREG,
        "pt",
        "Pedreiros, sem documentos, pagamento em mãos.",
        "Pedreiros; nada de pagamento por fora, tudo registrado.",
        "Pedreiros com carteira assinada e contrato.",
    ),
    # ---------------------------------------------------------------- French
    (
        DOC,
        "fr",
        "Emploi saisonnier : le patron garde les passeports pendant la saison.",
        "Emploi saisonnier : nous ne gardons jamais vos papiers.",
        "Emploi saisonnier : apportez votre passeport valide et une copie.",
    ),
    (
        FEE,
        "fr",
        "Travail au Canada, frais de dossier de 900 euros à payer.",
        "Travail au Canada sans frais de dossier.",
        "Travail au Canada, contrat de travail, billet pris en charge par l'employeur.",
    ),
    (
        CONF,
        "fr",
        "Ouvriers agricoles logés sur place ; vous ne pouvez pas sortir de la ferme.",
        "Ouvriers agricoles : les ouvriers ne sont jamais enfermés.",
        "Gardien de nuit : fermer le portail le soir.",
    ),
    (
        WAGE,
        "fr",
        "Vendanges : le salaire est payé à la fin de la saison.",
        "Vendanges : nous ne retenons pas votre salaire, paie chaque semaine.",
        "Vendanges : paie chaque semaine et prime à la fin de la saison.",
    ),
    (
        PHONE,
        "fr",
        "Femmes de chambre : les téléphones sont confisqués à l'arrivée.",
        "Femmes de chambre : nous ne confisquons jamais votre téléphone.",
        "Femmes de chambre : téléphone au vestiaire pendant le service.",
    ),
    (
        HOURS,
        "fr",
        "Plongeur, 7 jours sur 7, sans jour de repos.",
        "Plongeur : on ne travaille pas 7 jours sur 7.",
        "Plongeur, 35 heures, deux jours de repos.",
    ),
    (
        IRREG,
        "fr",
        "Maçons sans papiers acceptés, payé au noir.",
        "Maçons : nous ne payons jamais au noir, contrat obligatoire.",
        "Maçons avec titre de séjour, contrat de travail.",
    ),
    # ---------------------------------------------------------------- Russian
    (
        DOC,
        "ru",
        "Работа в Польше. Паспорта хранятся у работодателя до конца контракта.",
        "Работа в Польше. Паспорт не забираем, документы остаются у вас.",
        "Работа в Польше. Нужен действующий загранпаспорт, копию прислать в вотсап.",
    ),
    (
        FEE,
        "ru",
        "Работа в Чехии, комиссия агентства за трудоустройство 300 евро.",
        "Работа в Чехии без комиссии за трудоустройство.",
        "Работа в Чехии, официальное трудоустройство, трудовой договор.",
    ),
    (
        CONF,
        "ru",
        "Работа на ферме, выход за территорию запрещен.",
        "Работа на ферме, работники не заперты.",
        "Охранник на склад: закрывать ворота на ночь.",
    ),
    (
        WAGE,
        "ru",
        "Сбор урожая в Польше, зарплата выплачивается в конце сезона.",
        "Сбор урожая в Польше, зарплату не задерживаем.",
        "Сбор урожая в Польше, зарплата каждую неделю, премия в конце сезона.",
    ),
    (
        PHONE,
        "ru",
        "Горничные в отель, телефоны сдаются администратору на весь срок.",
        "Горничные в отель, телефоны не забираем.",
        "Горничные в отель, телефон в шкафчике во время смены.",
    ),
    (
        HOURS,
        "ru",
        "Помощник повара, без выходных, 14 часов в день.",
        "Помощник повара, работа не 7 дней в неделю.",
        "Помощник повара, график 5/2, смена 8 часов.",
    ),
    (
        IRREG,
        "ru",
        "Строители без документов, оплата наличными каждый день.",
        "Строители, работаем не в черную, только официально.",
        "Строители с разрешением на работу, официальное трудоустройство.",
    ),
    # ---------------------------------------------------------------- Ukrainian
    (
        DOC,
        "uk",
        "Робота в Польщі, паспорти зберігаються у роботодавця.",
        "Робота в Польщі, паспорти не забираємо.",
        "Робота в Польщі, потрібен дійсний закордонний паспорт і копія.",
    ),
    (
        FEE,
        "uk",
        "Робота в Німеччині, оплата за працевлаштування 400 євро.",
        "Робота в Німеччині без оплати за працевлаштування.",
        "Робота в Німеччині, офіційне працевлаштування, трудовий договір.",
    ),
    (
        CONF,
        "uk",
        "Робота на фермі, працівників не випускають за територію.",
        "Робота на фермі, працівники не замкнені.",
        "Робота охоронцем: замикати склад на ніч.",
    ),
    (
        WAGE,
        "uk",
        "Збір полуниці, зарплата в кінці сезону.",
        "Збір полуниці, зарплату не затримуємо.",
        "Збір полуниці, оплата щотижня, премія в кінці сезону.",
    ),
    (
        PHONE,
        "uk",
        "Покоївки в готель, телефони здаєте адміністратору.",
        "Покоївки в готель, телефони не забираємо.",
        "Покоївки в готель, телефон у шафці під час зміни.",
    ),
    (
        HOURS,
        "uk",
        "Робота помічником кухаря, без вихідних.",
        "Робота помічником кухаря, не 7 днів на тиждень.",
        "Робота помічником кухаря, два вихідні на тиждень.",
    ),
    (
        IRREG,
        "uk",
        "Робота на будові без документів.",
        "Робота на будові, не по туристичній візі.",
        "Робота на будові з дозволом на роботу.",
    ),
    # ---------------------------------------------------------------- Romanian
    (
        DOC,
        "ro",
        "Muncă în Germania, pașapoartele rămân la patron pe durata contractului.",
        "Muncă în Germania, pașapoartele nu sunt reținute.",
        "Muncă în Germania, aduceți pașaportul valabil și o copie.",
    ),
    (
        FEE,
        "ro",
        "Locuri de muncă în Anglia, taxă de înscriere 200 euro.",
        "Locuri de muncă în Anglia fără taxă de înscriere.",
        "Locuri de muncă în Anglia, contract de muncă, transport asigurat.",
    ),
    (
        CONF,
        "ro",
        "Muncă la fermă, nu aveți voie să ieșiți din fermă.",
        "Muncă la fermă, muncitorii nu sunt încuiați.",
        "Loc de muncă paznic: încuie poarta seara.",
    ),
    (
        WAGE,
        "ro",
        "Cules de căpșuni, salariul se plătește la sfârșitul sezonului.",
        "Cules de căpșuni, salariul nu este reținut.",
        "Cules de căpșuni, plata săptămânal, bonus la sfârșitul sezonului.",
    ),
    (
        PHONE,
        "ro",
        "Cameriste la hotel, telefoanele sunt luate la sosire.",
        "Cameriste la hotel, telefoanele nu sunt luate.",
        "Cameriste la hotel, telefonul stă în vestiar în timpul turei.",
    ),
    (
        HOURS,
        "ro",
        "Ajutor de bucătar, fără zile libere.",
        "Ajutor de bucătar, nu 7 zile din 7.",
        "Ajutor de bucătar, program de 8 ore, două zile libere.",
    ),
    (
        IRREG,
        "ro",
        "Zidari fără acte, plata la negru.",
        "Zidari, nu lucrăm la negru.",
        "Zidari cu contract de muncă.",
    ),
    # ---------------------------------------------------------------- Polish
    (
        DOC,
        "pl",
        "Praca w Holandii, paszporty przechowuje pracodawca.",
        "Praca w Holandii, nie zabieramy paszportów.",
        "Praca w Holandii, wymagany ważny paszport i kopia.",
    ),
    (
        FEE,
        "pl",
        "Praca w Niemczech, opłata rekrutacyjna 300 euro.",
        "Praca w Niemczech bez opłaty rekrutacyjnej.",
        "Praca w Niemczech, umowa o pracę, zakwaterowanie.",
    ),
    (
        CONF,
        "pl",
        "Praca na farmie, nie wolno wychodzić poza teren.",
        "Praca na farmie, pracownicy nie są zamknięci na klucz.",
        "Praca stróża: zamykanie bramy na noc.",
    ),
    (
        WAGE,
        "pl",
        "Zbiór truskawek, wypłata na koniec sezonu.",
        "Zbiór truskawek, wypłata nie jest wstrzymywana.",
        "Zbiór truskawek, wypłata co tydzień, premia na koniec sezonu.",
    ),
    (
        PHONE,
        "pl",
        "Pokojówki do hotelu, telefony są zabierane przez szefa.",
        "Pokojówki do hotelu, nie zabieramy telefonów.",
        "Praca pokojówki, telefon w szafce podczas zmiany.",
    ),
    (
        HOURS,
        "pl",
        "Praca pomoc kuchenna, bez dni wolnych.",
        "Praca pomoc kuchenna, nie 7 dni w tygodniu.",
        "Praca pomoc kuchenna, 8 godzin dziennie, dwa dni wolne.",
    ),
    (
        IRREG,
        "pl",
        "Praca na budowie bez dokumentów, płatne do ręki.",
        "Praca na budowie, nie zatrudniamy na czarno.",
        "Praca na budowie, umowa o pracę.",
    ),
    # ---------------------------------------------------------------- Vietnamese
    (
        DOC,
        "vi",
        "Xuất khẩu lao động Nhật Bản, công ty giữ hộ chiếu của người lao động.",
        "Xuất khẩu lao động Nhật Bản, công ty không giữ hộ chiếu.",
        "Xuất khẩu lao động Nhật Bản, mang theo hộ chiếu còn hạn và bản sao.",
    ),
    (
        FEE,
        "vi",
        "Việc làm tại Đài Loan, phí môi giới 5000 USD.",
        "Việc làm tại Đài Loan, miễn phí môi giới.",
        "Việc làm tại Đài Loan, hợp đồng lao động, công ty chịu vé máy bay.",
    ),
    (
        CONF,
        "vi",
        "Tuyển công nhân nhà máy, không được ra khỏi ký túc xá.",
        "Tuyển công nhân nhà máy, công nhân không bị nhốt.",
        "Tuyển bảo vệ: khóa cổng buổi tối.",
    ),
    (
        WAGE,
        "vi",
        "Tuyển lao động thu hoạch, lương trả cuối mùa.",
        "Tuyển lao động thu hoạch, không giữ lương.",
        "Tuyển lao động thu hoạch, lương hàng tháng, thưởng cuối mùa.",
    ),
    (
        PHONE,
        "vi",
        "Tuyển giúp việc nhà, điện thoại bị thu giữ khi đến.",
        "Tuyển giúp việc nhà, không thu giữ điện thoại.",
        "Tuyển giúp việc nhà, cất điện thoại trong tủ đồ khi làm.",
    ),
    (
        HOURS,
        "vi",
        "Tuyển phụ bếp, làm 16 tiếng mỗi ngày, không có ngày nghỉ.",
        "Tuyển phụ bếp, không làm 7 ngày một tuần.",
        "Tuyển phụ bếp, làm 8 tiếng, nghỉ chủ nhật.",
    ),
    (
        IRREG,
        "vi",
        "Tuyển thợ xây, không cần giấy tờ, trả tiền mặt hàng ngày.",
        "Tuyển thợ xây, không làm chui.",
        "Tuyển thợ xây, có hợp đồng lao động.",
    ),
    # ---------------------------------------------------------------- Thai
    (
        DOC,
        "th",
        "รับสมัครคนงานไปญี่ปุ่น นายจ้างยึดพาสปอร์ตไว้ตลอดสัญญา",
        "รับสมัครคนงานไปญี่ปุ่น นายจ้างไม่ยึดพาสปอร์ต",
        "รับสมัครคนงานไปญี่ปุ่น เตรียมพาสปอร์ตที่ยังไม่หมดอายุและสำเนา",
    ),
    (
        FEE,
        "th",
        "งานโรงงานที่ไต้หวัน ค่าหัว 80,000 บาท",
        "งานโรงงานที่ไต้หวัน ไม่มีค่าหัว",
        "งานโรงงานที่ไต้หวัน ผ่านกรมการจัดหางาน",
    ),
    (CONF, "th", "งานร้านนวด ห้ามออกนอกร้าน", "รับสมัครพนักงาน พนักงานไม่ถูกกักขัง", "รับสมัครรปภ. ดูแลประตูทางเข้า"),
    (
        WAGE,
        "th",
        "งานเก็บผลไม้ เงินเดือนจ่ายตอนหมดสัญญา",
        "งานเก็บผลไม้ ไม่ค้างจ่ายเงินเดือน",
        "งานเก็บผลไม้ จ่ายเงินเดือนทุกเดือน โบนัสตอนหมดสัญญา",
    ),
    (
        PHONE,
        "th",
        "รับสมัครแม่บ้าน นายจ้างยึดมือถือ",
        "รับสมัครแม่บ้าน ไม่ยึดมือถือ",
        "รับสมัครแม่บ้าน เก็บมือถือในล็อกเกอร์ระหว่างทำงาน",
    ),
    (
        HOURS,
        "th",
        "รับสมัครผู้ช่วยครัว ไม่มีวันหยุด ทำงานวันละ 16 ชั่วโมง",
        "รับสมัครผู้ช่วยครัว ไม่ได้ทำงาน 7 วัน",
        "รับสมัครผู้ช่วยครัว ทำงาน 8 ชั่วโมง หยุดวันอาทิตย์",
    ),
    (
        IRREG,
        "th",
        "งานก่อสร้าง ไม่ต้องมีเอกสาร จ่ายเงินสดรายวัน",
        "งานก่อสร้าง ไม่รับวีซ่าท่องเที่ยว",
        "งานก่อสร้าง มีใบอนุญาตทำงาน ประกันสังคม",
    ),
    # ---------------------------------------------------------------- Tagalog
    (
        DOC,
        "tl",
        "Trabaho sa Saudi, kukunin ng amo ang passport pagdating.",
        "Trabaho sa Saudi, hindi kukunin ang passport mo.",
        "Trabaho sa Saudi, dalhin ang valid na passport at kopya.",
    ),
    (
        FEE,
        "tl",
        "Trabaho sa Dubai, may placement fee na 50,000.",
        "Trabaho sa Dubai, walang placement fee.",
        "Trabaho sa Dubai, POEA licensed na ahensya, may kontrata.",
    ),
    (
        CONF,
        "tl",
        "Kasambahay sa Kuwait, bawal lumabas ng bahay.",
        "Kasambahay sa Kuwait, hindi nakakulong.",
        "Trabaho bilang security guard, bantayan ang gate.",
    ),
    (
        WAGE,
        "tl",
        "Trabaho sa bukid, ang sahod ay sa katapusan ng kontrata.",
        "Trabaho sa bukid, hindi hinahawakan ang sahod.",
        "Trabaho sa bukid, sahod kada buwan, bonus sa katapusan ng kontrata.",
    ),
    (
        PHONE,
        "tl",
        "Kasambahay sa Qatar, kukunin ng amo ang cellphone.",
        "Kasambahay sa Qatar, hindi kukunin ang cellphone.",
        "Kasambahay sa Qatar, may locker para sa cellphone habang nagtatrabaho.",
    ),
    (
        HOURS,
        "tl",
        "Kasambahay, walang day off.",
        "Kasambahay, hindi 7 araw sa isang linggo.",
        "Kasambahay, may day off tuwing Linggo.",
    ),
    (
        IRREG,
        "tl",
        "Trabaho sa Japan, walang papeles.",
        "Trabaho sa Japan, hindi kami tumatanggap ng tago ng tago.",
        "Trabaho sa Japan, may working visa at kontrata.",
    ),
    # ---------------------------------------------------------------- Indonesian
    (
        DOC,
        "id",
        "Kerja di Malaysia, paspor ditahan majikan selama kontrak.",
        "Kerja di Malaysia, paspor tidak ditahan.",
        "Kerja di Malaysia, bawa paspor yang masih berlaku dan fotokopi.",
    ),
    (
        FEE,
        "id",
        "Lowongan kerja Taiwan, biaya penempatan 30 juta.",
        "Lowongan kerja Taiwan, tanpa biaya penempatan.",
        "Lowongan kerja Taiwan, resmi terdaftar di BP2MI.",
    ),
    (
        CONF,
        "id",
        "Kerja di pabrik, pekerja tidak boleh keluar asrama.",
        "Kerja di pabrik, pekerja tidak dikurung.",
        "Kerja satpam: mengunci gerbang malam hari.",
    ),
    (
        WAGE,
        "id",
        "Kerja panen sawit, gaji dibayar di akhir kontrak.",
        "Kerja panen sawit, gaji tidak ditahan.",
        "Kerja panen sawit, gaji setiap bulan, bonus di akhir kontrak.",
    ),
    (
        PHONE,
        "id",
        "Kerja ART ke Hong Kong, HP disita majikan.",
        "Kerja ART ke Hong Kong, HP tidak disita.",
        "Kerja ART, HP disimpan di loker selama jam kerja.",
    ),
    (
        HOURS,
        "id",
        "Kerja pembantu rumah tangga, tanpa hari libur.",
        "Kerja pembantu rumah tangga, tidak kerja 7 hari seminggu.",
        "Kerja pembantu rumah tangga, libur hari Minggu.",
    ),
    (
        IRREG,
        "id",
        "Kerja di Saudi pakai visa umroh.",
        "Kerja di Saudi, tidak pakai visa umroh.",
        "Kerja di Saudi, jalur resmi dengan visa kerja.",
    ),
    # ---------------------------------------------------------------- Chinese
    (
        DOC,
        "zh",
        "招聘工人赴日本，护照由公司统一保管。",
        "招聘工人赴日本，公司不扣押护照。",
        "招聘工人赴日本，请携带有效护照和复印件。",
    ),
    (
        FEE,
        "zh",
        "海外高薪招聘，中介费两万元。",
        "海外高薪招聘，免中介费。",
        "海外招聘，正规公司，签劳动合同。",
    ),
    (
        CONF,
        "zh",
        "园区工作，封闭式管理，不能外出。",
        "园区工作，不是封闭式管理。",
        "招聘保安，负责门口值班。",
    ),
    (
        WAGE,
        "zh",
        "果园采摘工作，工资年底结清。",
        "果园采摘工作，不拖欠工资。",
        "果园采摘工作，工资月结，年底有奖金。",
    ),
    (PHONE, "zh", "招聘保姆，手机统一保管。", "招聘保姆，不没收手机。", "工厂招聘，上班期间手机放储物柜。"),
    (
        HOURS,
        "zh",
        "招聘厨房帮工，每天工作16小时，全年无休。",
        "招聘厨房帮工，不是全年无休。",
        "招聘厨房帮工，每天8小时，周末双休。",
    ),
    (IRREG, "zh", "招工，黑工也可以，现金日结。", "招工，不招黑工。", "招工，需要工作签证。"),
    # ---------------------------------------------------------------- Arabic
    (
        DOC,
        "ar",
        "مطلوب عاملات منزليات، الكفيل يحتفظ بجواز السفر.",
        "مطلوب عاملات منزليات، لا نحتفظ بجواز السفر.",
        "مطلوب عاملات منزليات، يرجى إحضار جواز سفر ساري المفعول.",
    ),
    (
        FEE,
        "ar",
        "وظائف في دبي، رسوم استقدام 3000 درهم.",
        "وظائف في دبي، بدون رسوم استقدام.",
        "وظائف في دبي، عقد عمل وتأمين صحي.",
    ),
    (
        CONF,
        "ar",
        "مطلوب خادمة، ممنوع الخروج من المنزل.",
        "مطلوب خادمة، غير محبوسة.",
        "مطلوب حارس أمن للبوابة.",
    ),
    (
        WAGE,
        "ar",
        "مطلوب عمال زراعة، الراتب في نهاية العقد.",
        "مطلوب عمال زراعة، لا يوجد تأخير الرواتب.",
        "مطلوب عمال زراعة، الراتب شهريا مع مكافأة في نهاية العقد.",
    ),
    (
        PHONE,
        "ar",
        "مطلوب عاملة، يتم سحب الجوال عند الوصول.",
        "مطلوب عاملة، لا نسحب الجوال.",
        "مطلوب عاملة، الجوال في خزانة أثناء العمل.",
    ),
    (
        HOURS,
        "ar",
        "مطلوب سائق، بدون إجازة.",
        "مطلوب سائق، ليس 7 أيام في الأسبوع.",
        "مطلوب سائق، يوم إجازة أسبوعي.",
    ),
    (IRREG, "ar", "مطلوب عمال بدون إقامة.", "مطلوب عمال، لا نقبل تأشيرة زيارة.", "مطلوب عمال بإقامة سارية."),
    (
        DEDUCT,
        "pt",
        "Vagas para embaladores; o aluguel e a comida são descontados do salário.",
        "Vagas para embaladores; o aluguel não é descontado do salário.",
        "Vagas para embaladores; transporte grátis, pagamento semanal.",
    ),
    (
        DEDUCT,
        "fr",
        "Emploi d'emballeur : le loyer et les repas sont déduits du salaire.",
        "Emploi d'emballeur : le loyer n'est pas déduit du salaire.",
        "Emploi d'emballeur : transport gratuit, paie chaque semaine.",
    ),
    (
        DEDUCT,
        "ru",
        "Работа упаковщиком: жильё и питание вычитаются из зарплаты.",
        "Работа упаковщиком: проживание не вычитается из зарплаты.",
        "Работа упаковщиком: бесплатное проживание, зарплата каждую неделю.",
    ),
    (
        DEDUCT,
        "uk",
        "Робота пакувальником: житло і харчування вираховуються із зарплати.",
        "Робота пакувальником: житло не вираховується із зарплати.",
        "Робота пакувальником: безкоштовне житло, оплата щотижня.",
    ),
    (
        DEDUCT,
        "ro",
        "Muncă la ambalare: cazarea și mâncarea se scad din salariu.",
        "Muncă la ambalare: cazarea nu se scade din salariu.",
        "Muncă la ambalare: cazare gratuită, plata săptămânal.",
    ),
    (
        DEDUCT,
        "pl",
        "Praca przy pakowaniu: zakwaterowanie i jedzenie potrącane z pensji.",
        "Praca przy pakowaniu: zakwaterowanie nie jest potrącane z pensji.",
        "Praca przy pakowaniu: darmowe zakwaterowanie, wypłata co tydzień.",
    ),
    (
        DEDUCT,
        "vi",
        "Tuyển công nhân đóng gói: tiền nhà và tiền ăn trừ vào lương.",
        "Tuyển công nhân đóng gói: tiền nhà không trừ vào lương.",
        "Tuyển công nhân đóng gói: miễn phí chỗ ở, lương hàng tháng.",
    ),
    (
        DEDUCT,
        "th",
        "รับสมัครพนักงานแพ็คของ ค่าที่พักหักจากเงินเดือน",
        "รับสมัครพนักงานแพ็คของ ค่าที่พักไม่หักจากเงินเดือน",
        "รับสมัครพนักงานแพ็คของ ที่พักฟรี จ่ายเงินเดือนทุกเดือน",
    ),
    (
        DEDUCT,
        "tl",
        "Trabaho sa pabrika: ang upa at pagkain ay ibabawas sa sahod.",
        "Trabaho sa pabrika: hindi ibabawas ang upa sa sahod.",
        "Trabaho sa pabrika: libreng tirahan, sahod kada buwan.",
    ),
    (
        DEDUCT,
        "id",
        "Kerja di pabrik: biaya mess dan makan dipotong dari gaji.",
        "Kerja di pabrik: mess tidak dipotong dari gaji.",
        "Kerja di pabrik: mess gratis, gaji setiap bulan.",
    ),
    (
        DEDUCT,
        "zh",
        "工厂招聘，住宿费和伙食费从工资扣。",
        "工厂招聘，住宿费不从工资扣。",
        "工厂招聘，免费住宿，工资月结。",
    ),
    (
        DEDUCT,
        "ar",
        "مطلوب عمال، السكن والطعام يخصم من الراتب.",
        "مطلوب عمال، السكن لا يخصم من الراتب.",
        "مطلوب عمال، سكن مجاني وراتب شهري.",
    ),
]

PARLOUR = "sex.parlour_cues"
# (indicator, language, positive, negated or None, benign look-alike)
SEX_CASES: list[tuple[str, str, str, str | None, str]] = [
    # spa / parlour cues without explicit adult words
    (
        PARLOUR,
        "en",
        "Grand opening! Asian spa, new young staff, shower room, open late till 2am, men only.",
        "Day spa: no table shower, no extras, just facials and pedicures.",
        "Licensed massage therapist, deep tissue and prenatal; open late Thursdays, cash or card.",
    ),
    (
        PARLOUR,
        "es",
        "Centro de masajes: chicas nuevas y jóvenes, ducha, abierto 24 horas, solo caballeros.",
        "Centro de masajes terapéuticos: sin final feliz, sin extras.",
        "Masaje deportivo con fisioterapeuta colegiado, cita previa.",
    ),
    (
        PARLOUR,
        "pt",
        "Casa de massagem: meninas novas, banho incluso, aberto 24 horas.",
        "Massagem relaxante, sem final feliz.",
        "Massoterapia com registro profissional, quick massage e drenagem.",
    ),
    (
        PARLOUR,
        "fr",
        "Salon de massage asiatique : jeunes masseuses, douche, ouvert tard, hommes uniquement.",
        "Institut de massage : pas de finition, massage thérapeutique uniquement.",
        "Masseur-kinésithérapeute diplômé d'État, sur rendez-vous.",
    ),
    (
        PARLOUR,
        "ru",
        "Массажный салон: молодые массажистки, совместный душ, круглосуточно.",
        "Массажный салон: без продолжения, только классический массаж.",
        "Лечебный массаж, массажист с медицинским образованием, запись по телефону.",
    ),
    (PARLOUR, "th", "ร้านนวด น้องๆหน้าตาดี นวดกระปู๋ เปิดถึงตี 2", None, "ร้านนวดแผนไทย นวดเพื่อสุขภาพ มีใบอนุญาต"),
    (PARLOUR, "zh", "按摩会所，美女技师，大保健，24小时营业。", None, "中医推拿理疗，持证上岗，正规诊所。"),
    # euphemistic payment and time sold
    (
        "sex.coded_payment",
        "en",
        "Looking for generous gentlemen, $300 tribute, pay per meet.",
        "No tribute required, just a coffee date.",
        "Tribute band tonight; generous portions at the bar.",
    ),
    (
        "sex.coded_payment",
        "es",
        "Busco caballeros generosos, regalo por mi tiempo.",
        None,
        "Regalo por aniversario, caballero de armadura para disfraz.",
    ),
    (
        "sex.coded_payment",
        "fr",
        "Cherche gentlemen généreux, cadeau pour mon temps.",
        None,
        "Cadeau pour mon neveu, temps libre le week-end.",
    ),
    (
        "sex.time_sold",
        "en",
        "Lunch hour special: 30 min $80, 1 hr $150. Text Kim.",
        None,
        "Lunch specials $8.99 at our diner, burgers and fries.",
    ),
    (
        "sex.time_sold",
        "es",
        "Promoción de mediodía: 30 minutos $800, una hora $1500.",
        None,
        "Promoción de mediodía: menú del día a $90.",
    ),
    (
        "sex.venue_rental",
        "en",
        "Rooms available for travelling ladies, rent by the hour, discreet.",
        None,
        "Rehearsal studio for bands, rent by the hour, drum kit included.",
    ),
    (
        "sex.venue_rental",
        "es",
        "Habitaciones para chicas independientes, renta por horas.",
        None,
        "Habitaciones para estudiantes, renta mensual, cerca de la universidad.",
    ),
    (
        "sex.third_party_control",
        "en",
        "Incall available. The girls have no phones, book through the manager.",
        None,
        "Book through our website; the manager answers questions about the apartment.",
    ),
    ("sex.third_party_control", "zh", "上门服务，妈咪安排，包夜。", None, "家政服务，经理安排上门时间。"),
    (
        "sex.multiple_workers",
        "es",
        "Acompañantes: chicas nuevas cada semana, variedad de chicas.",
        None,
        "Equipo de voleibol: chicas nuevas bienvenidas cada semana.",
    ),
    (
        "sex.multiple_workers",
        "ru",
        "Интим досуг: новые девушки каждую неделю, большой выбор девушек.",
        None,
        "Танцевальная студия: новые девушки каждую неделю в группе.",
    ),
    (
        "minor.youth_language",
        "en",
        "Barely legal and fresh, incall only.",
        None,
        "Fresh strawberries and young adults soccer league this Saturday.",
    ),
    (
        "minor.youth_language",
        "es",
        "Acompañante jovencita, recién cumplidos, servicio completo.",
        None,
        "Vendo fresas frescas, ideal para jovencitas fiestas de cumpleaños.",
    ),
    (
        "minor.youth_language",
        "ru",
        "Интим досуг, молоденькая школьница.",
        None,
        "Школьница ищет репетитора по математике.",
    ),
    # modelling / talent lures
    (
        "labor.talent_lure",
        "en",
        "New faces wanted for our modelling agency: pay $300 to join our roster.",
        "Modelling agency seeks new faces; no fee to join our roster.",
        "Modelling agency seeks new faces; open casting on Saturday.",
    ),
    (
        "labor.talent_lure",
        "es",
        "Casting de modelos: sesiones privadas pago en efectivo.",
        None,
        "Casting de modelos para pasarela, agencia con contrato.",
    ),
    (
        "labor.talent_lure",
        "ru",
        "Кастинг моделей: частные фотосессии, оплата наличными.",
        None,
        "Кастинг моделей для показа, агентство с договором.",
    ),
]


# Awareness posts and news quoting indicator wording, legitimate jobs that state their terms, listings.
HARD_NEGATIVES: list[tuple[str, str]] = [
    # awareness and news quoting indicator wording
    (
        "en",
        (
            "PSA: if a job post says the employer will hold your passport, asks for a placement fee or says "
            "you "
            "can't leave the site, that is a red flag for labour trafficking. Call the hotline."
        ),
    ),
    (
        "en",
        (
            "Police said the farm owner kept the workers' passports and paid wages only at the end of the "
            "season; he was charged with forced labour."
        ),
    ),
    (
        "es",
        (
            "Campaña contra la trata de personas: si te ofrecen trabajo en el extranjero y te piden entregar "
            "tu "
            "pasaporte o pagar una cuota de inscripción, denuncia. Línea gratuita."
        ),
    ),
    (
        "pt",
        (
            "Alerta: oferta de emprego no exterior em que o patrão fica com o passaporte é sinal de tráfico "
            "de "
            "pessoas. Denuncie pelo Disque 100."
        ),
    ),
    (
        "fr",
        (
            "Traite des êtres humains : un employeur qui garde votre passeport ou retient votre salaire est "
            "un "
            "signal d'alerte. Signalez-le à la police."
        ),
    ),
    (
        "ru",
        (
            "Осторожно, торговля людьми: если работодатель забирает паспорт или не выпускают с территории, "
            "сообщите в полицию по горячей линии."
        ),
    ),
    (
        "uk",
        (
            "Будьте обережні: якщо роботодавець забирає паспорт, це ознаки торгівлі людьми. Гаряча лінія Ла "
            "Страда."
        ),
    ),
    (
        "ro",
        (
            "Atenție la traficul de persoane: dacă angajatorul păstrează pașapoartele, sunați la linia verde "
            "ANITP."
        ),
    ),
    (
        "pl",
        "Uwaga na handel ludźmi: pracodawca, który zabiera paszport, łamie prawo. Infolinia KCIK, policja.",
    ),
    (
        "vi",
        (
            "Cảnh giác mua bán người: công ty giữ hộ chiếu của người lao động là dấu hiệu lừa đảo, hãy báo "
            "công "
            "an."
        ),
    ),
    ("th", "เตือนภัยการค้ามนุษย์ นายจ้างยึดพาสปอร์ตเป็นสิ่งผิดกฎหมาย แจ้งเบาะแสสายด่วน 1300"),
    (
        "tl",
        "Babala sa illegal recruitment: kung kukunin ng amo ang passport mo, i-report sa DMW. Hotline 1343.",
    ),
    (
        "id",
        "Waspada perdagangan orang: paspor ditahan majikan adalah modus TPPO, laporkan ke polisi atau BP2MI.",
    ),
    ("zh", "警惕人口贩卖：公司扣押护照属于违法行为，请立即报警并拨打反诈热线。"),
    (
        "ar",
        "احذروا الاتجار بالبشر: احتجاز جواز السفر من قبل الكفيل مخالف للقانون، أبلغ الشرطة عبر الخط الساخن.",
    ),
    # legitimate jobs with named employer and explicit terms
    (
        "en",
        (
            "Royal Caribbean hiring crew: 6-month contracts, paid twice monthly, we never charge fees; "
            "passport "
            "must be valid for 12 months."
        ),
    ),
    (
        "en",
        (
            "Au pair for the Martin family in Lyon via Cultural Care: own room, two days off, pocket money "
            "weekly; we never keep your passport."
        ),
    ),
    (
        "es",
        (
            "Temporada de fresa en Huelva con Agrícola del Sur: contrato, alojamiento gratuito, pago "
            "semanal, "
            "nunca cobramos cuota de inscripción."
        ),
    ),
    (
        "pt",
        (
            "Colheita de uva na Serra Gaúcha pela Vinícola Aurora: carteira assinada, pagamento semanal, não "
            "cobramos taxa."
        ),
    ),
    (
        "fr",
        (
            "Vendanges en Champagne chez Moët : CDD saisonnier, logement, paie chaque semaine, aucun frais "
            "de "
            "recrutement."
        ),
    ),
    (
        "pl",
        (
            "Praca sezonowa w Holandii przez agencję z numerem KRAZ: umowa o pracę, wypłata co tydzień, bez "
            "opłat rekrutacyjnych."
        ),
    ),
    ("ro", "Muncă în Germania cu contract de muncă, cazare gratuită, fără comision, plata lunar."),
    # everyday listings
    ("en", "Fresh strawberries, young plants and new potatoes at the farm stand, cash only."),
    (
        "en",
        "Licensed massage therapist, LMT #4421, deep tissue and prenatal, open late Thursdays, HSA accepted.",
    ),
    ("es", "Vendo moto Honda 150 con papeles al día, solo efectivo, trato directo."),
    ("fr", "Studio à louer à Lyon, 450 € charges comprises, caution d'un mois, proche métro."),
    ("ru", "Сдам квартиру посуточно, чисто, документы для командировочных."),
    ("zh", "出租一室一厅，押一付三，近地铁，拎包入住。"),
]


def _hit_ids(text: str) -> dict[str, list[str]]:
    return {hit.id: [span.text for span in hit.spans] for hit in analyze(text).indicators}


def test_catalog_is_complete_and_well_formed() -> None:
    assert len(INDICATORS) >= 18
    assert set(CASES) == set(INDICATORS_BY_ID), "every indicator needs a positive and a hard negative"
    for spec in INDICATORS:
        assert spec.name and spec.explanation.endswith(".") and spec.weight > 0
    written = {key.partition("/")[0] for key in lexicon_keys()}
    assert written == set(INDICATORS_BY_ID) - DERIVED, "every lexicon-fed indicator needs wording"


def test_every_supported_language_has_a_lexicon() -> None:
    expected = {"en", "es", "pt", "fr", "ru", "uk", "ro", "pl", "vi", "th", "tl", "id", "zh", "ar"}
    assert expected == LEXICON_LANGUAGES
    families = {indicator for indicator, *_ in FAMILY_CASES}
    for family in families:
        assert {lang for indicator, lang, *_ in FAMILY_CASES if indicator == family} == expected, family


def _case_id(case: tuple[str, str, str, str | None, str]) -> str:
    return f"{case[0]}-{case[1]}"


@pytest.mark.parametrize("case", FAMILY_CASES + SEX_CASES, ids=_case_id)
def test_family_fires_on_positive_phrasing(case: tuple[str, str, str, str | None, str]) -> None:
    indicator_id, _, positive, _, _ = case
    assert indicator_id in _hit_ids(positive), sorted(_hit_ids(positive))


@pytest.mark.parametrize("case", [c for c in FAMILY_CASES + SEX_CASES if c[3]], ids=_case_id)
def test_family_silent_when_negated(case: tuple[str, str, str, str | None, str]) -> None:
    indicator_id, _, _, negated, _ = case
    assert negated is not None
    assert indicator_id not in _hit_ids(negated)


@pytest.mark.parametrize("case", FAMILY_CASES + SEX_CASES, ids=_case_id)
def test_family_silent_on_benign_look_alike(case: tuple[str, str, str, str | None, str]) -> None:
    indicator_id, _, _, _, benign = case
    assert indicator_id not in _hit_ids(benign)


_ALL_TEXTS = sorted(
    {text for case in FAMILY_CASES + SEX_CASES for text in case[2:] if text}
    | {text for positive, _, negative in CASES.values() for text in (positive, negative)}
)


def _ids(text: str) -> frozenset[str]:
    return frozenset(hit.id for hit in analyze(text).indicators)


@pytest.mark.parametrize(
    "disguise",
    [
        pytest.param(str.upper, id="all-caps"),
        pytest.param(lambda text: text.replace(" ", "🔥"), id="emoji-separators"),
        pytest.param(lambda text: text.replace(" ", " ✨ "), id="emoji-between-words"),
    ],
)
def test_case_and_emoji_separators_never_change_what_fires(disguise: object) -> None:
    assert callable(disguise)
    changed = [text for text in _ALL_TEXTS if _ids(disguise(text)) != _ids(text)]
    assert not changed, changed[:5]


def test_zero_width_characters_inside_words_change_nothing_but_contact_disguise() -> None:
    for text in _ALL_TEXTS:
        hidden = "\u200b".join(text[index : index + 3] for index in range(0, len(text), 3))
        assert _ids(hidden) - {"general.obfuscated_contact"} == _ids(text) - {"general.obfuscated_contact"}, (
            text
        )


@pytest.mark.parametrize(
    "text",
    [
        "Sweet gіrl incall, cherry pie lover",  # a Cyrillic i, the word "cherry"
        "Incall tonight, che\u200brry and candy flavoured drinks, school friends welcome",
        "Incall, ｃｈｅｒｒｙ",  # full-width letters, not an emoji
    ],
)
def test_emoji_codes_fire_only_on_real_emoji(text: str) -> None:
    assert not _ids(text) & {"minor.youth_emoji", "sex.emoji_codes"}
    assert "minor.youth_emoji" in _ids(text + " 🍒")


def test_awareness_text_keeps_evidence_but_no_high_severity() -> None:
    text = (
        "Know the signs of human trafficking: an employer who keeps your passport, wages held until the "
        "end of the season, workers who cannot leave the compound. Call the hotline."
    )
    hits = analyze(text).indicators
    assert {"labor.document_retention", "labor.withheld_wages", "labor.confinement"} <= {
        hit.id for hit in hits
    }
    assert all(hit.severity is not Severity.HIGH for hit in hits)
    # The same wording in a job ad is high severity.
    ad = "Farm job. The employer keeps your passport; wages held until the end of the season."
    assert {hit.severity for hit in analyze(ad).indicators} == {Severity.HIGH}


@pytest.mark.parametrize(
    "text",
    [
        "Hotel jobs abroad, no experience, salary $5,000 per month",  # a negation before the comma only
        "Hotel jobs in Dubai, no experience needed. Placement fee $900.",
    ],
)
def test_negation_does_not_reach_past_a_comma_or_sentence(text: str) -> None:
    assert _ids(text) & {"labor.too_good_pay", "labor.recruitment_fees_debt"}


def test_negation_words_only_count_in_the_postings_language() -> None:
    # Portuguese "no" means "in the": it does not negate the fee that follows.
    assert "labor.recruitment_fees_debt" in _ids(
        "Vagas no Japão para trabalhadores, taxa de inscrição de 300 dólares."
    )
    assert "labor.recruitment_fees_debt" not in _ids(
        "Jobs in Japan for workers, no registration fee for the job."
    )


def test_denial_after_the_match_negates_costs_but_not_arranged_travel() -> None:
    assert "labor.recruitment_fees_debt" not in _ids("Factory jobs abroad. Placement fee: none.")
    assert "labor.travel_arranged" in _ids("Factory jobs abroad. Ticket and visa free.")


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


@pytest.mark.parametrize(
    ("language", "text"), HARD_NEGATIVES, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(HARD_NEGATIVES)]
)
def test_hard_negatives_never_get_a_high_severity_hit(language: str, text: str) -> None:
    high = [hit.id for hit in analyze(text).indicators if hit.severity is Severity.HIGH]
    assert not high, (language, high)


@pytest.mark.parametrize(
    "text",
    [
        "Паспорт 🛂 забираем, телефоны сдаются администратору",
        "护照由公司统一保管，手机统一保管",
        "ПАСПОРТА ХРАНЯТСЯ У РАБОТОДАТЕЛЯ, без выходных",
        "Lös pasaportes los guarda el encargado 🔥 sin papeles",
        "Wörkers: pаssports kеpt by the employer",  # Cyrillic а and е inside English words
    ],
)
def test_evidence_spans_point_into_the_original_text_in_every_script(text: str) -> None:
    hits = analyze("Работа, job, trabajo, 招聘: " + text).indicators
    assert hits
    original = "Работа, job, trabajo, 招聘: " + text
    for hit in hits:
        for span in hit.spans:
            assert original[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "text",
    [
        "Farm workers wanted. No worries, we keep your passport safe.",
        "Farm workers wanted. No worries we keep your passport safe.",
        "Trabajo en el campo. No te preocupes, guardamos tu pasaporte.",
        "Trabalho na fazenda. Não se preocupe, ficamos com o seu passaporte.",
    ],
)
def test_reassuring_idioms_are_not_negations(text: str) -> None:
    assert "labor.document_retention" in _ids(text)
