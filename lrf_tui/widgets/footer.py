"""The Footer, rebuilt at most once a frame.

Textual's Footer rebuilds all its keys (a FooterKey widget each, with their styles) every time
the screen says its bindings changed, and a screen opening says so several times before its
first frames: focus moving to the table, panes mounting, tabs activating. At 2,000 actions the
Learning and Improvement view's footer was rebuilt ten times in its first second and reached
the screen several frames after the table. Here every change said before the next frame is
answered by one rebuild, which reads the bindings as they are by then.
"""

from __future__ import annotations

from textual.widgets import Footer


class OnceAFrameFooter(Footer):
    _rebuild_pending = False

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()


def keys_drawn(screen) -> bool:
    """Whether the screen's footer shows its keys by now (True when it has no such footer):
    work that can wait, waits for this, so the keys the chair reads come first."""
    footers = screen.query(OnceAFrameFooter)
    return not footers or bool(footers.first().children)
