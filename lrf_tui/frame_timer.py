"""The next frame on the next beat, not the one after.

Each screen draws its changes on the beat of a Textual timer (60 a second). A timer that has
fallen behind its beat (a screen's timer falls behind whenever nothing changed for a while)
works out where it is and, in Textual 8, waits for the beat *after* the next one: from one to
two beats (17 to 33 ms) where there should be none to one. The chair felt it as the key typed
just after something was drawn by itself (the form's autosave, a note arriving): that key
waited for the second beat.

:func:`install` gives Textual's Timer the same loop with the beat that comes next. It is
applied when the app is imported; the loop is otherwise Textual's, line for line.
"""

from __future__ import annotations

from textual import _time
from textual.timer import EventTargetGone, Timer


async def _run(self: Timer) -> None:
    """Textual's ``Timer._run``, but a timer that is behind waits for the next beat."""
    count = 0
    _repeat = self._repeat
    _interval = self._interval
    self._active  # Force instantiation in same thread  # noqa: B018
    await self._active.wait()
    start = _time.get_time()

    while _repeat is None or count <= _repeat:
        next_timer = start + ((count + 1) * _interval)
        now = _time.get_time()
        if self._skip and next_timer < now:
            # The beats already gone by: the next is the first after now. (Textual adds one
            # here, and the timer then skipped a beat that was still to come.)
            count = int((now - start) / _interval)
            continue
        now = _time.get_time()
        wait_time = max(0, next_timer - now)
        await _time.sleep(wait_time)
        count += 1
        await self._active.wait()
        if self._reset:
            start = _time.get_time()
            count = 0
            self._reset = False
            continue
        try:
            await self._tick(next_timer=next_timer, count=count)
        except EventTargetGone:
            break


def install() -> None:
    Timer._run = _run  # type: ignore[method-assign]
