"""Footers that are built fewer times than Textual's.

Textual's Footer rebuilds all its keys (a FooterKey widget each, with their styles) every time
the screen says its bindings changed, even when it would show the same keys.

- KeysFooter (every screen and dialog): every change said before the next frame is answered
  by one look at the bindings as they are by then, and a rebuild only if the keys it would
  show differ from those it shows. A screen opening says so several times before its first
  frames (focus moving to the table, panes mounting, tabs activating): at 2,000 actions the
  Learning and Improvement view's footer was rebuilt ten times in its first second and
  reached the screen several frames after the table; on the form, Enter into a field and Esc
  out of it rebuilt it a dozen times.
- LrfFooter (the live event's, and the Learning and Improvement view's, which mounts it once
  its table has the focus): waits for the screen's first focus (the capture line's keys hide
  some of the screen's), builds once before the first frame and again, before the next frame,
  only when what it shows changes. It suits a screen whose keys settle once focused, as the
  live event's do; on one whose keys are enabled and disabled as it loads (home: tried, four
  builds instead of two), KeysFooter, which gathers the changes, does better.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """Textual's Footer, rebuilt at most once a frame and only when the keys it would show
    have changed, each key's look set before it is styled (Textual binds every key's
    ``compact`` to the footer's after the key is built, and its watcher then restyles the key
    a second time)."""

    _shown: tuple | None = None  # the keys as last built
    _rebuild_pending = False

    def _keys_now(self) -> tuple:
        """What the footer would show now: each shown key, its label, tooltip and state."""
        app = self.app
        shown = tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action,
             binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return shown, self.show_command_palette, app.ENABLE_COMMAND_PALETTE, self.compact

    def compose(self):
        if self._bindings_ready:
            self._shown = self._keys_now()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # As the footer's data binding will set it, so the key's watcher never runs.
                # The palette's key is not bound, and keeps its own look.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self._keys_now() != self._shown:
            await self.recompose()


def keys_drawn(screen) -> bool:
    """Whether the screen's footer shows its keys by now (True when it has no such footer):
    work that can wait, waits for this, so the keys the chair reads come first."""
    footers = screen.query(KeysFooter)
    return not footers or bool(footers.first().children)


class LrfFooter(KeysFooter):
    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._build_due = False  # a build is queued

    def compose(self):
        screen = self.screen
        if screen.focused is None and screen.AUTO_FOCUS and not self._shown:
            # The screen is about to focus its first widget, whose own keys can take the place
            # of some of the screen's: built once it has (bindings_changed), not twice.
            return
        self.set_reactive(Footer._bindings_ready, True)
        self._build_due = False
        yield from super().compose()  # which notes the keys it builds (_shown)

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
