"""Contacts, prices and stated ages in a posting, including contacts hidden from scrapers.

Every entity keeps the exact span the poster wrote plus a normalized ``value`` that links postings
sharing a contact: E.164 phone numbers, lower-case emails, ``platform:handle`` for messengers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers

from classifier.indicators.lexicon import factor
from classifier.results import Entity, EntityKind

# Regions tried for numbers written without a country code, in order: the first valid parse wins.
DEFAULT_REGIONS = ("US", "ES", "MX", "BR", "PT", "FR", "CA", "GB", "CO", "AR")
# Further regions of the lexicon languages, tried for a number written in national format (trunk 0)
# or when the posting's script points at the country (so that dates and sizes are not read as numbers
# of some country with short numbers).
EXTRA_REGIONS = ("RO", "PL", "VN", "TH", "PH", "ID", "RU", "UA", "CN", "AE")

# Spelled-out digits, per language (lower case; accents as usually written, unaccented variants too).
DIGIT_WORDS: dict[str, str] = {
    # en
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9",
    # es
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6", "siete": "7",
    "ocho": "8", "nueve": "9",
    # pt
    "um": "1", "dois": "2", "três": "3", "quatro": "4", "sete": "7", "oito": "8", "nove": "9",
    # fr
    "zéro": "0", "un": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "sept": "7", "huit": "8",
    "neuf": "9",
    # ru / uk
    "ноль": "0", "нуль": "0", "один": "1", "одна": "1", "два": "2", "две": "2", "дві": "2", "три": "3",
    "четыре": "4", "чотири": "4", "пять": "5", "п'ять": "5", "шесть": "6", "шість": "6", "семь": "7",
    "сім": "7", "восемь": "8", "вісім": "8", "девять": "9", "дев'ять": "9",
    # ro
    "unu": "1", "doi": "2", "trei": "3", "patru": "4", "cinci": "5", "șase": "6", "şase": "6", "sase": "6",
    "șapte": "7", "şapte": "7", "sapte": "7", "opt": "8", "nouă": "9", "noua": "9",
    # pl
    "jeden": "1", "dwa": "2", "trzy": "3", "cztery": "4", "pięć": "5", "piec": "5", "sześć": "6",
    "szesc": "6", "siedem": "7", "osiem": "8", "dziewięć": "9", "dziewiec": "9",
    # vi
    "không": "0", "một": "1", "hai": "2", "ba": "3", "bốn": "4", "năm": "5", "sáu": "6", "bảy": "7",
    "tám": "8", "chín": "9",
    # tl
    "sero": "0", "isa": "1", "dalawa": "2", "tatlo": "3", "apat": "4", "lima": "5", "anim": "6", "pito": "7",
    "walo": "8", "siyam": "9",
    # id
    "nol": "0", "kosong": "0", "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "enam": "6", "tujuh": "7",
    "delapan": "8", "sembilan": "9",
    # ar
    "صفر": "0", "واحد": "1", "اثنين": "2", "اثنان": "2", "ثلاثة": "3", "أربعة": "4", "اربعة": "4",
    "خمسة": "5", "ستة": "6", "سبعة": "7", "ثمانية": "8", "تسعة": "9",
}  # fmt: skip
# Scripts written without spaces: their digit words are matched without word boundaries.
UNSPACED_DIGIT_WORDS: dict[str, str] = {
    # th
    "ศูนย์": "0", "หนึ่ง": "1", "สอง": "2", "สาม": "3", "สี่": "4", "ห้า": "5", "หก": "6", "เจ็ด": "7",
    "แปด": "8", "เก้า": "9",
    # zh (幺 is how 1 is read out in phone numbers)
    "零": "0", "〇": "0", "幺": "1", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
    "七": "7", "八": "8", "九": "9",
}  # fmt: skip
_WORD_DIGITS = {**DIGIT_WORDS, **UNSPACED_DIGIT_WORDS}
# Letters used for digits; case-sensitive so that "530i" (a car model) is not "5301".
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
    r"\b(?:(?:i'?m|im|she'?s|she is|he'?s|age|aged|edad|idade|âge|age:|tengo|tenho|tiene|tem|j'ai|elle a|"
    r"just turned|acabo de cumplir|"
    r"acabei de fazer|only|solo|apenas|seulement)\s*:?\s*(?P<a1>\d{2})\b(?!\s?(?:%|\$|€|/|roses|min))"
    r"|(?P<a2>\d{2})\s?(?:yo|y/o|yrs?|years?(?:\s+old)?|anos|años|ans|ans\b)\b"
    # "10 years of experience", "15 ans d'expérience", "20 años en el negocio" are not ages.
    r"(?!\s*(?:of\b|d'|de\b|in\b|at\b|on\b|en\b|na\b|no\b|experience|exp\b|warranty|ago|plus|\+)))",
    re.IGNORECASE,
)

# Digit tokens for the de-obfuscating phone scan: digits, digit words, and o/O/l/I next to digits.
_DIGIT_TOKEN_RE = re.compile(
    r"\d+|(?-i:(?<![A-Za-z])[oOlI](?=[\s\-.*_/)(]*\d)|(?<=\d)[oOlI](?![A-Za-z]))"
    rf"|(?<!\w)(?:{factor(re.escape(word) for word in DIGIT_WORDS)})(?!\w)"
    rf"|{factor(re.escape(word) for word in UNSPACED_DIGIT_WORDS)}",
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"[\s\-.*_/()\[\]+~–—•|,:]*")
# Spacing and symbols that break a number up for scrapers ("5 5 5", "713*555", "5.5.5"); national
# formats such as "+33 6 12 34 56 78" are not among them.
_OBFUSCATION_MARKS_RE = re.compile(r"(?<!\d)\d\s+\d\s+\d(?!\d)|[*_~•|]|\d\.\d\.\d|\d - \d")


@dataclass(frozen=True, slots=True)
class _Cleaned:
    """The text the extractors read: invisible characters removed, emoji turned into blanks,
    full-width and other compatibility digits folded to ASCII. ``positions[i]`` is the original index
    of clean character ``i``; ``tampered`` holds clean indices next to a removed or disguised char."""

    text: str
    positions: tuple[int, ...] | None
    tampered: frozenset[int]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of clean ``[start, end)``, with the invisible characters right after it
        (a keycap's variation selector and enclosing mark belong to its digit)."""
        if self.positions is None:
            return start, end
        last = self.positions[end] if end < len(self.positions) else self.original_length
        return self.positions[start], last

    def is_tampered(self, start: int, end: int) -> bool:
        return any(start <= index < end for index in self.tampered)


