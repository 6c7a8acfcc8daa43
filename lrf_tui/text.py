"""Showing user text safely. User text is never parsed as markup: `[/]` stays `[/]`.

Use :func:`literal` for any cell, label or notification that contains what someone typed.
"""

from __future__ import annotations

from rich.text import Text

from facilitation.inputs import neutralise


def clean(value: object, *, one_line: bool = True) -> str:
    """Text with controls (ANSI escapes, C1, direction overrides) made visible and harmless, by
    the one rule for characters (facilitation/inputs.py); joiners and emoji kept."""
    return neutralise(value, one_line_only=one_line)


def literal(value: object, *, style: str = "", one_line: bool = True) -> Text:
    """A Rich Text that shows exactly what was typed, never interpreted as markup."""
    return Text(clean(value, one_line=one_line), style=style, no_wrap=False)
