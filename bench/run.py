"""Run every bench and print a table of figures, each a ratio against a baseline from this run.

    python bench/run.py            # all benches
    python bench/run.py --quick    # fewer rounds
    python bench/run.py startup    # only bench_startup.py
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from common import Context  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="bench names (bench_NAME.py); default all")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    names = args.names or sorted(p.stem[6:] for p in HERE.glob("bench_*.py"))
    ctx = Context(quick=args.quick)
    rows = []
    failed = False
    for name in names:
        print(f"running {name}…", file=sys.stderr, flush=True)
        try:
            rows += importlib.import_module(f"bench_{name}").run(ctx)
        except Exception:
            traceback.print_exc()
            failed = True
    print()
    print(f"| {'measure':<58} | {'lrf':>10} | {'baseline':>10} | {'ratio':>6} | {'target':<32} | ok |")
    print(f"|{'-' * 60}|{'-' * 12}|{'-' * 12}|{'-' * 8}|{'-' * 34}|----|")
    for r in rows:
        base = f"{r.baseline:.1f} {r.unit}" if r.baseline is not None else "-"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        ok = {True: "yes", False: "NO", None: "-"}[r.ok]
        print(f"| {r.measure:<58} | {r.lrf:>7.1f} {r.unit:<2} | {base:>10} | {ratio:>6} | "
              f"{r.target:<32} | {ok:<3}|")
    for r in rows:
        if r.note:
            print(f"  {r.measure}: {r.note}")
    return 1 if failed or any(r.ok is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