def _clean(text: str) -> _Cleaned:
    if text.isascii():
        return _Cleaned(text, None, frozenset(), len(text))
    chars: list[str] = []
    positions: list[int] = []
    tampered: set[int] = set()
    for index, char in enumerate(text):
        if char.isascii():
            chars.append(char)
            positions.append(index)
            continue
        category = unicodedata.category(char)
        if category in ("Cf", "Me") or "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef":
            # Zero-width space/joiners, bidi controls, keycap enclosers, variation selectors: the
            # characters on both sides were written apart on purpose.
            tampered.update((len(chars) - 1, len(chars)))
            continue
        replacement = char
        if category == "Nd":
            replacement = str(unicodedata.digit(char))
            if unicodedata.normalize("NFKC", char) != char:  # full-width, mathematical, …
                tampered.add(len(chars))
        elif category in ("So", "Sk"):
            replacement = " "
            tampered.add(len(chars))
        else:
            compat = unicodedata.normalize("NFKC", char)
            if len(compat) == 1 and compat.isascii():
                replacement = compat
                tampered.add(len(chars))
            elif char in "’‘ʼ":
                replacement = "'"
        chars.append(replacement)
        positions.append(index)
    return _Cleaned("".join(chars), tuple(positions), frozenset(tampered), len(text))


def _digits_of(token: str) -> str:
    lowered = token.lower()
    if lowered in _WORD_DIGITS:
        return _WORD_DIGITS[lowered]
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


