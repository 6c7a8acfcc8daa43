"""A thematic review's own records taken by keyboard at 80x24, and its method changed, as drawn."""

from __future__ import annotations

import pytest

from facilitation import preparation as prep
from facilitation.reviews import create_review
from keys import burst, keys
from test_prepare_screens import _line, run

REF = "LR-2026-031"


def _drawn(app, table_id: str) -> str:
    table = app.screen.query_one(table_id)
    return "\n".join(_line(table, y) for y in range(table.size.height))


@pytest.mark.walk
async def test_thematic_records_by_keyboard_then_a_change_of_method(store):
    create_review(store, title="Neglect in three families", methodology="thematic", ref=REF)
    prep.add_item(store, REF, "families", label="Family A", circumstances="Two children")

    async def steps(app, pilot):
        labels = [str(t.label) for t in app.screen.query("Tab")]
        assert labels == ["Details", "Agencies", "Method", "Activities", "Agenda", "Process",
                          "Family"]
        await keys(pilot, "right_square_bracket", "right_square_bracket",
                          "right_square_bracket")
        assert app.focused.id == "table-method-activity"
        # An interview: date, role, agency, summary; the role's markup shown as typed.
        await burst(pilot, "tab", "a")  # the second table: interviews
        for typed in ("02/03/2026", "Health visitor [b]", "Health"):
            await burst(pilot, *typed)
            await keys(pilot, "tab")
        await burst(pilot, *"Caseloads were high.", "ctrl+s")
        drawn = _drawn(app, "#table-method-interview")
        assert "2026-03-02  Health visitor [b]  Health  Caseloads were high." in drawn
        # Process: the method changes to a single issue review, with a reason.
        await keys(pilot, "right_square_bracket", "right_square_bracket")
        assert app.focused.id == "table-process"
        await burst(pilot, "enter")
        await burst(pilot, "enter")
        await burst(pilot, "down", "enter")
        await keys(pilot, "tab")
        await burst(pilot, *"One issue stood out.", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        heading = str(app.screen.query_one("#prep-heading").render())
        assert "Single issue review" in heading
        assert app.focused.id == "table-process"
        labels = [str(t.label) for t in app.screen.query("Tab")]
        assert labels == ["Details", "Agencies", "Method", "Process", "Family"]

    await run(store, steps, ref=REF)


def test_details_show_the_rapid_review_against_its_deadline_beside_other_dates(store):
    """The rows Details draws (no app needed): the notification with the deadline it sets, the
    rapid review held against it, and the dates after it still counted as before."""
    import datetime as _dt
    from types import SimpleNamespace

    from facilitation.dates import countdown
    from facilitation.reviews import get_review
    from lrf_tui.screens.prepare.details import DetailsPane

    today = _dt.date(2026, 4, 1)
    create_review(store, title="Child", methodology="desktop", ref=REF)
    prep.update_details(store, REF, rapid_review=True, incident_notified="2026-04-01",
                        info_deadline="2026-04-30")
    s = SimpleNamespace(store=store, ref=REF, review=get_review(store, REF), today=today,
                        countdown=lambda iso: countdown(iso, today))
    rows = dict(DetailsPane("desktop").rows(s))
    assert rows["incident_notified"][1] == "2026-04-01 (rapid review due 2026-04-24)"
    assert rows["rapid_review_date"][1] == "not held: due 2026-04-24 (15 working days)"
    assert rows["info_deadline"][1] == "2026-04-30 (19 working days)"
