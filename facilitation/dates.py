"""Dates a chair types and the working-day countdowns the Learning and Improvement group set.

Working days exclude weekends and England and Wales bank holidays (from the ``holidays``
library, imported on first use because it is slow to load).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
import threading

from . import clock
from .errors import InputRefused

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UK = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def parse_date(text: str | None, what: str = "date") -> str | None:
    """An ISO date from what a person typed (2026-03-14 or 14/03/2026); empty means none.

    Raises :class:`InputRefused` with one sentence naming the field, never the input's content
    when that could be sensitive.
    """
    text = (text or "").strip()
    if not text:
        return None
    day: _dt.date | None = None
    try:
        if _ISO.match(text):
            day = _dt.date.fromisoformat(text)
        elif m := _UK.match(text):
            day = _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        day = None
    if day is None:
        raise InputRefused(f"The {what} is not a date; type it as 2026-03-14 or 14/03/2026.")
    return day.isoformat()


_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RX = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER_WORDS = {w: i for i, w in enumerate(
    ("a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve"), start=1)}
_NUMBER_WORDS.update({"one": 1, "an": 1})
_TF_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?![\d/.])")
_TF_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_TF_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({_MONTH_RX})\.?,?\s+(\d{{4}})\b", re.I)
_TF_MONTH_DAY = re.compile(
    rf"\b({_MONTH_RX})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_TF_MONTH = re.compile(rf"\b({_MONTH_RX})\.?,?\s+(\d{{4}})\b", re.I)
_TF_YEAR_END = re.compile(r"\bend\s+of\s+(?:the\s+)?(?:year\s+)?(\d{4})\b", re.I)
_TF_PERIOD = re.compile(
    r"\b(?:within|in|over)\s+(?:the\s+next\s+)?(\d{1,3}|" + "|".join(_NUMBER_WORDS)
    + r")\s+(working\s+days?|days?|weeks?|fortnights?|months?|years?)\b", re.I)


def _last_day(year: int, month: int) -> _dt.date:
    nxt = _dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


def _add_months(day: _dt.date, months: int) -> _dt.date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return min(_dt.date(year, month, 1) + _dt.timedelta(days=day.day - 1),
               _last_day(year, month))


def _add_working_days(day: _dt.date, n: int) -> _dt.date:
    while n > 0:
        day += _dt.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def add_working_days(day: _dt.date, n: int) -> _dt.date:
    """The day ``n`` working days after ``day`` (weekends and bank holidays skipped)."""
    return _add_working_days(day, n)


def due_from_timeframe(timeframe: str | None,
                       start: _dt.date | str | None = None) -> str | None:
    """The date a recommendation's timeframe means, as ISO; None when it names none for sure.

    The one reader of timeframes, shared by the action plan and the partnership's tracker.
    Understands UK wordings: ``31/03/2027``, ``31.03.27``, ``2027-03-31``, ``31 March 2027``,
    ``31st Mar 2027``, ``March 2027`` and ``end of March 2027`` (the last day of that month),
    ``end of 2027``; and periods such as ``within 3 months``, ``within six weeks`` or ``within
    10 working days``, counted from ``start`` (the day the form was marked final) and only when
    there is one. A month or day without a year ('by March') is not guessed.
    """
    text = " ".join((timeframe or "").split())
    if not text:
        return None
    found: list[tuple[int, _dt.date]] = []

    def add(pos: int, make) -> None:
        try:
            found.append((pos, make()))
        except (ValueError, OverflowError):
            pass

    for m in _TF_ISO.finditer(text):
        add(m.start(), lambda m=m: _dt.date(int(m[1]), int(m[2]), int(m[3])))
    for m in _TF_NUMERIC.finditer(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        add(m.start(), lambda m=m, y=year: _dt.date(y, int(m[2]), int(m[1])))
    taken: list[tuple[int, int]] = []
    for m in _TF_DAY_MONTH.finditer(text):
        taken.append(m.span())
        add(m.start(), lambda m=m: _dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1])))
    for m in _TF_MONTH_DAY.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            taken.append(m.span())
            add(m.start(), lambda m=m: _dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2])))
    for m in _TF_MONTH.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            add(m.start(), lambda m=m: _last_day(int(m[2]), _MONTHS[m[1].lower()]))
    for m in _TF_YEAR_END.finditer(text):
        add(m.start(), lambda m=m: _dt.date(int(m[1]), 12, 31))
    if found:
        return min(found, key=lambda f: f[0])[1].isoformat()  # the first date written
    if not start:
        return None
    m = _TF_PERIOD.search(text)
    if not m:
        return None
    if isinstance(start, str):
        try:
            start = _dt.date.fromisoformat(start[:10])
        except ValueError:
            return None
    n = int(m[1]) if m[1].isdigit() else _NUMBER_WORDS[m[1].lower()]
    unit = m[2].lower()
    try:
        if unit.startswith("working"):
            return _add_working_days(start, min(n, 2000)).isoformat()
        if unit.startswith("day"):
            return (start + _dt.timedelta(days=n)).isoformat()
        if unit.startswith("week"):
            return (start + _dt.timedelta(weeks=n)).isoformat()
        if unit.startswith("fortnight"):
            return (start + _dt.timedelta(weeks=2 * n)).isoformat()
        if unit.startswith("month"):
            return _add_months(start, n).isoformat()
        return _add_months(start, 12 * n).isoformat()
    except (ValueError, OverflowError):
        return None


def due_of(due_date: str | None, timeframe: str | None,
           start: _dt.date | str | None = None) -> str | None:
    """A recommendation's due date: the one recorded, else what its timeframe says."""
    return due_date or due_from_timeframe(timeframe, start)


