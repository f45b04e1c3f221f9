"""One claim checked alone against one source passage (two small Markdown files), with the
models loaded once for a whole suite: what the perturbation and stance tasks both measure."""

from __future__ import annotations

from pathlib import Path

from .. import WORK

# The most serious first: a claim the draft splits in two takes its worst sentence's class.
CLASSES = ["misquoted", "contradicted", "copied", "quoted", "supported", "unsupported"]


def _md(title: str, who: str, date: str | None, text: str) -> str:
    lines = ["---", f'title: "{title}"', f'outlet: "{who}"', *([f"date: {date}"] if date else [])]
    return "\n".join([*lines, "---", text, ""])


def load(cache: str):
    """Settings with the suite's own embedding cache, and the models, loaded once."""
    from overlap import Settings
    from overlap.models import load_models

    WORK.mkdir(parents=True, exist_ok=True)
    settings = Settings(cache_path=WORK / f"{cache}-cache.sqlite")
    return settings, load_models(settings)


def check_claim(
    n: int,
    claim: str,
    source: str,
    outlet: str,
    date: str | None,
    loaded,
    tmp: Path,
    title: str = "Source article",
) -> str:
    """The class `overlap.check` gives the claim (its most serious sentence's), 'none' for no
    sentence, 'error: ...' for a crash (a result to report, not a stop)."""
    from overlap import check

    settings, models = loaded
    d = tmp / str(n)
    d.mkdir()
    (d / "source.md").write_text(_md(title, outlet, date, source), encoding="utf-8")
    (d / "draft.md").write_text(_md("Draft", "Draft desk", date, claim), encoding="utf-8")
    try:
        r = check(str(d / "draft.md"), [str(d / "source.md")], settings, models=models)
    except Exception as exc:  # noqa: BLE001
        return f"error: {type(exc).__name__}"
    order = {c: i for i, c in enumerate(CLASSES)}
    worst = sorted((s.cls.value for s in r.sentences), key=order.get)
    return worst[0] if worst else "none"
