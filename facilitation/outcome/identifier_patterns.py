"""The identifiers the publication checker finds without the register: postcodes, telephone
numbers, email addresses, NHS numbers, complete dates, house numbers with streets, named schools,
nurseries and surgeries, and a capitalised word after a title. Candidates are found by regular
expressions (and the phonenumbers library for telephone numbers); each is (start, end, kind).
:mod:`.identifiers` documents the decisions and is the API; this is its part without the register.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection

POSTCODE = "postcode"
PHONE = "telephone number"
EMAIL = "email address"
NHS = "NHS number"
DATE = "date"
ADDRESS = "house number and street"
PLACE = "named school, nursery or surgery"
TITLED = "title and name"


_POSTCODE = re.compile(r"(?<![\w])([A-Z]{1,2}[0-9][A-Z0-9]?) ?\s*([0-9][A-Z]{2})(?![\w])",
                       re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TEN_DIGITS = re.compile(r"(?<![\d])\d(?:[ \-]?\d){9}(?![\d])")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|00\s?44\s?|\(?0)\d(?:[ \t().\-]{0,2}\d){7,11}(?!\d)")

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(\d{4}|['’]?\d{2})(?![\d:.]\d|\w)"
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_DATE_PATTERNS = (
    ("dmy", re.compile(r"(?<![\w/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\w]|[/.\-]\d)")),
    ("ymd", re.compile(r"(?<![\w/.\-])(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})(?![\w]|[/.\-]\d)")),
    ("d_m_y", re.compile(r"(?<![\w])(?:the\s+)?" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+"
                         + _YEAR,
                         re.IGNORECASE)),
    ("m_d_y", re.compile(r"(?<![\w])" + _MONTH + r"\s+(?:the\s+)?" + _ORD + r",?\s+" + _YEAR,
                         re.IGNORECASE)),
)

_STREET_ANY_CASE = ("Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Drive|Crescent|Cres|Terrace|Terr|Mews|"
                    "Grove|Gardens|Gdns|Boulevard|Close|Cl")
_STREET_CAPITAL = ("Way|Crescent|Place|Pl|Court|Ct|Walk|Rise|Hill|Row|Square|Sq|View|Park|Parade|"
                   "Green|Vale|Wharf|Yard|Fold|Approach|Grange|Croft|Mount|Meadow|Meadows|"
                   "Gate|Bank|Brow|Chase|End|Hollow|Villas|Cottages|Estate|Heights|Wynd")
_NUMBER = r"\d{1,4}[a-zA-Z]?(?:\s?[-–]\s?\d{1,4}[a-zA-Z]?)?"
_CAPWORD = r"[A-Z][\w'’‘ʼ\-]*\.?"
_ADDRESS = re.compile(
    r"(?<![\w£$€.,:/])" + _NUMBER + r",?\s+(?:(?:" + _CAPWORD + r"\s+){1,3}(?:" + _STREET_CAPITAL
    + r"|" + _STREET_ANY_CASE + r")|(?:[A-Za-z][\w'’‘ʼ\-]*\s+){1,3}(?i:" + _STREET_ANY_CASE
    + r"))\b\.?")
_FLAT = re.compile(r"(?<![\w])(?:flat|apartment|apt|unit|room)\.?\s+\d{1,4}[a-zA-Z]?\b",
                   re.IGNORECASE)
_PLACE_WORDS = ("Primary School|Primary Academy|Junior School|Infant School|Infants School|"
                "High School|Secondary School|Grammar School|Community School|Free School|"
                "Medical Centre|Health Centre|Medical Practice|Children's Centre|Children’s Centre|"
                "Family Centre|Primary|Academy|School|Nursery|Pre-School|Preschool|Surgery|"
                "Practice|College")
_PLACE = re.compile(r"((?:" + _CAPWORD + r"\s+){1,4})(?:" + _PLACE_WORDS + r")\b")
_GENERIC = frozenset("""
the a an this that these those his her their our its my your local secondary primary special
new same each every any no gp general dental family virtual which whose other another previous
former current both all at to of in on for from with and or but by when where if nursery school
academy college practice surgery high junior infant infants community free grammar
""".split())
_TITLED = re.compile(r"(?<![\w])(?:Ms|Mr|Mrs|Miss|Dr|Mx|MS|MR|MRS|DR|ms|mr|mrs|dr)\.?"
                     r"\s+[A-Z][\w'’‘ʼ\-]+(?:[ \t]+[A-Z][\w'’‘ʼ\-]+)?")


def _two_digit_year(y: str) -> int:
    y = y.lstrip("'’")
    if len(y) == 4:
        return int(y)
    n = int(y)
    return 2000 + n if n <= datetime.date.today().year % 100 + 10 else 1900 + n


def _make_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _date_of(kind: str, m: re.Match) -> datetime.date | None:
    g = m.groups()
    if kind == "dmy":
        y = _two_digit_year(g[3])
        return _make_date(y, int(g[2]), int(g[0])) or _make_date(y, int(g[0]), int(g[2]))
    if kind == "ymd":
        return _make_date(int(g[0]), int(g[2]), int(g[3]))
    if kind == "d_m_y":
        return _make_date(_two_digit_year(g[2]), _MONTHS[g[1].lower()], int(g[0]))
    return _make_date(_two_digit_year(g[2]), _MONTHS[g[0].lower()], int(g[1]))


def date_in(text_of_hit: str) -> datetime.date | None:
    """The date a "date" hit's text means (numeric dates read day first), or None."""
    for kind, pattern in _DATE_PATTERNS:
        m = pattern.search(text_of_hit)
        if m:
            found = _date_of(kind, m)
            if found:
                return found
    return None


