"""Reading who owns an action and by when out of the words of an action note, so a candidate
recommendation arrives with Person Responsible and Timeframe filled in for the chair to confirm.

``parse_action("Audit discharge letters, owner L&I chair, by March", anchor)`` gives the action
``Audit discharge letters``, the owner ``L&I chair`` and the timeframe ``by March 2027``. Owners
are read from ``owner X`` (after a comma, a bracket or at the start), ``owner: X``, ``owned by
X``, ``lead: X``, ``led by X``, ``responsible: X`` and from a leading ``X to <verb>`` when X
reads as an owner (an agency, a role, a team: ``Police and education to agree …``). Timeframes
are dates and periods (``31/03/2027``, ``31 March 2027``, ``within 3 months``, ``within six
weeks``) and month or quarter ends without a year (``by March``, ``end of Q2``), which are given
the year that comes next after ``anchor`` (the day the note was taken) so that the timeframe is a
wording :func:`facilitation.dates.due_from_timeframe` understands; quarters are the financial
year's (Q1 is April to June), as councils and the NHS count them. A timeframe that function
would not understand is left in the action.

Nothing is lost: every word of the note is in the action, the owner or the timeframe, except the
few words that only joined them (``owner``, ``lead``, ``led by``, ``to``). A note that gives
neither comes back whole as the action. Never raises.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Iterable, NamedTuple

from ..dates import due_from_timeframe
from ..inputs import SHORT

# Words that only join an owner or timeframe to the action; the parser may drop them.
CONNECTORS = frozenset({"owner", "owned", "by", "lead", "led", "responsible", "to"})

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RX = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER_RX = (r"\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve")
_UNIT_RX = r"working\s+days?|days?|weeks?|fortnights?|months?|years?"
_YEAR = r"(?:\d{4})"
_DATE_RX = (
    rf"\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})(?![\d/.])"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?!\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTH_RX})\.?,?\s+{_YEAR}\b"
    rf"|(?:{_MONTH_RX})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b"
    rf"|(?:the\s+)?(?:end\s+of\s+)?(?:the\s+)?(?:{_MONTH_RX})\.?,?\s+{_YEAR}\b"
    rf"|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:year\s+)?{_YEAR}\b"
)
# One timeframe phrase, with the word that introduces it. Group "bare" is a month or a quarter
# with no year, to which the next year is added.
_TIMEFRAME = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?:(?:by|before|no\s+later\s+than|on\s+or\s+before)\s+)?(?:{_DATE_RX})"
    rf"|(?:within|in|over)\s+(?:the\s+next\s+)?(?:{_NUMBER_RX})\s+(?:{_UNIT_RX})\b"
    rf"|(?P<bare>(?:by\s+|before\s+)?(?:the\s+)?(?:end\s+of\s+)?(?:the\s+)?"
    rf"(?:(?P<month>{_MONTH_RX})|(?P<quarter>q[1-4])))\b(?![-/]\d)"
    rf")",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_TIMEFRAME_WORDS = frozenset(
    [*_MONTHS, "q1", "q2", "q3", "q4", "day", "days", "week", "weeks", "fortnight", "fortnights",
     "month", "months", "year", "years"])
_PUNCTUATION = str.maketrans({c: " " for c in ".,;:()[]!?'\"/"})
_OWNER_HINTS = ("owner", "owned by", "lead:", "led by", "responsible:")
# Words after 'by' or 'before' that make a month name a verb or a name, not a date ('may').
_DEADLINE = re.compile(r"(?:by|before|(?:the\s+)?end)\b", re.IGNORECASE)
_NOT_A_MONTH_AFTER = re.compile(r"\s*(?:be|have|not|need|want|wish|also)\b", re.IGNORECASE)

_END = r"(?=\s*(?:[,;:()\[\]]|\.(?:\s|$)|$|\s+(?:by|within|before|in\s+the\s+next|no\s+later)\b))"
_OWNER_TAGS = re.compile(
    rf"(?:(?:^|(?<=[,;(\[–—-]))\s*owner:?|\bowner:|\bowned\s+by|\blead:|\bled\s+by|"
    rf"\bresponsible:)\s+(?P<owner>[^,;:()\[\]]+?){_END}",
    re.IGNORECASE,
)
# 'owner X' in the middle of a sentence, with no comma before it: read only when X names who
# would do it ('… protocol owner Police by March'), never 'ask the owner of the home'.
_OWNER_MID = re.compile(rf"\s+owner\s+(?P<owner>[^,;:()\[\]]+?){_END}", re.IGNORECASE)
_LEADING_TO = re.compile(r"^\s*(?P<owner>[^,;:()\[\].!?]{2,80}?)\s+to\s+(?P<verb>[A-Za-z]+)")

# A leading 'X to …' is read as an owner only when X names who would do it.
_OWNER_WORDS = frozenset(
    "police school schools education health nhs gp gps hospital social care csc children's "
    "childrens adult adults services service team teams manager managers lead leads chair "
    "partnership board subgroup group agency agencies nurse nurses visitor visitors worker "
    "workers officer officers designated dsl head director coordinator co-ordinator "
    "safeguarding authority council trust icb probation housing midwife midwifery midwives "
    "paediatrician paediatricians practitioner practitioners panel l&i lscp scp cafcass "
    "force constabulary dsl mash hv camhs ambulance practice named".split()
)
_NOT_OWNER_WORDS = frozenset(
    "need needs needed want wants wanted have has had going ought is are was were be been will "
    "would should must can could able how what why when where who which whether it this that "
    "there we they i you he she us them not no nobody".split()
)
_PASSIVE_VERBS = frozenset({"be", "have", "get", "do"})


class ParsedAction(NamedTuple):
    action: str
    person_responsible: str = ""
    timeframe: str = ""


def words(text: str) -> list[str]:
    """The words of a text as the parser counts them (case and punctuation ignored)."""
    return re.findall(r"[^\W_]+", text.casefold())


def _tidy(text: str) -> str:
    """What is left of the note once owner and timeframe are lifted out, as a clean sentence."""
    t = " ".join(text.split())
    t = re.sub(r"\(\s*\)|\[\s*\]", "", t)
    t = re.sub(r"\s+([,;:.!?)\]])", r"\1", t)
    t = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", t)
    t = re.sub(r"[,;:]\s*([.!?])", r"\1", t)
    t = re.sub(r"\s*[-–—]\s*$", "", t)
    t = t.strip(" ,;:-–—")
    t = re.sub(r"^[.!?]+\s*", "", t)
    return t


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _looks_like_owner(owner: str, known: Iterable[str]) -> bool:
    if "l&i" in owner.casefold():  # the Learning and Improvement group ('i' alone is a pronoun)
        return True
    ws = words(owner)
    if not ws or len(ws) > 6 or any(w in _NOT_OWNER_WORDS for w in ws):
        return False
    if any(w in _OWNER_WORDS for w in ws):
        return True
    low = owner.casefold()
    return any(k and (k in low or low in k) for k in (x.casefold() for x in known) if len(k) > 2)


def _could_be_timeframe(text: str, low: str) -> bool:
    """False for the many notes with no digit, month, quarter or period at all."""
    return bool(_DIGIT.search(text)) or not _TIMEFRAME_WORDS.isdisjoint(
        low.translate(_PUNCTUATION).split())


def _next_month_end(month: int, anchor: _dt.date) -> int:
    """The year whose end of ``month`` comes first on or after ``anchor``."""
    return anchor.year if month >= anchor.month else anchor.year + 1


def _understood(timeframe: str, anchor: _dt.date) -> bool:
    return due_from_timeframe(timeframe, anchor) is not None


def _timeframe(text: str, anchor: _dt.date) -> tuple[tuple[int, int], str] | None:
    """The span of the first timeframe in ``text`` and the wording it becomes."""
    if not _could_be_timeframe(text, text.casefold()):
        return None
    for m in _TIMEFRAME.finditer(text):
        phrase = " ".join(m.group(0).split())
        if m.group("bare"):
            if m.group("month"):
                word = m.group("month")
                if not _DEADLINE.match(phrase) or _NOT_A_MONTH_AFTER.match(text, m.end()):
                    continue  # 'the March meeting', 'by may be' are not deadlines
                month = _MONTHS[word.lower().rstrip(".")]
                phrase = f"{phrase} {_next_month_end(month, anchor)}"
            else:
                q = int(m.group("quarter")[1])
                if not _DEADLINE.match(phrase):
                    continue
                month = (6, 9, 12, 3)[q - 1]  # financial year: Q1 April to June
                year = _next_month_end(month, anchor)
                phrase = f"{phrase}, {_MONTH_NAMES[month - 1].capitalize()} {year}"
        if _understood(phrase, anchor):
            return m.span(), phrase
    return None


def parse_action(text: str, anchor: _dt.date | str | None = None,
                 known_owners: Iterable[str] = ()) -> ParsedAction:
    """The action, its owner and its timeframe read from an action note's text.

    ``anchor`` is the day the note was taken (a date or an ISO string; today's date when none);
    ``known_owners`` are the review's agencies and participants' roles, which a leading ``X to``
    may name. Never raises: a note it cannot read comes back whole as the action.
    """
    original = " ".join(str(text or "").split())
    low = original.casefold()
    if (" to " not in low and "owner" not in low and "owned by" not in low
            and "lead:" not in low and "led by" not in low and "responsible:" not in low
            and not _could_be_timeframe(original, low)):
        return ParsedAction(original)  # most notes: nothing to read, and quickly said
    try:
        return _parse(original, _anchor(anchor), tuple(known_owners))
    except Exception:  # noqa: BLE001 - a candidate is advice; the note must never be lost
        return ParsedAction(original)


def _anchor(anchor: _dt.date | str | None) -> _dt.date:
    if isinstance(anchor, _dt.datetime):
        return anchor.date()
    if isinstance(anchor, _dt.date):
        return anchor
    if isinstance(anchor, str):
        try:
            return _dt.date.fromisoformat(anchor[:10])
        except ValueError:
            pass
    from .. import clock

    return clock.today()


def _parse(original: str, anchor: _dt.date, known: tuple[str, ...]) -> ParsedAction:
    rest = original
    owner = ""
    low = rest.casefold()
    m = _OWNER_TAGS.search(rest) if any(h in low for h in _OWNER_HINTS) else None
    if m and len(m.group("owner").strip()) <= SHORT:
        candidate = m.group("owner").strip(" .")
        if candidate and not _timeframe(candidate, anchor):
            owner = candidate
            rest = rest[:m.start()] + rest[m.end():]
    if not owner and " owner " in low:
        m = _OWNER_MID.search(rest)
        if m and len(m.group("owner").strip()) <= SHORT:
            candidate = m.group("owner").strip(" .")
            if (candidate and _looks_like_owner(candidate, known)
                    and not _timeframe(candidate, anchor)
                    and words(candidate)[0] not in {"of", "for", "and", "the"}):
                owner = candidate
                rest = rest[:m.start()] + rest[m.end():]
    if not owner and " to " in low:
        m = _LEADING_TO.match(rest)
        if (m and m.group("verb").lower() not in _PASSIVE_VERBS
                and _looks_like_owner(m.group("owner"), known)):
            owner = m.group("owner").strip()
            rest = rest[m.start("verb"):]
    timeframe = ""
    found = _timeframe(rest, anchor)
    if found and len(found[1]) <= SHORT:
        (start, end), timeframe = found
        rest = rest[:start] + rest[end:]
    if not owner and not timeframe:
        return ParsedAction(original)
    action = _capital(_tidy(rest))
    if not action or not words(action):
        return ParsedAction(original)
    if not _keeps_every_word(original, action, owner, timeframe):
        return ParsedAction(original)
    return ParsedAction(action, _capital(owner), timeframe)


def _keeps_every_word(original: str, *parts: str) -> bool:
    """Every word of the note is in one of the parts, but for the words that joined them."""
    from collections import Counter

    missing = Counter(words(original)) - Counter(w for p in parts for w in words(p))
    return all(w in CONNECTORS for w in missing)
