"""Typing goes to notes: the behaviour every dialog over the live event shares. A chair who
forgets a dialog is open and types what is being said keeps those words: they are held (and
shown) as a note line and carried to the capture line when the dialog closes, and letters the
dialog took as commands just before are undone and become the first letters of the note.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, Callable, Iterator

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from facilitation import event as ev
from facilitation.errors import InputRefused

from ...keymap import active_keys, key_name, with_keys
from ...messages import ReviewChanged
from ...text import literal
from ...writes import writing
from ...widgets.footer import KeysFooter

if TYPE_CHECKING:
    from .screen import EventScreen


class TypingGoesToNotes:
    """For the dialogs over the live event. A chair who forgets one is open and types what is
    being said would lose those keys, or worse, set statuses with them. From the first printable
    key the dialog has no use for, every printable key is held (and shown) as a note line, not
    taken as a command; Esc, Enter or the dialog's own key carries it to the capture line."""

    BINDINGS: list[Binding]
    _typed: str | None = None
    _under: "EventScreen | None" = None
    # Letters taken as commands just before typing began: (when, letter, undo). "nobody" in
    # the hypotheses dialog would otherwise set H1 to 'not supported', then 'open'.
    _recent: list[tuple[float, str, Callable[[], None]]]
    TYPING_WINDOW = 1.5  # seconds between a command letter and the typing it turned out to start

    _key_char: str = ""

    HINT = ""  # the dialog's hint line; {binding.id} names the key bound to it now

    def hint_line(self) -> str:
        """The hint line with the keys in use (the keymap file can move them)."""
        return with_keys(self.app, self.BINDINGS, self.HINT)  # type: ignore[attr-defined]

    def close_key(self) -> str:
        """The key that closes this dialog now, as the hints name it."""
        closing = [b for b in self.BINDINGS  # type: ignore[attr-defined]
                   if b.action in ("close", "dismiss_rules")]
        keys = [k for b in closing for k in active_keys(self.app, b)]  # type: ignore[attr-defined]
        return "Esc" if "escape" in keys or not keys else key_name(keys[0])

    def write_or_say(self, write: Callable[[], object], kept: str) -> bool:
        """Run one write; a refused one is said on the dialog's hint line (marked as an error)
        and changes nothing. After a success the hint line is the dialog's own again."""
        hint = self.query_one(".hint", Static)  # type: ignore[attr-defined]
        try:
            with writing(kept=kept):
                write()
        except InputRefused as e:
            hint.update(literal(e.message))
            hint.add_class("error")
            return False
        # Attendance and hypotheses are the review's preparation too.
        self.app.announce(ReviewChanged, self.ctx.review["ref"])  # type: ignore[attr-defined]
        if hint.has_class("error"):
            hint.remove_class("error")
            hint.update(self.hint_line())
        return True

    def remember_command(self, undo: Callable[[], None]) -> None:
        if not hasattr(self, "_recent"):
            self._recent = []
        if self._key_char:
            self._recent.append((monotonic(), self._key_char, undo))

    def _event_under(self) -> "EventScreen | None":
        """The live event under this dialog, or None (the dialog was opened from elsewhere)."""
        from .screen import EventScreen  # imported here: the screen imports its dialogs

        stack = self.app.screen_stack  # type: ignore[attr-defined]
        under = stack[-2] if len(stack) > 1 else None
        return under if isinstance(under, EventScreen) else None

    async def on_key(self, event: events.Key) -> None:
        screen = self  # a Screen
        if self._under is not None and self.app.screen is not screen:  # type: ignore[attr-defined]
            # keys that were on their way to the dialog as it closed
            if event.is_printable and event.character:
                event.stop()
                event.prevent_default()
                self._under.query_one("#capture", Input).insert_text_at_cursor(event.character)
            return
        if self._typed is not None:
            if event.key in ("enter", "escape"):
                event.stop()
                event.prevent_default()
                self.action_close()
                return
            if event.key == "backspace":
                event.stop()
                self._typed = self._typed[:-1]
                self._show_typed()
                return
        if not event.is_printable or not event.character:
            self._recent = []  # an arrow or the like: the letters before it were commands
            return
        if self._typed is None:
            bound = [b for b in self.BINDINGS if event.key in active_keys(self.app, b)]
            if bound:
                # Run the letter's action here, in the order keys reach this screen: left to
                # the app's bindings, it could run after later letters had started a note.
                event.stop()
                event.prevent_default()
                self._key_char = event.character
                try:
                    await self.app.run_action(bound[0].action, self)  # type: ignore[attr-defined]
                finally:
                    self._key_char = ""
                return
            under = self._event_under()
            if under is None:
                return
            self._under, self._typed = under, ""
            now, taken = monotonic(), []
            for when, char, undo in reversed(getattr(self, "_recent", [])):
                if now - when > self.TYPING_WINDOW:
                    break
                now = when
                taken.append((char, undo))
            for char, undo in taken:  # newest first
                undo()
            self._typed = "".join(char for char, _ in reversed(taken))
            self._recent = []
        event.stop()
        event.prevent_default()
        self._typed += event.character
        self._show_typed()

    def on_paste(self, event: events.Paste) -> None:
        if self._under is None:
            under = self._event_under()
            if under is None:
                return
            self._under = under
        event.stop()
        text = " ".join(event.text.splitlines())  # as the capture line takes a paste: one line
        if self.app.screen is not self:  # type: ignore[attr-defined]
            self._under.query_one("#capture", Input).insert_text_at_cursor(text)
            return
        self._typed = (self._typed or "") + text
        self._show_typed()

    def _show_typed(self) -> None:
        shown = Text("Typing a note: ", style="bold")
        shown.append_text(literal(self._typed or ""))
        shown.append(f"  ({self.close_key()} or Enter takes it to the note line)", style="dim")
        try:
            line = self.query_one("#typed", Static)  # type: ignore[attr-defined]
        except Exception:
            line = Static(id="typed", classes="typed", markup=False)
            footers = self.query(Footer)  # type: ignore[attr-defined]
            if footers:  # above the keys, which still say how to leave
                self.mount(line, before=footers.first())  # type: ignore[attr-defined]
            else:
                self.mount(line)  # type: ignore[attr-defined]
        line.update(shown)

    def carry_typing(self) -> None:
        """Call as the dialog closes: what was typed goes to the capture line."""
        if self._under is None or not self._typed:
            return
        capture = self._under.query_one("#capture", Input)
        capture.insert_text_at_cursor(self._typed)
        self._typed = ""
        self._under.say("Your typing is on the note line: Enter saves it.")

    def action_close(self) -> None:
        """Close the dialog (Esc or its own key); what was typed goes to the capture line."""
        self.carry_typing()
        self.dismiss(None)  # type: ignore[attr-defined]


class ContextDialog(TypingGoesToNotes, ModalScreen[None]):
    """A dialog over the live event that shows part of its context (hypotheses, attendance,
    parked notes): its hint line, then what :meth:`body` yields, then the Footer."""

    def __init__(self, ctx: ev.EventContext) -> None:
        super().__init__()
        self.ctx = ctx

    def body(self) -> Iterator[Widget]:
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(self.hint_line(), classes="hint", markup=False)
            yield from self.body()
        yield KeysFooter()
