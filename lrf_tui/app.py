"""The lrf Textual app: holds the open store and routes between screens."""

from __future__ import annotations

import datetime
import gc
import importlib
import signal
import time
from pathlib import Path
from typing import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from facilitation import clock
from facilitation.store import Store

from . import STARTED, frame_timer
from .text import pasted, typed_but_dropped

frame_timer.install()  # each frame on the beat after a change, not the one after that

STYLES = Path(__file__).parent / "styles"
# Once lrf is drawn: the young generation is collected every this many new objects (Python's
# 700 made a collection every few notes wrapped), the full collection only when the chair has
# typed nothing for FULL_GC_IDLE seconds, looked for every FULL_GC_EVERY seconds.
FULL_GC_YOUNG = 700
FULL_GC_NEVER = 2**31 - 1
FULL_GC_IDLE = 2.0
FULL_GC_EVERY = 5.0

# Screens other than home, imported only when first opened (startup stays fast).
SCREENS_BY_NAME: dict[str, str] = {
    "new": "lrf_tui.screens.new_review:NewReviewScreen",
    "prepare": "lrf_tui.screens.prepare:PrepareScreen",
    "event": "lrf_tui.screens.event:EventScreen",
    "form": "lrf_tui.screens.form:FormScreen",
    "partnership": "lrf_tui.screens.partnership:PartnershipScreen",
}

# Imported once home is drawn (_preload_screens): the screens in the order a chair reaches them.
PRELOAD_AFTER = 0.1
PRELOADED = (
    *(target.split(":")[0] for target in SCREENS_BY_NAME.values()),
    "lrf_tui.dialogs",
)


class HomeLater(Screen):
    """Under the live event opened by `lrf event REF`: when the chair leaves the event, the
    home screen opens over it (building home first only made the event slower to appear)."""

    _covered = False

    def on_screen_suspend(self) -> None:
        self._covered = True

    def on_screen_resume(self) -> None:
        if self._covered:
            from .screens.home import HomeScreen

            self.app.load_later_styles()
            # Pushed over this one (a screen Textual made first cannot be switched out).
            self.app.push_screen(HomeScreen())


