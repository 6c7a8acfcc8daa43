"""The Learning Review Outcomes Form screen: sixteen fields, drafted from notes, checked,
circulated and finalised, all from the keyboard.

screen.py holds FormScreen itself (the field list, the editor, and saving typed text so that
nothing is lost); each group of its keys lives in a module of its own, mixed into it: drafting.py
(draft from notes, the notes behind a field), recommendations.py, family.py (family involvement
and dissemination), circulation.py (versions, comments, the final mark) and publication.py (the
language check and the way to the publication screen). dialogs.py holds the dialogs they open.
"""

from .dialogs import PickIndexScreen, PromptScreen, TextScreen
from .screen import FormScreen

__all__ = ["FormScreen", "PickIndexScreen", "PromptScreen", "TextScreen"]
