"""A screen draws a change on the next beat of its timer (60 a second), never a beat later: the
first key after something was drawn by itself (the form's autosave) waited up to two beats.

The beat is checked on a clock the test moves, so nothing here depends on the machine's speed.
"""

from __future__ import annotations

import pytest
import textual.timer
from textual import _time
from textual.timer import EventTargetGone, Timer

import lrf_tui.app  # noqa: F401 - installs lrf's timer loop, as running lrf does
from lrf_tui import frame_timer

BEAT = 1 / 60


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def get_time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


class Target:
    pass


def ticks_after_a_late_beat(monkeypatch, late_by: float) -> tuple[list[float], Timer]:
    """A screen's update timer on the test's clock, and the list its ticks go into (in beats
    from its start), the first tick's work (or a pause) leaving it ``late_by`` beats behind."""
    clock = Clock()
    monkeypatch.setattr(_time, "get_time", clock.get_time)
    monkeypatch.setattr(_time, "sleep", clock.sleep)
    monkeypatch.setattr(textual.timer, "sleep", clock.sleep)  # the name Textual's loop uses
    start = clock.now
    ticks: list[float] = []

    class Probe(Timer):
        async def _tick(self, *, next_timer: float, count: int) -> None:
            ticks.append((clock.now - start) / BEAT)
            if len(ticks) == 1:
                clock.now += late_by * BEAT  # a long frame, or the screen idle for a while
            if len(ticks) == 3:
                raise EventTargetGone()

    return ticks, Probe(Target(), BEAT, name="screen_update", skip=True)


@pytest.mark.parametrize("late_by", [0.2, 3.5, 36.9])
async def test_a_timer_behind_its_beat_ticks_on_the_next_beat(monkeypatch, late_by):
    ticks, timer = ticks_after_a_late_beat(monkeypatch, late_by)
    await timer._run()
    first, second, third = ticks
    assert first == pytest.approx(1)
    behind = first + late_by
    # The next beat after falling behind, then one beat later: never a beat skipped.
    assert second == pytest.approx(int(behind) + 1)
    assert third == pytest.approx(second + 1)


def test_lrf_runs_its_own_timer_loop():
    assert Timer._run is frame_timer._run
