"""`overlap check`: the draft check command, and how its report is written in each format."""

from __future__ import annotations

import dataclasses
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from .cli import app
from .cli_common import (
    EXIT_FINDINGS,
    CacheFile,
    ConfigFile,
    CsvColumns,
    Encoding,
    EncodingForce,
    Recursive,
    ShowProgress,
    StdoutConsole,
    bars,
    csv_overrides,
    err,
    guarded,
    protected_paths,
)
from .config import load_settings
from .errors import ConfigError
from .textsafe import clean, json_text, print_line

CHECK_FORMATS = ("terminal", "json", "markdown", "github", "sarif")


@app.command(
    epilog=("Example: overlap check draft.md --against sources/ --format sarif -o overlap.sarif")
)
# Long: typer reads the options from the signature, one parameter per option.
@guarded
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
        list[str] | None,
        typer.Option(
            "--against", metavar="PATH", help="Source files, folders or quoted globs (repeatable)."
        ),
    ] = None,
    index: Annotated[
        Path | None,
        typer.Option(
            "--index",
            metavar="DIR",
            help="Check against this archive index (overlap index add) instead of --against.",
        ),
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            metavar="CLASSES",
            help="Classes that fail the run (exit 1), comma-separated; '' for none.",
        ),
    ] = "copied,misquoted,contradicted",
    allow: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Allow-list: finding ids (one per line) that no longer fail the run.",
        ),
    ] = None,
    write_allow: Annotated[
        Path | None,
        typer.Option(
            "--write-allow",
            metavar="FILE",
            help="Accept today's findings: add the ids of the sentences of --fail-on "
            "classes to this allow-list (created, or merged keeping its lines); the "
            "run then exits 0.",
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format", metavar="FORMAT", help="terminal, json, markdown, github or sarif."
        ),
    ] = "terminal",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report here, not stdout."),
    ] = None,
    config: ConfigFile = None,
    cache: CacheFile = None,
    no_judge: Annotated[
        bool,
        typer.Option(
            "--no-judge",
            help="Skip agree/contradict judging (no NLI model, faster): "
            "copies and quotations are still checked.",
        ),
    ] = False,
    encoding: Encoding = None,
    encoding_force: EncodingForce = False,
    csv_column: CsvColumns = None,
    recursive: Recursive = False,
    html_path: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Also write a self-contained HTML draft view here (one draft only).",
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="In the terminal report, also show offsets, scores and model probabilities.",
        ),
    ] = False,
    progress: ShowProgress = None,
) -> None:
    """Check drafts against their sources: copied, quoted, misquoted, contradicted, supported or
    unsupported, sentence by sentence. Exit 0 clean, 1 if any draft has a sentence of a
    --fail-on class, 2 on bad input."""
    from .draft import check_many, parse_fail_on, read_allow_list
    from .draft_input import STDIN
    from .outputs import atomic_path, check_outputs, write_text
    from .report import check_report

    if output_format not in CHECK_FORMATS:
        raise ConfigError(
            f"unknown --format {output_format!r}; choose from: {', '.join(sorted(CHECK_FORMATS))}"
        )
    if drafts.count(STDIN) > 1:
        raise ConfigError("'-' (standard input) can be given once among the drafts")
    if html_path is not None and len(drafts) > 1:
        raise ConfigError("--html writes the view of one draft; give one draft, or leave it out")
    settings = load_settings(
        config,
        encoding=encoding,
        cache_path=cache,
        encoding_force=encoding_force or None,
        **csv_overrides(csv_column),
    )
    if recursive:
        settings = dataclasses.replace(settings, recursive=True)
    if no_judge:
        settings = dataclasses.replace(settings, judge=False)
    classes = parse_fail_on(fail_on)
    allowed = read_allow_list(allow) if allow else set()
    outputs = {"--output": output, "--html": html_path, "--write-allow": write_allow}
    if any(outputs.values()):
        files = [d for d in drafts if d != STDIN]
        protected = protected_paths([*files, *(against or [])], settings, config, allow)
        if (
            write_allow is not None
            and allow is not None
            and write_allow.resolve() == allow.resolve()
        ):
            del protected[allow.resolve()]  # merging into the allow-list read is the point
        check_outputs(outputs, protected)
    if index is not None:
        from .archive.use import index_check

        check_many = index_check(index, against)  # noqa: F811 - the same call, on an index
    elif not against:
        raise ConfigError("give the sources: --against PATH (repeatable) or --index DIR")
    stdin = _read_stdin() if STDIN in drafts else None
    results = check_many(
        drafts,
        against or [],
        settings,
        classes,
        allowed,
        stdin=stdin,
        progress=bars(progress),
    )
    docs = [check_report.to_document(r) for r in results]
    if html_path is not None:
        from .report import check_html

        with atomic_path(html_path) as tmp:
            check_html.write(docs[0], tmp)
    text = _check_text(docs, output_format, to_file=output is not None, verbose=verbose)
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
        raise InputError(
            f"<stdin>: not valid UTF-8 (byte {exc.start}); convert the draft to "
            "UTF-8 or give it as a file with --encoding"
        ) from None


def _check_text(
    docs: list[dict[str, Any]], fmt: str, to_file: bool, verbose: bool = False
) -> str | None:
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
            check_report.render_terminal(d, console, verbose)
        return buffer.getvalue()
    for i, d in enumerate(docs):
        console = StdoutConsole()
        if i:
            console.print()
        check_report.render_terminal(d, console, verbose)
    return None
