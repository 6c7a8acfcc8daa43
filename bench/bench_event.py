"""Live event: Enter on the capture line to note durable and drawn, with 10,000 notes in the event.

Measured in-process on a headless app (the terminal write is replaced by rendering the frame's
escape sequences to a string, so drawing is paid for). For each Enter the clock runs from the key
press to the end of the first frame drawn after the note was committed and written to the view.
The baseline is a bare Textual app (Input + Log, the log holding the same number of lines as the
notes view) doing the same round trip without a database, measured in the same run.
Also: one keystroke on the capture line (live preview of how it will be read) to drawn.
"""

from __future__ import annotations

import asyncio
import time

from common import Context, Row, percentile

ITERATIONS = 200


class Frames:
    """Hooks App._display: renders each frame to text and notes when one follows an 'armed' step."""

    def __init__(self, app) -> None:
        self.app = app
        self.armed = False
        self.drawn_at = 0.0
        self.event = asyncio.Event()
        original = app._display

        def display(screen, renderable):
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)  # the bytes a terminal would get
            original(screen, renderable)
            if self.armed and renderable is not None:
                self.armed = False
                self.drawn_at = time.perf_counter()
                self.event.set()

        app._display = display

    def arm(self) -> None:
        self.event.clear()
        self.armed = True

    async def wait(self) -> float:
        await asyncio.wait_for(self.event.wait(), 5)
        return self.drawn_at


def _send_key(app, key: str, char: str) -> None:
    """Deliver a key as the terminal driver would (no test-harness waiting in the timing)."""
    from textual import events

    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def _measure(app, size, setup, submit_value: str, *, iterations: int):
    enter_times: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        frames, capture = setup(app, pilot)
        await pilot.pause(0.2)
        for i in range(iterations + 10):
            capture.value = f"{submit_value} {i}"
            await pilot.pause()
            await asyncio.sleep(0.02)  # let the preview's frame go out first
            frames.event.clear()
            start = time.perf_counter()
            _send_key(app, "enter", "\r")
            drawn = await frames.wait()
            if i >= 10:  # warm-up
                enter_times.append((drawn - start) * 1000)
    return enter_times


async def _measure_keys(app, size, setup, iterations: int):
    times: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        frames, capture = setup(app, pilot)
        await pilot.pause(0.2)
        for i in range(iterations + 10):
            if i % 40 == 0:
                capture.value = "- h1+ @sue"
                await pilot.pause()
            await asyncio.sleep(0.01)
            frames.event.clear()
            start = time.perf_counter()
            _send_key(app, "x", "x")
            drawn = await frames.wait()
            if i >= 10:
                times.append((drawn - start) * 1000)
    return times


def _lrf_app(ctx: Context):
    from facilitation.store import open_store
    from lrf_tui.app import LrfApp
    from lrf_tui.screens import event as event_screen

    db = ctx.fresh_copy("event")
    ref = ctx.info("event")["big_ref"]
    store = open_store(db, lock=True)
    app = LrfApp(store, event_ref=ref)
    return store, app, event_screen


COMMITS: list[float] = []


def _lrf_setup(event_screen, keys: bool = False):
    from facilitation import event as ev  # the screen saves through it: time its commits

    def setup(app, pilot):
        screen = app.screen
        add_note = ev.add_note

        def timed_add_note(*a, **kw):
            t = time.perf_counter()
            try:
                return add_note(*a, **kw)
            finally:
                COMMITS.append((time.perf_counter() - t) * 1000)

        ev.add_note = timed_add_note
        assert isinstance(screen, event_screen.EventScreen), screen
        frames = Frames(app)
        if keys:
            original_preview = screen.update_preview

            def preview(value):
                original_preview(value)
                frames.arm()

            screen.update_preview = preview
        else:
            original = screen.save_line

            def save_line(capture, value=None):
                original(capture, value)  # commits, then writes the note to the view
                frames.arm()

            screen.save_line = save_line  # save_line_from_key looks it up on each Enter
        return frames, screen.query_one("#capture")

    return setup


def _bare_app(lines: int, keys: bool = False):
    from textual.app import App
    from textual.widgets import Input, Log

    class Bare(App):
        def compose(self):
            yield Log(id="log")
            yield Input(id="input")

        def on_mount(self):
            log = self.query_one(Log)
            log.write_lines([f"preloaded line {n}" for n in range(lines)])
            self.query_one(Input).focus()

        def on_input_changed(self, event):
            if keys and self.frames is not None:
                self.frames.arm()

        def on_input_submitted(self, event):
            self.query_one(Log).write_line(event.value)
            event.input.value = ""
            if not keys:
                self.frames.arm()

    app = Bare()
    app.frames = None

    def setup(app, pilot):
        app.frames = Frames(app)
        return app.frames, app.query_one(Input)

    return app, setup


def run(ctx: Context) -> list[Row]:
    iterations = 60 if ctx.quick else ITERATIONS
    size = (120, 40)
    ctx.event_db()
    store, app, event_screen = _lrf_app(ctx)
    try:
        note_count = store.conn.execute(
            "SELECT count(*) FROM notes n JOIN reviews r ON r.id = n.review_id WHERE r.ref = ?",
            [ctx.info("event")["big_ref"]],
        ).fetchone()[0]
        lrf_times = asyncio.run(_measure(app, size, _lrf_setup(event_screen),
                                         "+ h1+ @nobody bench note with some words in it",
                                         iterations=iterations))
        commits = COMMITS[10:]
        saved = store.conn.execute(
            "SELECT count(*) FROM notes WHERE body LIKE '%bench note with some words%'"
        ).fetchone()[0]
        assert saved == iterations + 10, "every Enter must have stored its note"
    finally:
        store.close()
    bare, bare_setup = _bare_app(event_screen.SHOWN_NOTES)
    bare_times = asyncio.run(_measure(bare, size, bare_setup,
                                      "+ h1+ @nobody bench note with some words in it",
                                      iterations=iterations))

    store, app, event_screen = _lrf_app(ctx)
    try:
        lrf_keys = asyncio.run(_measure_keys(app, size, _lrf_setup(event_screen, keys=True),
                                             iterations=iterations))
    finally:
        store.close()
    bare_k, bare_k_setup = _bare_app(event_screen.SHOWN_NOTES, keys=True)
    bare_keys = asyncio.run(_measure_keys(bare_k, size, bare_k_setup, iterations=iterations))

    p99, bp99 = percentile(lrf_times, 99), percentile(bare_times, 99)
    p50, bp50 = percentile(lrf_times, 50), percentile(bare_times, 50)
    k99, bk99 = percentile(lrf_keys, 99), percentile(bare_keys, 99)
    return [
        Row(f"Enter to durable+drawn, p99 ({note_count:,} notes in event)", p99, bp99, "ms",
            "<= 20 ms and <= 1.5x bare", ok=p99 <= 20 and p99 / bp99 <= 1.5,
            note=f"p50 {p50:.1f} ms vs bare {bp50:.1f} ms; {len(lrf_times)} Enters; of which "
                 f"the commit (WAL, synchronous=FULL) p50 {percentile(commits, 50):.1f} ms, "
                 f"p99 {percentile(commits, 99):.1f} ms; baseline: bare Input+Log app, same "
                 "round trip, no database"),
        Row("keystroke on capture line to drawn (with preview), p99", k99, bk99, "ms",
            "smooth: <= 1.5x bare keystroke", ok=k99 / bk99 <= 1.5 if bk99 else None,
            note=f"p50 {percentile(lrf_keys, 50):.1f} ms vs bare {percentile(bare_keys, 50):.1f} ms"),
    ]
