"""Measure lrf black-box through a pseudo-terminal, each figure beside a baseline measured in the
same series (A B A B ...), and print median, p90, p99, the ratio and the load average.

    python bench/run.py                   # every measure (several minutes)
    python bench/run.py --quick           # few runs: a smoke test, not figures to quote
    python bench/run.py capture find      # only these measures
    python bench/run.py --list            # the measures' names

Run it with the python of the virtual environment lrf is installed in. Databases are generated
once into bench/.cache/. Exit 0 when every target is met, 1 when one is not, 2 when a measure
could not run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import SIZE, Context, details, table  # noqa: E402

MODULES = ("startup", "capture", "find", "form", "partnership", "memory", "export")


def measures() -> dict[str, object]:
    found = {}
    for name in MODULES:
        module = importlib.import_module(f"bench_{name}")
        for measure in module.NAMES:
            found[measure] = module
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="measures to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="few runs (smoke test)")
    parser.add_argument("--list", action="store_true", help="list the measures and stop")
    args = parser.parse_args()
    found = measures()
    if args.list:
        for name, module in found.items():
            print(f"{name:16} {module.__name__}.py")
        return 0
    unknown = [n for n in args.names if n not in found]
    if unknown:
        print(f"bench: no measure named {', '.join(unknown)}; "
              f"known: {', '.join(found)}", file=sys.stderr)
        return 2
    wanted = set(args.names or found)
    ctx = Context(quick=args.quick)
    ctx.lrf  # noqa: B018 (says how to fix a missing install before any work)
    ctx.compile_lrf()  # lrf as installed: its bytecode written, as pip writes it
    results, failed = [], False
    started = time.perf_counter()
    print(f"lrf bench: {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cpus, terminal {SIZE[0]}x{SIZE[1]}, "
          f"{'quick' if args.quick else 'full'} run", file=sys.stderr)
    done = set()
    for name, module in found.items():
        if name not in wanted or module in done:
            continue
        done.add(module)
        mine = wanted & set(module.NAMES)
        print(f"running {', '.join(n for n in module.NAMES if n in mine)}…", file=sys.stderr,
              flush=True)
        try:
            results += module.run(ctx, mine)
        except Exception:
            traceback.print_exc()
            failed = True
    ctx.cleanup()
    print()
    print(table(results))
    print()
    print(details(results))
    print(f"\n({time.perf_counter() - started:.0f} s; load average now "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    if failed:
        return 2
    return 1 if any(r.ok is False for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
