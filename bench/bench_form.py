"""Outcome form autosave on a review with 10,000 notes (the form drafts its fields from them).

The chair types into "Synopsis of the case" and pauses; the form saves by itself after the pause.
A save is felt as keys that wait for it, so each round is:

1. a key typed with no save running, timed to its frame (the baseline);
2. the pause, until the database holds the text (a read-only connection, polled every ms);
3. at once, another key: timed to its frame, it waits for whatever the save still does after
   its commit (redrawing the field list, the status line, the note under the editor).

Target: a key during a save takes under 30 ms more than a key with none typically does (the
p50 of step 1), at p50 and p99. Also printed: how long after the pause the text was in the
database.
"""

from __future__ import annotations

from bench_startup import HOME, REF
from common import SIZE, Context, Result, Series, ms, now, percentile, read_only
from term import Pool, Term, Timeout

NAMES = ("autosave",)
FORM = ("Synopsis of the case", "Save")  # a field in the list, a key of the form's footer
FIELD = "7/16"  # the editor's title once the synopsis is chosen
FIELD_INDEX = 6  # downs from the first field
SAVE_AFTER = 0.6  # the form's pause before it saves (lrf_tui/screens/form.py)
PER_LINE = 16


def editor(row: str) -> str | None:
    """The text inside the rightmost box on a row (the editor, beside the field list)."""
    left, right = row.rfind("▊"), row.rfind("▎")
    return row[left + 1:right].strip() if 0 <= left < right else None


class Form:
    def __init__(self, pool: Pool, term: Term, db) -> None:
        self.pool, self.term, self.db = pool, term, db
        self.rid = db.execute("SELECT id FROM reviews WHERE ref = ?", [REF]).fetchone()[0]
        self.lines = [""]
        self.quiet: list[float] = []
        self.during: list[float] = []
        self.commit: list[float] = []

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def type(self, keys: str) -> tuple[float, float]:
        """Type ``keys`` at the end of the text; (sent, drawn) times."""
        for ch in keys:
            if ch == "\r":
                self.lines.append("")
            else:
                self.lines[-1] += ch
        line = self.lines[-1]
        t0 = self.term.send(keys)
        hit = self.pool.wait(self.term, lambda t: any(editor(x) == line for x in t.lines()),
                             what=f"typed {line!r}")
        return t0, hit

    def saved(self, timeout: float = 10.0) -> float:
        """Poll until the database holds the text typed so far; the time it was first seen."""
        want = self.text
        deadline = now() + timeout
        while now() < deadline:
            row = self.db.execute("SELECT body FROM form_fields WHERE review_id = ? AND "
                                  "field = 'synopsis'", [self.rid]).fetchone()
            if row and row[0] == want:
                return now()
            self.pool.pump(0.001)
        raise Timeout(f"the form never saved {want!r}")

    def round(self, n: int, keep: bool) -> None:
        if n % PER_LINE == 0:  # a new line now and then keeps each line short of a wrap
            self.type(("\r" if n else "") + f"L{n // PER_LINE}:")
            self.saved()
            self.type("-")  # drawn only once that save has done all it does
            self.pool.settle(self.term, quiet=0.1)
        t0, drawn = self.type("ab"[n % 2])
        saved = self.saved()
        t1, during = self.type("cd"[n % 2])
        if keep:
            self.quiet.append(ms(drawn - t0))
            self.during.append(ms(during - t1))
            self.commit.append(ms(saved - t0) - SAVE_AFTER * 1000)
        self.pool.settle(self.term, quiet=0.05)


def run(ctx: Context, names: set[str]) -> list[Result]:
    db = ctx.copy("tui")
    runs = ctx.runs(40, 8)
    pool = Pool()
    conn = read_only(db)
    try:
        term = pool.spawn([ctx.lrf, "--db", str(db)], ctx.env, SIZE)
        pool.wait_text(term, *HOME)
        pool.settle(term, 0.3)
        term.send("f")
        pool.wait_text(term, *FORM, timeout=60)
        pool.settle(term, 0.3)
        term.send("\x1b[B" * FIELD_INDEX)
        pool.wait_text(term, FIELD)
        pool.settle(term, 0.3)
        term.key("enter")  # into the editor
        pool.sleep(0.5)
        pool.settle(term, 0.3)
        form = Form(pool, term, conn)
        with Series() as s:
            for n in range(runs + 3):
                form.round(n, keep=n >= 3)
    finally:
        pool.close_all()
        conn.close()
    r = Result("autosave", f"form autosave, {REF} with 10,000 notes: a key typed as the save "
               "commits, to drawn; baseline: a key with no save running (same form)", "ms",
               form.during, form.quiet, "save adds < 30 ms (p50 and p99)", load=s.load)
    typical = r.p(50, base=True)
    added = [x - typical for x in form.during]
    r.check = lambda r: percentile(added, 50) < 30 and percentile(added, 99) < 30
    r.notes.append(f"the save adds p50 {percentile(added, 50):.1f} ms, p99 "
                   f"{percentile(added, 99):.1f} ms (a key during it, less a key's p50 without "
                   f"one); the text was in the database {percentile(form.commit, 50):.1f} ms "
                   f"(p50), {percentile(form.commit, 99):.1f} ms (p99) after the {SAVE_AFTER} s "
                   "pause (this includes the key's own handling)")
    return [r]
