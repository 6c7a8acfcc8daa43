"""The notes view counts the rows of the notes above what it shows instead of wrapping them
before the frame (widgets/notes_view.py): the count must be the rows wrapping gives, or the
scrollbar jumps and the list moves under the chair's eyes once they are wrapped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from lrf_tui.text import literal
from lrf_tui.widgets.notes_view import note_text, rows_of, wrapped

# Narrower than some views below: Rich never measures a line wider than its console, so a
# view wider than the console wraps at the console's width (as in tests, where it is 80).
CONSOLE = Console(width=100, force_terminal=True, color_system="truecolor", legacy_windows=False)

HOSTILE = [
    "",
    "short",
    "police " * 40,
    "x" * 500,  # one word longer than any view: folded
    "👨‍👩‍👧 family 🇬🇧 flag " * 12,
    "研究 会議 で 話した こと " * 15,  # wide characters
    "עברית ועוד ‏ימינה‎ שמאלה " * 10,  # right to left, direction marks
    "e\u0301 combining e\u0301 " * 30,
    "[bold]not markup[/] [/] " * 12,
    "tab\there " * 20,
    "line\u2028separator " * 20,
    "zero\u200bwidth\u200bspace " * 25,
]


def rows_drawn(line: Text, width: int) -> int:
    return len(wrapped(CONSOLE, line, width, 20))


def test_hostile_notes_are_counted_as_they_are_wrapped():
    for body in HOSTILE:
        note = {"created_at": "2026-03-02T11:05:00+00:00", "kind": "learning", "body": body,
                "speaker": "Ana Silva", "hypothesis": 2, "stance": "supports"}
        # Text(body) too: a line that never went through literal() (which makes U+2028
        # and kin visible) must still be counted right, or be drawn to know.
        for line in (note_text(note), note_text(note, with_item=body[:40]), literal(body),
                     Text(body)):
            for width in (8, 19, 20, 21, 40, 77, 96, 99, 100, 101, 118):
                counted = rows_of(CONSOLE, line, width, 20)
                if counted is not None:  # None: drawn to know (tabs, line breaks)
                    assert counted == rows_drawn(line, width), (body[:20], width)


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.text(min_size=0, max_size=30), max_size=30),
       width=st.integers(min_value=1, max_value=130))
def test_any_text_is_counted_as_it_is_wrapped(words, width):
    line = literal(" ".join(words))
    counted = rows_of(CONSOLE, line, width, 20)
    if counted is not None:
        assert counted == rows_drawn(line, width)
