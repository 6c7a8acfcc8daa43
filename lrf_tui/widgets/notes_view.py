"""The notes view: notes drawn one line each (time, kind as a word, hypothesis, speaker, then the
text exactly as typed), newest at the bottom. The live event shows an item's notes in it, and its
dialogs (hypothesis evidence, parked notes, find) their lists; :func:`note_text` is the one way a
note is drawn anywhere in the event.
"""

from __future__ import annotations

import datetime as _dt

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import Console
from rich.measure import measure_renderables
from rich.segment import Segment
from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import RichLog

from facilitation.framework import NOTE_KIND_LABELS

from ..text import literal

# How many of the current item's notes the view draws; older ones are found with F9.
SHOWN_NOTES = 300

KIND_STYLE = {
    "observation": "",
    "good_practice": "bold green",
    "do_differently": "bold yellow",
    "unexpected": "bold magenta",
    "learning": "bold cyan",
    "action": "bold blue",
    "family_view": "bold",
    "question": "italic",
    "parked": "dim",
}
KIND_WIDTH = max(len(v) for v in NOTE_KIND_LABELS.values())
# Lines already wrapped, kept per view: Find typed a letter at a time draws mostly the same notes
# again, and wrapping them was most of the time per keystroke.
DRAWN_CACHE = 2000


def note_time(created_at: str | None) -> str:
    try:
        return _dt.datetime.fromisoformat(created_at or "").astimezone().strftime("%H:%M")
    except (ValueError, TypeError):
        return "--:--"


def note_text(note: dict, *, with_item: str | None = None) -> Text:
    """One note as a line: time, kind as a word, hypothesis, speaker, then the literal text."""
    line = Text(no_wrap=False, overflow="fold")
    line.append(note_time(note.get("created_at")) + " ", style="dim")
    label = NOTE_KIND_LABELS.get(note.get("kind") or "", note.get("kind") or "")
    line.append(label.ljust(KIND_WIDTH), style=KIND_STYLE.get(note.get("kind") or "", ""))
    if note.get("hypothesis") is not None:
        # In brackets, so a speaker after it never reads as the object ("H2 against Ana Silva").
        stance = "for" if note.get("stance") == "supports" else "against"
        line.append(f" ({stance} H{note['hypothesis']})", style="bold")
    if with_item:
        line.append(" (")
        line.append_text(literal(with_item))
        line.append(")")
    if note.get("speaker"):
        line.append(" ")
        line.append_text(literal(note["speaker"], style="underline"))
        line.append(":")
    line.append(" ")
    line.append_text(literal(note.get("body") or ""))
    return line


def wrapped(console: Console, line: Text, width: int, min_width: int) -> list[Strip]:
    """``line`` as the rows RichLog.write draws it in a view ``width`` wide (a line longer
    than the view, or than the console, at that width and at least ``min_width``; a shorter
    one at its own)."""
    if "\t" in line.plain:
        line = line.copy()
        line.expand_tabs()
    options = console.options
    width = max(min(measure_renderables(console, options, [line]).maximum, width), min_width)
    rows = list(Segment.split_lines(console.render(line, options.update_width(width))))
    if not rows:
        return [Strip.blank(width)]
    strips = Strip.from_lines(rows)
    for strip in strips:
        strip.adjust_cell_length(width)
    return strips


def rows_of(console: Console, line: Text, width: int, min_width: int) -> int | None:
    """How many rows :func:`wrapped` gives ``line``, found with Rich's own line breaking (what
    Text.wrap does) without drawing anything; None for a line it cannot say (tabs, line
    breaks, no wrapping), which must be drawn to know."""
    plain = line.plain
    if "\t" in plain or line.no_wrap or line.end != "\n" or len(plain.splitlines()) > 1:
        return None  # (Rich measures a line by splitlines: U+2028 and kin break it there)
    # Rich measures no line wider than the console, so none is drawn wider than it either
    width = max(min(width, console.options.max_width), min_width)
    if cell_len(plain) <= width:
        return 1
    return len(divide_line(plain, width, fold=(line.overflow or "fold") == "fold")) + 1


