"""Learning and Improvement view on 200 reviews, 2,000 actions and 50,000 notes.

- a filter change in the action tracker (key press to table redrawn), against a bare app whose
  key fills a DataTable with the same rows;
- `lrf export --what partnership --all`, whole process, against `lrf list` (same start-up).
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import os
import random
import statistics
import time

from common import Context, Row, interleaved_medians, percentile, time_process

OWNERS = [f"{first} {last}" for first in ("Jo", "Sam", "Priya", "Tom", "Ana", "Mel", "Ken", "Sue")
          for last in ("Hartley", "Reid", "Silva", "Okafor", "Carr")]
AGENCIES = ("Children's Social Care", "Police", "0-19 Health Visiting", "GP Practice",
            "Adult Mental Health", "Education")
ACTIONS = ("Agree a route for overnight incident notifications to schools",
           "Audit discharge letters for mention of children",
           "Brief frontline staff on the escalation procedure",
           "Add fathers to core group invitations by default",
           "Review supervision records for cases on child protection plans")


def add_partnership_data(path) -> int:
    """2,000 actions (10 a review), participants to tell agencies, themes, impact, spread."""
    from facilitation import partnership as p
    from facilitation.framework import DISSEMINATION_METHODS, STARTER_THEMES
    from facilitation.store import open_store

    rnd = random.Random(6)
    start = _dt.date(2025, 1, 1)
    with open_store(path) as store:
        reviews = store.conn.execute("SELECT id, ref FROM reviews ORDER BY id").fetchall()
        themes = [p.add_theme(store, t)["id"] for t in STARTER_THEMES]
        with store.db.atomic():
            rec_rows, people, tags, spread = [], [], [], []
            for i, (rid, ref) in enumerate(reviews):
                day = (start + _dt.timedelta(days=i * 4)).isoformat()
                store.conn.execute("UPDATE reviews SET event_date = ? WHERE id = ?", [day, rid])
                for name in rnd.sample(OWNERS, 5):
                    people.append((rid, name, rnd.choice(AGENCIES)))
                for t in rnd.sample(themes, rnd.randint(1, 3)):
                    tags.append((rid, t, "2026-01-01T00:00:00+00:00"))
                for n in range(10):
                    due = start + _dt.timedelta(days=rnd.randint(0, 900))
                    done = (due - _dt.timedelta(days=rnd.randint(0, 30))).isoformat() \
                        if rnd.random() < 0.3 else None
                    rec_rows.append((rid, n, rnd.choice(ACTIONS) + f" ({ref}, {n + 1})",
                                     rnd.choice(OWNERS), "6 months", due.isoformat(), done,
                                     int(rnd.random() < 0.4)))
                spread.append((rid, rnd.choice(DISSEMINATION_METHODS), rnd.choice(OWNERS), day,
                               day if rnd.random() < 0.5 else None, ""))
            store.conn.executemany(
                "INSERT INTO participants (review_id, name, agency) VALUES (?, ?, ?)", people)
            store.conn.executemany(
                "INSERT INTO review_themes (review_id, theme_id, tagged_at) VALUES (?, ?, ?)",
                tags)
            store.conn.executemany(
                "INSERT INTO recommendations (review_id, position, action, person_responsible, "
                "timeframe, due_date, completed_on, started) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rec_rows)
            store.conn.executemany(
                "INSERT INTO dissemination (review_id, method, lead, planned_on, done_on, "
                "detail) VALUES (?, ?, ?, ?, ?, ?)", spread)
            done_ids = [r[0] for r in store.conn.execute(
                "SELECT id FROM recommendations WHERE completed_on IS NOT NULL")]
            store.conn.executemany(
                "INSERT INTO impact_evidence (recommendation_id, what_changed, how_measured, "
                "observed_on, created_at) VALUES (?, 'Fewer missed notifications', "
                "'monthly audit', '2026-03-01', '2026-03-01T00:00:00+00:00')",
                [(i,) for i in done_ids[::2]])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return store.conn.execute("SELECT count(*) FROM recommendations").fetchone()[0]


class _FirstLine:
    """Records when a DataTable first draws a line after ``arm()``: the moment the user sees
    the table change (the same instrument on the view and on the bare app)."""

    def __init__(self):
        from textual.widgets import DataTable

        self.at: float | None = None
        original = DataTable.render_line
        probe = self

        def render_line(table, y):
            if probe.at is None:
                probe.at = time.perf_counter()
            return original(table, y)

        DataTable.render_line = render_line
        self._restore = lambda: setattr(DataTable, "render_line", original)

    def arm(self) -> float:
        self.at = None
        return time.perf_counter()

    def close(self) -> None:
        self._restore()


async def _view_filter_times(path, rounds: int):
    """Per filter key press: seconds until the tracker first drew, seconds until every row was
    in the table, the rows each state showed; and seconds from `l` to the view's first draw."""
    from facilitation.store import open_store
    from lrf_tui.app import LrfApp
    from textual.widgets import DataTable

    first, full, shown, opened = [], [], [], []
    probe = _FirstLine()
    try:
        with open_store(path) as store:
            app = LrfApp(store)
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(rounds):
                    await pilot.pause()
                    start = probe.arm()
                    await pilot.press("l")
                    await pilot.pause()
                    opened.append(probe.at - start)
                    await pilot.press("escape")
                    await pilot.pause()
                await pilot.press("l")
                await pilot.pause()
                table = app.screen.query_one("#actions", DataTable)
                for _ in range(rounds):
                    for key in ("s", "s", "s", "s", "s"):  # overdue, in progress, ..., any
                        start = probe.arm()
                        await pilot.press(key)
                        await pilot.pause()
                        full.append(time.perf_counter() - start)
                        first.append(probe.at - start)
                        if len(shown) < 5:
                            shown.append([tuple(str(c) for c in table.get_row_at(i))
                                          for i in range(table.row_count)])
    finally:
        probe.close()
    return first, full, shown, opened


