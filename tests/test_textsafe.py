"""textsafe: what reaches a terminal carries no markup and no control characters, and a
greppable line stays one line at any width."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from overlap.textsafe import clean, json_text, line, plain, print_line

HOSTILE = "t\x1b]0;pwned\x07i\x1b[2Jt\x9b31ml\x7fe\u202egnp.exe\x00"


def test_clean_strips_controls_and_keeps_newlines_and_tabs():
    assert clean(HOSTILE + "\nnext\tcol\r\nlast\rend") == (
        "t]0;pwnedi[2Jt31mlegnp.exe\nnext\tcol\nlast\nend"
    )


def test_line_folds_every_line_break_to_one_space():
    assert line("a\nb\r\nc\u2028d\te\x85f") == "a b c d e f"
    assert line(HOSTILE) == "t]0;pwnedi[2Jt31mlegnp.exe"


def test_plain_is_never_markup():
    console = Console(file=io.StringIO(), width=80)
    console.print(plain("[bold]x[/] and [/] and [link=http://e]y"))
    assert console.file.getvalue() == "[bold]x[/] and [/] and [link=http://e]y\n"


@pytest.mark.parametrize("width", [20, 40, 300])
def test_print_line_never_wraps(width):
    long = "skipped-source/" + "a folder with a rather long name and spaces/" * 3 + "x.docx"
    console = Console(file=io.StringIO(), width=width)
    print_line(console, ("skipped: ", "bold yellow"), f"{long}: unsupported [/] type\x1b[2J")
    assert console.file.getvalue() == f"skipped: {long}: unsupported [/] type[2J\n"


def test_print_line_on_a_colour_terminal_emits_only_rich_styles():
    console = Console(file=io.StringIO(), width=20, force_terminal=True, color_system="standard")
    print_line(console, ("Error:", "bold red"), " ", "x\x1b]52;c;cGF3bg==\x07y")
    out = console.file.getvalue()
    assert "]52;c;cGF3bg==" in out and "\x07" not in out
    assert out.count("\x1b") == 2  # rich's own style on and off, nothing from the data
    assert "\n" not in out.rstrip("\n")


def test_json_text_escapes_raw_controls_without_changing_the_data():
    import json

    doc = {"text": "a\x9b2J\x7f\u202eb\x1bc"}
    out = json_text(json.dumps(doc, ensure_ascii=False))
    assert not any(ch in out for ch in "\x9b\x7f\u202e\x1b")
    assert json.loads(out) == doc
