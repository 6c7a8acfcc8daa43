"""Dates a chair types and the working-day countdowns the Learning and Improvement group set.

Working days exclude weekends and England and Wales bank holidays (from the ``holidays``
library, imported on first use because it is slow to load).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re

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


@functools.lru_cache(maxsize=1)
def _bank_holidays():
    from holidays.countries.united_kingdom import UnitedKingdom

    return UnitedKingdom(subdiv="ENG")


def is_working_day(day: _dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays()


def working_days_until(due: _dt.date | str, today: _dt.date | None = None) -> int:
    """Working days from today (exclusive) to due (inclusive); negative when overdue."""
    if isinstance(due, str):
        due = _dt.date.fromisoformat(due)
    today = today or _dt.date.today()
    if due == today:
        return 0
    step = 1 if due > today else -1
    count = 0
    day = today
    while day != due:
        day += _dt.timedelta(days=step)
        if is_working_day(day if step > 0 else day + _dt.timedelta(days=1)) :
            count += step
    return count


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
