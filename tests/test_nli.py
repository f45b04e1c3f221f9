"""NLI model loading: label order from the config, actionable errors, the both-ways helper, and
(slow) the real trained model on a few real sentences."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from overlap import model_files, nli
from overlap.errors import ModelError, OverlapError


def _fake_model_dir(tmp_path: Path, id2label: dict) -> Path:
    """A folder that passes the file checks; the weights are never read by these tests."""
    (tmp_path / "config.json").write_text(json.dumps({"id2label": id2label}), encoding="utf-8")
    (tmp_path / nli.WEIGHTS_FILE).write_bytes(b"not really weights")
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    (tmp_path / nli.CALIBRATION_FILE).write_text('{"temperature": 1.0}', encoding="utf-8")
    return tmp_path


def test_label_columns_follow_the_config_not_a_fixed_order():
    config = {"id2label": {"0": "contradiction", "1": "neutral", "2": "entailment"}}
    assert nli.label_columns(config) == [2, 1, 0]
    # Integer keys (as a dict built in Python) and upper-case names (as some models write them).
    assert nli.label_columns({"id2label": {1: "ENTAILMENT", 0: "Neutral", 2: "contradiction"}}) == [
        1,
        0,
        2,
    ]


@pytest.mark.parametrize(
    "id2label",
    [
        {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"},  # a config saved without label names
        {"0": "entailment", "1": "contradiction"},  # a 2-way head
        {"0": "entailment", "1": "neutral", "5": "contradiction"},
        {},
    ],
)
def test_label_columns_refuses_configs_without_the_three_labels(id2label):
    with pytest.raises(ModelError, match="id2label"):
        nli.label_columns({"id2label": id2label})


def test_label_columns_refuses_non_integer_ids():
    with pytest.raises(ModelError, match="not an integer"):
        nli.label_columns({"id2label": {"a": "entailment", "1": "neutral", "2": "contradiction"}})


def test_missing_weights_say_how_to_get_them(tmp_path):
    with pytest.raises(ModelError) as err:
        nli.NLIModel(tmp_path)
    message = str(err.value)
    assert str(tmp_path) in message and "model.safetensors" in message
    assert "python benchmarks/training/train_nli.py" in message
    assert isinstance(err.value, OverlapError)  # the CLI's one family


def test_model_folder_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(nli.ENV_DIR, str(tmp_path / "nowhere"))
    with pytest.raises(ModelError, match="nowhere"):
        nli.NLIModel()
    folder = _fake_model_dir(tmp_path, {"0": "entailment", "1": "neutral", "2": "contradiction"})
    monkeypatch.setenv(nli.ENV_DIR, str(folder))
    assert nli.NLIModel().path == folder


def test_model_reads_its_label_order_and_checksum_without_loading(tmp_path):
    folder = _fake_model_dir(tmp_path, {"0": "neutral", "1": "contradiction", "2": "entailment"})
    model = nli.NLIModel(folder)
    assert model.columns == [2, 0, 1]
    assert model.model_id.startswith(nli.MODEL_NAME + "@sha256:")
    assert model._model is None  # nothing loaded until the first predict


def test_bad_config_is_a_model_error(tmp_path):
    folder = _fake_model_dir(tmp_path, {})
    (folder / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="config.json"):
        nli.NLIModel(folder)


def test_config_that_is_not_an_object_is_a_model_error(tmp_path):
    folder = _fake_model_dir(tmp_path, {})
    (folder / "config.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ModelError, match=r"config\.json is damaged.*train_nli"):
        nli.NLIModel(folder)


def test_default_folder_is_the_shipped_package_data(monkeypatch):
    monkeypatch.delenv(nli.ENV_DIR, raising=False)
    folder = nli.model_dir()
    assert folder.name == nli.MODEL_SUBDIR and (folder / "config.json").is_file()
    assert folder.parent / "paraphrase_scorer.json" == model_files.model_path(
        "paraphrase_scorer.json"
    )


def test_importing_the_module_does_not_import_torch():
    code = "import sys, overlap.nli; print('torch' in sys.modules, 'transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


class EchoNLI:
    """Entailment 1 when the two texts are equal, else contradiction; records what it was asked."""

    model_id = "echo@1"

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def predict(self, pairs):
        self.asked.extend(pairs)
        return np.array([[1.0, 0.0, 0.0] if a == b else [0.0, 0.0, 1.0] for a, b in pairs])


def test_both_ways_asks_each_direction_once_in_one_batch():
    fake = EchoNLI()
    probs = nli.predict_both_ways(fake, [("a", "b"), ("c", "c")])
    assert probs.shape == (2, 2, 3)
    assert fake.asked == [("a", "b"), ("c", "c"), ("b", "a"), ("c", "c")]
    assert probs[1, :, 0].tolist() == [1.0, 1.0]
    assert nli.predict_both_ways(fake, []).shape == (0, 2, 3)


# --- the real model ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_model() -> nli.NLIModel:
    # The model itself: the product's same-text shortcut would answer the identity tests below.
    return nli.NLIModel(same_text_is_entailment=False)


@pytest.mark.slow
def test_real_model_label_order_comes_from_its_config(real_model):
    config = json.loads((real_model.path / "config.json").read_text(encoding="utf-8"))
    assert [config["id2label"][str(c)] for c in real_model.columns] == list(nli.LABELS)


@pytest.mark.slow
def test_real_model_on_news_sentences(real_model):
    pairs = [
        # seeds/: the border length as two outlets give it
        (
            "The two countries share a 1,954-mile border.",
            "The two countries share a 2,000-mile border.",
        ),
        # a paraphrase
        (
            "Mexico's government said on Tuesday that it would hand over the suspects.",
            "The suspects will be handed over, the Mexican government said Tuesday.",
        ),
        # inserted negation
        (
            "The agencies will continue to share intelligence.",
            "The agencies will not continue to share intelligence.",
        ),
    ]
    probs = real_model.predict(pairs)
    assert probs.shape == (3, 3)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    entail, _, contra = nli.LABELS.index("entailment"), 1, nli.LABELS.index("contradiction")
    assert probs[0, contra] > probs[0, entail]
    assert probs[1].argmax() == entail
    assert probs[2].argmax() == contra


@pytest.mark.slow
def test_real_model_both_ways_and_batching_agree(real_model):
    premise = "A man is playing a guitar on stage."
    hypothesis = "A person is making music."
    two = real_model.both_ways(premise, hypothesis)
    assert two.shape == (2, 3)
    single = real_model.predict([(premise, hypothesis)])[0]
    assert np.allclose(two[0], single, atol=1e-4)
    assert two[0].argmax() == nli.LABELS.index("entailment")
    # Entailment one way only: a musician need not be a man playing a guitar.
    assert two[1, 0] < two[0, 0]


def test_nli_precision_is_part_of_the_cache_key():
    fp32, bf16 = nli.NLIModel(precision="fp32"), nli.NLIModel(precision="bf16")
    t = "" if fp32.temperature == 1 else f"+t{fp32.temperature:g}"  # see the calibration tests
    assert fp32.model_id == f"{nli.MODEL_NAME}@sha256:{fp32.checksum[:16]}{t}+same"
    assert bf16.model_id == fp32.model_id.replace("+same", "+bf16w+same")
    # without the same-text shortcut the scores are the model's own: the id they had before it
    model_only = nli.NLIModel(precision="fp32", same_text_is_entailment=False)
    assert model_only.model_id == f"{nli.MODEL_NAME}@sha256:{fp32.checksum[:16]}{t}"
    with pytest.raises(ModelError, match="precision"):
        nli.NLIModel(precision="int4")


# --- a pair's scores depend on the pair alone (issue 10, D11/D12) -----------------------------

NEWS_PAIRS = [
    (
        "The two countries share a 1,954-mile border.",
        "The two countries share a 2,000-mile border.",
    ),
    (
        "The agencies will continue to share intelligence.",
        "The agencies will not continue to share intelligence.",
    ),
    (
        "Mexico's government said on Tuesday that it would hand over the suspects to U.S. "
        "officials once the paperwork was complete.",
        "The suspects will be handed over.",
    ),
    ("A short one.", "A short one."),
    (
        "Peña Nieto said the policy would change how agencies work together.",
        "Peña Nieto said the policy would change how agencies work together.",
    ),
]


@pytest.mark.slow
def test_real_scores_do_not_depend_on_the_batch(real_model):
    target = NEWS_PAIRS[1]
    alone = real_model.predict([target])[0]
    near = (target[0], target[1].replace(" not", ""))  # a token shorter
    # Among pairs of other token lengths, in any position: exactly the same (no padding).
    for batch in (NEWS_PAIRS, NEWS_PAIRS[::-1], [*NEWS_PAIRS[2:], target], [near, target, near]):
        probs = real_model.predict(batch)
        for row in (i for i, p in enumerate(batch) if p == target):
            np.testing.assert_array_equal(probs[row], alone)
    # Among pairs of its own length the CPU kernels may round a logit differently (see
    # test_embed's row-count xfail): bounded by one rounding step of a logit in the precision
    # the model ran in (bf16: 2**-5 for logits up to 8, times at most 1/2 on a probability).
    tolerance = {"bf16": 2**-5, "fp32": 1e-5}[real_model.precision]
    assert float(np.abs(real_model.predict([target] * 40) - alone).max()) <= tolerance
    # and both ways, as the judge asks, in one call or pair by pair (a pair's two directions
    # have one length and share a batch, so this too is bounded, not exact)
    together = nli.predict_both_ways(real_model, NEWS_PAIRS)
    for k, pair in enumerate(NEWS_PAIRS):
        one = nli.predict_both_ways(real_model, [pair])[0]
        assert float(np.abs(together[k] - one).max()) <= tolerance
        assert together[k].argmax(axis=-1).tolist() == one.argmax(axis=-1).tolist()


# --- calibration and the length guard (issue 13 item 5) -----------------------------------------


class _FakeTokenizer:
    """One word piece per word, plus [CLS] and two [SEP]; ids are all 0."""

    def __call__(
        self, firsts, seconds, truncation=False, max_length=None, padding=False, return_tensors=None
    ):  # the keywords NLIModel passes
        pairs = zip(firsts, seconds, strict=True)
        ids = [[0] * (len(a.split()) + len(b.split()) + 3) for a, b in pairs]
        if return_tensors:
            import torch

            width = max(map(len, ids))
            return {"input_ids": torch.zeros((len(ids), width), dtype=torch.long)}
        return {"input_ids": ids}


class _FakeLogits:
    """Model outputs in the config's own column order: (neutral, contradiction, entailment)."""

    def __init__(self, row):
        self.row = row

    def __call__(self, input_ids):
        import torch

        return type("Out", (), {"logits": torch.tensor([self.row] * len(input_ids))})()


