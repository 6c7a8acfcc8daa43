"""The dissemination tab: the log of how each review's learning was shared (who led it, when it
was planned and done, and what it was), with entries added, marked done, corrected and
removed."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from facilitation import partnership as p
from facilitation.errors import InputRefused
from facilitation.framework import DISSEMINATION_METHODS

from ...text import clean
from ...messages import DisseminationLogged
from ...widgets.literal_table import LiteralTable
from ...writes import writing
from .dialogs import FieldsScreen, PickValueScreen
from .drawing import short

ENTRY = Binding.Group("Entry", compact=True)


def entry_fields(entry: dict) -> list[tuple[str, str, str]]:
    """The fields of a log entry for FieldsScreen (label, placeholder, value), filled from
    ``entry`` when one is being corrected."""
    return [("Lead (who)", "for example: partnership trainer", entry.get("lead") or ""),
            ("Planned for (date)", "2026-03-14 or 14/03/2026", entry.get("planned_on") or ""),
            ("Done on (date, blank if not yet)", "", entry.get("done_on") or ""),
            ("Detail", "for example: spring bulletin, item 2", entry.get("detail") or "")]


class DisseminationPane(Vertical):
    BINDINGS = [
        Binding("n", "new_entry", "Log dissemination", id="partnership.new_dissemination",
                tooltip="Log a new dissemination"),
        Binding("d", "mark_done", "Done today", id="partnership.dissemination_done",
                tooltip="Mark the entry done today"),
        Binding("e", "edit_entry", "Edit", group=ENTRY,
                tooltip="Correct the lead, dates or detail of an entry",
                id="partnership.edit_dissemination"),
        Binding("delete", "remove_entry", "Remove", group=ENTRY,
                tooltip="Remove an entry from the log (asks first)",
                id="partnership.remove_dissemination"),
    ]

    def __init__(self) -> None:
        super().__init__(id="dissemination-pane")
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="dissemination-summary", markup=False)
        yield LiteralTable(id="dissemination", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        t = self.query_one("#dissemination", LiteralTable)
        # Fixed widths (cells are cut to fit): a log that starts empty otherwise kept its columns
        # as narrow as their headings once the first entry was added ("LR-202", "Learni").
        for label, key, width in self.COLUMNS:
            t.add_column(label, key=key, width=width)
        self.reload()

    COLUMNS = (("Review", "ref", 11), ("Method", "method", 24), ("Lead", "lead", 14),
               ("Planned", "planned", 10), ("Done", "done", 10), ("Detail", "detail", 40))

    def changed(self, ref: str, keep: int | None = None) -> None:
        """After a write to the log: the other screens are told, and the log drawn again."""
        self.app.announce(DisseminationLogged, ref)
        self.reload(keep=keep)

    def reload(self, keep: int | None = None) -> None:
        self.rows = p.dissemination_log(self.app.store)
        t = self.query_one("#dissemination", LiteralTable)
        with t.keeping_cursor(key=keep):
            t.clear()
            for d in self.rows:
                t.add_row(short(d["ref"], 11), short(d["method"], 24), short(d["lead"], 14),
                          d["planned_on"] or "", d["done_on"] or "not yet",
                          short(d["detail"], 40), key=str(d["id"]))
        done = sum(1 for d in self.rows if d["done_on"])
        self.query_one("#dissemination-summary", Static).update(
            f"{len(self.rows)} {'entry' if len(self.rows) == 1 else 'entries'}, {done} done. n logs how a review's learning was shared."
            if self.rows else
            "Nothing logged yet. n records how a review's learning was shared: "
            "a bulletin, training, supervision, a policy review…"
        )

    def current(self) -> dict | None:
        t = self.query_one("#dissemination", LiteralTable)
        if not t.row_count or not (0 <= t.cursor_row < len(self.rows)):
            return None
        return self.rows[t.cursor_row]

    @work(exclusive=True, group="dissemination")
    async def action_new_entry(self) -> None:
        from facilitation.reviews import list_reviews

        reviews = list_reviews(self.app.store)
        if not reviews:
            self.notify("There are no reviews yet.", severity="warning")
            return
        ref = await self.app.push_screen_wait(
            PickValueScreen("Whose learning was shared?",
                       [(r["ref"], f"{r['ref']}  {clean(r['title'])}") for r in reviews])
        )
        if not ref:
            return
        method = await self.app.push_screen_wait(
            PickValueScreen("How was it shared?", [(m, m) for m in DISSEMINATION_METHODS])
        )
        if not method:
            return
        store = self.app.store

        def save(lead: str, planned: str, done: str, detail: str) -> int:
            return p.add_dissemination(store, str(ref), str(method), lead=lead,
                                       planned_on=planned, done_on=done, detail=detail)

        entry = await self.app.push_screen_wait(
            FieldsScreen(
                f"{ref}: {method}",
                entry_fields({}),
                save,
            )
        )
        if entry is not None:
            self.changed(str(ref), keep=int(entry))
            self.notify("Dissemination logged.")

    def action_mark_done(self) -> None:
        d = self.current()
        if d is None:
            return
        try:
            with writing(kept=""):
                day = p.mark_disseminated(self.app.store, d["id"], self.app.today().isoformat())
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
            return
        self.changed(d["ref"], keep=d["id"])
        self.notify(f"Marked done on {day}.")


    def action_edit_entry(self) -> None:
        d = self.current()
        if d is None:
            return
        store = self.app.store

        def save(lead: str, planned: str, done: str, detail: str) -> int:
            return p.update_dissemination(store, d["id"], lead=lead, planned_on=planned,
                                          done_on=done, detail=detail)

        def saved(entry: object) -> None:
            if entry is not None:
                self.changed(d["ref"], keep=d["id"])
                self.notify("Dissemination entry corrected.")

        self.app.push_screen(
            FieldsScreen(
                f"{d['ref']}: {d['method']}",
                entry_fields(d),
                save,
            ),
            saved,
        )

    def action_remove_entry(self) -> None:
        from ...dialogs import ConfirmModal

        d = self.current()
        if d is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                with writing(kept=""):
                    p.delete_dissemination(self.app.store, d["id"])
            except InputRefused as e:
                self.notify(e.message, severity="warning", markup=False)
                return
            self.changed(d["ref"])
            self.notify("Dissemination entry removed.")

        when = d["done_on"] or d["planned_on"]
        self.app.push_screen(ConfirmModal(
            f"Remove {d['ref']}: {clean(d['method'])}" + (f" ({when})" if when else "")
            + " from the log?"), answered)
