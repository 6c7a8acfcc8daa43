"""`lrf export REF --what outcome -o FILE`, whole process, as a user runs it.

- export: the review with 50,000 notes; target under 0.5 s (p50 and p99). Baseline: `lrf list` on
  the same database (the command line's own start-up and opening the file); the two take turns.
- export-memory: peak resident memory (the child's ru_maxrss) exporting the review with 200,000
  notes; target under 150 MB. Baseline: `lrf list`'s.

Each export must exit 0 and write the form; one more run with PYTHONPROFILEIMPORTTIME=1 checks
that the export never imports Textual.
"""

from __future__ import annotations

import os
import subprocess
import tempfile

from common import Context, Result, Series, interleave, ms, now, percentile
from generate import export_refs

NAMES = ("export", "export-memory")
HEADING = b"# Learning Review Outcomes Form"


def timed(argv: list[str], env: dict, out: str | None = None) -> tuple[float, float, str]:
    """(seconds, peak MB, stderr) of one whole process; refuses a failed export."""
    with tempfile.TemporaryFile() as err:
        t0 = now()
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=err, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        took = now() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[1:])} exited {p.returncode}: {stderr[-2000:]}")
    if out is not None:
        with open(out, "rb") as f:
            if not f.read(len(HEADING)) == HEADING:
                raise RuntimeError(f"{out} is not an outcome form")
    return took, usage.ru_maxrss / 1024, stderr


def run(ctx: Context, names: set[str]) -> list[Result]:
    db = str(ctx.db("export"))  # exports open it read-only
    small, large = export_refs()
    out = str(ctx.copy("tui").with_suffix(".md"))
    env = ctx.env

    def export(ref: str) -> list[str]:
        return [ctx.lrf, "--db", db, "export", ref, "--what", "outcome", "-o", out, "--force"]

    listing = [ctx.lrf, "--db", db, "list"]
    results = []
    probe = timed(export(small), {**env, "PYTHONPROFILEIMPORTTIME": "1"}, out)[2]
    textual = sorted({line.split("|")[-1].strip() for line in probe.splitlines()
                      if line.startswith("import time:") and
                      line.split("|")[-1].strip().split(".")[0] == "textual"})
    if "export" in names:
        with Series() as s:
            a, b = interleave(ctx.runs(15, 4), lambda: ms(timed(export(small), env, out)[0]),
                              lambda: ms(timed(listing, env)[0]))
        r = Result("export", f"`lrf export {small} --what outcome -o FILE`, 50,000 notes, whole "
                   "process; baseline: `lrf list`", "ms", a, b, "< 500 ms (p50 and p99)",
                   check=lambda r: r.p(50) < 500 and r.p(99) < 500 and not textual, load=s.load)
        r.notes.append("Textual imported: " + (", ".join(textual[:5]) if textual else "no"))
        results.append(r)
    if "export-memory" in names:
        times = []

        def big() -> float:
            took, peak, _ = timed(export(large), env, out)
            times.append(ms(took))
            return peak

        with Series() as s:
            a, b = interleave(ctx.runs(5, 2), big, lambda: timed(listing, env)[1])
        r = Result("export-memory", f"peak memory of `lrf export {large} --what outcome -o "
                   "FILE`, 200,000 notes; baseline: `lrf list`", "MB", a, b, "< 150 MB (p99)",
                   check=lambda r: r.p(99) < 150, load=s.load)
        r.notes.append(f"that export took {percentile(times[1:], 50):.0f} ms (p50)")
        results.append(r)
    return results
