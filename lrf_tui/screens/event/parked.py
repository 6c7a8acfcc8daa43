"""The parked items (F6): notes parked as outside this review's scope (care planning, say), each
with who owns it and its follow-up note. Enter or o on one edits its owner and follow-up
(saved through :func:`facilitation.parked.set_follow_up`); they go to the chair's follow-up list
(`lrf export REF --what follow-up`), never into the outcome form.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitation.parked import parked_items

from ...widgets.literal_table import LiteralTable
from .typing_to_notes import ContextDialog


def _short(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


class ParkedScreen(ContextDialog):
    BINDINGS = [
        Binding("o", "follow_up", "Owner and follow-up", id="parked.follow_up",
                tooltip="Say who takes the highlighted item forward, and what follows"),
        Binding("escape,f6", "close", "Close", id="parked.close", tooltip="Back to the notes"),
    ]
    HINT = ("Parked: outside this review's scope, to come back to. {parked.follow_up} or Enter: "
            "owner and follow-up (for the chair's follow-up list, never the form). "
            "{parked.close} closes.")

    def body(self):
        yield LiteralTable(id="parked", cursor_type="row")

    def on_mount(self) -> None:
        self.load()
        self.query_one(LiteralTable).focus()

    def load(self) -> None:
        self.items = parked_items(self.app.store, self.ctx.review["ref"],
                                  review_id=self.ctx.review_id)
        table = self.query_one(LiteralTable)
        table.add_column("Parked item", key="body")
        table.add_column("Owner", key="owner")
        table.add_column("Follow-up", key="follow_up")
        for p in self.items:
            # Short enough for all three columns at 80 columns; o shows each in full.
            table.add_row(_short(p["body"], 32), _short(p["owner"], 18) or "no owner yet",
                          _short(p["follow_up"], 20) or "-", key=str(p["note_id"]))
        if not self.items:
            self.query_one(".hint", Static).update(
                "Nothing parked. Start a note with ^ to park it.")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_follow_up()

    def action_follow_up(self) -> None:
        from ...dialogs import Field, FormModal
        from ...writes import writing

        table = self.query_one(LiteralTable)
        key = table.cursor_key() if table.row_count else None
        item = next((p for p in self.items if str(p["note_id"]) == key), None)
        if item is None:
            return
        ref = self.ctx.review["ref"]

        def save(values: dict) -> None:
            from facilitation.parked import set_follow_up

            with writing(kept="The parked item is as it was."):
                set_follow_up(self.app.store, ref, item["note_id"], owner=values["owner"],
                              follow_up=values["follow_up"])

        def done(ok: bool | None) -> None:
            if ok:  # the row redrawn in place (the table rebuilt under a dialog came out narrow)
                self.items = parked_items(self.app.store, ref, review_id=self.ctx.review_id)
                now = next((p for p in self.items if str(p["note_id"]) == key), None)
                if now is not None:
                    table.update_cell(key, "owner", _short(now["owner"], 18) or "no owner yet",
                                      update_width=True)
                    table.update_cell(key, "follow_up", _short(now["follow_up"], 20) or "-",
                                      update_width=True)
            table.focus()

        self.app.push_screen(FormModal(
            "Parked item: owner and follow-up",
            [Field("owner", "Owner (who takes it forward; a role is enough)", "input",
                   item["owner"]),
             Field("follow_up", "Follow-up note", "text", item["follow_up"],
                   hint=f"Parked: {_short(item['body'], 70)}")],
            save), done)
