"""Home, as a package: every review in the database and the way into each (``screen``). The
app and the tests import :class:`HomeScreen` from here.
"""

from .screen import HomeScreen

__all__ = ["HomeScreen"]
