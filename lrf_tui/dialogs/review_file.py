"""Import a review file (.lrf) from the app: a path, optionally a new reference, and one line
saying what was done (added or updated, what was kept, where the backup is), as `lrf import`
says it. A refusal is one line in the dialog with the path kept as typed."""

from __future__ import annotations

from typing import Callable

from facilitation.errors import InputRefused

from .form import Field, FormModal


def import_review_file_dialog(screen, done: Callable[[str], None]) -> None:
    """Ask for a review file and import it into the app's database; ``done(ref)`` after."""
    from facilitation.travel import import_review_file

    result: dict = {}

    def save(values: dict) -> None:
        path = (values.get("path") or "").strip()
        if not path:
            raise InputRefused("Type the path of the review file (.lrf).")
        as_ref = (values.get("as_ref") or "").strip() or None
        result["done"] = import_review_file(screen.app.store, path, as_ref=as_ref)
        result["shown"] = path

    def closed(saved: object) -> None:
        if saved and "done" in result:
            imported = result["done"]
            done(imported.ref)
            screen.notify(imported.sentence(result["shown"]), markup=False, timeout=12)

    screen.app.push_screen(FormModal("Import a review file", [
        Field("path", "Review file (.lrf)", hint="Enter imports it; Escape closes"),
        Field("as_ref", "New reference (only if its own is used here already)"),
    ], save), closed)
