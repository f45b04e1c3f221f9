"""`python -m overlap` is the same as the `overlap` command."""

from .cli import app

app(prog_name="overlap")
