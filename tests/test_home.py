"""The home screen, driven by keyboard as a chair would."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from facilitation.dates import working_days_until
from facilitation.demo import add_demo
from facilitation.reviews import create_review, list_reviews
from lrf_tui.app import LrfApp
from keys import keys

TODAY = dt.date(2026, 11, 25)


async def test_first_run_is_never_a_blank_screen_and_d_adds_the_demo(store):
    app = LrfApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        empty = app.screen.query_one("#empty")
        assert empty.display
        assert "No reviews yet" in str(empty.render())
        assert not app.screen.query_one("#reviews").display
        await keys(pilot, "d")
        await pilot.pause()
        table = app.screen.query_one("#reviews", DataTable)
        assert table.display and table.row_count == 4, "one review per method"
        assert not empty.display
    refs = [r["ref"] for r in list_reviews(store)]
    assert len(refs) == 4 and all(r.startswith("LR-") for r in refs)


async def test_home_lists_reviews_with_next_date_due(store):
    add_demo(store, today=TODAY)
    create_review(store, title="Desk look at [bold]records[/]", methodology="desktop",
                  report_due="2027-01-15")
    # a report past its date is overdue; a final one no longer counts down
    create_review(store, title="Late", methodology="desktop", report_due="2026-11-18")
    create_review(store, title="Sent", methodology="thematic", report_due="2026-11-18",
                  status="final")
    app = LrfApp(store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#reviews", DataTable)
        assert table.row_count == 4
        titles = [str(table.get_row_at(i)[1]) for i in range(4)]
        assert "Desk look at [bold]records[/]" in titles, "markup in a title is shown literally"
        assert app.focused is table
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        due = str(table.get_row_at(0)[-1])
        left = working_days_until(TODAY + dt.timedelta(days=28), TODAY)
        assert due == f"report due 23 Dec ({left})"
        assert str(table.get_row_at(1)[-1]) == "report due 15 Jan 2027 (" + str(
            working_days_until(dt.date(2027, 1, 15), TODAY)) + ")"
        late = -working_days_until(dt.date(2026, 11, 18), TODAY)
        assert [str(c) for c in table.get_row_at(2)[-2:]] == [
            "planning", f"report due 18 Nov ({late} overdue)"]
        assert [str(c) for c in table.get_row_at(3)[-2:]] == ["final", ""]
        # the worked example's criminal proceedings delay a part of it, and home says so
        assert str(table.get_row_at(0)[-2]) == "event held; part delayed"


async def test_ctrl_q_quits(store):
    app = LrfApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_every_home_key_is_in_the_command_palette(store):
    add_demo(store, today=TODAY)
    app = LrfApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Add a worked example with a fictional family" in titles
        for binding in app.screen.BINDINGS:
            assert binding.id, f"{binding.key} has no id"
            assert binding.description


def _settle(app_size):
    async def run_before(pilot):
        await pilot.pause(0.5)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_home_snapshot(snap_compare, store, size):
    add_demo(store, today=TODAY)
    app = LrfApp(store, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_settle(size))


@pytest.mark.parametrize("size", [(80, 24)])
def test_empty_home_snapshot(snap_compare, store, size):
    assert snap_compare(LrfApp(store, today=TODAY), terminal_size=size)


async def test_escape_closes_the_key_panel_and_is_otherwise_the_screens_own(store):
    from facilitation.demo import add_demo
    from lrf_tui.app import LrfApp

    ref = add_demo(store)

    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_review_screen("prepare", ref)
        await pilot.pause()
        await keys(pilot, "f1")
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        await keys(pilot, "escape")
        await pilot.pause()
        assert not app.screen.query("HelpPanel")
        assert type(app.screen).__name__ == "PrepareScreen"  # still there
        await keys(pilot, "escape")  # now the workspace's own Esc: back home
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