def _calibrated_fake(tmp_path: Path, temperature, row=(0.0, 0.0, 2.0)) -> nli.NLIModel:
    pytest.importorskip("torch")
    tmp_path.mkdir(parents=True, exist_ok=True)
    folder = _fake_model_dir(tmp_path, {"0": "neutral", "1": "contradiction", "2": "entailment"})
    (folder / nli.CALIBRATION_FILE).write_text(
        json.dumps({"temperature": temperature}), encoding="utf-8"
    )
    model = nli.NLIModel(folder, precision="fp32")
    model._tokenizer, model._model = _FakeTokenizer(), _FakeLogits(list(row))
    return model


def test_the_temperature_divides_the_logits(tmp_path):
    # logits (entailment 2, neutral 0, contradiction 0): plain softmax gives entailment 0.787;
    # at temperature 2 it is softmax(1, 0, 0) = e / (e + 2) = 0.576
    plain = _calibrated_fake(tmp_path / "t1", 1.0).predict([("a b", "c d")])[0]
    warm = _calibrated_fake(tmp_path / "t2", 2.0).predict([("a b", "c d")])[0]
    np.testing.assert_allclose(plain, [0.7870, 0.1065, 0.1065], atol=1e-4)
    np.testing.assert_allclose(warm, [np.e / (np.e + 2), 1 / (np.e + 2), 1 / (np.e + 2)], atol=1e-6)
    # a different temperature is a different cache key; 1 keeps the old one
    t1, t2 = nli.NLIModel(tmp_path / "t1"), nli.NLIModel(tmp_path / "t2")
    assert "+t" not in t1.model_id and "+t2" in t2.model_id
    assert t2.describe()["temperature"] == "2"


