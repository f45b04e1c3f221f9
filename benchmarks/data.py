"""One loader per public set in ../shared/data (beside the checkout; see its README.md for the
licences and which splits are **test**). The data is read in place, never copied into the repo.

`require(name)` gives the set's folder or raises DataMissing naming the set and where it was
looked for; the runner reports that and skips the task instead of a traceback.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import DATA

# name -> folder under ../shared/data, and what the folder must hold
SETS: dict[str, tuple[str, str]] = {
    "mrpc": ("paraphrase/mrpc", "msr_paraphrase_test.txt"),
    "stsb": ("sts/stsb", "sts-test.csv"),
    "pan": ("reuse/pan_sentences", "pan-test.labels"),
    "clough": ("reuse/clough_stevenson", "file_information.csv"),
    "snli": ("nli/snli", "labels.test"),
    "sick": ("nli/sick", "SICK.txt"),
    "nli_more": ("nli_more", "README.md"),
    "reuters": ("news/reuters21578", ""),
    "bbc": ("news/bbc", ""),
    "meter": ("news/meter", ""),
    "fnc1": ("news/fnc1", "train_stances.csv"),
    "emergent": ("news/emergent", ""),
}


class DataMissing(Exception):
    """A public set the task needs is not in ../shared/data."""


def require(name: str, data: Path = DATA) -> Path:
    folder, marker = SETS[name]
    path = data / folder
    if not (path / marker).exists() if marker else not path.is_dir():
        raise DataMissing(
            f"data set '{name}' is missing: expected {path / marker} "
            f"(stage ../shared/data beside the checkout; see its README.md)"
        )
    return path


def half(key: str) -> str:
    """dev or test by a stable hash of `key`, half each: the one split rule of the suites built
    here from train files (perturbation cases by article, stance pairs by body or claim)."""
    return "dev" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "test"


def available(name: str, data: Path = DATA) -> bool:
    try:
        require(name, data)
    except DataMissing:
        return False
    return True


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    label: str  # "1"/"0" for paraphrase and reuse sets, the class name for NLI, the score for STS
    ids: tuple[str, str] = ("", "")  # the two sentences' ids where the set has them (MRPC)
    origin: str = ""  # where the pair comes from inside the set (STS-B: its file column)


def _tsv(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    # QUOTE_NONE: quotes inside sentences are text (MRPC, STS-B); utf-8-sig: MRPC has a BOM.
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def mrpc(split: str, data: Path = DATA) -> list[Pair]:
    """MRPC train or test: (sentence 1, sentence 2, Quality 1/0)."""
    rows = _tsv(require("mrpc", data) / f"msr_paraphrase_{split}.txt")[1:]
    return [Pair(r[3], r[4], r[0], (r[1], r[2])) for r in rows if len(r) >= 5]


def stsb(split: str, data: Path = DATA) -> list[Pair]:
    """STS-B train/dev/test: label is the 0-5 score (some rows carry 2 extra columns)."""
    rows = _tsv(require("stsb", data) / f"sts-{split}.csv", "utf-8")
    return [Pair(r[5], r[6], r[4], origin=r[1]) for r in rows if len(r) >= 7]


def pan(split: str, data: Path = DATA) -> list[Pair]:
    """PAN-PC-10 sentence rewrites, train or test; label 1 = reuse."""
    base = require("pan", data)
    a, b, y = (
        (base / f"pan-{split}{p}").read_text(encoding="utf-8").splitlines()
        for p in ("_s1.txt", "_s2.txt", ".labels")
    )
    return [Pair(*t) for t in zip(a, b, (x.strip() for x in y), strict=False)]


def snli(split: str, data: Path = DATA) -> list[Pair]:
    """SNLI (e-SNLI copy) dev or test: premise, hypothesis, class."""
    base = require("snli", data)
    s1, s2, y = (
        (base / f"{p}.{split}").read_text(encoding="utf-8").splitlines()
        for p in ("s1", "s2", "labels")
    )
    return [Pair(*t) for t in zip(s1, s2, y, strict=False)]


def sick(split: str, data: Path = DATA) -> list[Pair]:
    """SICK by SemEval_set (TRAIN, TRIAL, TEST): sentence A, sentence B, entailment label."""
    rows = _tsv(require("sick", data) / "SICK.txt", "utf-8")
    head = {k: i for i, k in enumerate(rows[0])}
    return [
        Pair(r[head["sentence_A"]], r[head["sentence_B"]], r[head["entailment_label"]].lower())
        for r in rows[1:]
        if r and r[head["SemEval_set"]] == split.upper()
    ]
