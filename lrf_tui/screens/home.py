"""Home: every review in the database, and the way into each."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from facilitation.reviews import list_reviews, next_date_due

from ..text import literal

EMPTY_TEXT = (
    "No reviews yet.\n\n"
    "Press d to add a worked example (a fictional family) to look around in,\n"
    "or n to start a review of your own."
)


class HomeScreen(Screen):
    BINDINGS = [
        Binding("n", "new_review", "New review", id="home.new"),
        Binding("enter", "open_review", "Open", id="home.open"),
        Binding("e", "event", "Live event", id="home.event"),
        Binding("f", "form", "Outcome form", id="home.form"),
        Binding("d", "demo", "Add worked example", id="home.demo"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-body"):
            yield Static(EMPTY_TEXT, id="empty", markup=False)
            yield DataTable(id="reviews", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#reviews", DataTable)
        table.add_column("Reference", key="ref")
        table.add_column("Title", key="title")
        table.add_column("Methodology", key="methodology")
        table.add_column("Status", key="status")
        table.add_column("Next date due", key="due")
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#reviews", DataTable)
        current = self.selected_ref()
        rows = list_reviews(self.app.store)
        table.clear()
        for r in rows:
            due = next_date_due(r)
            table.add_row(
                r["ref"],
                literal(r["title"]),
                r["methodology"].replace("_", " "),
                r["status"],
                f"{due[1]} {due[0]}" if due else "",
                key=r["ref"],
            )
        empty = not rows
        self.query_one("#empty").display = empty
        table.display = not empty
        if rows:
            if current in {r["ref"] for r in rows}:
                table.move_cursor(row=table.get_row_index(current))
            table.focus()
            self.load_countdowns(rows)
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="countdowns")
    def load_countdowns(self, rows: list[dict]) -> None:
        # The bank-holiday calendar is slow to load: fill countdowns in after the first frame.
        from facilitation.dates import countdown

        labels = {}
        for r in rows:
            due = next_date_due(r)
            if due:
                labels[r["ref"]] = f"{due[1]} {due[0]} ({countdown(due[1])})"
        self.app.call_from_thread(self._show_countdowns, labels)

    def _show_countdowns(self, labels: dict[str, str]) -> None:
        table = self.query_one("#reviews", DataTable)
        for ref, label in labels.items():
            try:
                table.update_cell(ref, "due", label, update_width=True)
            except Exception:  # the row went away while we were counting
                pass

    def selected_ref(self) -> str | None:
        table = self.query_one("#reviews", DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from ..app import SCREENS_BY_NAME

        needs_screen = {
            "new_review": "new",
            "open_review": "prepare",
            "event": "event",
            "form": "form",
        }
        if action in needs_screen:
            if needs_screen[action] not in SCREENS_BY_NAME:
                return False
            if action != "new_review" and self.selected_ref() is None:
                return None  # shown, but dimmed: there is nothing to open yet
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_review()

    def action_new_review(self) -> None:
        from ..app import SCREENS_BY_NAME

        if "new" in SCREENS_BY_NAME:
            self.app.open_review_screen("new", "")

    def _open(self, name: str) -> None:
        ref = self.selected_ref()
        if ref is not None:
            self.app.open_review_screen(name, ref)

    def action_open_review(self) -> None:
        self._open("prepare")

    def action_event(self) -> None:
        self._open("event")

    def action_form(self) -> None:
        self._open("form")

    def action_demo(self) -> None:
        from facilitation.demo import add_demo

        ref = add_demo(self.app.store)
        self.reload()
        table = self.query_one("#reviews", DataTable)
        table.move_cursor(row=table.get_row_index(ref))
        self.notify(f"Added the worked example {ref}. Every name in it is invented.")
