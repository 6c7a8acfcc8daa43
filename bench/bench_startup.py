"""Whole-process `lrf list` and time to the first frame of the home screen."""

from __future__ import annotations

import os
import time

from common import ROOT, Context, Row, interleaved_medians, time_process


def _first_frame(argv: list[str], marker: str, env: dict) -> float:
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(30, 100), encoding="utf-8",
                          codec_errors="replace")
    child.expect_exact(marker, timeout=30)
    elapsed = time.perf_counter() - start
    child.sendcontrol("q")
    try:
        child.expect(pexpect.EOF, timeout=10)
    finally:
        child.close(force=True)
    return elapsed


def run(ctx: Context) -> list[Row]:
    rounds = 3 if ctx.quick else 7
    db = ctx.big_db()
    first_ref = ctx.info("big")["refs"][0]
    env = {**os.environ, "TERM": "xterm-256color", "LRF_DB": str(db)}
    env.pop("TEXTUAL", None)

    lst, base = interleaved_medians(
        lambda: time_process(ctx.lrf + ["list"], env=env),
        lambda: time_process([ctx.python, "-c", "import sqlite_utils"], env=env),
        rounds,
    )
    rows = [Row("`lrf list`, whole process (200 reviews)", lst * 1000, base * 1000, "ms",
                "ratio vs `import sqlite_utils`", note="baseline: python -c 'import sqlite_utils'")]

    frame, bare = interleaved_medians(
        lambda: _first_frame(ctx.lrf, first_ref, env),
        lambda: _first_frame([ctx.python, str(ROOT / "bench" / "bare_app.py"), str(db)], first_ref,
                             env),
        rounds,
    )
    ratio = frame / bare
    rows.append(Row("first frame of home (200 reviews, 50,000 notes)", frame * 1000, bare * 1000,
                    "ms", "<= 1.5x bare app", ok=ratio <= 1.5,
                    note="baseline: bare Header+DataTable+Input+Footer app showing the same 200 rows"))
    return rows + run_memory(ctx)


def _peak_rss_mb(argv: list[str], marker: str, env: dict) -> float:
    """Peak resident memory (VmHWM) of a TUI once its first screen is drawn and settled."""
    import pexpect

    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(40, 120), encoding="utf-8",
                          codec_errors="replace")
    try:
        child.expect_exact(marker, timeout=30)
        time.sleep(1.0)  # let deferred work (later rows, countdowns) finish
        with open(f"/proc/{child.pid}/status") as f:
            peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM"))
        child.sendcontrol("q")
        child.expect(pexpect.EOF, timeout=10)
    finally:
        child.close(force=True)
    return peak / 1024


def run_memory(ctx: Context) -> list[Row]:
    db = ctx.big_db()
    first_ref = ctx.info("big")["refs"][0]
    env = {**os.environ, "TERM": "xterm-256color", "LRF_DB": str(db)}
    lrf = _peak_rss_mb(ctx.lrf, first_ref, env)
    bare = _peak_rss_mb([ctx.python, str(ROOT / "bench" / "bare_app.py"), str(db)], first_ref, env)
    return [Row("peak memory of the TUI (200 reviews, 50,000 notes)", lrf, bare, "MB",
                "< 150 MB", ok=lrf < 150, note="baseline: the same bare app")]
