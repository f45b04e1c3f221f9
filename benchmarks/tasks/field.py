"""Accuracy on public test splits against published figures (the cheap parts of the field
benchmark; `python benchmarks/bench_field.py` still runs all of them). Thresholds come from
train splits only. `--set precision=bf16|fp32` (bf16 weights are what `compare` uses)."""

from __future__ import annotations

from ..harness import figure

SECTION = "Measured against the field (issue 6)"


@figure(unit="", anchor="82.03 (all-MiniLM-L6-v2 model card)", data=("stsb",))
def track_stsb_spearman(precision: str = "bf16") -> float:
    """STS-B test: Spearman × 100 of the embedding cosine."""
    from scipy.stats import spearmanr

    from .. import field_common as fc

    sts = fc.stsb_test(fc.DATA)
    return round(100 * float(spearmanr(fc.cosines(sts, precision), sts.y).statistic), 2)


@figure(
    unit="%",
    anchor={
        "accuracy": "84.8 (BERT-base fine-tuned on MRPC, GLUE)",
        "F1": "88.9 (BERT-base fine-tuned on MRPC, GLUE)",
    },
    data=("mrpc",),
)
def track_mrpc_cosine_baseline(precision: str = "bf16") -> dict:
    """MRPC test: cosine ≥ the threshold that is best on MRPC train."""
    from .. import field_common as fc

    train, test = fc.mrpc(fc.DATA, "train"), fc.mrpc(fc.DATA, "test")
    cut = fc.fit_threshold(fc.cosines(train, precision), train.y)
    got = fc.binary_scores(fc.cosines(test, precision) >= cut, test.y)
    return {
        "accuracy": round(100 * got["accuracy"], 1),
        "F1": round(100 * got["f1"], 1),
        "threshold": (round(cut, 3), ""),
    }
