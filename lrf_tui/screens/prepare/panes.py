"""What every table of the review workspace is: a :class:`Pane` says what one table shows and how
its rows are added, edited, deleted and moved; :class:`ListPane` is a pane over one list of the
review (``facilitation.preparation.LISTS``), and :class:`TextListPane` one whose rows are a single
text. The tabs' own panes (details.py, agenda.py, agencies.py, method.py) build on these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from facilitation import preparation as prep
from facilitation.reviews import children

from ...dialogs import Field

if TYPE_CHECKING:
    from .screen import PrepareScreen


def _yes(value: Any) -> str:
    return "yes" if value else "no"


def _short(value: Any, width: int = 60) -> str:
    s = " ".join(str(value or "").split())
    return s if len(s) <= width else s[: width - 1] + "…"


# --- panes: what one table shows and how its rows are edited --------------------------------------


class Pane:
    """One table in the workspace."""

    key = ""
    title = ""
    noun = "row"
    columns: tuple[str, ...] = ()
    can_add = True
    can_delete = True
    movable = False
    resettable = False
    # Indices of the columns whose text wraps. They share the width the other columns (sized to
    # what they hold) leave, so long text is read in full and no column is pushed off an 80-column
    # screen. Empty: every row is one line.
    wrap: tuple[int, ...] = ()

    def rows(self, s: "PrepareScreen") -> list[tuple[Any, list[Any]]]:
        raise NotImplementedError

    def fields(self, s: "PrepareScreen", item: dict | None) -> list[Field]:
        raise NotImplementedError

    def save(self, s: "PrepareScreen", values: dict, item_id: Any) -> None:
        raise NotImplementedError

    def item(self, s: "PrepareScreen", item_id: Any) -> dict | None:
        return None

    def delete(self, s: "PrepareScreen", item_id: Any) -> None:
        raise NotImplementedError

    def summary(self, s: "PrepareScreen") -> str:
        return ""


class ListPane(Pane):
    """A list stored in one table of the review (``facilitation.preparation.LISTS``)."""

    table = ""
    order = "position"

    def __init__(self):
        self.noun = prep.LISTS[self.table].noun
        self.movable = prep.LISTS[self.table].positioned

    def items(self, s: "PrepareScreen") -> list[dict]:
        return children(s.store, self.table, s.review["id"], order=self.order)

    def item(self, s, item_id):
        return next((i for i in self.items(s) if i["id"] == item_id), None)

    def rows(self, s):
        return [(i["id"], self.cells(s, i)) for i in self.items(s)]

    def cells(self, s, i: dict) -> list[Any]:
        raise NotImplementedError

    def save(self, s, values, item_id):
        if item_id is None:
            return prep.add_item(s.store, s.ref, self.table, **values)
        prep.edit_item(s.store, s.ref, self.table, item_id, **values)
        return item_id

    def delete(self, s, item_id):
        prep.delete_item(s.store, s.ref, self.table, item_id)


class TextListPane(ListPane):
    label = "Text"
    wrap = (0,)

    def cells(self, s, i):
        return [_short(i["text"], 400)]

    def fields(self, s, item):
        return [Field("text", self.label, "text", (item or {}).get("text", ""))]
