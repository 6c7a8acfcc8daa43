"""The live event's capture line, with 10,000 notes in the event.

- capture: Enter to the note durable and drawn. The clock runs from writing the Enter key to the
  end of the first frame that shows the note's text anywhere but on the capture line, and, for
  lrf, the note being in the database (a read-only connection polled after that frame; if the
  row is not there yet the clock runs until it is). Baseline: a bare Input-to-Log app (bare_app.py
  log) doing the same round trip, no database.
- capture-key: one keystroke on the capture line to the frame showing it (lrf also redraws its
  "Reads as" preview); baseline: the same keystroke in the bare app's Input.

Both programs stay open side by side and take turns, note by note (A B A B ...).
"""

from __future__ import annotations

from bench_startup import EVENT, REF
from common import SIZE, Context, Result, Series, ms, now, read_only
from generate import NEWEST_NOTE
from term import Pool, Term, Timeout

NAMES = ("capture", "capture-key")


class Side:
    def __init__(self, pool: Pool, term: Term, db=None):
        self.pool, self.term, self.db = pool, term, db
        self.enter: list[float] = []
        self.key: list[float] = []
        self.last_id = db.execute("SELECT max(id) FROM notes").fetchone()[0] if db else 0

    def note(self, text: str, keep: bool) -> None:
        pool, term = self.pool, self.term
        term.send(text[:-1])
        pool.wait(term, lambda t: t.shows(text[:-1]), what=f"typed {text[:-1]!r}")
        row = term.row_of(text[:-1])
        pool.settle(term, quiet=0.05)
        t0 = term.send(text[-1])
        hit = pool.wait(term, lambda t: text in t.line(row), what=f"typed {text!r}")
        if keep:
            self.key.append(ms(hit - t0))
        pool.settle(term, quiet=0.05)

        def drawn(t: Term) -> bool:
            return any(text in line for y, line in enumerate(t.lines()) if y != row)

        t0 = term.key("enter")
        done = pool.wait(term, drawn, what=f"the note {text!r} in the notes")
        if self.db is not None:
            done = max(done, self._durable(text))
        if keep:
            self.enter.append(ms(done - t0))
        pool.settle(term, quiet=0.05)

    def _durable(self, text: str) -> float:
        """When the note was first seen in the database (the frame's time if it already was)."""
        first = True
        deadline = now() + 10
        while now() < deadline:
            row = self.db.execute("SELECT id FROM notes WHERE id > ? AND body = ?",
                                  [self.last_id, text]).fetchone()
            if row:
                self.last_id = row[0]
                return 0.0 if first else now()
            first = False
            self.pool.pump(0.001)
        raise Timeout(f"the note {text!r} never reached the database")


def run(ctx: Context, names: set[str]) -> list[Result]:
    db = ctx.copy("tui")
    runs = ctx.runs(100, 15)
    pool = Pool()
    conn = read_only(db)
    try:
        mine = pool.spawn([ctx.lrf, "--db", str(db), "event", REF], ctx.env, SIZE)
        theirs = pool.spawn(ctx.bare("log", str(db), REF), ctx.env, SIZE)
        pool.wait_text(mine, *EVENT)
        pool.wait_text(theirs, NEWEST_NOTE, "Quit")
        pool.settle(mine, 0.3)
        pool.settle(theirs, 0.3)
        a, b = Side(pool, mine, conn), Side(pool, theirs)
        with Series() as s:
            for i in range(runs + 5):  # five warm-up notes each, not counted
                for side in (a, b):
                    side.note(f"bench note {i:04d} said in the room", keep=i >= 5)
        screen = mine.screen()
    finally:
        pool.close_all()
        conn.close()
    stored = read_only(db).execute(
        "SELECT count(*) FROM notes WHERE body LIKE 'bench note %'").fetchone()[0]
    results = []
    if "capture" in names:
        r = Result("capture", f"Enter to note durable and drawn, {REF} with 10,000 notes; "
                   "baseline: bare Input-to-Log app", "ms", a.enter, b.enter,
                   "<= 1.5x bare at p50 and p99",
                   check=lambda r: r.ratio(50) <= 1.5 and r.ratio(99) <= 1.5, load=s.load)
        r.notes.append(f"{stored} of {runs + 5} notes in the database after the series")
        if stored != runs + 5:
            r.check = lambda r: False
            r.notes.append("NOTES MISSING; the last screen was:\n" + screen)
        results.append(r)
    if "capture-key" in names:
        results.append(Result(
            "capture-key", "one keystroke on the capture line to drawn; baseline: bare Input",
            "ms", a.key, b.key, "<= 1.5x bare at p50", check=lambda r: r.ratio(50) <= 1.5,
            load=s.load))
    return results