@pytest.mark.parametrize(
    "content, problem",
    [
        (None, "missing calibration.json"),
        ("{not json", "not valid JSON"),
        ('["temperature", 1.5]', "a JSON list"),
        ("{}", "temperature None"),
        ('{"temperature": 0}', "temperature 0"),
        ('{"temperature": -1.5}', "temperature -1.5"),
        ('{"temperature": "1.5"}', "temperature '1.5'"),
        ('{"temperature": true}', "temperature True"),
        ('{"temperature": NaN}', "temperature nan"),
    ],
)
def test_missing_or_damaged_calibration_is_a_model_error(tmp_path, content, problem):
    folder = _fake_model_dir(tmp_path, {"0": "entailment", "1": "neutral", "2": "contradiction"})
    target = folder / nli.CALIBRATION_FILE
    if content is None:
        target.unlink()
    else:
        target.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError) as err:
        nli.NLIModel(folder)
    assert problem in str(err.value) and nli.CALIBRATION_FILE in str(err.value)
    assert "train_nli.py" in str(err.value)  # says how to get a good copy


def test_calibration_fitted_for_other_weights_is_a_model_error(tmp_path):
    folder = _fake_model_dir(tmp_path, {"0": "entailment", "1": "neutral", "2": "contradiction"})
    (folder / nli.CALIBRATION_FILE).write_text(
        json.dumps({"temperature": 1.5, "weights_sha256": "ab" * 32}), encoding="utf-8"
    )
    with pytest.raises(ModelError, match="fitted for other weights.*calibrate_nli.py"):
        nli.NLIModel(folder)
    # the same file, fitted for these weights
    checksum = model_files.sha256(folder / nli.WEIGHTS_FILE, "weights")
    (folder / nli.CALIBRATION_FILE).write_text(
        json.dumps({"temperature": 1.5, "weights_sha256": checksum}), encoding="utf-8"
    )
    assert nli.NLIModel(folder).temperature == 1.5