_GROUP_RE = re.compile(r"[0-9oOlI]+")
# Dates and times ("6/1/2017", "9:30") are not parts of a phone number.
_DATE_TIME_RE = re.compile(
    r"(?<![\d/])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])|(?<![\d:])\d{1,2}:\d{2}(?![\d:])"
)
# A posting's script says which country a number without country code most likely belongs to.
_SCRIPT_REGIONS = (
    (re.compile(r"[\u0e00-\u0e7f]"), ("TH",)),
    (re.compile(r"[\u4e00-\u9fff]"), ("CN", "TW", "HK")),
    (re.compile(r"[\u0400-\u04ff]"), ("RU", "UA")),
    (re.compile(r"[\u0600-\u06ff]"), ("AE", "SA", "EG")),
    (re.compile(r"[ăđơư\u1ea0-\u1ef9]", re.IGNORECASE), ("VN",)),
    (re.compile(r"[șşțţ]", re.IGNORECASE), ("RO",)),
    (re.compile(r"[ąęłśżźćń]", re.IGNORECASE), ("PL",)),
)


def _regions_for(text: str, regions: tuple[str, ...]) -> tuple[str, ...]:
    if text.isascii():
        return regions
    hinted = [region for regex, hint in _SCRIPT_REGIONS if regex.search(text) for region in hint]
    return tuple(dict.fromkeys((*hinted, *regions)))


def _value(digits: str, regions: tuple[str, ...], plus: bool) -> str | None:
    value = phone_value(digits, regions=regions, plus=plus) or _fictional_us(digits)
    if value is None and not plus and digits.startswith("0") and len(digits) >= 9:
        value = phone_value(digits, regions=EXTRA_REGIONS)
    return value


def _joins(text: str, previous: re.Match[str], following: re.Match[str]) -> bool:
    """Whether two digit tokens belong to one number."""
    gap = text[previous.end() : following.start()]
    if len(gap) > 4 or _SEPARATOR_RE.fullmatch(gap) is None:
        return False
    if (previous.group() in UNSPACED_DIGIT_WORDS) != (following.group() in UNSPACED_DIGIT_WORDS) and gap:
        return False  # "(925)一 322": a CJK "one" used as a dash between Latin digits
    if gap in (".", ","):
        # "23.4", "11.67", "102,900" are decimals and thousands, not phone groups — unless the number
        # is written digit by digit ("5.5.5.0.1.2.3", "Nine, 2, Five").
        single = len(_digits_of(previous.group())) == 1 and len(_digits_of(following.group())) == 1
        group = _GROUP_RE.match(text, following.start())
        if not single and (gap == "," or group is None or len(group.group()) < 3):
            return False
    return True


def _phones(cleaned: _Cleaned, regions: tuple[str, ...]) -> list[tuple[int, int, str, bool]]:
    """``(start, end, value, obfuscated)`` of phone numbers, in clean-text offsets."""
    text = cleaned.text
    found: list[tuple[int, int, str, bool]] = []
    dates = [match.span() for match in _DATE_TIME_RE.finditer(text)]
    matches = [
        match
        for match in _DIGIT_TOKEN_RE.finditer(text)
        if not any(start <= match.start() < end for start, end in dates)
    ]
    index = 0
    while index < len(matches):
        run = [matches[index]]
        following = index + 1
        while following < len(matches) and _joins(text, run[-1], matches[following]):
            run.append(matches[following])
            following += 1
        # Shrink from the right until the run is a plausible phone number length.
        while run:
            digits = "".join(_digits_of(m.group()) for m in run)
            if 7 <= len(digits) <= 15:
                break
            run.pop()
        if not run:
            index += 1
            continue
        start, end = run[0].start(), run[-1].end()
        plus = start > 0 and text[start - 1] == "+"
        if plus or (start > 0 and text[start - 1] == "(" and ")" in text[start:end]):
            start -= 1
        obfuscated = (
            any(not m.group().isdigit() for m in run)
            or bool(_OBFUSCATION_MARKS_RE.search(text, start, end))
            or cleaned.is_tampered(start, end)
        )
        value = _value(digits, regions, plus)
        spelled = sum(not m.group().isdigit() and m.group() not in LETTER_DIGITS for m in run)
        letters = sum(m.group() in LETTER_DIGITS for m in run)
        if value is None and obfuscated and spelled >= 1 and spelled + letters >= 2:
            # A spelled-out number that no region accepts is still a contact worth linking on.
            value = digits
        if value is not None:
            found.append((start, end, value, obfuscated))
            index = matches.index(run[-1]) + 1
        else:
            index += 1
    return found


