"""Lists of the review's notes over the live event: Find (F9; the parked notes, F6, are in
parked.py), which
searches the whole review by words, kind, hypothesis, speaker or prompt area and, before anything
is typed, shows the current item's newest notes.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from facilitation import event as ev
from facilitation.capture import parse_filter
from facilitation.framework import PROMPT_AREAS

from ...keymap import with_keys
from ...text import literal
from ...widgets.notes_view import NotesView, note_text
from ...widgets.footer import KeysFooter


# Find wraps this many of the newest notes ahead (as many as a search shows), this many at a time.
PREPARED = 200
PREPARE_BATCH = 20


class FindScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f9", "close", "Close", id="find.close",
                        tooltip="Back to the notes")]

    def __init__(self, ctx: ev.EventContext, item: dict | None = None, *,
                 has_agenda: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.item = item  # the event's current item: an empty search shows its newest notes
        self.has_agenda = has_agenda
        self._lines: dict[tuple, Text] = {}  # notes drawn while this Find is open

    def _line(self, note: dict, with_item: str | None = None) -> Text:
        """A note's line, built once: a search typed a letter at a time finds the same notes."""
        key = (with_item,) + tuple(note.get(k) for k in (
            "created_at", "kind", "hypothesis", "stance", "speaker", "body"))
        line = self._lines.get(key)
        if line is None:
            if len(self._lines) > 2000:
                self._lines.clear()
            line = self._lines[key] = note_text(note, with_item=with_item)
        return line

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(with_keys(self.app, self.BINDINGS, (
                "Find notes: words, and any of a kind symbol (+ - ! * > ~ ? ^), h2, @name, "
                "#area. {find.close} closes.")), classes="hint", markup=False)
            yield Input(id="find", placeholder="e.g.  > @police overnight", compact=True)
            yield Static(id="find-summary", markup=False)
            yield NotesView(id="found")
        yield KeysFooter()

    def on_mount(self) -> None:
        find = self.query_one("#find", Input)
        find.focus()
        self.run_find("")
        # Searched as the key changes the line, so the results are drawn in the same frame as
        # the letter (Input.Changed arrives after the line alone has been drawn, a frame late).
        self.watch(find, "value", self.run_find, init=False)
        self.call_after_refresh(self._prepare_newest)

    def _prepare_newest(self) -> None:
        """While the chair thinks of a word: the review's newest notes, as a search shows them,
        wrapped ahead, a few at a time (a key typed meanwhile goes first). The first letter of
        a word finds up to 200 of them, none drawn yet: it was the slowest keystroke."""
        notes = ev.find_notes(self.app.store, self.ctx.review_id, ev.NoteFilter(),
                              limit=PREPARED)
        titles = {a["id"]: a["title"] for a in self.ctx.agenda}
        pending = [(n, titles.get(n["agenda_item_id"])) for n in reversed(notes)]  # newest first
        view = self.query_one("#found", NotesView)

        def some() -> None:
            if not pending or not self.is_mounted:
                return
            batch = [pending.pop(0) for _ in range(min(PREPARE_BATCH, len(pending)))]
            view.prepare([self._line(n, title) for n, title in batch])
            self.set_timer(0.01, some)

        some()

    @on(Input.Submitted, "#find")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_find(event.value)

    def show_item_notes(self) -> None:
        """Nothing typed yet: the current item's newest notes, not the whole review's (the chair
        opened F9 from this item and is most likely looking for something just said)."""
        item_id = self.item["id"] if self.item else None
        notes = ev.item_notes(self.app.store, self.ctx.review_id, item_id, limit=200)
        total = ev.count_item_notes(self.app.store, self.ctx.review_id, item_id)
        shown = f"newest {len(notes)} of {total}" if total > len(notes) else f"{total}"
        # One line at 80 columns: the title goes last, so only it is cut short.
        if self.item is not None:
            summary = Text(f"This item's notes ({shown}): ", style="bold")
            summary.append_text(literal(self.item["title"]))
        elif self.has_agenda:
            summary = Text(f"Notes not filed under an item ({shown})", style="bold")
        else:
            summary = Text(f"This review's notes ({shown})", style="bold")
        self.query_one("#find-summary", Static).update(summary, layout=False)  # one line, always
        lines = [Text("Type above to search the whole review.", style="dim italic")]
        if not notes:
            lines.append(Text("No notes for this item yet.", style="dim"))
        lines += [self._line(n) for n in notes]
        self.query_one("#found", NotesView).show_lines(lines)

    def run_find(self, value: str) -> None:
        if not value.strip():
            self.show_item_notes()
            return
        spec = parse_filter(value, self.ctx.people, self.ctx.agencies,
                            [(p.key, p.label) for p in PROMPT_AREAS])
        speakers: tuple[str, ...] = ()
        if spec.speaker and spec.speaker in self.ctx.agencies:  # an agency: its people too
            speakers = (spec.speaker,) + tuple(
                p["name"] for p in self.ctx.participants if p["agency"] == spec.speaker)
        f = ev.NoteFilter(kind=spec.kind, prompt_area=spec.prompt_area,
                          hypothesis=spec.hypothesis, speaker=spec.speaker, search=spec.words,
                          speakers=speakers)
        notes = ev.find_notes(self.app.store, self.ctx.review_id, f, limit=200)
        count = f"{len(notes)}{'+' if len(notes) == 200 else ''}"
        summary = Text(f"{count} note{'' if len(notes) == 1 else 's'} · ", style="bold")
        summary.append_text(literal(f.describe()))
        for p in spec.problems:
            summary.append_text(literal(" · " + p, style="bold"))
        self.query_one("#find-summary", Static).update(summary, layout=False)  # one line, always
        titles = {a["id"]: a["title"] for a in self.ctx.agenda}
        lines = [] if notes else [Text("No notes match.", style="dim")]
        lines += [self._line(n, titles.get(n["agenda_item_id"])) for n in notes]
        self.query_one("#found", NotesView).show_lines(lines)

    def action_close(self) -> None:
        self.dismiss(None)
