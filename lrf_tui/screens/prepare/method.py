"""The tabs of desktop, thematic and single issue reviews that are the method's own: the records
each method keeps (``facilitation.method_records``: records reviewed and meetings; activities,
interviews, audits and confidentiality advice; consultations and documents reviewed), the themes
and findings carried over (one line of text each) and the families compared.
"""

from __future__ import annotations

from facilitation import method_records as mr
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


DATE_HINT = "A date: 2026-03-14 or 14/03/2026."


class RecordPane(ListPane):
    """The method records of one kind (``facilitation.method_records.KINDS``): records reviewed,
    meetings, interviews, audits, ... each row in the columns chosen for it, in date order."""

    table = "method_records"

    def __init__(self, kind: str, columns: tuple[tuple[str, str], ...], wrap: tuple[int, ...]):
        super().__init__()
        self.spec = mr.KINDS[kind]
        self.kind, self.title, self.noun = kind, self.spec.title, self.spec.noun
        self.key = f"method-{kind}"
        self.names = tuple(name for name, _ in columns)
        self.columns = tuple(heading for _, heading in columns)
        self.wrap = wrap
        self.movable = False  # in date order

    def items(self, s):
        return mr.records(s.store, s.review["id"], self.kind)

    def value(self, s, item: dict, name: str, items: list[dict]) -> str:
        return item[name] or "-"

    def rows(self, s):
        items = self.items(s)
        return [(i["id"], [self.value(s, i, n, items) for n in self.names]) for i in items]

    def fields(self, s, item):
        out = []
        for f in self.spec.fields:
            value = (item or {}).get(f.name) or ""
            if f.kind == "select":
                options = [(o, o) for o in f.options]
                out.append(Field(f.name, f.label, "select", value or f.options[0], options))
            elif f.kind == "date":
                out.append(Field(f.name, f.label, "input", value,
                                 hint=DATE_HINT + ("" if f.required else " Optional.")))
            else:
                out.append(Field(f.name, f.label, f.kind, value))
        return out

    def save(self, s, values, item_id):
        return super().save(s, {**values, "kind": self.kind}, item_id)


class MeetingsPane(RecordPane):
    """A desktop review's meetings, each with where it stands in the framework's loop: further
    information required, gathered, then discussed at a subsequent meeting."""

    def __init__(self):
        super().__init__("meeting", (("date", "Date"), ("people", "Who attended"),
                                     ("outcome", "Decided"), ("follow_up", "Follow-up")),
                         (1, 2, 3))

    def value(self, s, item, name, items):
        if name == "follow_up":
            return mr.follow_up(item, items) or "-"
        return super().value(s, item, name, items)

    def summary(self, s):
        waiting = mr.meetings_waiting(s.store, s.review["id"])
        if waiting:
            return f"{self.title} · {len(waiting)} waiting on further information"
        return self.title


def method_panes(methodology: str) -> list[tuple[str, str, list]]:
    """(tab id, label, panes) of the tabs a method has of its own."""
    if methodology == "desktop":
        return [("tab-method", "Method", [
            RecordPane("record", (("agency", "Agency"), ("subject", "Record type"),
                                  ("period", "Period")), (1, 2)),
            MeetingsPane(),
        ])]
    if methodology == "thematic":
        return [
            ("tab-method", "Method", [MethodPane("theme", "Themes confirmed", False),
                                      FamiliesPane(),
                                      MethodPane("background", "Findings carried over")]),
            ("tab-activities", "Activities", [
                RecordPane("activity", (("category", "Activity"), ("date", "Date"),
                                        ("outcome", "Covered or found")), (2,)),
                RecordPane("interview", (("date", "Date"), ("people", "Role"),
                                         ("agency", "Agency"), ("outcome", "Summary")), (1, 3)),
                RecordPane("audit", (("agency", "Agency"), ("subject", "Scope"),
                                     ("outcome", "Result")), (1, 2)),
                RecordPane("advice", (("people", "Sought from"), ("date", "When"),
                                      ("outcome", "Decision on involving families")), (2,)),
            ]),
        ]
    if methodology == "single_issue":
        return [("tab-method", "Method", [
            FamiliesPane(),
            RecordPane("consultation", (("date", "Date"), ("people", "Role"),
                                        ("agency", "Agency"), ("outcome", "Summary")), (1, 3)),
            RecordPane("document", (("category", "Type"), ("subject", "Title"),
                                    ("date", "Date")), (1,)),
            RecordPane("audit", (("agency", "Agency"), ("subject", "Scope"),
                                 ("outcome", "Result")), (1, 2)),
        ])]
    return []
