"""Errors a user can act on. Each carries one sentence and the exit code the design fixes.

Messages never contain note text or other case content: they name files, references and
fields only.
"""

from __future__ import annotations


class LrfError(Exception):
    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputRefused(LrfError):
    """The user's input was refused (exit 1); nothing was changed."""

    exit_code = 1


class FieldRefused(InputRefused):
    """Input refused because of one field; ``field`` names it (the form's key for it)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class DatabaseUnusable(LrfError):
    """The database cannot be used (exit 2); the file was left untouched."""

    exit_code = 2
