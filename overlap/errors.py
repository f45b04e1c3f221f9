"""The one exception family the CLI catches. Anything else is a bug and keeps its traceback."""

from __future__ import annotations


class OverlapError(Exception):
    """A problem the user can act on. The message says what happened and what to do."""

    exit_code = 2


class InputError(OverlapError):
    """No usable input: every path was missing, empty, binary or unreadable."""


class ConfigError(OverlapError):
    """A bad option value or configuration file."""


class ModelError(OverlapError):
    """A model could not be loaded (package missing, files damaged)."""


class ResultError(OverlapError):
    """A saved JSON result that cannot be read back (for `overlap render`)."""
