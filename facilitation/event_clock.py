"""The live event's clock: which agenda item the chair is on, how long each item has run, and
what is left of the item and the event. Its state is saved on every change, each change one
transaction, so a reopened event (after a crash, too) is where the chair left it. No Textual here.
"""

from __future__ import annotations

import datetime as _dt
import json
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterator

from . import clock as _clock  # the one clock (this module has its own clock() format)
from .store import Store

if TYPE_CHECKING:
    from .event import EventContext


def utc_now(now: _dt.datetime | None = None) -> _dt.datetime:
    """``now`` if given (tests freeze time), else this moment in UTC."""
    return now or _clock.now()


def iso_utc(moment: _dt.datetime) -> str:
    """A moment as stored: ISO 8601 in UTC, to the millisecond."""
    return moment.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds")


@dataclass
class EventState:
    """Where the chair is and how long each item has run. Saved on every change, so reopening
    after a crash lands on the same item with the clock as it was (a running clock kept running
    while the app was down: the room did not stop talking)."""

    review_id: int
    current_item_id: int | None
    started_at: str | None = None
    item_started_at: str | None = None  # set while the clock runs
    elapsed_by_item: dict[int, float] = field(default_factory=dict)  # committed seconds
    paused: bool = True

    @property
    def running(self) -> bool:
        return not self.paused and self.item_started_at is not None

    def elapsed(self, item_id: int | None, now: _dt.datetime | None = None) -> float:
        base = self.elapsed_by_item.get(item_id, 0.0) if item_id is not None else 0.0
        if item_id == self.current_item_id and self.running:
            started = _dt.datetime.fromisoformat(self.item_started_at)  # type: ignore[arg-type]
            base += max(0.0, (utc_now(now) - started).total_seconds())
        return base


def load_state(store: Store, ctx: EventContext) -> EventState:
    """The saved state, or a new one (first item, clock not started) saved at once."""
    row = store.conn.execute(
        "SELECT current_item_id, started_at, item_started_at, elapsed_by_item, paused "
        "FROM event_state WHERE review_id = ?", [ctx.review_id]).fetchone()
    item_ids = [a["id"] for a in ctx.agenda]
    if row is not None:
        current, started_at, item_started_at, elapsed_json, paused = row
        try:
            raw = json.loads(elapsed_json or "{}")
            elapsed = {int(k): float(v) for k, v in raw.items()}
        except (ValueError, TypeError, AttributeError):
            elapsed = {}
        if current not in item_ids:
            current = item_ids[0] if item_ids else None
        return EventState(ctx.review_id, current, started_at, item_started_at, elapsed,
                          bool(paused))
    state = EventState(ctx.review_id, item_ids[0] if item_ids else None)
    save_state(store, state)
    return state


def save_state(store: Store, state: EventState) -> None:
    current = state.current_item_id
    with store.write():
        store.conn.execute(
            "INSERT INTO event_state (review_id, current_item_id, started_at, item_started_at, "
            "item_elapsed_seconds, elapsed_by_item, paused) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(review_id) DO UPDATE SET current_item_id = excluded.current_item_id, "
            "started_at = excluded.started_at, item_started_at = excluded.item_started_at, "
            "item_elapsed_seconds = excluded.item_elapsed_seconds, "
            "elapsed_by_item = excluded.elapsed_by_item, paused = excluded.paused",
            [
                state.review_id,
                current,
                state.started_at,
                state.item_started_at,
                state.elapsed_by_item.get(current, 0.0) if current is not None else 0.0,
                json.dumps({str(k): round(v, 3) for k, v in state.elapsed_by_item.items()}),
                1 if state.paused else 0,
            ],
        )


def _bank(state: EventState, now: _dt.datetime) -> None:
    """Fold the running segment into the current item's committed seconds."""
    if state.running and state.current_item_id is not None:
        state.elapsed_by_item[state.current_item_id] = state.elapsed(state.current_item_id, now)
        state.item_started_at = iso_utc(now)


@contextmanager
def _changing(store: Store, state: EventState) -> Iterator[None]:
    """Change ``state`` and save it; if the save fails (a full disk), ``state`` is left as it
    was, so the screen never shows a clock or an item the database does not hold."""
    before = replace(state, elapsed_by_item=dict(state.elapsed_by_item))
    try:
        yield
        save_state(store, state)
    except BaseException:
        state.__dict__.update(before.__dict__)
        raise


def start_clock(store: Store, state: EventState, now: _dt.datetime | None = None) -> None:
    now = utc_now(now)
    if state.running:
        return
    with _changing(store, state):
        state.paused = False
        state.item_started_at = iso_utc(now)
        state.started_at = state.started_at or iso_utc(now)


