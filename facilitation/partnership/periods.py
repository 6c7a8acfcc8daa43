"""Periods for the Learning and Improvement view: a checked date range (--from/--to), the date a
review counts under, quarters and years for trend charts, and the reviews in a period.
"""

from __future__ import annotations

from ..dates import parse_date
from ..dissemination import in_period
from ..errors import InputRefused
from ..store import Store
from ..store import rows as _rows



def check_period(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Both ends as ISO dates (either may be open); a range the wrong way round is refused."""
    start = parse_date(date_from, "start of the period")
    end = parse_date(date_to, "end of the period")
    if start and end and start > end:
        raise InputRefused(
            f"The period starts ({start}) after it ends ({end}); swap --from and --to."
        )
    return start, end


def review_day(review: dict) -> str:
    """The date a review counts under: its event, or else the day it was set up."""
    return (review.get("event_date") or (review.get("created_at") or "")[:10]) or ""


def period_of(day: str, by: str = "quarter") -> str:
    """'2026 Q2' (or '2026' by year) for an ISO date."""
    year, month = int(day[:4]), int(day[5:7])
    if by == "year":
        return f"{year}"
    return f"{year} Q{(month - 1) // 3 + 1}"


def periods_between(first: str, last: str, by: str = "quarter") -> list[str]:
    """Every period from the one holding ``first`` to the one holding ``last``, gaps included."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    if by == "year":
        return [str(year) for year in range(y, ly + 1)]
    q, lq = (m - 1) // 3, (lm - 1) // 3
    while (y, q) <= (ly, lq):
        out.append(f"{y} Q{q + 1}")
        q += 1
        if q == 4:
            y, q = y + 1, 0
    return out


def reviews_in_period(
    store: Store, date_from: str | None = None, date_to: str | None = None
) -> list[dict]:
    start, end = check_period(date_from, date_to)
    rows = _rows(
        store,
        "SELECT id, ref, title, methodology, status, family_label, event_date, created_at "
        "FROM reviews ORDER BY ref",
    )
    return [r for r in rows if in_period(review_day(r), start, end)]
