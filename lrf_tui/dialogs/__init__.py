"""The app's dialogs, one family: every one is a :class:`Dialog` (base.py), whose title, labels
and messages are always literal text. form.py holds the form of fields saved in one transaction
(with its :class:`Field` rows and the ticked box), confirm.py the yes/no question and the "close
without saving what you typed?" guard every editing dialog uses, export.py the dialog that writes
the outcome form to a file (Markdown or Word) from the form and home screens.

form.py (with Textual's TextArea behind it) is imported when one of its names is first asked
for: a screen whose own dialogs only derive from Dialog (the Learning and Improvement view's)
opens without it.
"""

from .base import Dialog
from .confirm import ConfirmModal, close_unless_typed

__all__ = ["ConfirmModal", "Dialog", "Field", "FormModal", "TickBox", "close_unless_typed"]

_LATER = {"Field", "FormModal", "TickBox"}


def __getattr__(name: str):
    if name in _LATER:
        from . import form

        return getattr(form, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
