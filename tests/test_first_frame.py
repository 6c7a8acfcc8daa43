"""`lrf event REF` shows the item's newest note and the footer in its very first frame, as the
start-up bench requires (the notes used to arrive a frame or two later, scrolled into place
after the oldest of them had been drawn)."""

from __future__ import annotations

import re

from facilitation import event as ev
from facilitation.capture import parse
from lrf_tui.app import LrfApp
from lrf_tui.screens.event import EventScreen
from lrf_tui.screens.partnership import PartnershipScreen

from test_event_screen import FIXED_NOW, frozen, ref, utc  # noqa: F401  (fixtures)

_ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


class FirstFrames(LrfApp):
    """lrf as it runs, keeping the text of each frame of ``SCREEN`` it would send to the
    terminal."""

    SCREEN: type = EventScreen

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, **kw)
        self.frames: list[str] = []

    def _display(self, screen, renderable) -> None:
        if (renderable is not None and not self._batch_count and isinstance(screen, self.SCREEN)
                and hasattr(renderable, "render_segments")):
            self.frames.append(_ESCAPES.sub(" ", renderable.render_segments(self.console)))
        super()._display(screen, renderable)


async def test_the_first_frame_of_the_live_event_holds_the_newest_note_and_the_footer(
        store, ref, frozen):
    ctx = ev.load_context(store, ref)
    for i in range(120):  # many more than fit: the newest is at the bottom, out of sight at first
        ev.add_note(store, ctx.review_id, parse(f"older note {i:03d}"),
                    agenda_item_id=ctx.agenda[0]["id"], now=FIXED_NOW)
    ev.add_note(store, ctx.review_id, parse("the newest note of all"),
                agenda_item_id=ctx.agenda[0]["id"], now=FIXED_NOW)
    app = FirstFrames(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.frames, "the live event drew no frame"
        first = " ".join(app.frames[0].split())
        assert "the newest note of all" in first
        assert "older note 000" not in first  # scrolled to the end, not drawn from the top
        assert "Ground rules" in first  # the footer, with the event's keys


class ViewFrames(FirstFrames):
    SCREEN = PartnershipScreen


async def test_the_first_frame_of_the_learning_and_improvement_view_holds_its_keys(
        store, monkeypatch):
    """The view's footer came several frames after its table (built before the table had the
    focus, it waited for the focus, then a frame, then was built again)."""
    from facilitation import clock

    from keys import keys
    from partnership_seed import TODAY, seed

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    seed(store)
    app = ViewFrames(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "l")
        await pilot.pause()
        assert app.frames, "the view drew no frame"
        first = " ".join(app.frames[0].split())
        assert "5 of 5 actions" in first and "DC Tom Reid" in first  # the tracker
        assert "Filter" in first and "Status" in first  # its footer, the table's keys with it


async def test_the_other_screens_code_is_imported_once_home_is_drawn(store, monkeypatch):
    """So that the first l, n, e or f does not wait for it; never under `lrf event REF`, where
    the chair is typing at once."""
    import sys
    import time

    import lrf_tui.app as app_module

    sys.modules.pop("colorsys", None)
    monkeypatch.setattr(app_module, "PRELOADED", ("colorsys",))  # stands in for the screens
    async with LrfApp(store).run_test(size=(80, 24)) as pilot:
        deadline = time.monotonic() + 5
        while "colorsys" not in sys.modules and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert "colorsys" in sys.modules


async def test_the_live_event_started_on_its_own_imports_nothing_more(store, ref, monkeypatch):
    import lrf_tui.app as app_module

    started = []
    monkeypatch.setattr(app_module.LrfApp, "_preload_screens", lambda self: started.append(1))
    async with LrfApp(store, event_ref=ref).run_test(size=(80, 24)) as pilot:
        await pilot.pause(app_module.PRELOAD_AFTER + 0.3)
        assert isinstance(pilot.app.screen, EventScreen)
    assert started == []
