"""Showing user text safely. User text is never parsed as markup: `[/]` stays `[/]`.

Use :func:`literal` for any cell, label or notification that contains what someone typed.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object, *, one_line: bool = True) -> str:
    """Text with control characters (ANSI escapes included) made visible and harmless."""
    text = "" if value is None else str(value)
    if one_line:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def literal(value: object, *, style: str = "", one_line: bool = True) -> Text:
    """A Rich Text that shows exactly what was typed, never interpreted as markup."""
    return Text(clean(value, one_line=one_line), style=style, no_wrap=False)