@functools.lru_cache(maxsize=1)
def _bank_holidays():
    from holidays.countries.united_kingdom import UnitedKingdom

    return UnitedKingdom(subdiv="ENG")


def is_working_day(day: _dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays()


def working_days_until(due: _dt.date | str, today: _dt.date | None = None) -> int:
    """Working days from today (exclusive) to due (inclusive); negative when overdue (then the
    working days from due, exclusive, to today, inclusive)."""
    if isinstance(due, str):
        due = _dt.date.fromisoformat(due)
    today = today or clock.today()
    if due >= today:
        return _working_days_after(today, due)
    return -_working_days_after(due, today)


def _weekdays_to(ordinal: int) -> int:
    """Monday to Friday among the days 1 to ``ordinal`` (day 1, 1 January of year 1, a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _working_days_after(start: _dt.date, end: _dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (``start`` <= ``end``): counted,
    not walked a day at a time (the home screen's countdowns for 200 reviews had walked 30,000
    days through the bank holidays)."""
    weekdays = _weekdays_to(end.toordinal()) - _weekdays_to(start.toordinal())
    holidays = _weekday_holidays(start.year, end.year)
    return weekdays - (bisect.bisect_right(holidays, end.toordinal())
                       - bisect.bisect_right(holidays, start.toordinal()))


_holiday_years: tuple[int, int] | None = None
_holiday_ordinals: list[int] = []
_holiday_lock = threading.Lock()  # a worker thread counts the home screen's countdowns


def _weekday_holidays(first: int, last: int) -> list[int]:
    """The bank holidays falling Monday to Friday in the years ``first`` to ``last`` (and any
    years asked for before), as sorted day ordinals."""
    global _holiday_years, _holiday_ordinals
    with _holiday_lock:
        years = _holiday_years
        if years is None or first < years[0] or last > years[1]:
            lo, hi = (first, last) if years is None else (min(first, years[0]),
                                                          max(last, years[1]))
            calendar = _bank_holidays()
            for year in range(lo, hi + 1):
                calendar.get(_dt.date(year, 1, 1))  # a year's holidays are made when asked
            _holiday_ordinals = sorted(d.toordinal() for d in calendar
                                       if lo <= d.year <= hi and d.weekday() < 5)
            _holiday_years = (lo, hi)
        return _holiday_ordinals


def countdown(due: str | None, today: _dt.date | None = None) -> str:
    """'12 working days', 'today', '3 working days overdue', or '' for no date."""
    if not due:
        return ""
    n = working_days_until(due, today)
    if n == 0:
        return "today"
    if n > 0:
        return f"{n} working day{'s' if n != 1 else ''}"
    return f"{-n} working day{'s' if n != -1 else ''} overdue"