def pattern_hits(text: str, publishable_dates: Collection[datetime.date]
                 ) -> list[tuple[int, int, str]]:
    """Every candidate identifier found without the register, as (start, end, kind); they may
    overlap (the caller keeps the longest)."""
    hits: list[tuple[int, int, str]] = []
    for m in _EMAIL.finditer(text):
        hits.append((m.start(), m.end(), EMAIL))
    for m in _POSTCODE.finditer(text):
        hits.append((m.start(), m.end(), POSTCODE))
    for m in _TEN_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        hits.append((m.start(), m.end(), PHONE if digits[0] == "0" else NHS))
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group().replace("(0)", ""))
        if digits.startswith("0044"):
            digits = digits[2:]
        national = digits[2:] if digits.startswith("44") and m.group().lstrip("(").startswith(
            ("+", "00")) else digits.lstrip("0")
        if 9 <= len(national) <= 10:
            hits.append((m.start(), m.end(), PHONE))
    hits.extend(_phonenumbers_hits(text))
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            found = _date_of(kind, m)
            if found is None or found in publishable_dates:
                continue
            hits.append((m.start(), m.end(), DATE))
    for m in _ADDRESS.finditer(text):
        hits.append((m.start(), m.end(), ADDRESS))
    for m in _FLAT.finditer(text):
        hits.append((m.start(), m.end(), ADDRESS))
    for m in _PLACE.finditer(text):
        start = m.start()
        words = m.group(1).split()
        skip = 0
        while skip < len(words) and words[skip].rstrip(".").casefold() in _GENERIC:
            skip += 1
        if skip == len(words):
            continue
        for w in words[:skip]:
            start = text.index(w, start) + len(w)
        while text[start].isspace():
            start += 1
        hits.append((start, m.end(), PLACE))
    for m in _TITLED.finditer(text):
        hits.append((m.start(), m.end(), TITLED))
    return hits


def _phonenumbers_hits(text: str) -> list[tuple[int, int, str]]:
    if not any(c.isdigit() for c in text):
        return []
    import phonenumbers  # its metadata loads in a fraction of a second: only when digits are there

    out = []
    for m in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        raw = m.raw_string
        digits = re.sub(r"\D", "", raw)
        if len(digits) >= 10 and (raw.lstrip("(").startswith("+") or digits.startswith("0")):
            out.append((m.start, m.end, PHONE))
    return out
