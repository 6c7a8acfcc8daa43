"""One clock: fixing ``facilitation.clock`` fixes the day and the moment everywhere a user sees
them (a new review's reference year, its timestamps, an action's status, "done today")."""

from __future__ import annotations

import datetime as _dt

from facilitation import clock
from facilitation import partnership as p
from facilitation.reviews import create_review, get_review

DAY = _dt.date(2031, 5, 1)
MOMENT = _dt.datetime(2031, 5, 1, 9, 30, tzinfo=_dt.timezone.utc)


def test_fixing_the_clock_fixes_refs_timestamps_and_done_today(store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: DAY)
    monkeypatch.setattr(clock, "now", lambda: MOMENT)
    review = create_review(store, title="Clock check", methodology="thematic")
    assert review["ref"] == "LR-2031-001"
    assert get_review(store, review["ref"])["created_at"].startswith("2031-05-01T09:30:00.000")
    entry = p.add_dissemination(store, review["ref"], "Team briefing")
    assert p.mark_disseminated(store, entry) == "2031-05-01"
    assert p.derive_status("2031-04-30", None, False) == "overdue"
    assert p.derive_status("2031-05-01", None, True) == "in progress"
