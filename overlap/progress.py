"""How long-running stages report progress without knowing who listens (the CLI draws bars),
and how long each stage took (`StageClock`, for the run's stats)."""

from __future__ import annotations

import time
from typing import Protocol


class Progress(Protocol):
    def start(self, label: str, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...

    def finish(self) -> None: ...


class NoProgress:
    """The default: report nothing."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class StageClock:
    """Wall seconds per stage: each lap is the time since the previous one (or `began`)."""

    def __init__(self, began: float):
        self.last = began
        self.laps: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self.last, 3)
        self.last = now