async def _bare_fill_times(row_sets: list[list[tuple]], rounds: int):
    """The baseline: a key that fills a bare DataTable with the same rows; seconds to its
    first draw and to idle."""
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        BINDINGS = [Binding("s", "next", "Next")]
        index = 0

        def compose(self):
            yield Header()
            yield DataTable(cursor_type="row")
            yield Footer()

        def on_mount(self):
            self.query_one(DataTable).add_columns(*[f"c{i}" for i in range(7)])

        def action_next(self):
            table = self.query_one(DataTable)
            table.clear()
            for n, row in enumerate(row_sets[self.index % len(row_sets)]):
                table.add_row(*row, key=str(n))
            self.index += 1

    drawn, idle = [], []
    probe = _FirstLine()
    try:
        app = Bare()
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(rounds * len(row_sets)):
                start = probe.arm()
                await pilot.press("s")
                await pilot.pause()
                idle.append(time.perf_counter() - start)
                drawn.append(probe.at - start)
    finally:
        probe.close()
    return drawn, idle


def run(ctx: Context) -> list[Row]:
    rounds = 2 if ctx.quick else 6
    db = ctx.fresh_copy("big")
    actions = add_partnership_data(db)
    assert actions == 2000, actions

    first, full, shown, opened = asyncio.run(_view_filter_times(db, rounds))
    bare, bare_idle = asyncio.run(_bare_fill_times(shown, rounds))
    sizes = "/".join(str(len(s)) for s in shown)
    b_med = statistics.median(bare)
    f_med = statistics.median(first)
    rows = [
        Row("tracker filter change to table redrawn, median", f_med * 1000, b_med * 1000,
            "ms", "< 100 ms", ok=f_med < 0.1,
            note=f"baseline: bare app whose key fills a DataTable with the same rows ({sizes} "
                 "rows per filter state); both timed from key press to the table's first "
                 "drawn line"),
        Row("tracker filter change to table redrawn, p90", percentile(first, 90) * 1000,
            percentile(bare, 90) * 1000, "ms", "< 100 ms", ok=percentile(first, 90) < 0.1),
        Row("tracker filter change to table redrawn, slowest", max(first) * 1000,
            max(bare) * 1000, "ms", "(outliers: shared machine, GC)"),
        Row("tracker filter change to every row loaded (idle), median",
            statistics.median(full) * 1000, statistics.median(bare_idle) * 1000, "ms",
            "ratio vs bare fill to idle",
            note="a long list's rows after the first screenful are added in chunks after each "
                 "refresh; keys keep working meanwhile"),
        Row("open the view (l) to tracker drawn, median", statistics.median(opened) * 1000,
            None, "ms", "no visible pause",
            note="loads 2,000 actions with impact; themes and dissemination tabs mount after "
                 "the first frame"),
    ]

    env = {**os.environ, "LRF_DB": str(db)}
    export, listing = interleaved_medians(
        lambda: time_process(ctx.lrf + ["export", "--what", "partnership", "--all"], env=env),
        lambda: time_process(ctx.lrf + ["list"], env=env),
        3 if ctx.quick else 7,
    )
    rows.append(Row("`lrf export --what partnership --all`, whole process", export * 1000,
                    listing * 1000, "ms", "< 1 s", ok=export < 1.0,
                    note="baseline: `lrf list` on the same database"))
    csv_t, _ = interleaved_medians(
        lambda: time_process(ctx.lrf + ["export", "--what", "actions", "--all", "--format",
                                        "csv"], env=env),
        lambda: time_process(ctx.lrf + ["list"], env=env),
        3 if ctx.quick else 7,
    )
    rows.append(Row("`lrf export --what actions --all --format csv`", csv_t * 1000,
                    listing * 1000, "ms", "< 1 s", ok=csv_t < 1.0))
    return rows