def test_a_pair_too_long_is_refused_not_cut(tmp_path):
    model = _calibrated_fake(tmp_path, 1.0)
    model.max_length = 10
    fits = ("one two three", "one two three")
    too_long = ("one two three four five six", "seven eight")
    assert model.pair_lengths([fits, too_long]) == [9, 11]
    assert model.predict([fits]).shape == (1, 3)
    with pytest.raises(nli.PairTooLong) as err:
        model.predict([fits, too_long])
    assert (err.value.index, err.value.length, err.value.max_length) == (1, 11, 10)
    assert "11 word pieces" in str(err.value) and isinstance(err.value, OverlapError)


def test_the_shipped_model_is_calibrated():
    data = json.loads((nli.model_dir() / nli.CALIBRATION_FILE).read_text(encoding="utf-8"))
    assert nli.read_temperature(nli.model_dir() / nli.CALIBRATION_FILE) == data["temperature"]
    assert "dev" in data["fitted_on"] and "test" not in data["fitted_on"].replace("no test", "")


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import news_sentences  # noqa: E402


def _identical_news_pairs() -> list[tuple[str, str]]:
    # 50 sentences of Reuters, BBC and METER (every 7th article), each paired with itself
    sentences = [s.text for s in news_sentences.sentences(17)][:50]
    assert len(sentences) == 50
    return [(s, s) for s in sentences]


_NEWS = pytest.mark.skipif(not news_sentences.available(), reason="../shared/data/news not present")


@pytest.mark.slow
@_NEWS
def test_identical_real_news_sentences_are_mostly_entailment(real_model):
    # The floor the second fine-tune reached (50 of these 50, calibrated mean 0.89; the first
    # fine-tune 47 and 0.82; the first model about 3 in 4, 1 in 4 called contradiction).
    probs = real_model.predict(_identical_news_pairs())
    assert (probs.argmax(axis=1) == nli.LABELS.index("entailment")).sum() >= 49
    assert probs[:, 0].mean() > 0.85


@pytest.mark.slow
@_NEWS
def test_hundreds_of_identical_real_news_sentences_are_entailment(real_model):
    # About 600 sentences (every 7th article of Reuters, BBC, METER; those that fit the model),
    # each with itself. Measured: argmax entailment 98.5 %, calibrated mean p(entailment) 0.89
    # (the first fine-tune: about 96 % and 0.82, below both floors).
    pairs = [(s.text, s.text) for s in news_sentences.sentences(200)]
    lengths = real_model.pair_lengths(pairs)
    pairs = [p for p, n in zip(pairs, lengths, strict=True) if n <= real_model.max_length]
    assert len(pairs) >= 500
    probs = real_model.predict(pairs)
    assert (probs.argmax(axis=1) == nli.LABELS.index("entailment")).mean() >= 0.975
    assert probs[:, 0].mean() > 0.87


@pytest.mark.slow
@_NEWS
@pytest.mark.xfail(
    strict=True,
    reason="issue 13 item 5 goal not met by the model itself (the product answers identical "
    "texts without it, see the same-text tests): calibrated p(entailment) of identical "
    "sentences is as low as 0.59 here (10 of 50 reach 0.95; 19.8 % of 3,341), "
    "not >= 0.95 (reports/benchmarks.md)",
)
def test_identical_real_news_sentences_are_entailment_at_095(real_model):
    probs = real_model.predict(_identical_news_pairs())
    low = [round(float(p), 3) for p in probs[:, 0] if p < 0.95]
    assert not low, low


# --- a text entails itself: the same-text shortcut (issue 13 item 5) ----------------------------


