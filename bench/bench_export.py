"""Whole-process `lrf export REF --what outcome` on the review with 5,000 notes.

Target (DESIGN.md): under 0.5 s for the whole process, and it never imports Textual. The ratio
is against `python -c "import sqlite_utils"` measured in the same run.
"""

from __future__ import annotations

import os
import subprocess

from common import Context, Row, interleaved_medians, time_process


def run(ctx: Context) -> list[Row]:
    rounds = 3 if ctx.quick else 7
    db = ctx.big_db()
    ref = ctx.info("big")["big_ref"]
    env = {**os.environ, "LRF_DB": str(db)}
    argv = ctx.lrf + ["export", ref, "--what", "outcome"]
    took, base = interleaved_medians(
        lambda: time_process(argv, env=env),
        lambda: time_process([ctx.python, "-c", "import sqlite_utils"], env=env),
        rounds,
    )
    probe = subprocess.run(
        [ctx.python, "-X", "importtime", "-m", "lrf_tui.cli", "export", ref, "--what", "outcome"],
        env=env, capture_output=True, text=True, check=True,
    )
    textual = any(" textual" in line.split("|")[-1] for line in probe.stderr.splitlines()
                  if "|" in line)
    return [
        Row(f"`lrf export {ref} --what outcome`, whole process (5,000 notes)", took * 1000,
            base * 1000, "ms", "< 500 ms; ratio vs import sqlite_utils",
            ok=took < 0.5 and not textual,
            note="baseline: python -c 'import sqlite_utils'; Textual imported: "
                 + ("YES" if textual else "no")),
    ]
