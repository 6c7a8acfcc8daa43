"""What the app tells its screens when the data changes: a note saved, a review changed, a form
saved, a dissemination entry logged.

A screen that writes never calls into another screen to refresh it; it *announces* what changed
with :meth:`lrf_tui.app.LrfApp.announce`. The App receives the message (so a test can watch for
it with ``run_test(message_hook=…)``) and hands a copy to every screen in its stack; each screen
that shows that data refreshes itself, now or when it is shown again. The messages carry only
which review changed, never what anyone typed.
"""

from __future__ import annotations

from textual.message import Message


class Announcement(Message, bubble=False):
    """Something in a review changed; ``ref`` says which (empty: more than one, or unknown).
    Not bubbled: the App delivers each screen its own copy."""

    def __init__(self, ref: str = "") -> None:
        super().__init__()
        self.ref = ref

    def __repr__(self) -> str:
        return f"{type(self).__name__}(ref={self.ref!r})"


class NoteSaved(Announcement):
    """A note was added, edited, deleted or restored at the live event."""


class ReviewChanged(Announcement):
    """A review was added, or its details, people or preparation changed."""


class FormSaved(Announcement):
    """Something on the review's outcome form was saved (a field, a recommendation, a method)."""


class DisseminationLogged(Announcement):
    """The partnership's dissemination log gained, changed or lost an entry."""


class RefreshesOnChange:
    """Mixed into a Screen that shows data other screens change. ``REFRESH_ON`` names the
    announcements it cares about; one made while another screen is on top marks this one
    stale, and it redraws itself (:meth:`refresh_from_store`) when it is shown again. The
    screen that made the change has already redrawn itself and ignores its own copy."""

    REFRESH_ON: tuple[type[Announcement], ...] = ()
    stale = False

    def refresh_from_store(self) -> None:  # pragma: no cover - each screen has its own
        raise NotImplementedError

    def _heard(self, message: Announcement) -> None:
        if isinstance(message, self.REFRESH_ON) and self.app.screen is not self:
            self.stale = True

    def on_note_saved(self, message: NoteSaved) -> None:
        self._heard(message)

    def on_review_changed(self, message: ReviewChanged) -> None:
        self._heard(message)

    def on_form_saved(self, message: FormSaved) -> None:
        self._heard(message)

    def on_dissemination_logged(self, message: DisseminationLogged) -> None:
        self._heard(message)

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            self.refresh_from_store()