class _CountingLogits(_FakeLogits):
    """_FakeLogits that counts the pairs it was asked about."""

    def __init__(self, row):
        super().__init__(row)
        self.pairs = 0

    def __call__(self, input_ids):
        self.pairs += len(input_ids)
        return super().__call__(input_ids)


# Real news sentences (Reuters-21578 and BBC, as ../shared/data/news prints them) and the copies
# an editor or another typesetting makes of them.
_SAME = [
    (
        'Pressed for further comment, Reagan said, "The idea that she is involved in '
        'governmental decisions is just ridiculous."',
        "Pressed for further  comment, Reagan said, \u201cThe idea that she is involved in "
        "governmental decisions is just ridiculous.\u201d",
    ),
    (
        "That is one reason why people here are not great fans of the EU, says Frederic Sawicki.",
        "that is one reason why people here are not great fans of the eu, says frederic sawicki.",
    ),
    (
        "The company's shares fell 1.2 pct to 13,000 yen in Tokyo.",
        "The company\u2019s shares fell 1.2\u00a0pct to 13,000 yen in Tokyo.\n",
    ),
]
_NOT_SAME = [
    # one number changed: the model (and the slot rules) must see it
    (
        "The company's shares fell 1.2 pct to 13,000 yen in Tokyo.",
        "The company's shares fell 1.2 pct to 14,000 yen in Tokyo.",
    ),
    # a negation dropped
    (
        "That is one reason why people here are not great fans of the EU, says Frederic Sawicki.",
        "That is one reason why people here are great fans of the EU, says Frederic Sawicki.",
    ),
    # punctuation can change what a sentence says, so it still counts
    ("Police said the man, who was armed, fled.", "Police said the man who was armed fled."),
]


def test_same_text_ignores_only_unicode_whitespace_and_case():
    assert all(nli.same_text(a, b) for a, b in _SAME)
    assert not any(nli.same_text(a, b) for a, b in _NOT_SAME)
    assert nli.normalised("Sources\u00ad familiar\u200b  with the DEAL said") == (
        "sources familiar with the deal said"
    )


def test_a_text_entails_itself_without_the_model(tmp_path):
    # the fake model says contradiction for everything: only pairs of different texts reach it
    model = _calibrated_fake(tmp_path, 1.0, row=(0.0, 5.0, 0.0))
    counting = _CountingLogits(model._model.row)
    model._model = counting
    probs = model.predict([*_SAME, *_NOT_SAME])
    np.testing.assert_array_equal(probs[: len(_SAME)], [[1.0, 0.0, 0.0]] * len(_SAME))
    assert (probs[len(_SAME) :].argmax(axis=1) == nli.LABELS.index("contradiction")).all()
    assert counting.pairs == len(_NOT_SAME)
    # all of one text: the model is not even loaded
    (tmp_path / "unloaded").mkdir()
    fresh = nli.NLIModel(
        _fake_model_dir(
            tmp_path / "unloaded", {"0": "entailment", "1": "neutral", "2": "contradiction"}
        )
    )
    assert fresh.predict(_SAME).tolist() == [[1.0, 0.0, 0.0]] * len(_SAME)
    assert fresh._model is None


def test_a_long_identical_passage_is_entailment_not_refused(tmp_path):
    model = _calibrated_fake(tmp_path, 1.0)
    model.max_length = 10
    passage = " ".join(a for a, _ in _SAME)
    too_long = (passage, passage + " The court adjourned.")
    probs = model.predict([(passage, "  " + passage.upper()), ("a b", "c d")])
    assert probs[0].tolist() == [1.0, 0.0, 0.0]
    # a refused pair is named by its place in the caller's list, shortcut pairs counted
    with pytest.raises(nli.PairTooLong) as err:
        model.predict([(passage, passage), ("a b", "c d"), too_long])
    assert err.value.index == 2


def test_the_model_alone_is_measured_without_the_shortcut(tmp_path):
    model = _calibrated_fake(tmp_path, 1.0, row=(0.0, 5.0, 0.0))
    model.same_text_is_entailment = False
    probs = model.predict(_SAME[:1])
    assert probs[0].argmax() == nli.LABELS.index("contradiction")
    assert model.describe()["same_text"] == "model"


@pytest.mark.slow
@_NEWS
def test_identical_real_news_sentences_are_entailment_in_the_product():
    # The goal of issue 13 item 5 for identical sentences, met by definition in the product
    # (the model alone: the xfail above).
    probs = nli.NLIModel().predict(_identical_news_pairs())
    assert (probs[:, 0] == 1.0).all()
