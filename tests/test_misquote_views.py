"""Views show a changed credited quotation as a misquote, never as a green "agree" (issue 13
item 7). The JSON keeps verdict "agree" with the changed words in `misquote`."""

from __future__ import annotations

import json

from rich.console import Console

from overlap import Settings, compare
from overlap.report import terminal
from overlap.report.json import to_document

QUOTE = (
    "Mexico is willing to say no when national pride and dignity are threatened by the "
    "new policies of its northern neighbour"
)


def misquote_doc(tmp_path, write, fake_models):
    write(tmp_path, "in/a.txt", f"The minister spoke on Monday. “{QUOTE},” Videgaray said.\n")
    write(
        tmp_path,
        "in/b.txt",
        "A columnist looked back at the talks. "
        f"“{QUOTE.replace('dignity', 'honor')},” Videgaray said, "
        "according to the Daily Courier.\n",
    )
    write(
        tmp_path,
        "in/metadata.json",
        json.dumps({"a.txt": {"outlet": "Daily Courier"}, "b.txt": {"outlet": "City Weekly"}}),
    )
    return to_document(compare([str(tmp_path / "in")], Settings(cache_path=None)))


def test_terminal_shows_a_changed_credited_quote_as_misquoted(tmp_path, write, fake_models):
    doc = misquote_doc(tmp_path, write, fake_models)
    [f] = [f for f in doc["findings"] if f["misquote"]]
    assert f["verdict"] == "agree" and f["misquote"] == ["'dignity' -> 'honor'"]
    console = Console(record=True, width=120, no_color=True)
    terminal.render(doc, console)
    out = console.export_text()
    assert "MISQUOTED" in out and "AGREE" not in out
    assert "'dignity' -> 'honor'" in out


def test_html_report_maps_a_misquote_to_its_own_badge():
    # The page builds its badges in html_report.js: a finding with a misquote note gets the
    # "misquoted" verdict (red badge, its own filter), not the JSON's "agree".
    from importlib import resources

    js = resources.files("overlap.report").joinpath("html_report.js").read_text("utf-8")
    css = resources.files("overlap.report").joinpath("html_report.css").read_text("utf-8")
    assert '(f.misquote || j.misquote || []).length) f._verdict = "misquoted"' in js
    assert '"misquoted"' in js.split("const VERDICTS", 1)[1].split("\n", 1)[0]
    assert ".badge.v-misquoted" in css and ".badge.v-changed-over-time" in css
