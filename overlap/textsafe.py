"""Text from articles and metadata made safe to print: the one home for what reaches a terminal.

Article text, titles, outlets, file names and the reasons that quote them come from outside.
Printed raw, an ESC or OSC sequence in them clears the screen, retitles the window or writes the
clipboard, and `[bold]` or `[/]` is read as rich markup (restyling the line, or crashing rich
with MarkupError). So every renderer that prints builds rich `Text` (never a markup string) from
`clean` / `line` output, and the lines users grep (`skipped: SOURCE: REASON`, `Error: ...`,
`note: ...`) go through `print_line`, which never wraps them, whatever the terminal's width.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

# C0 controls except tab and newline, DEL, the C1 controls (U+0080-U+009F: 8-bit CSI and OSC,
# which some terminals obey), and the bidi embedding / override / isolate marks, which make a
# terminal show text in an order other than the one it has ("Trojan Source"). Plain RTL text
# needs none of these to display correctly (LRM/RLM, which it may use, are kept).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Everything that ends a line, for the one-line form.
_BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


def clean(text: str) -> str:
    """`text` without control characters; newlines and tabs are kept (a CR becomes a newline).

    >>> clean("red\\x1b[31m alert\\x07\\r\\nnext\\tline\\x9b2J")
    'red[31m alert\\nnext\\tline2J'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def line(text: object) -> str:
    """`text` as one line: line breaks and tabs become one space, other controls are dropped.

    >>> line("a path/with\\nnewline\\x1b]0;title\\x07.txt")
    'a path/with newline]0;title.txt'
    """
    return _CONTROL.sub("", _BREAKS.sub(" ", str(text)))


def plain(text: object, style: str | None = None) -> Text:
    """One line of data as rich Text: printed as it is, never parsed as markup."""
    return Text(line(text), style=style or "")


def print_line(console: Console, *parts: str | tuple[str, str]) -> None:
    """Print one greppable line: `parts` are plain strings or (string, style) pairs, all of them
    cleaned to one line and none read as markup; the line is never wrapped (soft wrap).

    >>> import io
    >>> c = Console(file=io.StringIO(), width=20)
    >>> print_line(c, ("skipped: ", "bold"), "a [/] very long path/name.docx: unsupported type")
    >>> c.file.getvalue()
    'skipped: a [/] very long path/name.docx: unsupported type\\n'
    """
    pieces = [(line(p), "") if isinstance(p, str) else (line(p[0]), p[1]) for p in parts]
    console.print(Text.assemble(*pieces), soft_wrap=True, highlight=False)


def json_text(serialised: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as \\u escapes (json.dumps with
    ensure_ascii=False leaves them raw; it already escapes C0). The data is unchanged: a JSON
    reader gets the same strings back. Only valid on JSON text (the controls can only be inside
    strings there).

    >>> json_text('{"a": "x\\x9b2Jy"}')
    '{"a": "x\\\\u009b2Jy"}'
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)
