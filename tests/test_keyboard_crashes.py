"""Crashes found by keyboard in the Learning and Improvement view: a loader that outlived its
screen, and a dialog title drawn as markup."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.widgets import DataTable, Label

from facilitation import clock
from facilitation import partnership as p
from lrf_tui.app import LrfApp
from lrf_tui.screens.home import HomeScreen
from lrf_tui.screens.partnership import PartnershipScreen, PickValueScreen

from partnership_seed import TODAY, seed
from keys import keys


@pytest.fixture
def seeded(store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return seed(store)


def burst(app, *keys: str) -> None:
    """Keys as a fast typist sends them: all at once, not each after the app is idle (as
    pilot.press does)."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


def many_actions(store, count: int = 600) -> None:
    rid = store.conn.execute("SELECT id FROM reviews WHERE ref = 'LR-2026-002'").fetchone()[0]
    with store.db.atomic():
        store.conn.executemany(
            "INSERT INTO recommendations (review_id, position, action, person_responsible, "
            "due_date) VALUES (?, ?, ?, 'Team manager', '2027-01-01')",
            [(rid, 10 + n, f"Extra action {n}") for n in range(count)])


async def test_leaving_the_tracker_while_it_loads_and_coming_back_does_not_crash(store, seeded):
    many_actions(store)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2):
            # Esc lands while the rows are still being added after each refresh.
            burst(app, "l", "escape", "l")
            await asyncio.sleep(0.05)
            await pilot.pause()
            assert isinstance(app.screen, PartnershipScreen)
            for _ in range(3):  # the second l may open another (a crashed app never leaves)
                if not isinstance(app.screen, PartnershipScreen):
                    break
                await keys(pilot, "escape")
            assert isinstance(app.screen, HomeScreen)
        await keys(pilot, "l")
        await pilot.pause()
        table = app.screen.query_one("#actions", DataTable)
        assert table.row_count == 605  # and the tracker still loads every row


@pytest.mark.parametrize("name", ["[/]", "[bold"])
async def test_a_theme_named_like_markup_is_shown_literally_when_tagging(store, seeded, name):
    theme = p.add_theme(store, name)
    p.tag_review(store, "LR-2026-001", theme["id"])
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "l")
        await pilot.pause()
        await keys(pilot, "2")
        await pilot.pause()
        themes = app.screen.query_one("#themes", DataTable)
        themes.move_cursor(row=themes.get_row_index(str(theme["id"])))
        await pilot.pause()
        await keys(pilot, "t")
        await pilot.pause()
        assert isinstance(app.screen, PickValueScreen)
        title = app.screen.query_one(".dialog-title", Label)
        assert str(title.render()) == f"Tag which review with {name}?"
        await keys(pilot, "enter")
        await pilot.pause()
    assert {"LR-2026-001", "LR-2025-007"} <= {
        r[0] for r in store.conn.execute(
            "SELECT ref FROM reviews JOIN review_themes ON review_id = reviews.id "
            "WHERE theme_id = ?", [theme["id"]]).fetchall()}
