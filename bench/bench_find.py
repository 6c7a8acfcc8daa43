"""F9 Find on the live event of a review with 10,000 notes: one keystroke in the search line to
the results drawn, typed one letter at a time, as a chair types.

The clock runs from writing the key to the end of the last frame that changed the screen, once
the summary line names the words typed so far and nothing more is drawn for 0.15 s (so a list
that scrolls into place a refresh later is counted). Target: under 30 ms. Baseline: the same
keystroke in a bare app's Input (bare_app.py log), drawn the same way; the two take turns.
"""

from __future__ import annotations

from bench_startup import EVENT, REF
from common import SIZE, Context, Result, Series, ms
from generate import NEWEST_NOTE
from term import Pool, Term

NAMES = ("find",)
FIND_OPEN = "Find notes"  # the Find dialog's first line
WORDS = ("supervision", "escalation", "breakfast", "assessment", "disclosure", "threshold",
         "referral", "housing", "appointment", "neglect", "strategy", "information")
QUIET = 0.15


def summary(query: str) -> str:
    """How the Find summary line names the words searched for."""
    return f"words “{query}”"


def keystroke(pool: Pool, term: Term, query: str, shown) -> float:
    t0 = term.send(query[-1])
    pool.wait(term, lambda t: shown(t, query), what=f"the search for {query!r}")
    return ms(pool.settle(term, quiet=QUIET) - t0)


def clear(pool: Pool, term: Term, query: str, shown) -> None:
    term.send("\x7f" * len(query))
    pool.wait(term, lambda t: not shown(t, query), what=f"{query!r} cleared")
    pool.settle(term, quiet=QUIET)


def lrf_shows(term: Term, query: str) -> bool:
    return term.shows(summary(query))


def input_row(pool: Pool, term: Term) -> int:
    """The row of the bare app's Input (found by typing into it)."""
    term.send("x")
    pool.wait(term, lambda t: any(line.strip(" ▊▎") == "x" for line in t.lines()), what="x")
    row = next(y for y, line in enumerate(term.lines()) if line.strip(" ▊▎") == "x")
    term.send("\x7f")
    pool.wait(term, lambda t: t.line(row).strip(" ▊▎") == "", what="x deleted")
    pool.settle(term, quiet=QUIET)
    return row


def run(ctx: Context, names: set[str]) -> list[Result]:
    db = ctx.copy("tui")
    words = WORDS[:3] if ctx.quick else WORDS
    pool = Pool()
    a: list[float] = []
    b: list[float] = []
    try:
        mine = pool.spawn([ctx.lrf, "--db", str(db), "event", REF], ctx.env, SIZE)
        theirs = pool.spawn(ctx.bare("log", str(db), REF), ctx.env, SIZE)
        pool.wait_text(mine, *EVENT)
        pool.wait_text(theirs, NEWEST_NOTE, "Quit")
        mine.key("f9")
        pool.wait_text(mine, FIND_OPEN)
        pool.settle(mine, 0.3)
        pool.settle(theirs, 0.3)
        row = input_row(pool, theirs)

        def bare_shows(term: Term, query: str) -> bool:
            return term.line(row).strip(" ▊▎") == query

        with Series() as s:
            for n, word in enumerate(words):
                for i in range(1, len(word) + 1):
                    q = word[:i]
                    mine_ms = keystroke(pool, mine, q, lrf_shows)
                    theirs_ms = keystroke(pool, theirs, q, bare_shows)
                    if n:  # the first word warms up
                        a.append(mine_ms)
                        b.append(theirs_ms)
                clear(pool, mine, word, lrf_shows)
                clear(pool, theirs, word, bare_shows)
    finally:
        pool.close_all()
    return [Result("find", f"F9 Find, {REF} with 10,000 notes: keystroke to results drawn "
                   f"({len(words) - 1} words typed letter by letter); baseline: bare Input "
                   "keystroke", "ms", a, b, "< 30 ms (p50 and p99)",
                   check=lambda r: r.p(50) < 30 and r.p(99) < 30, load=s.load)]
