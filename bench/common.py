"""What the measures share: the programs and databases, series of interleaved runs, and the
figures (median, p90, p99, ratio) with the load average while they were taken."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generate import CACHE, cached

HERE = Path(__file__).resolve().parent
SIZE = (100, 30)  # columns, rows: every program measured gets the same terminal


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (p in 0..100)."""
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


@dataclass
class Result:
    name: str
    what: str
    unit: str  # "ms" or "MB"
    lrf: list[float]
    baseline: list[float] | None
    target: str
    check: Callable[[Result], bool] | None = None
    load: tuple[float, float] = (0.0, 0.0)
    notes: list[str] = field(default_factory=list)

    def p(self, q: float, base: bool = False) -> float | None:
        values = self.baseline if base else self.lrf
        return percentile(values, q) if values else None

    def ratio(self, q: float) -> float | None:
        a, b = self.p(q), self.p(q, base=True)
        return a / b if a is not None and b else None

    @property
    def ok(self) -> bool | None:
        return self.check(self) if self.check else None


class Series:
    """The load average (1 minute) at the start and end of a series of runs."""

    def __enter__(self) -> Series:
        self.start = os.getloadavg()[0]
        return self

    def __exit__(self, *exc) -> None:
        self.end = os.getloadavg()[0]

    @property
    def load(self) -> tuple[float, float]:
        return self.start, self.end


@dataclass
class Context:
    quick: bool = False
    python: str = sys.executable
    copies: int = 0

    def runs(self, full: int, quick: int) -> int:
        return quick if self.quick else full

    @property
    def lrf(self) -> str:
        exe = Path(self.python).parent / "lrf"
        if not exe.exists():
            sys.exit(f"bench: no lrf installed beside {self.python}; run it with the python of "
                     "the virtual environment lrf is installed in (pip install -e .).")
        return str(exe)

    def compile_lrf(self) -> None:
        """Write lrf's bytecode where it is missing or stale, as `pip install .` does when it
        installs lrf. Otherwise an editable install run with PYTHONDONTWRITEBYTECODE (or a
        source tree just edited) compiles its modules at every start, as no installed lrf
        does, while Textual's bytecode is there: lrf measured slower than a user feels it."""
        import compileall
        import importlib.util

        for name in ("facilitation", "exports", "lrf_tui"):
            spec = importlib.util.find_spec(name)
            if spec is None or not spec.submodule_search_locations:
                sys.exit(f"bench: {name} is not installed beside {self.python}")
            for folder in spec.submodule_search_locations:
                if not compileall.compile_dir(folder, quiet=1):
                    sys.exit(f"bench: lrf's modules in {folder} do not compile")

    def bare(self, *args: str) -> list[str]:
        return [self.python, str(HERE / "bare_app.py"), *args]

    @property
    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TEXTUAL", "LRF_", "PYTHONPROFILE"))}
        env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLORTERM="truecolor")
        env.pop("NO_COLOR", None)
        return env

    def db(self, name: str) -> Path:
        """The cached database ``name`` (never written to: see ``copy``)."""
        return cached(name)

    def copy(self, name: str) -> Path:
        """A fresh copy of database ``name`` for a series that may write to it."""
        work = CACHE / "work"
        work.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.copies += 1
        path = work / f"{name}-{os.getpid()}-{self.copies}.db"
        shutil.copyfile(self.db(name), path)
        os.chmod(path, 0o600)
        return path

    def cleanup(self) -> None:
        shutil.rmtree(CACHE / "work", ignore_errors=True)


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)


def interleave(runs: int, a: Callable[[], float], b: Callable[[], float]):
    """A B A B ...: one warm-up pair (not counted), then ``runs`` pairs."""
    a(), b()
    xs, ys = [], []
    for _ in range(runs):
        xs.append(a())
        ys.append(b())
    return xs, ys


def ms(seconds: float) -> float:
    return seconds * 1000


def now() -> float:
    return time.perf_counter()


def _fmt(v: float | None, digits: int = 1) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def table(results: list[Result]) -> str:
    head = ("| measure | n | lrf p50 | p90 | p99 | baseline p50 | p90 | p99 | ratio p50 | "
            "ratio p99 | target | ok | load |")
    rows = [head, "|" + "---|" * 13]
    for r in results:
        ok = {True: "ok", False: "NO", None: "-"}[r.ok]
        rows.append(
            f"| {r.name} | {len(r.lrf)} | {_fmt(r.p(50))} {r.unit} | {_fmt(r.p(90))} | "
            f"{_fmt(r.p(99))} | {_fmt(r.p(50, True))} | {_fmt(r.p(90, True))} | "
            f"{_fmt(r.p(99, True))} | {_fmt(r.ratio(50), 2)} | {_fmt(r.ratio(99), 2)} | "
            f"{r.target} | {ok} | {r.load[0]:.2f}→{r.load[1]:.2f} |")
    return "\n".join(rows)


def details(results: list[Result]) -> str:
    out = []
    for r in results:
        out.append(f"- {r.name}: {r.what}")
        out.extend(f"    {n}" for n in r.notes)
    return "\n".join(out)
