"""The CLI's progress report on stderr (the `progress.Progress` the commands pass to the library).

On a terminal: one live display, redrawn ten times a second and wiped when the run ends, with a
line per thing running: a status line (spinner, what, seconds) for model loading and uncounted
steps, and a bar with counts, elapsed time and an ETA for counted stages. Not on a terminal
(a CI log, a file), nothing unless asked (`--progress`); then plain lines: one when a stage
starts, one per tenth done, one when it ends, so a log shows where a slow run is.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from .textsafe import print_line

# A stage this small ends before a bar would be read: counted, but not drawn.
MIN_TOTAL = 64


class _Counts(ProgressColumn):
    """`123/984` for a counted stage; nothing for a status line."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        return Text(f"{int(task.completed)}/{int(task.total)}", style="progress.download")


class _Eta(ProgressColumn):
    """`ETA 0:42` once the stage has a rate to go by; nothing for a status line."""

    max_refresh = 0.5  # an ETA that jumps ten times a second cannot be read

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        left = task.time_remaining
        if left is None:
            return Text("ETA …", style="progress.remaining")
        minutes, seconds = divmod(int(left), 60)
        return Text(f"ETA {minutes}:{seconds:02d}", style="progress.remaining")


class Bars:
    """A `progress.Progress` drawn on `console` (stderr). `asked`: None draws only on a
    terminal; True draws anyway (plain lines off a terminal); False never draws."""

    def __init__(self, console: Console, asked: bool | None = None):
        self.console = console
        self.live = console.is_terminal and asked is not False
        self.lines = not console.is_terminal and asked is True
        self._progress: Progress | None = None
        self._bars: list[TaskID] = []  # counted stages, innermost last
        self._logged: dict[TaskID, tuple[str, int, float, int]] = {}  # label, total, began, tenth
        self._counted: dict[TaskID, int] = {}  # what the stage's own advances add up to

    # --- counted stages -------------------------------------------------------------------
    def start(self, label: str, total: int) -> None:
        shown = total >= MIN_TOTAL and (self.live or self.lines)
        task = self._add(label, total) if shown else None
        self._bars.append(task if task is not None else TaskID(-1))
        if task is not None and self.lines:
            self._logged[task] = (label, total, time.perf_counter(), 0)
            print_line(self.console, f"{label}: 0/{total}")

    def advance(self, n: int = 1) -> None:
        if not self._bars or self._bars[-1] < 0 or self._progress is None:
            return
        task = self._bars[-1]
        self._counted[task] = self._counted.get(task, 0) + n
        # Drawn now, not at the next tick: a step is a chunk of work (hundreds of passages or
        # pairs), a few a second at most, and each count should be seen.
        self._progress.update(task, completed=self._counted[task], refresh=self.live)
        if task in self._logged:
            label, total, began, tenth = self._logged[task]
            done = int(self._progress.tasks[self._index(task)].completed)
            now_tenth = min(10, done * 10 // max(total, 1))
            if now_tenth > tenth and done < total:
                print_line(self.console, f"{label}: {done}/{total}")
                self._logged[task] = (label, total, began, now_tenth)

    def advance_within(self, n: int) -> None:
        """A batch inside the current step: the bar moves (never past the step's end, which its
        `advance` then sets exactly); plain lines wait for the step."""
        if not self.live or not self._bars or self._bars[-1] < 0 or self._progress is None:
            return
        task = self._bars[-1]
        current = self._progress.tasks[self._index(task)]
        if current.total is not None and current.completed + n <= current.total:
            self._progress.update(task, advance=n, refresh=True)

    def finish(self) -> None:
        if not self._bars:
            return
        task = self._bars.pop()
        self._counted.pop(task, None)
        if task < 0:
            return
        if task in self._logged:
            label, total, began, _ = self._logged.pop(task)
            print_line(self.console, f"{label}: {total}/{total} in {_seconds(began)}")
        self._remove(task)

    # --- uncounted work -------------------------------------------------------------------
    @contextmanager
    def status(self, label: str) -> Iterator[None]:
        if not (self.live or self.lines):
            yield
            return
        began = time.perf_counter()
        if self.lines:
            print_line(self.console, f"{label} …")
        task = self._add(label, None) if self.live else None
        try:
            yield
        finally:
            if task is not None:
                self._remove(task)
            if self.lines:
                print_line(self.console, f"{label}: done in {_seconds(began)}")

    # --- the live display -----------------------------------------------------------------
    def _add(self, label: str, total: int | None) -> TaskID | None:
        if not self.live:
            # Off a terminal the counts are kept by a display that is never drawn.
            self._progress = self._progress or Progress(console=self.console, disable=True)
            return self._progress.add_task(label, total=total)
        if self._progress is None:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(bar_width=None if self.console.width < 60 else 30),
                _Counts(),
                TimeElapsedColumn(),
                _Eta(),
                console=self.console,
                transient=True,  # the report that follows starts on a clean screen
            )
            self._progress.start()
        task = self._progress.add_task(label, total=total)
        self._progress.refresh()
        return task

    def _remove(self, task: TaskID) -> None:
        if self._progress is None:
            return
        self._progress.remove_task(task)
        if not self._progress.tasks:
            self._progress.stop()
            self._progress = None

    def _index(self, task: TaskID) -> int:
        assert self._progress is not None
        return next(i for i, t in enumerate(self._progress.tasks) if t.id == task)


def _seconds(began: float) -> str:
    return f"{time.perf_counter() - began:.1f} s"
