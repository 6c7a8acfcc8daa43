"""The Method tab of desktop, thematic and single-issue reviews: entries of one kind each
(records reviewed, meetings held, themes explored, findings carried over, policies reviewed) and
the families compared in a thematic review.
"""

from __future__ import annotations

from facilitation import preparation as prep

from ...dialogs import Field
from .panes import ListPane


class FamiliesPane(ListPane):
    key, title, table = "families", "Families compared", "families"
    columns = ("Family", "Circumstances")
    wrap = (1,)

    def cells(self, s, i):
        return [i["label"], i["circumstances"]]

    def fields(self, s, item):
        item = item or {"label": "", "circumstances": ""}
        return [
            Field("label", "Family label (a pseudonym)", "input", item["label"]),
            Field("circumstances", "Circumstances, and how they differ", "text",
                  item["circumstances"]),
        ]


class MethodPane(ListPane):
    """Entries of one kind in ``method_items`` (records reviewed, meetings held, ...)."""

    table = "method_items"
    kind = ""
    with_date = True

    def __init__(self, kind: str, title: str, with_date: bool = True):
        super().__init__()
        self.kind, self.title, self.with_date = kind, title, with_date
        self.key = f"method-{kind}"
        self.columns = (title, "Date") if with_date else (title,)
        self.wrap = (0,)

    def items(self, s):
        return prep.method_items(s.store, s.review["id"], self.kind)

    def cells(self, s, i):
        return [i["text"], i["date"] or "-"] if self.with_date else [i["text"]]

    def fields(self, s, item):
        item = item or {"text": "", "date": ""}
        out = [Field("text", self.title, "text", item["text"])]
        if self.with_date:
            out.append(Field("date", "Date (optional)", "input", item["date"] or ""))
        return out

    def save(self, s, values, item_id):
        return super().save(s, {**values, "kind": self.kind}, item_id)

    def move_ids(self, s):
        return [i["id"] for i in self.items(s)]
