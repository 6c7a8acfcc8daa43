"""Peak memory of the TUI on the bench database (200 reviews, 50,000 notes, 2,000 actions): lrf
walked through home, the live event of the review with 10,000 notes, F9 Find with a word typed,
back home and into the Learning and Improvement view; the peak resident memory (VmHWM) is read
before it quits. Target: under 150 MB. Baseline: the bare Header, DataTable, Input and Footer
app showing the 200 reviews (bare_app.py table), read the same way once drawn.
"""

from __future__ import annotations

from bench_find import FIND_OPEN, summary
from bench_partnership import VIEW
from bench_startup import BARE, EVENT, HOME
from common import SIZE, Context, Result, Series, interleave
from term import Pool

NAMES = ("memory",)


def walk(pool: Pool, ctx: Context, db) -> float:
    term = pool.spawn([ctx.lrf, "--db", str(db)], ctx.env, SIZE)
    try:
        for keys, marks in ((None, HOME), ("e", EVENT), ("\x1b[20~", (FIND_OPEN,)),
                            ("supervision", (summary("supervision"),)), ("\x1b", EVENT),
                            ("\x1b", ("Esc again",)), ("\x1b", HOME), ("l", VIEW)):
            if keys:
                term.send(keys)
            pool.wait_text(term, *marks, timeout=60)
            pool.settle(term, quiet=0.3)
        return term.peak_rss_mb()
    finally:
        pool.close(term)


def bare(pool: Pool, ctx: Context, db) -> float:
    term = pool.spawn(ctx.bare("table", str(db)), ctx.env, SIZE)
    try:
        pool.wait_text(term, *BARE)
        pool.settle(term, quiet=0.3)
        return term.peak_rss_mb()
    finally:
        pool.close(term)


def run(ctx: Context, names: set[str]) -> list[Result]:
    db = ctx.copy("tui")
    pool = Pool()
    try:
        with Series() as s:
            a, b = interleave(ctx.runs(5, 2), lambda: walk(pool, ctx, db),
                              lambda: bare(pool, ctx, db))
    finally:
        pool.close_all()
    return [Result("memory", "peak resident memory of lrf walked through home, the live event "
                   "(10,000 notes), Find and the Learning and Improvement view; baseline: "
                   "bare_app.py table", "MB", a, b, "< 150 MB (p99)",
                   check=lambda r: r.p(99) < 150, load=s.load)]
