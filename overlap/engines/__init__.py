"""Where a run's work runs: `local` (this process, the default) or `ray` (Ray Data pipelines on a
Ray cluster started here or named by RAY_ADDRESS; the optional extra `pip install 'overlap[ray]'`).
The Ray engine finds what the local one finds: it runs the same stage functions, spread out.

Modules, one job each:

- `ray_runtime`: the import check (a clear error without the extra) and the cluster connection.
- `ray_stages`: the functions and model actors the Ray Data pipelines map over partitions.
- `ray_jobs`: the pipelines the driver runs (read, segment, embed, NLI), plain values in and out.
- `ray_candidates`: the copy stage's candidate pairs, two groupbys on banded shingle keys.
- `ray_search`: an index's vector search in shards, one per worker, merged.
- `ray_align`: the alignment stage as a map over batches of candidate article pairs.
- `ray_judge`: the judging stage as two maps over batches of findings (plan, then judge), the
  NLI pairs scored once between them by the NLI actors.
- `ray_neighbours`: the nearest neighbours within a run, the vectors' row blocks in shards.
- `ray_rows`: one task per row, answers back in row order: the fan-out the sharded stages share.
- `ray_index`: `overlap index add --engine ray`.
- `ray_compare`: `overlap compare --engine ray` (files, or against an index).
"""

from __future__ import annotations

from enum import StrEnum


class Engine(StrEnum):
    LOCAL = "local"
    RAY = "ray"


ENGINE_HELP = (
    "Where the work runs: local (this process) or ray (Ray Data on the cluster RAY_ADDRESS "
    "names, else one started here; needs pip install 'overlap[ray]')."
)
