"""The one rule for text a person types: which characters a field may hold, how line breaks are
read, and how long it may be. Every write path in ``facilitation/`` checks text with it; every
screen and export shows stored text through :func:`neutralise`, so that text stored before the
rule (an old database) is shown by the same rule.

What a field may hold
    Letters, digits, punctuation, symbols and spaces of any script, emoji included, and the
    invisible characters that are part of writing: the zero width joiner U+200D and non-joiner
    U+200C (👨‍👩‍👧 is three emoji joined by two ZWJs; Persian and Indic words need them),
    variation selectors (U+FE00–FE0F, U+E0100–E01EF), emoji tag characters (U+E0020–E007F, as in
    the flag of Scotland), the soft hyphen, zero width space and word joiner, and the implicit
    direction marks LRM U+200E, RLM U+200F and ALM U+061C. Those three are kept because people
    writing Arabic, Hebrew or Persian type them (keyboards have keys for them) and they act like
    one invisible letter of a direction: they place the punctuation next to them and cannot
    reorder anything beyond it.

    A field of several lines keeps line breaks (``\\r\\n``, ``\\r``, U+2028, U+2029 and NEL
    U+0085 are all read as ``\\n``) and tabs. In a one-line field each line break or tab becomes
    one space.

What no field may hold (controls)
    - C0 controls (U+0000–U+001F) other than the line breaks and tab above: ESC, NUL, BEL,
      backspace…; DEL (U+007F); C1 controls (U+0080–U+009F, apart from NEL). A terminal obeys
      them (an ESC sequence can clear the screen or retitle the window).
    - Bidirectional embeddings, overrides and isolates: U+202A–U+202E and U+2066–U+2069. They
      reorder what a reader sees over any length of text ("Trojan Source"), and one left open
      runs on into whatever follows it: the next table cell, line or field of an export.
    - Lone surrogates: not text (they cannot be written as UTF-8).

Where the rule acts
    - A write (:func:`text`, :func:`check`): a control is refused with one sentence that names
      the field, never what was typed, and nothing is changed.
    - A paste into the app (:func:`neutralise`): each control becomes U+FFFD, which the chair
      sees where the control was (an ESC code pasted from a terminal arrives as ``�[31m``).
    - Showing stored text (screens, ``lrf show --json``, Markdown, CSV): :func:`neutralise`, so
      that an old database's controls are shown, not obeyed.

Dates typed in any field are read by :func:`facilitation.dates.parse_date`, the one rule for
dates, which every write path uses the same way.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import FieldRefused, InputRefused

# --- lengths (characters) ---------------------------------------------------------------------

SHORT = 200  # titles, names, labels, roles
MEDIUM = 2_000  # a KLOE, a question, a hypothesis, a ground rule, a statement
NOTE = 10_000  # one note of the live event (and a recommendation drafted from one)
LONG = 100_000  # an agency's return against one ask, a form field (often pasted from a report)

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"

# --- characters -------------------------------------------------------------------------------

_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029\x85]")
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Controls as the module docstring lists them (tab and every line break excluded: those are
read first, by the kind of field)."""
_CHANGES = re.compile(f"[\r\u2028\u2029\x85]|{_CONTROL.pattern}")  # what neutralise changes
_CHANGES_ONE_LINE = re.compile(f"[\t\n\r\u2028\u2029\x85]|{_CONTROL.pattern}")
# The ASCII that neutralise leaves as it is (a byte string's translate deletes them, and what
# is left is what it changes: four times quicker over a long field than the search).
_ASCII_KEPT_ONE_LINE = bytes(range(0x20, 0x7F))
_ASCII_KEPT = b"\t\n" + _ASCII_KEPT_ONE_LINE


def lines_read(text: str) -> str:
    """Every kind of line break read as ``\\n``."""
    return _BREAKS.sub("\n", text)


def one_line(text: str) -> str:
    """Each line break or tab becomes one space (a one-line field, a paste into one)."""
    return _BREAKS.sub(" ", text).replace("\t", " ")


def has_control(text: str) -> bool:
    """Does ``text`` hold a character no field may hold (tab and line breaks aside)?"""
    return _CONTROL.search(text) is not None


def neutralise(value: object, *, one_line_only: bool = False) -> str:
    """``value`` as text with every control replaced by U+FFFD (shown, never obeyed). Line
    breaks are read as ``\\n`` and kept, or with ``one_line_only`` become spaces, as do tabs."""
    s = "" if value is None else str(value)
    if s.isascii():  # the usual case, and exports and JSON ask for it a lot: a quicker look
        if not s.encode("ascii").translate(None, _ASCII_KEPT_ONE_LINE if one_line_only
                                           else _ASCII_KEPT):
            return s
    elif (_CHANGES_ONE_LINE if one_line_only else _CHANGES).search(s) is None:
        return s
    s = one_line(s) if one_line_only else lines_read(s)
    return _CONTROL.sub(REPLACEMENT, s)


def neutralise_all(value: Any) -> Any:
    """:func:`neutralise` applied to every string in a structure of dicts and lists (JSON)."""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dict):
        return {k: neutralise_all(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [neutralise_all(v) for v in value]
    return value


# --- the check every write makes ----------------------------------------------------------------


def control_message(label: str) -> str:
    return (f"The {label} contains control characters (such as escape codes or direction "
            "overrides); type plain text.")


def _refused(message: str, field: str | None) -> InputRefused:
    return InputRefused(message) if field is None else FieldRefused(field, message)


def text(value: Any, label: str, *, limit: int = SHORT, required: bool = False,
         one_line_field: bool = True, field: str | None = None) -> str:
    """The text to store for a typed field, or a refusal naming it.

    Blanks around it are trimmed; a one-line field has its blanks collapsed to single spaces,
    a field of several lines keeps its lines (read as ``\\n``) and tabs. With ``field`` a
    refusal is a :class:`FieldRefused` naming it, so a form can show it beside that field.
    """
    s = lines_read("" if value is None else str(value))
    if has_control(s):  # before blanks are collapsed: Python counts some controls as blanks
        raise _refused(control_message(label), field)
    s = " ".join(s.split()) if one_line_field else s.strip()
    if required and not s:
        raise _refused(f"The {label} cannot be empty.", field)
    if len(s) > limit:
        raise _refused(f"The {label} is {len(s):,} characters long; keep it to {limit:,}.", field)
    return s


def check(value: str, label: str, *, limit: int = LONG, field: str | None = None) -> str:
    """``value`` unchanged (blanks and lines as typed, for text saved as it is typed), or a
    refusal naming ``label`` if it holds a control or is longer than ``limit``."""
    if has_control(value):
        raise _refused(control_message(label), field)
    if len(value) > limit:
        raise _refused(f"The {label} is {len(value):,} characters long; keep it to {limit:,}.",
                       field)
    return value


def optional(value: Any, label: str, **kw: Any) -> str | None:
    """:func:`text` for a value that may be absent (None stays None: not set)."""
    return None if value is None else text(value, label, **kw)
