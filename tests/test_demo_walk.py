"""A newcomer presses d and walks every main screen of the worked example by keyboard: none
draws an empty list, and the home list shows each review's next real date."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, OptionList

from facilitation import clock
from lrf_tui.app import LrfApp
from lrf_tui.screens.event import EventScreen
from lrf_tui.screens.form import FormScreen
from lrf_tui.screens.partnership import PartnershipScreen
from lrf_tui.screens.prepare import PrepareScreen
from lrf_tui.widgets.notes_view import NotesView
from keys import keys

TODAY = dt.date(2026, 11, 25)


@pytest.mark.walk
async def test_d_then_every_screen_has_something_in_it(store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    app = LrfApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "d")
        await pilot.pause()
        home = app.screen.query_one("#reviews", DataTable)
        assert home.row_count == 4
        due = [str(home.get_row_at(i)[-1]) for i in range(4)]
        # Event held: the report is next; being prepared: the information deadline; the
        # circulated form: its report date; the final one: nothing left to count down.
        assert [d.split(" ")[0] for d in due[:3]] == ["report", "information", "report"]
        assert "overdue" not in due[3] and "report" not in due[3], due[3]

        await keys(pilot, "down", "enter")  # the desktop review, being prepared
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        filled = [t.id for t in app.screen.query("PaneTable") if t.row_count]
        assert {"table-details", "table-kloes"} <= set(filled), filled
        await keys(pilot, "right_square_bracket")  # a tab's tables are drawn when it is shown
        assert app.screen.query_one("#table-agencies", DataTable).row_count
        await keys(pilot, "escape", "up")
        await pilot.pause()

        await keys(pilot, "e")  # the practitioner review's live event
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        assert app.screen.query_one("#notes", NotesView).lines
        await keys(pilot, "escape", "escape")  # a second Esc leaves the event
        await pilot.pause()

        await keys(pilot, "down", "down", "f")  # the circulated form
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-list", OptionList).option_count >= 16
        await keys(pilot, "escape")
        await pilot.pause()

        await keys(pilot, "l")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen)
        for key, table in (("1", "#actions"), ("2", "#themes"), ("3", "#dissemination")):
            await keys(pilot, key)
            await pilot.pause()
            assert app.screen.query_one(table, DataTable).row_count, table
