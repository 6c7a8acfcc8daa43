"""The publication screen, as a package: the side-by-side publication texts (``screen``) and the
identifier register editor (``register``). The form screen opens :class:`PublicationScreen`."""

from .screen import PublicationScreen

__all__ = ["PublicationScreen"]
