"""The judge's reading units: a copy is read on to the close of a short quotation it stops inside
(sentence_pairs.to_quote_close, judge)."""

from __future__ import annotations

import numpy as np

from overlap.align import align_copies
from overlap.judge import Thresholds, judge_all
from overlap.segment import segment
from overlap.sentence_pairs import to_quote_close
from overlap.types import Article, Span, Verdict

PA = (
    "He told the courts he had been forced to act because Pc Davidson was not doing her job "
    "properly."
)
MAIL = (
    "But PC Bateson told the court he had been forced to act because WPC Davidson was 'doing "
    "nothing' to stop the trouble. He had shouted 'spray' to warn other officers."
)


class NoContradiction:
    model_id = "fake-nli"

    def predict(self, pairs):
        return np.array([(0.1, 0.8, 0.1)] * len(pairs))


def seg(text: str, ident: str):
    return segment(Article(ident, f"{ident}.txt", text, "txt"))


def test_a_copy_cut_inside_a_short_quotation_is_judged_with_its_close():
    # METER courts 09.08.99 spray (PA / the Daily Mail): the copy stops after "'doing", which
    # read alone drops PA's "not"; "'doing nothing'" says what PA says
    a, b = seg(PA, "pa"), seg(MAIL, "mail")
    [f] = align_copies(a, b, (0, 0, 0, 0), 6, 0.7)
    assert f.b.text.endswith("'doing")  # the finding's span stays as aligned
    [judged] = judge_all([f], {"pa": a, "mail": b}, NoContradiction(), Thresholds())
    assert judged.judgement.verdict is not Verdict.CONTRADICT
    # with the quotation's close saying otherwise, the dropped negation is still seen
    other = seg(MAIL.replace("'doing nothing'", "'doing everything'"), "mail")
    [g] = align_copies(a, other, (0, 0, 0, 0), 6, 0.7)
    [judged] = judge_all([g], {"pa": a, "mail": other}, NoContradiction(), Thresholds())
    assert judged.judgement.verdict is Verdict.CONTRADICT


def test_a_long_quotation_is_not_read_on_to_its_close():
    text = "He said Davidson was 'doing what she could on a hard night for every officer', he said."
    s = seg(text, "a")
    cut = text.index("'doing") + len("'doing")
    assert to_quote_close(s, Span("a", 0, cut, text[:cut])).end == cut
