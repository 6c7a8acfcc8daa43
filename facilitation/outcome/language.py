"""The language check over the form: participants' names, dates of birth, postcodes, phone
numbers, email addresses and agency names that would identify the area, and wording that blames
a named person. A :class:`Flag` names the field and position, never the text it matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..framework import BLAME_PHRASES, FORM_FIELD_BY_KEY, NOT_PUBLISHED_FIELDS
from ..reviews import children
from ..store import Store
from .state import FormState, form_state


@dataclass
class Flag:
    field: str  # field key
    field_name: str
    kind: str  # name, date of birth, postcode, phone number, email address, blame
    line: int  # 1-based
    column: int  # 1-based
    start: int
    end: int
    row: int | None = None  # recommendations: 1-based row
    text: str = field(default="", repr=False)  # what matched: for matching, never for messages

    @property
    def identifier(self) -> bool:
        return self.kind != "blame"

    def where(self) -> str:
        at = f"row {self.row}, " if self.row else ""
        return f"{self.field_name} ({at}line {self.line}, column {self.column})"

    def describe(self) -> str:
        what = {
            "name": "a participant's name",
            "date of birth": "a date of birth",
            "postcode": "a postcode",
            "phone number": "a phone number",
            "email address": "an email address",
            "blame": "wording that blames a named person",
            "agency name": "an agency's own name, which could identify the area",
        }[self.kind]
        return f"{self.where()}: {what}"


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?\d{2,4}|\(?0\d{2,4}\)?)[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
_DOB = re.compile(
    r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\s*:?\s*"
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4})",
    re.IGNORECASE,
)
_TITLES = {"dr", "dc", "ds", "pc", "mr", "mrs", "ms", "miss", "mx", "prof", "cllr", "sgt"}


_GENERIC_AGENCY_WORDS = frozenset(
    "the and of for children's childrens children child young people family families adult "
    "adults social care health visiting visitor visitors nhs trust foundation hospital gp "
    "practice practices surgery police constabulary service services school primary secondary "
    "academy nursery college early years education mental substance misuse drug alcohol "
    "housing probation youth justice team council local authority partnership safeguarding "
    "ambulance midwifery maternity community 0-19 camhs a&e emergency department "
    "department unit centre center public protection".split()
)


def place_names(agency_names: list[str]) -> list[str]:
    """Agency names with a word of their own (a place or a person: 'Northfield Primary
    School'), which a published form should not carry."""
    out = []
    for a in agency_names:
        words = re.findall(r"[\w&'-]+", a.lower())
        if any(w not in _GENERIC_AGENCY_WORDS for w in words):
            out.append(" ".join(a.split()))
    return sorted(set(out), key=len, reverse=True)


def generic_agency(name: str) -> str:
    """'Northfield Primary School' -> 'the primary school'."""
    words = [w for w in name.split() if w.lower() in _GENERIC_AGENCY_WORDS]
    return ("the " + " ".join(words).lower()) if words else "the agency"


def name_patterns(participants: list[dict]) -> list[str]:
    """Full names, and first names and surnames of three letters or more, longest first."""
    names: set[str] = set()
    for p in participants:
        full = " ".join(p["name"].split())
        if not full:
            continue
        names.add(full)
        parts = [w for w in full.replace(".", " ").split() if w.lower() not in _TITLES]
        if parts:
            names.add(" ".join(parts))
            for w in (parts[0], parts[-1]):
                if len(w) >= 3:
                    names.add(w)
    return sorted(names, key=len, reverse=True)


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def check_text(text: str, key: str, names: list[str], row: int | None = None,
               places: list[str] = ()) -> list[Flag]:
    name = FORM_FIELD_BY_KEY[key].name
    found: list[tuple[int, int, str]] = []
    if places:
        rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in places) + r")(?!\w)",
                        re.IGNORECASE)
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), "agency name"))
    for kind, rx in (("email address", _EMAIL), ("date of birth", _DOB),
                     ("postcode", _POSTCODE), ("phone number", _PHONE)):
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), kind))
    if names:
        name_rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b",
                             re.IGNORECASE)
        blame = "|".join(re.escape(b) for b in BLAME_PHRASES)
        for m in name_rx.finditer(text):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            # First names also occur as ordinary words ("Sue", "Mel"): only capitalised.
            if not m.group(0)[:1].isupper():
                continue
            found.append((m.start(), m.end(), "name"))
            sentence_end = re.search(r"[.!?\n]", text[m.end():])
            tail = text[m.end(): m.end() + (sentence_end.start() if sentence_end else 200)]
            lead = text[max(0, m.start() - 30): m.start()]
            if re.search(rf"\b(?:{blame})\b", tail, re.IGNORECASE) or re.search(
                r"\b(?:blame|fault of)\s*$", lead, re.IGNORECASE
            ) or re.match(r"'s fault", tail, re.IGNORECASE):
                found.append((m.start(), m.end(), "blame"))
    flags = []
    for start, end, kind in sorted(found):
        line, col = _position(text, start)
        flags.append(Flag(key, name, kind, line, col, start, end, row, text[start:end]))
    return flags


def publication_fate(flag: Flag, reals: set[str]) -> str:
    """What happens to a flag in the publication export: '' means it still blocks it."""
    if flag.field in NOT_PUBLISHED_FIELDS:
        return "field not published"
    if not flag.identifier:
        return "advice"
    if flag.text.lower() in reals or " ".join(flag.text.split()).lower() in reals:
        return "replaced by the register in the publication text"
    return "" if flag.identifier else "advice"


def language_check(state: FormState, names: list[str], places: list[str] = ()) -> list[Flag]:
    """Flags across every field (as it would be exported) and every recommendation cell.
    ``places``: agency names that would identify the area (checked for publication)."""
    flags: list[Flag] = []
    for f in state.fields:
        flags.extend(field_flags(state, f.key, names, places))
    return flags


def check_words(store: Store, rid: int) -> tuple[list[str], list[str]]:
    """What the language check looks for in this review: (participants' names, agency names
    that would identify the area)."""
    parts = children(store, "participants", rid, order="id")
    places = place_names([a["name"] for a in children(store, "agencies", rid, order="name")]
                         + [p["agency"] for p in parts if p["agency"]])
    return name_patterns(parts), places


def field_flags(state: FormState, key: str, names: list[str],
                places: list[str] = ()) -> list[Flag]:
    """The language check of one field as it would be exported (for the recommendations, each
    row's cells): :func:`language_check` is this, field after field."""
    if key == "recommendations":
        flags: list[Flag] = []
        for i, r in enumerate(state.recommendations, start=1):
            cells = " | ".join(
                (r.get("action") or "", r.get("person_responsible") or "",
                 r.get("timeframe") or "")
            )
            flags.extend(check_text(cells, "recommendations", names, row=i, places=places))
        return flags
    return check_text(state.field(key).body, key, names, places=places)


def review_language_check(store: Store, ref: str) -> list[Flag]:
    state = form_state(store, ref)
    names, places = check_words(store, state.review["id"])
    return language_check(state, names=names, places=places)
