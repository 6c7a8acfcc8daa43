"""The app's dialogs, one family: every one is a :class:`Dialog` (base.py), whose title, labels
and messages are always literal text. form.py holds the form of fields saved in one transaction
(with its :class:`Field` rows and the ticked box), confirm.py the yes/no question and the "close
without saving what you typed?" guard every editing dialog uses, export.py the dialog that writes
the outcome form to a file (Markdown or Word) from the form and home screens.
"""

from .base import Dialog
from .confirm import ConfirmModal, close_unless_typed
from .form import Field, FormModal, TickBox

__all__ = ["ConfirmModal", "Dialog", "Field", "FormModal", "TickBox", "close_unless_typed"]
