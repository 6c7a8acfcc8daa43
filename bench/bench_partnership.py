"""The Learning and Improvement view (l on the home screen) with 2,000 actions, footer keys
included, as the chair first opens it in a fresh lrf.

Each run spawns lrf, waits for the home screen to settle, presses l and stops the clock at the
end of the first frame showing the action count and the view's footer. Target: 200 ms. Baseline:
a bare app whose l opens a screen with a DataTable of the same 2,000 actions and a Footer
(bare_app.py actions); the two take turns.
"""

from __future__ import annotations

from bench_startup import HOME
from common import SIZE, Context, Result, Series, interleave, ms, percentile
from term import Pool

NAMES = ("partnership",)
VIEW = ("of 2000 actions", "Filter")  # the tracker's count line, a key of its footer
BARE_HOME = ("Press l", "Quit")
BARE_VIEW = ("of 2000 actions", "Back")


def open_view(pool: Pool, argv: list[str], env: dict, home, view, extra: dict) -> float:
    term = pool.spawn(argv, env, SIZE)
    pool.wait_text(term, *home)
    pool.settle(term, quiet=0.3)
    t0 = term.send("l")
    hit = pool.wait_text(term, *view)
    extra.setdefault("settled", []).append(ms(pool.settle(term, quiet=0.3) - t0))
    pool.close(term)
    extra.setdefault("rss", []).append(term.rusage.ru_maxrss / 1024)
    return ms(hit - t0)


def run(ctx: Context, names: set[str]) -> list[Result]:
    db = ctx.copy("tui")
    pool = Pool()
    mine, theirs = {}, {}
    try:
        with Series() as s:
            a, b = interleave(
                ctx.runs(15, 4),
                lambda: open_view(pool, [ctx.lrf, "--db", str(db)], ctx.env, HOME, VIEW, mine),
                lambda: open_view(pool, ctx.bare("actions", str(db)), ctx.env, BARE_HOME,
                                  BARE_VIEW, theirs),
            )
    finally:
        pool.close_all()
    r = Result("partnership", "l on the home screen to the Learning and Improvement view "
               "drawn with its footer, 2,000 actions; baseline: bare_app.py actions", "ms", a, b,
               "< 200 ms (p50 and p99)", check=lambda r: r.p(50) < 200 and r.p(99) < 200,
               load=s.load)
    r.notes.append(
        f"screen settled (no change for 0.3 s) at p50 {percentile(mine['settled'][1:], 50):.0f}"
        f" ms vs bare {percentile(theirs['settled'][1:], 50):.0f} ms; peak memory p50 "
        f"{percentile(mine['rss'][1:], 50):.0f} MB vs bare {percentile(theirs['rss'][1:], 50):.0f}"
        " MB")
    return [r]
