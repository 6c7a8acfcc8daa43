"""Screens tell each other what changed through app-level messages (lrf_tui/messages.py): a
title changed in preparation is on the home screen when the chair comes back, and a note
entered at the live event is announced, by review, to the app."""

from __future__ import annotations

import datetime as dt

from facilitation.demo import add_demo
from lrf_tui.app import LrfApp
from lrf_tui.messages import Announcement, NoteSaved, ReviewChanged
from keys import keys

TODAY = dt.date(2026, 2, 2)


def drawn(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_changes_are_announced_and_home_draws_them_when_shown_again(store):
    ref = add_demo(store, today=TODAY)
    heard: list[Announcement] = []

    def hook(message) -> None:
        if isinstance(message, Announcement) and message._sender is not None:
            heard.append(message)

    app = LrfApp(store, today=TODAY)
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")  # prepare the review under the cursor (the example)
        await pilot.pause()
        await keys(pilot, "enter")  # its title
        await pilot.pause()
        await keys(pilot, "end", "ctrl+u", *"Renamed [x] review", "ctrl+s")
        await pilot.pause()
        assert any(isinstance(m, ReviewChanged) and m.ref == ref for m in heard)
        await keys(pilot, "escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert "Renamed [x] review" in drawn(app)

        heard.clear()
        await keys(pilot, "e")  # the live event of the same review
        await pilot.pause()
        await keys(pilot, *"+ a note", "enter")
        await pilot.pause()
        saved = [m for m in heard if isinstance(m, NoteSaved)]
        assert saved and all(m.ref == ref for m in saved)