class LrfApp(App[None]):
    TITLE = "lrf"
    SUB_TITLE = "learning reviews"
    # Absolute, so that subclasses (tests, benches) find the styles too.
    CSS_PATH = [
        STYLES / name
        for name in (
            "global.tcss",
            "app.tcss",
            "prepare.tcss",
            "event.tcss",
            "form.tcss",
            "partnership.tcss",
        )
    ]
    # `lrf event REF` draws its first frame with these; the rest follow once it is drawn.
    EVENT_CSS = ("global.tcss", "app.tcss", "event.tcss")
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit",
                tooltip="Leave lrf (every saved note stays)", priority=True),
        Binding("f1", "help", "Keys", id="app.help", tooltip="List the keys of this screen"),
        # Tab moves focus as soon as it arrives. Textual's own Tab (a screen key) waited until
        # the field being left had looked at it, so what a fast typist typed straight after
        # Tab (Tab, Tab, space to tick a box; a name, Tab, a date) went to the field being
        # left, or was lost.
        Binding("tab", "focus_next", "Next field", id="app.focus_next", show=False,
                priority=True, tooltip="Move to the next field"),
        Binding("shift+tab", "focus_previous", "Previous field", id="app.focus_previous",
                show=False, priority=True, tooltip="Move to the previous field"),
        # Esc closes the key panel when it is open; otherwise Esc is the screen's own key.
        Binding("escape", "close_help", "Close keys", id="app.close_help",
                tooltip="Close the list of keys", show=False,
                priority=True),
    ]

    def __init__(
        self, store: Store, *, event_ref: str | None = None, today: datetime.date | None = None
    ):
        super().__init__()
        # No collections while the first frame is built (they found little to free and only
        # delayed it); _first_frame_drawn turns the collector back on.
        gc.disable()
        self.store = store
        self.event_ref = event_ref
        self._today = today
        self.first_frame_seconds: float | None = None
        self._styles_later: list[Path] = []
        self._gc_thresholds: tuple[int, int, int] | None = None  # as they were before lrf
        self._last_key = 0.0  # monotonic time of the last key or paste
        if event_ref is not None:
            self._styles_later = [p for p in self.css_path if p.name not in self.EVENT_CSS]
            self.css_path = [p for p in self.css_path if p.name in self.EVENT_CSS]
        # Set when something unexpected stopped the app: the sentence the command line prints
        # once the terminal is back (see _handle_exception).
        self.crash_message: str | None = None

    def get_default_screen(self) -> Screen:
        if self.event_ref is not None:
            # `lrf event REF`: the home screen is built when the chair leaves the event.
            return HomeLater()
        from .screens.home import HomeScreen

        return HomeScreen()

    def load_later_styles(self) -> None:
        """Read the other screens' styles that `lrf event REF` left out of its first frame
        (every rule in them belongs to another screen or to a dialog such as the quit
        question), in the order CSS_PATH gives them."""
        later, self._styles_later = self._styles_later, []
        update = False
        for path in later:
            if not self.stylesheet.has_source(str(path), ""):
                self.stylesheet.read(path)
                update = True
        self.css_path = [*self.css_path, *later]
        if update:
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def on_mount(self) -> None:
        from .keymap import apply_keymap_file

        apply_keymap_file(self)  # before any screen's keys are used
        if self.event_ref is not None:
            self.open_review_screen("event", self.event_ref)
        # Run by the screen now on top once it has been drawn (see _first_frame_drawn).
        self.call_after_refresh(self._first_frame_drawn)
        loop = __import__("asyncio").get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, self._exit_on_signal, sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def today(self) -> datetime.date:
        """Today's date: the day this app was started with, else the one clock's
        (``facilitation.clock``; fixed in tests so that countdowns on screen do not drift)."""
        return self._today or clock.today()

    def _collect_when_idle(self) -> None:
        """The full collection the collector no longer starts itself, once no key has come
        for a moment (a chair between notes does not feel it)."""
        if time.monotonic() - self._last_key >= FULL_GC_IDLE:
            gc.collect()

    def _first_frame_drawn(self) -> None:
        """After the first frame of the first screen the chair sees (home, or the live event
        of `lrf event REF`). Textual's Ready comes after the first layout of the screen under
        it, which for `lrf event REF` is the empty one below the event: reading the other
        styles then made the event's first frame wait for them."""
        if self.first_frame_seconds is not None:
            return
        self.first_frame_seconds = time.perf_counter() - STARTED
        # What start-up built (Textual, the screen, the notes drawn) lives as long as the app:
        # moved out of the collector's sight, so that a full collection no longer walks it
        # in the middle of a chair's Enter (the slow tail of saving a note).
        gc.freeze()
        # Full collections walk everything made since (Find's wrapped notes, the lists): 70 to
        # 100 ms each, in the middle of a keystroke when the collector chose. The young
        # generations are still collected as they fill; the full collection waits until the
        # chair has stopped typing for a moment (_collect_when_idle).
        self._gc_thresholds = gc.get_threshold()
        gc.set_threshold(FULL_GC_YOUNG, self._gc_thresholds[1], FULL_GC_NEVER)
        gc.enable()
        self.set_interval(FULL_GC_EVERY, self._collect_when_idle)
        if self._styles_later:
            # Once the chair can read the screen; a screen opened before then reads them first
            # (push_screen).
            self.set_timer(0.2, self.load_later_styles)
        if self.event_ref is None:
            self.set_timer(PRELOAD_AFTER, self._preload_screens)

    def _preload_screens(self) -> None:
        """Import the other screens' code while the chair reads the reviews, so that the first
        l, n, e or f does not wait for it (the Learning and Improvement view's alone was a
        fifth of its opening). On a thread of its own: the keyboard waits at most a few
        milliseconds for it, whatever it is importing. `lrf event REF` does not: the chair is
        typing there at once."""
        import threading

        def run() -> None:
            for target in PRELOADED:
                try:
                    importlib.import_module(target)
                except Exception:  # noqa: BLE001 - opening that screen imports it again, and says
                    pass

        threading.Thread(target=run, name="lrf-preload", daemon=True).start()

    def push_screen(self, screen, *args, **kwargs):
        if self._styles_later and self.first_frame_seconds is not None:
            self.load_later_styles()  # every rule of the screen being opened is there
        return super().push_screen(screen, *args, **kwargs)

    def on_unmount(self) -> None:
        # The app is gone: what it froze can be collected again (tests run many apps in one
        # process), and the collector is on even if no first frame was ever drawn.
        gc.unfreeze()
        if self._gc_thresholds is not None:
            gc.set_threshold(*self._gc_thresholds)
        gc.enable()

    def keep_all_typing(self) -> None:
        """Commit what each screen holds that is not in the database yet (the event's capture
        line as a draft, a form field being typed). Never raises: it runs as lrf stops."""
        for screen in list(self.screen_stack):
            keep = getattr(screen, "keep_unsaved_typing", None)
            if keep is not None:
                try:
                    keep()
                except Exception:
                    pass

    def _exit_on_signal(self, sig: int | None = None) -> None:
        # Every note is already committed; a line typed but not entered is kept as a draft
        # (the live event's capture line); leaving restores the terminal.
        try:
            self.keep_all_typing()
            # Everything is committed: free the file for the next lrf now. Leaving can stall
            # (seen with `tmux kill-window`: output to the dead terminal held Textual's writer),
            # and a reopened event was then refused as "open in another lrf" until it ended.
            self.store.release_lock()
        except Exception as error:
            self._handle_exception(error)
            return
        if sig == signal.SIGHUP:
            # The window is gone: if leaving takes more than a few seconds, end the process.
            import os
            import threading

            watchdog = threading.Timer(5.0, os._exit, args=(0,))
            watchdog.daemon = True
            watchdog.start()
        self.exit(return_code=0)

    def _handle_exception(self, error: Exception) -> None:
        """Anything unexpected, from any handler, timer or worker. Textual would print a
        traceback with local variables (note text, names) to the terminal; instead the typing
        is kept, a crash report without case content is written, and the app exits with one
        sentence for the command line to print once the terminal is restored."""
        if self.crash_message is None:
            from . import crash

            self.crash_message = "lrf stopped after an unexpected error."
            self.keep_all_typing()
            self.crash_message = crash.message(error, crash.write_report(error))
            self._return_code = crash.exit_code(error)
        if self._exception is None:  # kept so that tests (run_test) see the error
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def announce(self, kind: type, ref: str = "") -> None:
        """Tell the app and every screen that something changed (``kind`` is one of
        :mod:`lrf_tui.messages`); each screen refreshes itself on its own copy."""
        self.post_message(kind(ref))
        for screen in self.screen_stack:
            screen.post_message(kind(ref))

    def open_review_screen(self, name: str, ref: str) -> None:
        target = SCREENS_BY_NAME.get(name)
        if target is None:
            self.notify("That screen is not part of this version of lrf.", severity="warning")
            return
        module_name, class_name = target.split(":")
        screen_cls = getattr(importlib.import_module(module_name), class_name)
        self.push_screen(screen_cls(ref))

    def get_driver_class(self):
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.linux_driver":  # Linux and macOS
            from .terminal_input import LrfDriver  # pastes are read as text, whatever they hold

            return LrfDriver
        return driver

    async def on_event(self, event) -> None:
        if isinstance(event, (events.Key, events.Paste)):
            self._last_key = time.monotonic()
        if isinstance(event, events.Paste) and not event.is_forwarded:
            from textual.widgets import Input

            # Controls shown, not obeyed; a one-line box would keep only the first line of a
            # paste and silently drop the rest: its lines are joined instead, so all of it is
            # there to see (and a length check can refuse it in words).
            event = events.Paste(pasted(event.text, one_line=isinstance(self.focused, Input)))
        elif (isinstance(event, events.Key) and not event.is_forwarded
              and typed_but_dropped(event.character)):
            from textual.widgets import Input, TextArea

            if isinstance(self.focused, (Input, TextArea)):
                # A joiner (or another character Textual's boxes drop) was typed: it goes in as
                # the text it is, where the cursor is, like any typed character.
                event = events.Paste(event.character or "")
        await super().on_event(event)

    def unsaved_typing(self) -> list[Screen]:
        """Screens holding typing that is not in the database yet (a dialog's fields, the
        event's capture line); screens that save as you type do not count."""
        found = []
        for screen in self.screen_stack:
            check = getattr(screen, "has_unsaved_typing", None)
            if check is not None and check():
                found.append(screen)
        return found

    def _quit_losing_typing(self) -> None:
        """Quit as the chair asked, agreeing to lose what was typed: a kept draft of it must
        not come back next time as if it had been lost by accident."""
        for screen in self.screen_stack:
            discard = getattr(screen, "discard_unsaved_typing", None)
            if discard is not None:
                discard()
        self.exit()

    async def action_quit(self) -> None:
        from .dialogs import ConfirmModal

        if isinstance(self.screen, ConfirmModal) and self.screen.quitting:
            self._quit_losing_typing()  # ctrl+q twice: the chair meant it
            return
        if not self.unsaved_typing():
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._quit_losing_typing()

        from .keymap import active_keys, key_for, key_name

        question_keys = ConfirmModal.BINDINGS  # the keys in use, the keymap file's if it moves them
        question = ConfirmModal(
            "What you typed here is not saved yet. Quit and lose it?",
            f"{key_for(self, question_keys, 'confirm.yes')} or "
            f"{key_for(self, self.BINDINGS, 'app.quit')} quits · "
            f"{' or '.join(key_name(k) for k in active_keys(self, question_keys[1]))} "
            "goes back to it",
            quitting=True,
        )
        self.push_screen(question, answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_help":
            return bool(self.screen.query("HelpPanel"))
        return True

    def action_close_help(self) -> None:
        self.action_hide_help_panel()

    def action_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        # Every key of the current screen is also a command in the palette.
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or binding.system:
                continue
            if binding.action in {"quit", "command_palette"}:
                continue
            seen.add(binding.action)
            node = active.node

            def run(action: str = binding.action, node=node) -> None:
                self.call_later(self.run_action, action, node)

            key = self.get_key_display(binding)
            yield SystemCommand(binding.tooltip or binding.description, f"Key: {key}", run)
