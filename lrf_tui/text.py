"""Showing user text safely. User text is never parsed as markup: `[/]` stays `[/]`.

Use :func:`literal` for any cell, label or notification that contains what someone typed.
"""

from __future__ import annotations

from rich.text import Text

from facilitation.inputs import has_control, neutralise


def clean(value: object, *, one_line: bool = True) -> str:
    """Text with controls (ANSI escapes, C1, direction overrides) made visible and harmless, by
    the one rule for characters (facilitation/inputs.py); joiners and emoji kept."""
    return neutralise(value, one_line_only=one_line)


def literal(value: object, *, style: str = "", one_line: bool = True) -> Text:
    """A Rich Text that shows exactly what was typed, never interpreted as markup."""
    return Text(clean(value, one_line=one_line), style=style, no_wrap=False)


def pasted(text: str, *, one_line: bool) -> str:
    """A paste as it should arrive in a text box: controls shown as U+FFFD (an ESC code pasted
    from a terminal is inert text), and for a one-line box its lines joined with a space
    (``\\r``, ``\\r\\n`` and ``\\n`` alike) rather than all but the first dropped."""
    return neutralise(text, one_line_only=one_line)


_KEYS_NOT_TEXT = frozenset("\t\n\r\x85\u2028\u2029")  # tab and Enter are keys to the boxes


def typed_but_dropped(character: str | None) -> bool:
    """Is this a character a person may type (by the rule for characters) that Textual's text
    boxes would drop? They insert only what Python calls printable, which leaves out the zero
    width joiner (so 👨‍👩‍👧 typed became 👨👩👧), ZWNJ, direction marks, emoji tags and
    emoji newer than Python's Unicode tables."""
    return (character is not None and len(character) == 1 and not character.isprintable()
            and character not in _KEYS_NOT_TEXT and not has_control(character))
