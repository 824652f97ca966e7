"""Contacts, prices and stated ages in a posting, including contacts hidden from scrapers.

Every entity keeps the exact span the poster wrote plus a normalized ``value`` that links postings
sharing a contact: E.164 phone numbers, lower-case emails, ``platform:handle`` for messengers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

from classifier.results import Entity, EntityKind

# Regions tried for numbers written without a country code, in order: the first valid parse wins.
DEFAULT_REGIONS = ("US", "ES", "MX", "BR", "PT", "FR", "CA", "GB", "CO", "AR")

DIGIT_WORDS: dict[str, str] = {
    # en
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9",
    # es
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6", "siete": "7",
    "ocho": "8", "nueve": "9",
    # pt
    "um": "1", "dois": "2", "quatro": "4", "sete": "7", "oito": "8", "nove": "9",
    # fr
    "zéro": "0", "un": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "sept": "7", "huit": "8",
    "neuf": "9",
}  # fmt: skip
LETTER_DIGITS = {"o": "0", "O": "0", "l": "1", "I": "1"}

PLATFORMS: dict[str, str] = {
    "whatsapp": "whatsapp", "whats app": "whatsapp", "wa": "whatsapp", "wsp": "whatsapp", "zap": "whatsapp",
    "telegram": "telegram", "tg": "telegram", "telegrm": "telegram",
    "kik": "kik", "snapchat": "snapchat", "snap": "snapchat", "sc": "snapchat",
    "instagram": "instagram", "insta": "instagram", "ig": "instagram",
    "signal": "signal", "wechat": "wechat", "line": "line", "skype": "skype", "onlyfans": "onlyfans",
    "viber": "viber", "facebook": "facebook", "fb": "facebook",
}  # fmt: skip

_PLATFORM_ALT = "|".join(
    sorted((re.escape(p).replace(r"\ ", r"\s?") for p in PLATFORMS), key=len, reverse=True)
)
# Aliases that are also everyday words ("line cook", "signal boost", "wa" in "wanted" is excluded by the
# word boundary) only introduce a handle with an explicit separator or an "@".
GENERIC_ALIASES = frozenset({"wa", "zap", "tg", "snap", "sc", "ig", "fb", "line", "signal"})
HANDLE_RE = re.compile(
    rf"(?<![\w@])(?P<platform>{_PLATFORM_ALT})\b\s*(?:id|me|only|handle|user)?\s*"
    r"(?P<sep>[:=\-–>]|\bat\b|\bis\b)?\s*"
    r"(?P<at>@)?(?P<handle>[A-Za-z][\w.]{2,31})(?<!\.)",
    re.IGNORECASE,
)
BARE_HANDLE_RE = re.compile(r"(?<![\w@.])@(?P<handle>[A-Za-z][\w.]{2,31})(?<!\.)")
EMAIL_RE = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)*\.[a-z]{2,})\b", re.IGNORECASE)
OBFUSCATED_EMAIL_RE = re.compile(
    r"(?<![\w.+-])(?P<user>[\w.+-]{2,})\s*(?:\(at\)|\[at\]|\{at\}|\sat\s|\sarroba\s|\s@\s)\s*"
    r"(?P<domain>[\w-]{2,})\s*(?:\(dot\)|\[dot\]|\{dot\}|\sdot\s|\spunto\s|\sponto\s|\spoint\s|\s\.\s)\s*"
    r"(?P<tld>com|net|org|fr|es|br|pt|mx|me|co|io|info|ca|uk)\b",
    re.IGNORECASE,
)
URL_RE = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"')\]]+|\b[a-z0-9-]{2,}\.(?:com|net|org|io|me|co|info|biz|xyz|ly)/[^\s<>\"')\]]*",
    re.IGNORECASE,
)
PRICE_RE = re.compile(
    r"(?P<cur1>\$|€|£|R\$|US\$|USD|EUR)\s?(?P<amt1>\d{1,3}(?:[,.]\d{3})+|\d+)(?:\s?(?:k\b))?"
    r"(?:\s?(?P<per1>/\s?(?:hr|h|hour|hora|heure|day|dia|día|jour|week|wk|semana|month|mo|mes|mois|mês)\b))?"
    r"|(?P<amt2>\d{2,5})\s?(?P<cur2>\$|€|£|dollars?|euros?|usd|eur|reais|roses|rosas|donation|donativo)"
    r"(?:\s?(?P<per2>/\s?(?:hr|h|hour|hh|qv|hora|heure|day|week|month|mes|mois)\b))?"
    r"|(?P<code>\b(?:hh|qv|hhr|hr|h)\b)\s?[:=\-]?\s?(?P<amt3>\d{2,4})\b"
    r"|(?P<amt4>\d{2,4})\s?/\s?(?P<per4>hr|hh|h|qv|half|hour)\b",
    re.IGNORECASE,
)
AGE_RE = re.compile(
    r"\b(?:(?:i'?m|im|age|aged|edad|idade|âge|age:|tengo|tenho|j'ai|just turned|acabo de cumplir|"
    r"acabei de fazer|only|solo|apenas|seulement)\s*:?\s*(?P<a1>\d{2})\b(?!\s?(?:%|\$|€|/|roses|min))"
    r"|(?P<a2>\d{2})\s?(?:yo|y/o|yrs?|years?(?:\s+old)?|anos|años|ans|ans\b)\b)",
    re.IGNORECASE,
)

# Digit tokens for the de-obfuscating phone scan: digits, digit words, and o/O/l/I next to digits.
_DIGIT_TOKEN_RE = re.compile(
    r"\d+|(?<![A-Za-z])[oOlI](?=[\s\-.*_/)(]*\d)|(?<=\d)[oOlI](?![A-Za-z])|"
    + "|".join(sorted((rf"\b{w}\b" for w in DIGIT_WORDS), key=len, reverse=True)),
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"[\s\-.*_/()\[\]+~–—•|,:]*")


def _digits_of(token: str) -> str:
    lowered = token.lower()
    if lowered in DIGIT_WORDS:
        return DIGIT_WORDS[lowered]
    if token in LETTER_DIGITS:
        return LETTER_DIGITS[token]
    return token


def phone_value(digits: str, *, regions: Iterable[str] = DEFAULT_REGIONS, plus: bool = False) -> str | None:
    """E.164 for a digit string when some region parses it as a valid number, else ``None``."""
    candidates: list[tuple[str, str | None]] = (
        [("+" + digits, None)] if plus else [(digits, region) for region in regions]
    )
    if not plus and digits.startswith(("00", "011")):
        candidates.insert(0, ("+" + digits.removeprefix("00").removeprefix("011"), None))
    for number, region in candidates:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return None


def _fictional_us(digits: str) -> str | None:
    """US 555-01xx numbers are reserved for fiction and not "valid"; examples and tests use them."""
    core = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
    if len(core) == 10 and core[3:6] == "555" and core[0] not in "01":
        return "+1" + core
    return None


def _phones(text: str, regions: tuple[str, ...]) -> list[Entity]:
    found: list[Entity] = []
    matches = list(_DIGIT_TOKEN_RE.finditer(text))
    index = 0
    while index < len(matches):
        run = [matches[index]]
        following = index + 1
        while following < len(matches):
            gap = text[run[-1].end() : matches[following].start()]
            if len(gap) > 4 or _SEPARATOR_RE.fullmatch(gap) is None:
                break
            run.append(matches[following])
            following += 1
        # Shrink from the right until the run is a plausible phone number length.
        while run:
            digits = "".join(_digits_of(m.group()) for m in run)
            if 7 <= len(digits) <= 15:
                break
            run.pop()
        if not run or len(run) == 0:
            index += 1
            continue
        digits = "".join(_digits_of(m.group()) for m in run)
        start, end = run[0].start(), run[-1].end()
        plus = start > 0 and text[start - 1] == "+"
        if plus or (start > 0 and text[start - 1] == "(" and ")" in text[start:end]):
            start -= 1
        written = text[start:end]
        obfuscated = any(not m.group().isdigit() for m in run) or bool(
            re.search(r"\d\s+\d\s+\d|[*_~•|]|\d\.\d\.\d|\d - \d", written)
        )
        value = phone_value(digits, regions=regions, plus=plus) or _fictional_us(digits)
        spelled = sum(m.group().lower() in DIGIT_WORDS for m in run)
        letters = sum(m.group() in LETTER_DIGITS for m in run)
        if value is None and obfuscated and spelled >= 1 and spelled + letters >= 2:
            # A spelled-out number that no region accepts is still a contact worth linking on.
            value = digits
        if value is not None:
            found.append(
                Entity(
                    kind=EntityKind.PHONE,
                    text=written,
                    value=value,
                    start=start,
                    end=end,
                    obfuscated=obfuscated,
                )
            )
            index = matches.index(run[-1]) + 1
        else:
            index += 1
    return found


def _overlaps(entity: Entity, taken: list[tuple[int, int]]) -> bool:
    return any(entity.start < end and start < entity.end for start, end in taken)


def extract_entities(text: str, *, regions: tuple[str, ...] = DEFAULT_REGIONS) -> list[Entity]:
    """All entities in ``text``, sorted by position; contacts win over prices/ages on overlap."""
    entities: list[Entity] = []
    for match in EMAIL_RE.finditer(text):
        entities.append(
            Entity(EntityKind.EMAIL, match.group(), match.group().lower(), match.start(), match.end())
        )
    for match in OBFUSCATED_EMAIL_RE.finditer(text):
        value = f"{match['user']}@{match['domain']}.{match['tld']}".lower()
        entities.append(
            Entity(EntityKind.EMAIL, match.group(), value, match.start(), match.end(), None, True)
        )
    for match in URL_RE.finditer(text):
        url = match.group().rstrip(".,;!?")
        value = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/")
        entities.append(Entity(EntityKind.URL, url, value, match.start(), match.start() + len(url)))
    taken = [(e.start, e.end) for e in entities]
    for phone in _phones(text, regions):
        if not _overlaps(phone, taken):
            entities.append(phone)
    taken = [(e.start, e.end) for e in entities]
    for match in HANDLE_RE.finditer(text):
        handle = match["handle"]
        if handle.lower() in PLATFORMS or handle.lower() in {"only", "me", "at", "is", "or", "and", "for"}:
            continue
        alias = re.sub(r"\s+", " ", match["platform"].lower())
        if alias in GENERIC_ALIASES and not (match["sep"] or match["at"]):
            continue
        platform = PLATFORMS[alias]
        start = match.start("at") if match["at"] else match.start("handle")
        entity = Entity(
            EntityKind.HANDLE,
            text[start : match.end()],
            f"{platform}:{handle.lower()}",
            start,
            match.end(),
            platform,
        )
        if not _overlaps(entity, taken):
            entities.append(entity)
            taken.append((entity.start, entity.end))
    for match in BARE_HANDLE_RE.finditer(text):
        entity = Entity(
            EntityKind.HANDLE, match.group(), f"@:{match['handle'].lower()}", match.start(), match.end(), None
        )
        if not _overlaps(entity, taken):
            entities.append(entity)
            taken.append((entity.start, entity.end))
    for match in PRICE_RE.finditer(text):
        amount = match["amt1"] or match["amt2"] or match["amt3"] or match["amt4"]
        unit = match["cur1"] or match["cur2"] or match["code"] or ""
        per = (match["per1"] or match["per2"] or match["per4"] or "").replace(" ", "").lstrip("/")
        value = f"{re.sub(r'[,.]', '', amount)} {unit.lower()}".strip() + (f"/{per.lower()}" if per else "")
        entity = Entity(EntityKind.PRICE, match.group(), value, match.start(), match.end())
        if not _overlaps(entity, taken):
            entities.append(entity)
            taken.append((entity.start, entity.end))
    for match in AGE_RE.finditer(text):
        number = match["a1"] or match["a2"]
        start, end = match.span("a1") if match["a1"] else match.span()
        if not 10 <= int(number) <= 80:
            continue
        entity = Entity(EntityKind.AGE, text[start:end], str(int(number)), start, end)
        if not _overlaps(entity, taken):
            entities.append(entity)
    return sorted(entities, key=lambda e: (e.start, e.end))
