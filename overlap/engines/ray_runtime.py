"""The Ray side of a run: is Ray Data installed (a clear error when not), and which cluster the
pipelines run on: the one already connected (a test's ray.init), the one RAY_ADDRESS names, else
a local one started for the run and stopped after it."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from ..errors import ConfigError

INSTALL_HINT = "pip install 'overlap[ray]'"
# The local cluster's size when none is named: OVERLAP_RAY_WORKERS, else every core.
WORKERS_VARIABLE = "OVERLAP_RAY_WORKERS"


def require_ray() -> ModuleType:
    """The `ray` module with Ray Data, or a ConfigError (exit 2) saying how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401 - Ray core alone lacks the pipelines
    except ImportError as exc:
        raise ConfigError(
            f"--engine ray needs Ray Data, which is not installed ({exc.name} is missing); "
            f"install it with: {INSTALL_HINT}"
        ) from exc
    return ray


@contextmanager
def ray_cluster() -> Iterator[int]:
    """Connected to a Ray cluster for the block; yields how many CPUs it has (the width of the
    model actor pools). A cluster this call started is shut down after."""
    ray = require_ray()
    started = False
    if not ray.is_initialized():
        address = os.environ.get("RAY_ADDRESS") or None
        if address:
            _reachable(address)
        try:
            ray.init(
                address=address,
                num_cpus=None if address else _local_workers(),
                include_dashboard=False,
                log_to_driver=False,
                logging_level="ERROR",
            )
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at RAY_ADDRESS={address}" if address else "a local Ray"
            raise ConfigError(f"cannot start or reach {where}: {exc}") from exc
        started = True
    _configure_data()
    try:
        yield max(1, int(ray.cluster_resources().get("CPU", 1)))
    finally:
        if started:
            ray.shutdown()


def _reachable(address: str, timeout: float = 10.0) -> None:
    """A ConfigError at once when RAY_ADDRESS names a host and port nothing answers on: ray.init
    would retry for minutes. `auto` (a cluster on this machine) is left to ray.init."""
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ConfigError(
            f"cannot reach the Ray cluster at RAY_ADDRESS={address} ({exc}); start it "
            "(ray start --head) or unset RAY_ADDRESS for a local one"
        ) from exc


def _local_workers() -> int:
    raw = os.environ.get(WORKERS_VARIABLE)
    if raw is None:
        return os.cpu_count() or 1
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{WORKERS_VARIABLE}={raw!r} is not a positive whole number")
    return int(raw)


def _configure_data() -> None:
    """No progress bars, stage logs or tuning hints from Ray Data on the terminal: the CLI draws
    its own progress, and its stderr is for errors and skipped files (Ray's own log files, in
    its session folder, keep everything). Groupbys shuffle by sorting, in plain tasks: Ray's
    default hash shuffle starts aggregator actors for each groupby, which cost the copy
    candidates' two groupbys 28 s against 0.7 s on 50 Reuters stories here (ray_candidates)."""
    import logging
    import warnings

    import ray.data
    from ray.data.context import ShuffleStrategy

    logging.getLogger("ray").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.data\..*")
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    context.shuffle_strategy = ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
