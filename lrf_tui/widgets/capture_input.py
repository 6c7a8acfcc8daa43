"""The capture line of the live event: an Input that hands Enter to its screen the moment the key
arrives, so a note typed fast is saved before the next keys are read.
"""

from __future__ import annotations

from typing import Callable

from textual.widgets import Input


class CaptureInput(Input):
    """The capture line. Enter is handled here, in the order keys arrive: a key binding would
    run only after the key had bubbled up, by which time a fast typist's next characters (or an
    F8 for the next item) may already have been processed."""

    def __init__(self, on_enter: Callable[[Input, str], None], **kw) -> None:
        super().__init__(**kw)
        self._on_enter = on_enter

    async def _on_key(self, event) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._on_enter(self, self.value)
