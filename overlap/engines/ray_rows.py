"""One Ray task per row: the fan-out every sharded stage of the Ray engine uses (alignment, judging,
the index's vector search, the within-run neighbour search).

Each stage cuts its work into a few rows (a batch of article pairs, a shard of the index, a block
of a matrix), lets Ray run one task per row, and needs the answers back in its own order to give
the local engine's result to the bit. Ray Data returns blocks in whatever order they finish, so
every row carries its position and the answers are sorted by it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .ray_stages import Batch


def map_each_row(
    rows: list[Batch], fn: Callable[..., Batch], order: str, **kwargs: Any
) -> list[Batch]:
    """`fn(batch, **kwargs)` on each of `rows` as its own task (one block per row, batches of
    one), the answers sorted by the integer field `order` that each row carries through."""
    import ray

    # Ray's stubs type a batch function as taking the batch alone; the rest come as fn_kwargs.
    done = (
        ray.data.from_items(rows, override_num_blocks=len(rows))
        .map_batches(fn, batch_size=1, fn_kwargs=kwargs)  # type: ignore[arg-type]
        .take_all()
    )
    done.sort(key=lambda r: int(r[order]))
    return done
