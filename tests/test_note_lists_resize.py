"""Parked (F6) and Find (F9) lists over the live event keep their notes through a terminal
resize, drawn again at the new width (they used to go blank)."""

from __future__ import annotations

import pytest

from lrf_tui.app import LrfApp
from lrf_tui.screens.event import NotesView

from keys import keys, type_keys
from test_event_screen import frozen, ref, utc, view_text  # noqa: F401  (fixtures)


def drawn(app, selector: str) -> tuple[str, bool]:
    """The view's text as the user reads it, and whether every line fits its width (the parked
    items are a table: its rows, which a table cuts to its columns)."""
    from textual.widgets import DataTable

    found = app.screen.query_one(selector)
    if isinstance(found, DataTable):
        return " ".join(str(c) for i in range(found.row_count) for c in found.get_row_at(i)), True
    view = app.screen.query_one(selector, NotesView)
    width = view.scrollable_content_region.width
    return view_text(view), all(strip.cell_length <= width for strip in view.lines)


@pytest.mark.parametrize("key,selector,typed,expect", [
    ("f6", "#parked", "", "Current arrangements"),
    ("f9", "#found", "", "Type above to search"),
    ("f9", "#found", "breakfast", "breakfast"),
])
async def test_lists_survive_a_resize(store, ref, frozen, key, selector, typed, expect):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, key)
        if typed:
            await type_keys(pilot, typed)
        await pilot.pause(0.3)
        before, fits = drawn(app, selector)
        assert expect in before and fits
        await pilot.resize_terminal(120, 30)
        await pilot.pause(0.3)
        assert drawn(app, selector) == (before, True)  # the same notes, not a blank list
        await pilot.resize_terminal(50, 20)  # narrower than the lines: wrapped again, not cut
        await pilot.pause(0.3)
        assert drawn(app, selector) == (before, True)
