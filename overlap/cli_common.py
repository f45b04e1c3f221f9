"""What every command of the CLI shares: exit codes, the guard that turns errors into them,
the consoles, progress bars, the options compare and check both take, and help text in words."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer
from rich.console import Console

from .config import Settings
from .errors import ConfigError, OverlapError
from .progress_bars import Bars
from .textsafe import print_line

EXIT_FINDINGS = 1  # overlap check: failing sentences
EXIT_CRASH = 3  # a bug: anything raised that is not an OverlapError
EXIT_INTERRUPTED = 130  # the shell's code for SIGINT
EXIT_PIPE = 141  # the shell's code for SIGPIPE: the reader of stdout left (`overlap ... | head`)

err = Console(stderr=True, soft_wrap=True)  # an error stays one line, whatever the width


class StdoutConsole(Console):
    """The report console. rich answers a closed pipe with SystemExit(1), which reads as
    `check`'s "findings"; raise BrokenPipeError instead so `guarded` exits EXIT_PIPE."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def _placeholder(param: Any, ctx: Any = None) -> str | None:
    # typer's own (vendored) click classes: not click.Option
    if isinstance(param, typer.core.TyperOption) and not param.is_flag:
        return param.metavar or (param.name or "value").upper()
    return None  # a flag takes no value; an argument's name is its placeholder


def _usage_name(param: Any) -> str:
    name = param.metavar or (param.name or "value").upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    # An optional list reads [PATH...], not [PATH...]... (the dots go inside the brackets).
    return name if param.required else f"[{name}]"


# Help in words: typer 0.29 prints Python types beside every value (`<list[str]>`, `<bool>`)
# and braces in the usage line; values are named by their metavar (DRAFT..., PATH, FILE)
# instead. Set on the classes, as typer builds the --help option itself, after any hook of ours.
typer.core.TyperOption.display_type_rich = _placeholder  # type: ignore[method-assign,assignment]
typer.core.TyperArgument.display_type_rich = _placeholder  # type: ignore[method-assign,assignment]
typer.core.TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign,assignment]


F = TypeVar("F", bound=Callable[..., Any])
# click's and typer's own exits and usage errors carry their codes; they pass through untouched.
_PASS_THROUGH = (
    typer.Exit,
    typer.Abort,
    click.exceptions.Exit,
    click.exceptions.Abort,
    click.ClickException,
)


def guarded(command: F) -> F:
    """A command with the exit codes of the module docstring: an OverlapError becomes one
    `Error: ...` line on stderr and its exit code (2); any other exception is a bug: its
    traceback is printed and the exit code is 3, never 1 (check's "findings")."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            try:
                return command(*args, **kwargs)
            finally:
                # A closed pipe shows at this flush, not later inside click (which exits 1 then,
                # the code `check` uses for findings).
                sys.stdout.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_PIPE) from None
        except OverlapError as exc:
            print_line(err, ("Error:", "bold red"), " ", str(exc))
            raise typer.Exit(exc.exit_code) from None
        except _PASS_THROUGH:
            raise
        except KeyboardInterrupt:
            print_line(err, "Interrupted.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception:
            traceback.print_exc()
            print_line(
                err,
                ("overlap: internal error", "bold red"),
                f" (a bug, not a problem with the input; exit code {EXIT_CRASH}); "
                "please report it with the traceback above",
            )
            raise typer.Exit(EXIT_CRASH) from None

    return run  # type: ignore[return-value]


# Shared by compare and check (declared once, as sqlite-utils shares its output options).
# Options both commands take, declared once (same flag, same help).
ConfigFile = Annotated[Path | None, typer.Option(metavar="FILE", help="TOML file of settings.")]
CacheFile = Annotated[
    Path | None, typer.Option(metavar="FILE", help="Embedding cache file (SQLite).")
]
Encoding = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        help="Text encoding of inputs that are not valid UTF-8 (default: detected).",
    ),
]
Recursive = Annotated[
    bool, typer.Option("--recursive", "-r", help="Also read the subfolders of folders.")
]
EncodingForce = Annotated[
    bool,
    typer.Option("--encoding-force", help="Apply --encoding to valid UTF-8 files too."),
]
CsvColumns = Annotated[
    list[str] | None,
    typer.Option(
        "--csv-column",
        metavar="FIELD=COLUMN",
        help="Which CSV/TSV column holds a field (text, title, date, outlet, url, id), e.g. "
        "--csv-column text=articleBody --csv-column id='Body ID'. Repeat for each field.",
    ),
]
ShowProgress = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Progress on stderr: shown on a terminal by default; --progress shows it anyway "
        "(plain lines in a log), --no-progress never.",
        show_default=False,
    ),
]
_CSV_FIELDS = ("text", "title", "date", "outlet", "url", "id")


def csv_overrides(pairs: list[str] | None) -> dict[str, str]:
    """`--csv-column text=body` -> {"csv_text_column": "body"}; a bad pair is a ConfigError."""
    overrides: dict[str, str] = {}
    for pair in pairs or []:
        field, sep, column = pair.partition("=")
        field = field.strip().lower()
        if not sep or field not in _CSV_FIELDS or not column.strip():
            raise ConfigError(
                f"--csv-column {pair!r}: write FIELD=COLUMN with FIELD one of "
                f"{', '.join(_CSV_FIELDS)} (e.g. text=articleBody)"
            )
        overrides[f"csv_{field}_column"] = column.strip()
    return overrides


def bars(asked: bool | None) -> Bars:
    """The run's progress on stderr: on a terminal unless --no-progress; off one only with
    --progress (plain lines then, for a CI log)."""
    return Bars(err, asked)


def check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise ConfigError(f"--limit must be 0 or more (findings to show), got {limit}")


def protected_paths(inputs: list[str], settings: Settings, *files: Path | None) -> dict[Path, str]:
    """What no output may overwrite: the inputs, their sidecars, the config, the cache, ..."""
    from .outputs import input_files

    out = input_files(inputs, settings.recursive)
    if settings.cache_path is not None:
        out.setdefault(settings.cache_path.resolve(), f"embedding cache {settings.cache_path}")
    for f in files:
        if f is not None:
            out.setdefault(f.resolve(), f"input file {f}")
    return out
