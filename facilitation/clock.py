"""The one clock: what day it is and what time it is, for every rule that reads the date (an
action is overdue, a review's reference year, "done today") and every timestamp.

Call ``clock.today()`` / ``clock.now()`` through the module (not ``from clock import today``)
so that a test can fix the time in one place: ``monkeypatch.setattr(clock, "today", ...)``.
"""

from __future__ import annotations

import datetime as _dt


def today() -> _dt.date:
    """The local calendar day."""
    return _dt.date.today()


def now() -> _dt.datetime:
    """The moment, in UTC."""
    return _dt.datetime.now(_dt.timezone.utc)
