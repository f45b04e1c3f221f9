"""python -m benchmarks list | run NAME... [--set key=value]... | report"""

from __future__ import annotations

import argparse
import sys

from . import harness, render
from .data import available


def _options(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--set wants key=value, not {pair!r}")
        out[key] = value
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list", help="every task, its section and the data it needs")
    run = sub.add_parser("run", help="measure tasks (a module, a full name, or a glob)")
    run.add_argument("names", nargs="+")
    run.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="passed to every task function taking that keyword",
    )
    run.add_argument("--no-save", action="store_true", help="print only, record nothing")
    sub.add_parser("report", help="render reports/benchmarks.md from the records")
    args = ap.parse_args(argv)

    if args.cmd == "list":
        for name, (_module, fn) in harness.catalogue().items():
            needs = getattr(fn, "data", ())
            missing = [d for d in needs if not available(d)]
            data = (
                (" needs " + ", ".join(f"{d} (missing)" if d in missing else d for d in needs))
                if needs
                else ""
            )
            doc = (fn.__doc__ or "").strip().splitlines()
            print(f"{name:45s} {doc[0] if doc else ''}{data}")
        return 0
    if args.cmd == "run":
        records = harness.run(harness.select(args.names), _options(args.set), save=not args.no_save)
        if records and not args.no_save:
            print(f"wrote {render.write()}")
        return 0 if records else 2
    print(f"wrote {render.write()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
