"""Compositional, seeded generator of labeled synthetic postings (``generated.jsonl``).

A :class:`~classifier.training.corpus.templates_en.Template` pattern mixes inline alternatives ``{a|b|}``
(nested, empty = optional) with slots ``<city>``, ``<phone>``, ``<alias>`` … filled from per-language
pools. Each template draws its contacts from a small pool of its own, like one poster re-posting, so
every row's ``cluster`` (the template id) also covers its contacts: a grouped split never puts the same
template or the same phone on both sides.

Run ``python -m classifier.training.corpus.generator`` to rewrite ``generated.jsonl``; the same seed always
gives byte-identical output (a test checks the shipped file against it).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from classifier.training.corpus.augment import obfuscate_digits
from classifier.training.corpus.templates import Template
from classifier.training.corpus.templates_en import EN_TEMPLATES
from classifier.training.corpus.templates_intl import INTL_TEMPLATES

TEMPLATES: tuple[Template, ...] = (*EN_TEMPLATES, *INTL_TEMPLATES)

DEFAULT_SEED = 20240611
DEFAULT_TARGET = 2500
CORPUS_DIR = Path(__file__).resolve().parent
GENERATED_PATH = CORPUS_DIR / "generated.jsonl"

CHOICE_RE = re.compile(r"\{([^{}]*)\}")
SLOT_RE = re.compile(r"<([a-z_0-9]+)>")

# ---------------------------------------------------------------- pools (per language, "*" = shared)
POOLS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "city": (
            "Houston",
            "Atlanta",
            "Las Vegas",
            "Phoenix",
            "Miami",
            "Dallas",
            "Denver",
            "Seattle",
            "Chicago",
            "Newark",
            "Orlando",
            "San Diego",
            "Charlotte",
            "Nashville",
            "Portland",
            "Sacramento",
            "Tampa",
            "Oklahoma City",
            "Columbus",
            "Baltimore",
            "Toronto",
            "Vancouver",
        ),
        "name_f": (
            "Jessica",
            "Maria",
            "Ashley",
            "Emily",
            "Hannah",
            "Danielle",
            "Keisha",
            "Megan",
            "Lauren",
            "Priya",
            "Grace",
            "Nicole",
            "Tanya",
            "Rachel",
            "Olivia",
            "Brianna",
            "Mei",
            "Sofia",
        ),
        "name_m": (
            "Mike",
            "Carlos",
            "David",
            "James",
            "Tyler",
            "Andre",
            "Kevin",
            "Sam",
            "Luis",
            "Brian",
            "Marcus",
            "Ethan",
            "Raj",
            "Tom",
        ),
        "surname": (
            "Johnson",
            "Nguyen",
            "Garcia",
            "Miller",
            "Patel",
            "Okafor",
            "Kowalski",
            "Brooks",
            "Reyes",
            "Sullivan",
            "Kim",
            "Hernandez",
            "Walsh",
            "Thompson",
        ),
        "landmark": (
            "the airport",
            "I-10",
            "the convention center",
            "downtown",
            "the Galleria",
            "the strip",
            "Exit 42",
            "the stadium",
            "Hwy 290",
            "the mall",
            "the casino",
            "Buckhead",
        ),
        "street": (
            "Main St",
            "Oak Ave",
            "Elm Street",
            "Westheimer Rd",
            "Lake Shore Dr",
            "Maple Ave",
            "Broadway",
            "Peachtree St",
            "Mission Blvd",
            "Cedar Ln",
            "5th Avenue",
            "Harbor Rd",
        ),
        "country_dest": (
            "Dubai",
            "Qatar",
            "Canada",
            "Japan",
            "Malaysia",
            "Poland",
            "Saudi Arabia",
            "Germany",
            "the UK",
            "Australia",
            "Kuwait",
            "Italy",
        ),
        "country_src": ("the Philippines", "Vietnam", "China", "Thailand", "Ukraine", "Guatemala", "Nigeria"),
        "ethnic": (
            "Asian",
            "Latina",
            "Russian",
            "Ebony",
            "Thai",
            "Korean",
            "Colombian",
            "Brazilian",
            "Ukrainian",
        ),
        "item": (
            "Trek mountain bike",
            "IKEA sofa",
            "iPhone 12 (unlocked)",
            'Samsung 55" TV',
            "queen mattress",
            "dining table with 4 chairs",
            "PS5 with two controllers",
            "Honda Civic 2011",
            "KitchenAid mixer",
            "baby stroller",
            "gas lawn mower",
            "set of golf clubs",
            "mini fridge",
            "office desk",
            "road bike 56cm",
            "electric guitar",
        ),
        "produce": ("strawberries", "peaches", "blueberries", "sweet corn", "tomatoes", "cherries"),
        "job_title_low": (
            "factory workers",
            "cleaners",
            "farm workers",
            "hotel staff",
            "packers",
            "caregivers",
            "kitchen helpers",
            "construction helpers",
        ),
        "hobby": (
            "hiking",
            "cooking Thai food",
            "live music",
            "board games",
            "trail running",
            "painting",
            "old movies",
            "baseball",
            "gardening",
            "rock climbing",
            "reading sci-fi",
            "yoga",
        ),
        "job": (
            "a nurse",
            "a teacher",
            "an accountant",
            "a grad student",
            "a software developer",
            "a paramedic",
            "a chef",
            "a veterinary tech",
            "a paralegal",
            "an electrician",
        ),
        "currency_amount": ("$",),
        "month": ("June", "July", "August", "September", "March", "April", "May", "October"),
    },
    "es": {
        "city": (
            "Madrid",
            "Barcelona",
            "Valencia",
            "Sevilla",
            "Ciudad de México",
            "Bogotá",
            "Lima",
            "Buenos Aires",
            "Guadalajara",
            "Medellín",
            "Monterrey",
            "Málaga",
            "Quito",
            "Santiago",
        ),
        "name_f": (
            "Lucía",
            "Valentina",
            "Camila",
            "Sofía",
            "Daniela",
            "Paula",
            "Andrea",
            "Mariana",
            "Gabriela",
            "Carmen",
            "Ximena",
            "Isabel",
        ),
        "name_m": ("Javier", "Andrés", "Diego", "Carlos", "Miguel", "Pablo", "Alejandro", "Luis", "Jorge"),
        "surname": ("García", "Martínez", "López", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Torres"),
        "landmark": (
            "el centro",
            "la estación",
            "el aeropuerto",
            "la zona rosa",
            "Atocha",
            "la playa",
            "el metro Insurgentes",
            "Chapinero",
        ),
        "street": (
            "Calle Mayor",
            "Av. Reforma",
            "Calle Alcalá",
            "Gran Vía",
            "Av. Corrientes",
            "Calle 85",
            "Paseo de Gracia",
            "Calle Larios",
        ),
        "country_dest": (
            "España",
            "Estados Unidos",
            "Japón",
            "Dubái",
            "Italia",
            "Alemania",
            "Canadá",
            "Suiza",
        ),
        "country_src": ("Venezuela", "Paraguay", "Colombia", "Honduras", "Nicaragua", "Bolivia"),
        "ethnic": ("latinas", "colombianas", "venezolanas", "brasileñas", "rusas", "asiáticas", "rumanas"),
        "item": (
            "bicicleta de montaña",
            "sofá de tres plazas",
            "iPhone 11",
            'televisor Samsung 50"',
            "lavadora Bosch",
            "mesa de comedor",
            "cochecito de bebé",
            "Seat Ibiza 2012",
            "escritorio de oficina",
            "guitarra española",
        ),
        "produce": ("fresas", "naranjas", "aguacates", "mangos", "tomates", "cerezas"),
        "job_title_low": ("limpieza", "cocina", "cuidado de ancianos", "campo", "fábrica", "hoteles"),
        "hobby": ("el senderismo", "la cocina", "el cine", "bailar salsa", "leer", "viajar", "el fútbol"),
        "job": ("enfermera", "profesora", "contadora", "estudiante de posgrado", "diseñadora", "abogada"),
        "currency_amount": ("€", "$"),
        "month": ("junio", "julio", "agosto", "septiembre", "marzo", "abril"),
    },
    "pt": {
        "city": (
            "São Paulo",
            "Rio de Janeiro",
            "Belo Horizonte",
            "Lisboa",
            "Porto",
            "Curitiba",
            "Salvador",
            "Recife",
            "Fortaleza",
            "Brasília",
            "Campinas",
            "Florianópolis",
        ),
        "name_f": (
            "Ana",
            "Juliana",
            "Fernanda",
            "Beatriz",
            "Camila",
            "Larissa",
            "Mariana",
            "Letícia",
            "Rafaela",
        ),
        "name_m": ("João", "Pedro", "Lucas", "Rafael", "Gustavo", "Thiago", "Bruno", "Felipe"),
        "surname": ("Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Ferreira"),
        "landmark": (
            "o centro",
            "a rodoviária",
            "o aeroporto",
            "a Paulista",
            "Copacabana",
            "o metrô",
            "a orla",
        ),
        "street": (
            "Rua Augusta",
            "Av. Paulista",
            "Rua das Flores",
            "Av. Atlântica",
            "Rua da Prata",
            "Rua XV de Novembro",
            "Av. da Liberdade",
        ),
        "country_dest": (
            "Portugal",
            "Espanha",
            "Japão",
            "Suíça",
            "Dubai",
            "Itália",
            "Estados Unidos",
            "Inglaterra",
        ),
        "country_src": ("Paraguai", "Bolívia", "Venezuela", "Haiti", "Angola"),
        "ethnic": ("morenas", "loiras", "paraguaias", "venezuelanas", "orientais", "gaúchas", "ruivas"),
        "item": (
            "bicicleta aro 29",
            "sofá retrátil",
            "iPhone 11",
            'TV LG 50"',
            "geladeira Brastemp",
            "mesa de jantar",
            "carrinho de bebê",
            "Gol 2014",
            "notebook Dell",
            "violão Giannini",
        ),
        "produce": ("morangos", "mangas", "laranjas", "abacates", "tomates", "cerejas"),
        "job_title_low": ("limpeza", "cozinha", "cuidadora", "colheita", "fábrica", "obras"),
        "hobby": ("trilhas", "cozinhar", "cinema", "dançar forró", "ler", "viajar", "futebol"),
        "job": ("enfermeira", "professora", "contadora", "estudante de mestrado", "designer", "advogada"),
        "currency_amount": ("R$", "€"),
        "month": ("junho", "julho", "agosto", "setembro", "março", "abril"),
    },
    "fr": {
        "city": (
            "Paris",
            "Lyon",
            "Marseille",
            "Toulouse",
            "Lille",
            "Bordeaux",
            "Nice",
            "Montréal",
            "Bruxelles",
            "Genève",
            "Nantes",
            "Strasbourg",
            "Québec",
        ),
        "name_f": ("Camille", "Léa", "Chloé", "Manon", "Inès", "Sarah", "Julie", "Emma", "Amélie", "Yasmine"),
        "name_m": ("Thomas", "Nicolas", "Julien", "Mehdi", "Antoine", "Hugo", "Karim", "Louis"),
        "surname": ("Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefèvre", "Roux", "Fontaine"),
        "landmark": ("la gare", "le centre-ville", "l'aéroport", "Pigalle", "la Défense", "le Vieux-Port"),
        "street": (
            "rue de la République",
            "boulevard Voltaire",
            "rue Sainte-Catherine",
            "avenue Jean-Jaurès",
            "rue du Faubourg",
            "cours Mirabeau",
        ),
        "country_dest": ("Dubaï", "la Suisse", "le Canada", "le Qatar", "le Japon", "l'Italie", "Monaco"),
        "country_src": ("Roumanie", "Nigeria", "Cameroun", "Chine", "Bulgarie"),
        "ethnic": ("asiatiques", "latines", "russes", "africaines", "brésiliennes", "roumaines", "métisses"),
        "item": (
            "vélo de route",
            "canapé d'angle",
            "iPhone 12",
            'télé Samsung 55"',
            "lave-linge",
            "table en chêne",
            "poussette",
            "Clio 4",
            "bureau d'angle",
            "guitare acoustique",
        ),
        "produce": ("fraises", "cerises", "abricots", "tomates", "pêches", "framboises"),
        "job_title_low": ("ménage", "restauration", "bâtiment", "aide à domicile", "vendanges", "usine"),
        "hobby": ("la randonnée", "la cuisine", "le cinéma", "la danse", "la lecture", "les voyages"),
        "job": ("infirmière", "professeure", "comptable", "étudiante en master", "graphiste", "avocate"),
        "currency_amount": ("€",),
        "month": ("juin", "juillet", "août", "septembre", "mars", "avril"),
    },
    "*": {
        "alias": (
            "Candy",
            "Honey",
            "Bella",
            "Kitty",
            "Roxy",
            "Jade",
            "Luna",
            "Cherry",
            "Destiny",
            "Angel",
            "Amber",
            "Lexi",
            "Coco",
            "Mimi",
            "Star",
            "Baby",
            "Sasha",
            "Nikki",
            "Lola",
            "Barbie",
        ),
        "emo_sexy": ("🌹", "💋", "🍑", "💦", "🔥", "😘", "👅", "💕", "🌹🌹", "💋🔥", "😍", "👑"),
        "emo_young": ("🍒", "🍭", "🍬", "🎀", "🧸", "🍒🍭", "🆕🍒", "👶"),
        "emo_neutral": ("🙂", "✨", "👍", "😊", "📦", "🏠", "🚲", "☀️", "🌿", "💪", "📍", ""),
        "emo_job": ("✈️", "💼", "💰", "🌍", "💵", "🛫", "✅", "‼️", "🔥"),
        "emo_spa": ("💆", "🌸", "🧖", "✨", "🌺", "💆‍♀️"),
        "employer_farm": (
            "Blue Ridge Orchards LLC",
            "Valley Harvest Farms",
            "Sunny Acres Berry Co.",
            "Okanagan Fruit Growers Co-op",
            "Marston Family Farms",
            "Green Valley Produce Inc.",
        ),
        "employer_construction": (
            "Harborview Construction",
            "Stonebridge Builders Inc.",
            "Keystone Electric Co.",
            "Summit Concrete LLC",
            "Redline Framing",
            "Mercer & Sons General Contractors",
        ),
        "cruise_line": (
            "Azure Seas Cruise Line",
            "Northstar Cruises",
            "Coral Horizon Cruises",
            "Meridian Voyages",
        ),
        "agency_aupair": (
            "Cultural Care Connect",
            "BrightStart Au Pair USA",
            "Global Nanny Exchange",
            "HomeAbroad Au Pair Program",
        ),
        "agency_model": (
            "Northlight Models",
            "Meridian Talent Management",
            "Studio Nine Agency",
            "Parkside Models & Talent",
        ),
        "visa_firm": (
            "Reyes & Koh Immigration Law",
            "Maple Pathways Immigration",
            "Atlas Visa Consultants",
            "Lindqvist Immigration Services",
        ),
        "restaurant": (
            "Luigi's Trattoria",
            "The Copper Pot",
            "Saigon Corner",
            "Bluebird Diner",
            "Casa Oaxaca",
            "Harvest Table",
            "El Fogón",
            "Chez Marcel",
        ),
        "spa_name": (
            "Lotus",
            "Golden Palm",
            "Jasmine",
            "Oriental Pearl",
            "Bamboo Garden",
            "Happy Feet",
            "Sakura",
            "Orchid",
            "Royal Thai",
            "Paradise",
        ),
        "bakery": (
            "Rise & Shine",
            "La Petite Mie",
            "Crumb & Co.",
            "Sweet Dough",
            "Pan de Casa",
            "Forno Bello",
        ),
        "farm": (
            "Hillside Farm",
            "Miller's Berry Patch",
            "Twin Oaks Orchard",
            "Sweetwater Farm",
            "Red Barn Farm",
        ),
        "website": (
            "www.example-clinic.com",
            "northlightmodels.example",
            "careers.example.com",
            "www.bookthera.example",
            "apply.example.org",
            "www.example-spa.com",
            "jobs.example.net",
        ),
        "sea": ("the Pacific", "Thailand", "the Gulf", "Indonesian waters", "Africa's coast"),
        "highway": ("I-35", "I-45", "Hwy 99", "I-95", "the freeway", "Route 1", "I-10"),
    },
}

Filler = Callable[[random.Random, str, dict[str, str]], str]


def _pick(rng: random.Random, lang: str, slot: str) -> str:
    pool = POOLS.get(lang, {}).get(slot) or POOLS["en"].get(slot) or POOLS["*"][slot]
    return rng.choice(pool)


# ---------------------------------------------------------------- contacts (per template pool)
def make_phone(rng: random.Random, lang: str) -> str:
    """A phone number in one of several national formats (US numbers in the fictional 555-01xx range)."""
    d = lambda n: "".join(str(rng.randrange(10)) for _ in range(n))  # noqa: E731
    if lang == "en":
        area = rng.choice(
            ("713", "404", "702", "602", "305", "214", "303", "206", "312", "407", "619", "416")
        )
        line = f"01{d(2)}"
        fmt = rng.randrange(6)
        return (
            f"({area}) 555-{line}",
            f"{area}-555-{line}",
            f"{area}.555.{line}",
            f"{area}555{line}",
            f"+1 {area} 555 {line}",
            f"1-{area}-555-{line}",
        )[fmt]
    if lang == "es":
        if rng.random() < 0.5:  # Spain mobile
            body = f"6{d(2)} {d(2)} {d(2)} {d(2)}"
            return rng.choice((f"+34 {body}", body, body.replace(" ", "")))
        body = f"55 {d(4)} {d(4)}"  # Mexico City
        return rng.choice((f"+52 {body}", body, f"+57 3{d(2)} {d(3)} {d(4)}"))
    if lang == "pt":
        if rng.random() < 0.7:
            ddd = rng.choice(("11", "21", "31", "41", "71", "81", "85"))
            return rng.choice((f"({ddd}) 9{d(4)}-{d(4)}", f"+55 {ddd} 9{d(4)} {d(4)}", f"{ddd}9{d(8)}"))
        return rng.choice((f"+351 9{d(2)} {d(3)} {d(3)}", f"9{d(2)} {d(3)} {d(3)}"))
    if lang == "fr":
        if rng.random() < 0.8:
            body = f"0{rng.choice('67')} {d(2)} {d(2)} {d(2)} {d(2)}"
            return rng.choice((body, body.replace(" ", "."), "+33 " + body[1:]))
        return f"+1 514 {d(3)} {d(4)}"
    return d(10)


_HANDLE_WORDS = (
    "sweet",
    "vip",
    "angel",
    "honey",
    "star",
    "luna",
    "work",
    "jobs",
    "agency",
    "team",
    "real",
    "pretty",
    "model",
    "casting",
    "travel",
    "new",
    "babe",
    "lux",
    "elite",
    "dream",
)


def make_handle(rng: random.Random) -> str:
    separator = rng.choice(("_", ".", ""))
    return f"{rng.choice(_HANDLE_WORDS)}{separator}{rng.choice(_HANDLE_WORDS)}{rng.randrange(100)}"


def make_email(rng: random.Random, lang: str, name: str) -> str:
    base = name.lower().replace(" ", ".").translate(str.maketrans("áéíóúãõçâêôüñèà", "aeiouaocaeounea"))
    domain = rng.choice(("gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "proton.me", "mail.example"))
    if lang == "fr":
        domain = rng.choice(("gmail.com", "orange.fr", "laposte.net", "hotmail.fr"))
    elif lang == "pt":
        domain = rng.choice(("gmail.com", "hotmail.com", "uol.com.br", "sapo.pt"))
    return f"{base}{rng.randrange(10, 99)}@{domain}"


def _contact_pool(rng: random.Random, lang: str, size: int) -> list[dict[str, str]]:
    pool = []
    for _ in range(size):
        name = f"{_pick(rng, lang, 'name_f')} {_pick(rng, lang, 'surname')}"
        pool.append(
            {
                "phone": make_phone(rng, lang),
                "handle": make_handle(rng),
                "email": make_email(rng, lang, name),
            }
        )
    return pool


# ---------------------------------------------------------------- numeric / derived slots
def _num(lo: int, hi: int, step: int = 1) -> Filler:
    return lambda rng, lang, row: str(rng.randrange(lo, hi + 1, step))


def _money(lo: int, hi: int, step: int) -> Filler:
    def fill(rng: random.Random, lang: str, row: dict[str, str]) -> str:
        value = rng.randrange(lo, hi + 1, step)
        text = f"{value:,}" if lang == "en" else f"{value:,}".replace(",", ".")
        return text

    return fill


def _phone_obf(rng: random.Random, lang: str, row: dict[str, str]) -> str:
    phone = row["phone"]
    return phone if rng.random() < 0.3 else obfuscate_digits(phone, rng)


def _address(rng: random.Random, lang: str, row: dict[str, str]) -> str:
    number = rng.randrange(12, 4800)
    street = _pick(rng, lang, "street")
    if lang in ("en",):
        return f"{number} {street}, {row.get('city') or _pick(rng, lang, 'city')}"
    return f"{street} {number}, {row.get('city') or _pick(rng, lang, 'city')}"


def _distinct(base: str) -> Filler:
    def fill(rng: random.Random, lang: str, row: dict[str, str]) -> str:
        taken = {value for key, value in row.items() if key.startswith(base)}
        for _ in range(20):
            value = _pick(rng, lang, base)
            if value not in taken:
                return value
        return value

    return fill


FILLERS: dict[str, Filler] = {
    "phone_obf": _phone_obf,
    "address": _address,
    "city2": _distinct("city"),
    "city3": _distinct("city"),
    "ethnic2": _distinct("ethnic"),
    "ethnic3": _distinct("ethnic"),
    "alias2": _distinct("alias"),
    "hobby2": _distinct("hobby"),
    "age_adult": _num(22, 38),
    "age_young": _num(18, 19),
    "age_minor": _num(14, 17),
    "p_hh": _num(80, 160, 10),
    "p_h": _num(150, 300, 10),
    "p_massage": _num(70, 110, 5),
    "p_massage2": _num(100, 160, 5),
    "p_item": _num(25, 900, 5),
    "p_small": _num(3, 12),
    "rent": _money(550, 1900, 25),
    "wage": _num(16, 28),
    "wage2": _num(30, 46),
    "salary_high": _money(3500, 9000, 500),
    "salary_legit": _money(1400, 2600, 50),
    "daily_high": _num(500, 1500, 100),
    "fee": _money(300, 4000, 100),
    "n": _num(3, 40),
    "n_years": _num(3, 20),
    "license": _num(10000, 99999),
    "job_order": _num(100000, 999999),
    "day": _num(1, 28),
    "aupair_stipend": _num(196, 320, 4),
    "trip": _money(499, 1899, 50),
    "full_name": lambda rng, lang, row: f"{_pick(rng, lang, 'name_f')} {_pick(rng, lang, 'surname')}",
    "full_name_m": lambda rng, lang, row: f"{_pick(rng, lang, 'name_m')} {_pick(rng, lang, 'surname')}",
}


def fill_slot(slot: str, rng: random.Random, lang: str, row: dict[str, str]) -> str:
    if slot in row:
        return row[slot]
    value = FILLERS[slot](rng, lang, row) if slot in FILLERS else _pick(rng, lang, slot)
    row[slot] = value
    return value


def expand(pattern: str, rng: random.Random, lang: str, contact: dict[str, str]) -> str:
    """Resolve ``{a|b}`` choices (innermost first) then ``<slot>`` fillers; a slot is stable within a row."""
    text = pattern
    while True:
        text, count = CHOICE_RE.subn(lambda m: rng.choice(m.group(1).split("|")), text)
        if not count:
            break
    row: dict[str, str] = dict(contact)
    text = SLOT_RE.sub(lambda m: fill_slot(m.group(1), rng, lang, row), text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" ([,.!?;:])", r"\1", text)
    return text.strip()


# ---------------------------------------------------------------- rows
def _row_count(template: Template, total_weight: float, target: int) -> int:
    return max(3, round(target * template.weight / total_weight))


def generate(*, seed: int = DEFAULT_SEED, target: int = DEFAULT_TARGET) -> list[dict[str, Any]]:
    """All generated rows, deterministic for ``seed``."""
    rng = random.Random(seed)
    total_weight = sum(t.weight for t in TEMPLATES)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for template in TEMPLATES:
        contacts = _contact_pool(rng, template.lang, size=rng.randint(1, 3))
        wanted = _row_count(template, total_weight, target)
        made = attempts = 0
        while made < wanted and attempts < wanted * 20:
            attempts += 1
            text = expand(template.pattern, rng, template.lang, rng.choice(contacts))
            if text in seen:
                continue
            seen.add(text)
            made += 1
            rows.append(
                {
                    "id": f"gen-{len(rows):05d}",
                    "text": text,
                    "label": template.label,
                    "categories": list(template.categories),
                    "lang": template.lang,
                    "genre": template.genre,
                    "cluster": f"tpl:{template.id}",
                    "source": "generated",
                    **({"hard_negative": template.hard_negative} if template.hard_negative else {}),
                }
            )
    return rows


def dumps(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--target", type=int, default=DEFAULT_TARGET)
    parser.add_argument("--output", type=Path, default=GENERATED_PATH)
    args = parser.parse_args(argv)
    rows = generate(seed=args.seed, target=args.target)
    args.output.write_text(dumps(rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {args.output}")


if __name__ == "__main__":
    main()
