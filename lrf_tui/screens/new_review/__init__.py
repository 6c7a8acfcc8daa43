"""Starting a new review, as a package: pick the methodology (with a suggestion), a title and a
family label (``screen``). The app and the tests import :class:`NewReviewScreen` from here.
"""

from .screen import NewReviewScreen

__all__ = ["NewReviewScreen"]
