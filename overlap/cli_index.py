"""`overlap index add | remove | stats | vacuum`: build and keep the archive index
(overlap/archive/). Errors are OverlapErrors (exit 2: no index, a damaged one, another schema
version or model, another writer at work); see cli.py for every exit code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .cli import app
from .cli_common import (
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
)
from .config import load_settings
from .engines import ENGINE_HELP, Engine
from .textsafe import print_line

index_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Keep an archive index of articles read, segmented and embedded once.",
)
app.add_typer(index_app, name="index")

IndexDir = Annotated[
    Path,
    typer.Option("--index", metavar="DIR", help="The index folder (created by index add)."),
]


@index_app.command(epilog="Example: overlap index add archive/ wires/*.jsonl --index idx/")
@guarded
def add(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Article files, folders or quoted globs to add (new or changed ones are read).",
            show_default=False,
        ),
    ],
    index: IndexDir,
    config: ConfigFile = None,
    cache: CacheFile = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the embedding cache.")
    ] = False,
    encoding: Encoding = None,
    encoding_force: EncodingForce = False,
    csv_column: CsvColumns = None,
    recursive: Recursive = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    progress: ShowProgress = None,
    engine: Annotated[Engine, typer.Option("--engine", help=ENGINE_HELP)] = Engine.LOCAL,
) -> None:
    """Add articles to the index: only those it lacks or holds in another version (by content
    hash) are read, segmented and embedded."""
    import dataclasses

    from .archive.build import add as add_articles

    settings = load_settings(
        config,
        encoding=encoding,
        cache_path=cache,
        encoding_force=encoding_force or None,
        **csv_overrides(csv_column),
    )
    if recursive:
        settings = dataclasses.replace(settings, recursive=True)
    if no_cache:
        settings = dataclasses.replace(settings, cache_path=None)
    shown = bars(False if quiet and progress is None else progress)
    if engine is Engine.RAY:
        from .engines.ray_index import add_with_ray

        report = add_with_ray(index, paths, settings, progress=shown)
    else:
        report = add_articles(index, paths, settings, progress=shown)
    for s in report.skipped:
        print_line(err, ("skipped: ", "bold yellow"), f"{s.source}: {s.reason}")
    if not quiet:
        print_line(
            err,
            f"index {index}: {report.added} added, {report.changed} changed, "
            f"{report.unchanged} unchanged; {report.passages} passages, {report.embedded} "
            f"embedded, {report.from_cache} from the cache",
        )


@index_app.command(epilog="Example: overlap index remove archive/2019/ --index idx/")
@guarded
def remove(
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH_OR_ID...",
            help="Files or folders (everything stored from under them) or article ids.",
            show_default=False,
        ),
    ],
    index: IndexDir,
) -> None:
    """Remove stored articles (the files need not exist any more)."""
    from .archive.build import remove as remove_articles

    n = remove_articles(index, targets)
    print_line(err, f"index {index}: {n} articles removed")


@index_app.command(epilog="Example: overlap index stats --index idx/ --json")
@guarded
def stats(
    index: IndexDir,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """What the index holds: articles, passages, vectors, bytes, model and settings."""
    from .archive.stats import index_stats

    figures = index_stats(index)
    if as_json:
        typer.echo(json.dumps(figures, indent=2, sort_keys=True))
        return
    out = StdoutConsole()
    for name, value in figures.items():
        print_line(out, f"{name}: {value}")


@index_app.command(epilog="Example: overlap index vacuum --index idx/")
@guarded
def vacuum(index: IndexDir) -> None:
    """Compact the index: drop unused vectors, rebuild the vector file, shrink the database."""
    from .archive.build import vacuum as vacuum_index

    sizes = vacuum_index(index)
    print_line(err, f"index {index}: {sizes['bytes_before']:,} -> {sizes['bytes_after']:,} bytes")
