"""The live event screen, as a package: the screen itself (``screen``: layout, keys, moving
between items), the parts of it (``note_actions``: saving and changing notes; ``display``: what
it draws; ``kept_line``: the line kept as a draft), the dialogs over it (``cards``: keys and
ground rules; ``hypotheses``; ``attendance``; ``note_lists``: parked and find) and what every
dialog shares (``typing_to_notes``). The names below are imported from here by the app, the
tests and the benches.
"""

from ...widgets.capture_input import CaptureInput
from ...widgets.notes_view import SHOWN_NOTES, NotesView, note_text, note_time
from .attendance import AttendanceScreen
from .cards import EventKeysScreen, GroundRulesScreen
from .hypotheses import HypothesesScreen
from .note_lists import FindScreen
from .parked import ParkedScreen
from .screen import EventScreen
from .typing_to_notes import TypingGoesToNotes

__all__ = [
    "SHOWN_NOTES",
    "AttendanceScreen",
    "CaptureInput",
    "EventKeysScreen",
    "EventScreen",
    "FindScreen",
    "GroundRulesScreen",
    "HypothesesScreen",
    "NotesView",
    "ParkedScreen",
    "TypingGoesToNotes",
    "note_text",
    "note_time",
]