class NotesView(RichLog):
    """The notes of the current item, newest at the bottom; appending draws one note only.

    Everything shown goes through :meth:`show` or :meth:`show_lines`, which keep the lines so a
    resize draws them again at the new width (RichLog itself keeps only what it last drew).
    """

    def __init__(self, **kw) -> None:
        super().__init__(wrap=True, min_width=20, auto_scroll=True, markup=False, **kw)
        self._notes: list[dict] = []
        self.keep = SHOWN_NOTES  # how many the chair has asked to see (PageUp at the top)
        self._header: Text | None = None
        self._lines: list[Text] = []  # what is shown, kept to draw again after a resize
        self._drawn_width = 0
        self._drawn: dict[tuple, list[Strip]] = {}
        self._draws = 0  # redraws so far: a wrap of the lines above the view waits for one
        self._rest: tuple[list[Text], int, int] | None = None  # (lines, first, rows)
        self._paint: tuple | None = None  # (style, width) while a paint is under way

    def show(self, notes: list[dict], header: Text | None = None) -> None:
        """An item's notes, or a header alone when there are none (the first note replaces it)."""
        self._notes = list(notes)
        self._header = header
        self._lines = ([header] if header is not None else []) + [note_text(n) for n in notes]
        self._redraw()

    def show_lines(self, lines: list[Text]) -> None:
        """Any list of lines (a dialog's notes, with their item, after a line of its own)."""
        self._notes = []
        self._header = None
        self._lines = list(lines)
        self._redraw()

    def prepare(self, lines: list[Text]) -> None:
        """Wrap ``lines`` ahead at the view's width, to show them faster later."""
        if self._size_known:
            width = self.scrollable_content_region.width
            for line in lines:
                self._strips(line, width)

    def _strips(self, line: Text, width: int) -> list[Strip]:
        """``line`` wrapped to ``width``, kept for the next redraw."""
        key = (line.plain, tuple(line.spans), line.style, width)
        strips = self._drawn.get(key)
        if strips is None:
            strips = self._drawn[key] = wrapped(self.app.console, line, width, self.min_width)
        return strips

    def _height_of(self, line: Text, width: int) -> int:
        """How many rows ``line`` takes at ``width``, wrapped only if it has to be."""
        key = (line.plain, tuple(line.spans), line.style, width)
        strips = self._drawn.get(key)
        if strips is not None:
            return len(strips)
        rows = rows_of(self.app.console, line, width, self.min_width)
        return rows if rows is not None else len(self._strips(line, width))

    def _redraw(self, *, whole: bool = False) -> None:
        """Every kept line again (new lines or a new width). Before the frame, only the lines
        that fill the view are wrapped; the rows of the ones above are counted, so that the
        scrollbar is already right, and they are wrapped once the frame is shown (a Find
        letter and the event's first frame wait for one screenful, not for 300 notes)."""
        if not self._size_known:
            # Drawn once the view knows its width (on_resize). Handing the lines to RichLog
            # here would have it wrap them one by one once laid out, each with its own
            # scroll to the end a frame later: the first frame held the oldest notes.
            return
        self._draws += 1
        self._rest = None
        self.clear()
        width = self._drawn_width = self.scrollable_content_region.width
        if len(self._drawn) > DRAWN_CACHE:
            self._drawn.clear()
        lines = self._lines
        tail: list[Strip] = []
        first, wanted = len(lines), self.scrollable_content_region.height + 2
        while first > 0 and (whole or len(tail) < wanted):
            first -= 1
            tail[:0] = self._strips(lines[first], width)
        above = sum(self._height_of(line, width) for line in lines[:first])
        if above:
            self.lines.extend([Strip.blank(width)] * above)
            self._rest = (lines, first, above)
            self.call_after_refresh(self._draw_rest, self._draws)
        self.lines.extend(tail)
        self._widest_line_width = max((s.cell_length for s in tail), default=0)
        self.virtual_size = Size(self._widest_line_width, len(self.lines))
        # One scroll to the end after the last line, in the same frame as the lines are drawn.
        self.scroll_end(animate=False, immediate=True, x_axis=False)

    def _draw_rest(self, draws: int) -> None:
        """The rows above the view, counted before the frame, get their text (unless the view
        was drawn again since). Nothing on screen moves: the rows were counted right."""
        if draws != self._draws or self._rest is None or not self.is_mounted:
            return
        if getattr(self.app, "_batch_count", 0):
            # Start-up: Textual holds every frame until the app is mounted, and "after the
            # refresh" came before the first frame was shown; look again shortly.
            self.set_timer(0.02, lambda: self.call_after_refresh(self._draw_rest, draws))
            return
        lines, first, above = self._rest
        self._rest = None
        width = self._drawn_width
        if lines is self._lines and width == self.scrollable_content_region.width:
            strips = [s for line in lines[:first] for s in self._strips(line, width)]
            if len(strips) == above:
                self.lines[:above] = strips
                self._line_cache.clear()
                widest = max((s.cell_length for s in strips), default=0)
                if widest > self._widest_line_width:
                    self._widest_line_width = widest
                    self.virtual_size = Size(widest, len(self.lines))
                if self.scroll_y < above:  # some of them are in view: show their text
                    self.refresh()
                return
        # The lines changed under it (or a count was wrong): all of them again, in place.
        from_end = self.max_scroll_y - self.scroll_y
        self._redraw(whole=True)
        if from_end > 0:
            self.scroll_to(y=max(self.max_scroll_y - from_end, 0), animate=False,
                           immediate=True)

    def render_lines(self, crop):
        # Textual asks RichLog for every row of a paint in turn, and RichLog worked out the
        # widget's style (a walk up the whole DOM) twice a row: a fifth of a Find keystroke.
        # Worked out once a paint instead.
        self._paint = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def render_line(self, y: int) -> Strip:
        style, width = self._paint or (self.rich_style, self.scrollable_content_region.width)
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        if row >= len(self.lines):
            return Strip.blank(width, style).apply_style(style)
        key = (row + self._start_line, scroll_x, width, self._widest_line_width)
        line = self._line_cache.get(key)
        if line is None:
            line = self._line_cache[key] = self.lines[row].crop_extend(scroll_x,
                                                                       scroll_x + width, style)
        return line.apply_style(style)

    def append(self, note: dict) -> None:
        self._notes.append(note)
        line = note_text(note)
        self._lines.append(line)
        keep = max(SHOWN_NOTES, self.keep)
        if len(self._lines) > keep * 2:  # keep the redraw on resize bounded
            self._notes = self._notes[-keep:]
            self._lines = self._lines[-keep:]
        # Scrolled in the same frame as the line is drawn: RichLog's own scroll waits for the
        # next refresh, so the new note showed one frame late (below the view first).
        if not self._size_known:  # not laid out yet: drawn with the rest once it is
            return
        self.write(line, scroll_end=False)
        self.scroll_end(animate=False, immediate=True, x_axis=False)

    def on_resize(self, event: Resize) -> None:
        # RichLog's own handler would draw writes it deferred: this view defers none.
        event.prevent_default()
        width = self.scrollable_content_region.width
        if not width:
            return
        if not self._size_known or width != self._drawn_width:
            self._size_known = True
            self._redraw()
