"""What the benches share: the generated database, timing helpers, and the table printer.

Every figure is a ratio against a baseline measured in the same run on the same machine, so a
busy or slow machine moves both sides together.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"


@dataclass
class Row:
    measure: str
    lrf: float  # seconds, milliseconds or MB: see unit
    baseline: float | None
    unit: str
    target: str
    ok: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.lrf / self.baseline


@dataclass
class Context:
    python: str = sys.executable
    quick: bool = False
    dbs: dict = field(default_factory=dict)

    @property
    def lrf(self) -> list[str]:
        exe = shutil.which("lrf", path=str(Path(self.python).parent))
        return [exe] if exe else [self.python, "-m", "lrf_tui.cli"]

    def big_db(self) -> Path:
        """200 reviews and 50,000 notes; the first review has 5,000 of them."""
        return self._db("big", reviews=200, notes=50_000, big_ref_notes=5_000)

    def event_db(self) -> Path:
        """200 reviews, 50,000 notes; the first review has 10,000 (a long live event)."""
        return self._db("event", reviews=200, notes=50_000, big_ref_notes=10_000)

    def _db(self, name: str, **kw) -> Path:
        if name not in self.dbs:
            sys.path.insert(0, str(HERE))
            from generate import generate

            CACHE.mkdir(mode=0o700, exist_ok=True)
            master = CACHE / f"{name}.db"
            info = generate(master, **kw)
            self.dbs[name] = (master, info)
        master, _ = self.dbs[name]
        return master

    def info(self, name: str) -> dict:
        self._db(name)
        return self.dbs[name][1]

    def fresh_copy(self, name: str) -> Path:
        """A throwaway copy, for benches that write."""
        master = self._db(name) if name in self.dbs else getattr(self, f"{name}_db")()
        copy = CACHE / f"{name}-copy.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
        shutil.copyfile(master, copy)
        os.chmod(copy, 0o600)
        return copy


def time_process(argv: list[str], *, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env=env)
    return time.perf_counter() - start


def interleaved_medians(a, b, rounds: int) -> tuple[float, float]:
    """Median of ``rounds`` runs of two callables, alternating so drift hits both alike."""
    ta, tb = [], []
    a(), b()  # warm the file cache
    for _ in range(rounds):
        ta.append(a())
        tb.append(b())
    return statistics.median(ta), statistics.median(tb)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)