def pause_clock(store: Store, state: EventState, now: _dt.datetime | None = None) -> None:
    now = utc_now(now)
    if not state.running:
        return
    with _changing(store, state):
        _bank(state, now)
        state.paused = True
        state.item_started_at = None


def move_to_item(store: Store, state: EventState, item_id: int, now: _dt.datetime | None = None) -> None:
    """Make ``item_id`` current; the time so far stays with the item being left."""
    now = utc_now(now)
    if item_id == state.current_item_id:
        return
    with _changing(store, state):
        _bank(state, now)
        state.current_item_id = item_id
        if state.running:
            state.item_started_at = iso_utc(now)


@dataclass
class Timings:
    """The chair's two clocks: this item against its own planned minutes, and the event against
    its planned total. An item is never given more time because others ran short, nor less
    because others overran: the plan is what the room agreed to."""

    item_elapsed: float
    item_budget: float  # the item's own planned seconds (0: no time planned)
    event_elapsed: float
    event_total: float  # the event's planned seconds

    @property
    def item_left(self) -> float:
        return self.item_budget - self.item_elapsed

    @property
    def item_over(self) -> float:
        """Seconds past the item's planned minutes (0 while within them, or with no plan)."""
        return max(0.0, -self.item_left) if self.item_budget > 0 else 0.0

    @property
    def event_left(self) -> float:
        return self.event_total - self.event_elapsed

    @property
    def event_over(self) -> float:
        return max(0.0, -self.event_left) if self.event_total > 0 else 0.0


def timings(ctx: EventContext, state: EventState, now: _dt.datetime | None = None) -> Timings:
    """Time used on the current item against its own planned minutes, and on the whole event
    against the event's planned minutes (the agenda's sum when the event has none)."""
    planned = {a["id"]: float(a["minutes"] or 0) * 60 for a in ctx.agenda}
    minutes = ctx.review.get("event_minutes")
    total = float(minutes) * 60 if minutes else sum(planned.values())
    event_elapsed = sum(state.elapsed(item_id, now) for item_id in planned)
    current = state.current_item_id
    if current in planned:
        item_elapsed, item_budget = state.elapsed(current, now), planned[current]
    else:
        item_elapsed = item_budget = 0.0
    return Timings(item_elapsed, item_budget, event_elapsed, total)


def minutes_text(seconds: float) -> str:
    """A planned length as the chair typed it: '20 min'."""
    return f"{int(round(seconds / 60))} min"


def times_line(t: Timings, *, started: bool, running: bool, key: str, has_item: bool = True,
               width: int = 78) -> str:
    """The live event's times line, fitted to ``width`` cells: the clock's state first (it must
    never be cut off), then this item's elapsed time against its own minutes and the event's
    against its planned total. An overrun says OVER in words, so it never rests on colour.
    The fullest wording that fits is used; the shortest keeps the state, both times and OVER.

    ``clock running (F5) · item 5:00 of 20 min, 15:00 left · event 7:00 of 150 min``
    ``clock PAUSED (F5) · item 23:00 of 20 min, 3:00 OVER · event 25:00 of 150 min``
    """
    state = "not started" if not started else "running" if running else "PAUSED"

    def against(label: str, elapsed: float, planned: float, over: float, style: int) -> str:
        if planned <= 0:
            return f"{label} {clock(elapsed)}, no time planned"
        text = f"{label} {clock(elapsed)}{' of ' if style < 2 else '/'}{minutes_text(planned)}"
        if over > 0:
            return text + (f", {clock(over)} OVER" if style < 2 else
                           f" {clock(over)} OVER" if style == 2 else " OVER")
        return text

    line = ""
    for style in range(5):  # 4: a long remapped key is left out before anything else is cut
        parts = [f"clock {state} ({key})" if style < 2 else f"{state} ({key})" if style < 4
                 else state]
        if has_item:
            item = against("item", t.item_elapsed, t.item_budget, t.item_over, style)
            if style == 0 and t.item_budget > 0 and t.item_over <= 0:
                item += f", {clock(t.item_left)} left"
            parts.append(item)
        parts.append(against("event", t.event_elapsed, t.event_total, t.event_over, style))
        line = " · ".join(parts)
        if len(line) <= width:
            break
    return line


def clock(seconds: float) -> str:
    """1:05:09 / 12:04 / -3:10 (an overrun is negative and says so with its sign)."""
    sign = "-" if seconds < 0 else ""
    s = int(abs(seconds) + 0.5) if seconds >= 0 else int(abs(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{sign}{h}:{m:02d}:{sec:02d}" if h else f"{sign}{m}:{sec:02d}"
