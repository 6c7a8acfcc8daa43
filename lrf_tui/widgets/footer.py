"""The live event's Footer: Textual's, built once for the keys it shows.

Textual's Footer is empty until its screen says its keys changed, and then builds itself again
every time the screen says so (a focus move, a dialog closing), even when it would show the same
keys; each build restyled every key twice (its compact look on, then off). On the live event
that was most of what its first frame waited for after the notes. This one waits for the
screen's first focus (the capture line's keys hide some of the screen's), builds once, builds
again only when what it shows changes, and sets each key's look before it is styled.

It suits a screen whose keys settle once focused, as the live event's do. On a screen whose
keys are enabled and disabled as it loads (home: tried, four builds instead of two), Textual's
own Footer, which waits a frame and so gathers the changes, does better.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class LrfFooter(Footer):
    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._shown: tuple | None = None  # the keys as last built
        self._build_due = False  # a build is queued

    def _keys_now(self) -> tuple:
        """What the footer would show now: each shown key, its label, tooltip and state."""
        app = self.app
        shown = tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action,
             binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return shown, self.show_command_palette, app.ENABLE_COMMAND_PALETTE

    def compose(self):
        screen = self.screen
        if screen.focused is None and screen.AUTO_FOCUS and not self._shown:
            # The screen is about to focus its first widget, whose own keys can take the place
            # of some of the screen's: built once it has (bindings_changed), not twice.
            return
        self.set_reactive(Footer._bindings_ready, True)
        self._build_due = False
        self._shown = self._keys_now()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # As the footer's data binding will set it: so the key's own watcher never
                # runs (it restyled the key once for the default, then again for this). The
                # palette's key is not bound, and keeps its own look.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def on_mount(self) -> None:
        if not self._shown:  # nothing was focused after all: the keys as they are
            self.call_after_refresh(self._build_if_changed)

    def bindings_changed(self, screen) -> None:
        if screen is not self.screen or not self.is_attached:
            return
        if not screen.app.app_focus:  # as Textual's: built again once the terminal is back
            return
        self._build_if_changed()

    def _build_if_changed(self) -> None:
        if self.is_attached and not self._build_due and self._keys_now() != self._shown:
            # Before the next frame (Textual's waited for a frame, drawn with the old keys).
            self._build_due = True
            self.call_next(self.recompose)
