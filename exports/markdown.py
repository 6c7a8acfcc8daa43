"""Markdown building blocks with user text escaped, and the parser every export is checked by.

Escaping is designed so that whatever a person typed reads back unchanged after parsing: it
cannot start a heading, a list, a quote or a code block, cannot open emphasis, a link or raw HTML,
and cannot add or break a table cell. Line breaks inside a table cell become spaces. Controls
(by the one rule for characters, facilitation/inputs.py: escape codes, C1 controls, direction
overrides and isolates, stored before the rule) are shown as U+FFFD, never passed on.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Sequence

from facilitation.inputs import neutralise

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^([#>+=-])")
_LINE_STARTERS = frozenset("#>+=-")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def _line(text: str) -> str:
    text = text.strip()
    if _INLINE.search(text):  # most lines have nothing to escape: looking is cheaper
        text = _INLINE.sub(r"\\\1", text)
    # The rarer cases are looked for only where they can be (this runs once a line of every
    # note in a long form: 50,000 notes are 50,000 lines).
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    if text[:1] in _LINE_STARTERS:
        text = _LINE_START.sub(r"\\\1", text)
    elif text[:1].isdigit():
        text = _ORDERED.sub(r"\1\\\2", text)
    return text


def inline(text: object) -> str:
    """One line of user text, safe anywhere inline (line breaks become spaces)."""
    return _line(" ".join(neutralise(text).split()))


def paragraph(text: object) -> str:
    """User text as one or more paragraphs; blank lines separate paragraphs, single line breaks
    are kept as hard line breaks."""
    s = neutralise(text)  # line breaks of every kind read as \n
    paras = [p for p in re.split(r"\n\s*\n", s) if p.strip()]
    out = []
    for p in paras:
        lines = [_line(" ".join(line.split())) for line in p.split("\n") if line.strip()]
        out.append("\\\n".join(lines))
    return "\n\n".join(out)


def cell(text: object) -> str:
    """User text for a table cell: one line, pipes escaped."""
    return inline(text)


def bullets(items: Iterable[object]) -> str:
    return "\n".join(f"- {inline(i)}" for i in items)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A pipe table; headers are the project's own words, cells are escaped user text."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    rows = list(rows)
    for at in range(0, len(rows), _ROWS):
        some = rows[at:at + _ROWS]
        if _kept_cells(some):  # every cell as typed (5,000 candidate actions, most often)
            out.extend("| " + " | ".join(c or " " for c in row) + " |" for row in some)
            continue
        for row in some:
            cells = [cell(c) or " " for c in row]
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


_ROWS = 256  # rows looked at at once


def _kept_cells(rows: list[Sequence[object]]) -> bool:
    """Every cell of these rows is text that escaping leaves as it is, or empty."""
    filled = [c for row in rows for c in row if c != ""]
    if not filled:
        return True
    if not all(type(c) is str for c in filled):
        return False
    text = "\n".join(filled)  # type: ignore[arg-type]
    return text.count("\n") == len(filled) - 1 and _kept_run(text) == "text"


def parser():
    """The parser exports are checked with (as DESIGN.md fixes)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


_ITEM = re.compile(r"^[ \t]*[-*][ \t]+(?=\S)")
_ITEM_STARTS = "-* \t"


def _spaced(line: str) -> str:
    """Runs of white space made one space. Most lines (every line drafted from a note) have
    none to make, and saying so is cheaper than splitting them into words."""
    if line.isprintable() and "  " not in line:
        return line  # printable means no white space but the ASCII space
    return " ".join(line.split())


def block(text: object) -> str:
    """User text as paragraphs and bullet lists: a line typed as ``- item`` (or ``* item``)
    becomes a list item, other lines stay paragraph lines (single breaks kept as hard breaks).
    Everything else is escaped as in :func:`paragraph`."""
    return "".join(block_parts(text))


# Runs of lines that escaping leaves as they are: every line drafted from a plain note. Such a
# run is passed on in one piece, found with a few passes over the whole run (no per-line work):
# printable ASCII without a character that is escaped, single spaces, no line blank, starting
# with a space or as a heading, list, quote or number would, or ending with a space.
_KEPT = bytes(c for c in range(0x20, 0x7F) if chr(c) not in "\\`*_[]<>|~&") + b"\n"
_ITEM_LINE_BAD = re.compile(r"\n(?!- [^ \n#>+=\-0-9])")
_TEXT_LINE_BAD = re.compile(r"\n[ \n#>+=\-0-9]")
_BAD_FIRST = " \n#>+=-0123456789"
_RUN = 1 << 13  # about how much is looked at at once


def _kept_run(piece: str) -> str | None:
    """'item' when every line of ``piece`` is a list item (``- text``) that escaping leaves as
    it is, 'text' when every line is a paragraph line that it leaves, else None."""
    if not piece or piece[-1] in " \n" or not piece.isascii():
        return None
    if piece.encode("ascii").translate(None, _KEPT) or "  " in piece or " \n" in piece:
        return None
    if piece.startswith("- "):
        if piece[2:3] in _BAD_FIRST or _ITEM_LINE_BAD.search(piece):
            return None
        return "item"
    if piece[0] in _BAD_FIRST or _TEXT_LINE_BAD.search(piece):
        return None
    return "text"


def block_parts(text: object) -> Iterator[str]:
    """:func:`block` a piece at a time, for writing as it is made: a field drafted from 200,000
    notes is held once as typed, never as a list of its lines nor a second time escaped.

    Paragraphs are parted by a line that is blank (the text is read a line at a time, never
    split into a list); a new paragraph, or a change between list items and other lines,
    starts a new group, and groups are parted by a blank line. A run of lines that escaping
    would leave as they are is passed on whole; any other run is escaped line by line."""
    s = neutralise(text)  # line breaks of every kind read as \n
    kind: str | None = None  # of the group being written; None before the first line
    gap = False  # a blank line since the last line written
    at, end = 0, len(s)
    find = s.find
    slow_until = -1  # lines before this are escaped one by one
    while at <= end:
        if at > slow_until:
            stop = find("\n", at + _RUN)
            if stop < 0:
                stop = end
            piece = s[at:stop]
            this = _kept_run(piece)
            if this is not None:
                if kind is None:
                    pass
                elif gap or this != kind:
                    yield "\n\n"
                else:
                    yield "\n" if this == "item" else "\\\n"
                kind, gap = this, False
                yield piece if this == "item" else piece.replace("\n", "\\\n")
                at = stop + 1
                continue
            slow_until = stop
        nl = find("\n", at)
        if nl < 0:
            nl = end
        raw = s[at:nl]
        at = nl + 1
        if not raw.strip():
            gap = True
            continue
        m = _ITEM.match(raw) if raw[:1] in _ITEM_STARTS else None
        this = "item" if m else "text"
        if kind is None:
            pass
        elif gap or this != kind:
            yield "\n\n"
        else:
            yield "\n" if this == "item" else "\\\n"
        kind, gap = this, False
        yield f"- {_line(_spaced(raw[m.end():]))}" if m else _line(_spaced(raw))


def emphasis(words: str) -> str:
    """The project's own words in italics (never user text)."""
    return f"*{words}*"
