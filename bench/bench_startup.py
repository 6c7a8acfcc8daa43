"""First frame, footer included: `lrf` (home) and `lrf event REF`, on 200 reviews and 50,000
notes (10,000 of them in REF), each against a bare Textual app with Header, DataTable, Input and
Footer showing the same 200 review rows.

Each run spawns the program on the pseudo-terminal and stops the clock at the end of the first
frame on which the screen shows both a text of the screen's content and its footer.
"""

from __future__ import annotations

from common import SIZE, Context, Result, Series, interleave, ms, percentile
from generate import NEWEST_NOTE, tui_refs
from term import Pool

REF = tui_refs()[0]  # the busiest review, first row of the home screen
HOME = (REF, "Partnership")  # a review row, and a key of the home screen's footer
EVENT = (NEWEST_NOTE, "Ground rules")  # the newest note, and a key of the event's footer
BARE = (REF, "Quit")

NAMES = ("startup-home", "startup-event")


def first_frame(pool: Pool, argv: list[str], env: dict, marks: tuple[str, ...], extra: dict):
    """Seconds from spawn to the first frame showing ``marks``; also keeps when the screen
    settled and the peak memory, in ``extra``."""
    term = pool.spawn(argv, env, SIZE)
    hit = pool.wait_text(term, *marks)
    settled = pool.settle(term, quiet=0.3)
    pool.close(term)
    extra.setdefault("settled", []).append(ms(settled - term.started))
    extra.setdefault("rss", []).append(term.rusage.ru_maxrss / 1024)
    return ms(hit - term.started)


def series(ctx: Context, argv: list[str], marks, bare_argv: list[str]):
    pool = Pool()
    mine, theirs = {}, {}
    try:
        with Series() as s:
            a, b = interleave(
                ctx.runs(15, 4),
                lambda: first_frame(pool, argv, ctx.env, marks, mine),
                lambda: first_frame(pool, bare_argv, ctx.env, BARE, theirs),
            )
    finally:
        pool.close_all()
    return a, b, s.load, mine, theirs


def run(ctx: Context, names: set[str]) -> list[Result]:
    results = []
    db = ctx.copy("tui")
    bare_argv = ctx.bare("table", str(db))
    for name, argv, marks in (
        ("startup-home", [ctx.lrf, "--db", str(db)], HOME),
        ("startup-event", [ctx.lrf, "--db", str(db), "event", REF], EVENT),
    ):
        if name not in names:
            continue
        a, b, load, mine, theirs = series(ctx, argv, marks, bare_argv)
        r = Result(
            name,
            f"`{' '.join(['lrf'] + argv[3:])}` spawn to first frame with {marks[0]!r} and the "
            f"footer's {marks[1]!r}; baseline: bare_app.py table (same 200 rows)",
            "ms", a, b, "<= 1.5x bare (p50)", check=lambda r: r.ratio(50) <= 1.5, load=load)
        r.notes.append(
            f"screen settled (no change for 0.3 s) at p50 {percentile(mine['settled'][1:], 50):.0f}"
            f" ms vs bare {percentile(theirs['settled'][1:], 50):.0f} ms; peak memory p50 "
            f"{percentile(mine['rss'][1:], 50):.0f} MB vs bare "
            f"{percentile(theirs['rss'][1:], 50):.0f} MB")
        results.append(r)
    return results