class _Collector:
    """Entities found in the clean text, reported with spans and text of the ORIGINAL posting."""

    def __init__(self, original: str, cleaned: _Cleaned) -> None:
        self.original = original
        self.cleaned = cleaned
        self.entities: list[Entity] = []
        self.taken: list[tuple[int, int]] = []

    def add(
        self,
        kind: EntityKind,
        start: int,
        end: int,
        value: str,
        *,
        platform: str | None = None,
        obfuscated: bool = False,
        exclusive: bool = True,
    ) -> None:
        """Record an entity at clean ``[start, end)`` unless it overlaps one already taken."""
        if exclusive and any(
            start < other_end and other_start < end for other_start, other_end in self.taken
        ):
            return
        first, last = self.cleaned.span(start, end)
        obfuscated = obfuscated or self.cleaned.is_tampered(start, end)
        self.entities.append(
            Entity(kind, self.original[first:last], value, first, last, platform, obfuscated)
        )
        self.taken.append((start, end))


def extract_entities(text: str, *, regions: tuple[str, ...] = DEFAULT_REGIONS) -> list[Entity]:
    """All entities in ``text``, sorted by position; contacts win over prices/ages on overlap.

    Extraction reads the text with zero-width and format characters removed and emoji turned into
    blanks (a number split by invisible characters is still found, and flagged as disguised); spans and
    ``text`` always refer to the original posting.
    """
    cleaned = _clean(text)
    clean = cleaned.text
    found = _Collector(text, cleaned)
    for match in EMAIL_RE.finditer(clean):
        found.add(EntityKind.EMAIL, *match.span(), match.group().lower(), exclusive=False)
    for match in OBFUSCATED_EMAIL_RE.finditer(clean):
        value = f"{match['user']}@{match['domain']}.{match['tld']}".lower()
        found.add(EntityKind.EMAIL, *match.span(), value, obfuscated=True, exclusive=False)
    for match in URL_RE.finditer(clean):
        url = match.group().rstrip(".,;!?")
        value = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/")
        found.add(EntityKind.URL, match.start(), match.start() + len(url), value, exclusive=False)
    for start, end, value, obfuscated in _phones(cleaned, _regions_for(clean, regions)):
        found.add(EntityKind.PHONE, start, end, value, obfuscated=obfuscated)
    for match in HANDLE_RE.finditer(clean):
        handle = match["handle"]
        if handle.lower() in PLATFORMS or handle.lower() in {"only", "me", "at", "is", "or", "and", "for"}:
            continue
        alias = re.sub(r"\s+", " ", match["platform"].lower())
        if alias in GENERIC_ALIASES and not (match["sep"] or match["at"]):
            continue
        platform = PLATFORMS[alias]
        start = match.start("at") if match["at"] else match.start("handle")
        found.add(EntityKind.HANDLE, start, match.end(), f"{platform}:{handle.lower()}", platform=platform)
    for match in BARE_HANDLE_RE.finditer(clean):
        found.add(EntityKind.HANDLE, *match.span(), f"@:{match['handle'].lower()}")
    for match in PRICE_RE.finditer(clean):
        amount = match["amt1"] or match["amt2"] or match["amt3"] or match["amt4"]
        unit = match["cur1"] or match["cur2"] or match["code"] or ""
        per = (match["per1"] or match["per2"] or match["per4"] or "").replace(" ", "").lstrip("/")
        value = f"{re.sub(r'[,.]', '', amount)} {unit.lower()}".strip() + (f"/{per.lower()}" if per else "")
        found.add(EntityKind.PRICE, *match.span(), value)
    for match in AGE_RE.finditer(clean):
        number = match["a1"] or match["a2"]
        start, end = match.span("a1") if match["a1"] else match.span()
        if 10 <= int(number) <= 80:
            found.add(EntityKind.AGE, start, end, str(int(number)))
    return sorted(found.entities, key=lambda e: (e.start, e.end))
