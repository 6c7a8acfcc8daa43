"""Working-day countdowns: weekends and England and Wales bank holidays are not working days.

The count is worked out, not walked a day at a time; it must agree with walking, day by day,
whatever the two dates, in either order, across years and their bank holidays.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.dates import countdown, is_working_day, working_days_until


def walked(due: dt.date, today: dt.date) -> int:
    """The definition: each day after today up to due that is a working day counts one;
    overdue, each working day after due up to today counts minus one."""
    lo, hi, sign = (today, due, 1) if due >= today else (due, today, -1)
    return sign * sum(is_working_day(lo + dt.timedelta(days=i))
                      for i in range(1, (hi - lo).days + 1))


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)), st.integers(-900, 900))
def test_the_count_agrees_with_walking_the_days(today, offset):
    due = today + dt.timedelta(days=offset)
    assert working_days_until(due, today) == walked(due, today)


def test_the_countdowns_a_chair_reads_around_christmas_and_easter():
    # From Friday 18 December 2026 to Monday 4 January 2027, 11 weekdays: Christmas Day (Friday),
    # Boxing Day's substitute (Monday 28th) and New Year's Day (Friday 1st) are not working days.
    assert countdown("2027-01-04", dt.date(2026, 12, 18)) == "8 working days"
    # Easter 2027: Good Friday 26 March and Easter Monday 29 March.
    assert countdown("2027-03-30", dt.date(2027, 3, 25)) == "1 working day"
    assert countdown("2027-03-25", dt.date(2027, 3, 30)) == "1 working day overdue"
    assert countdown("2026-12-02", dt.date(2026, 12, 2)) == "today"
    assert countdown("2026-12-07", dt.date(2026, 12, 4)) == "1 working day"  # over a weekend
