"""`lrf event REF` shows the item's newest note and the footer in its very first frame, as the
start-up bench requires (the notes used to arrive a frame or two later, scrolled into place
after the oldest of them had been drawn)."""

from __future__ import annotations

import re

from facilitation import event as ev
from facilitation.capture import parse
from lrf_tui.app import LrfApp
from lrf_tui.screens.event import EventScreen

from test_event_screen import FIXED_NOW, frozen, ref, utc  # noqa: F401  (fixtures)

_ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


class FirstFrames(LrfApp):
    """lrf as it runs, keeping the text of each frame it would send to the terminal."""

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, **kw)
        self.frames: list[str] = []

    def _display(self, screen, renderable) -> None:
        if (renderable is not None and not self._batch_count and isinstance(screen, EventScreen)
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
