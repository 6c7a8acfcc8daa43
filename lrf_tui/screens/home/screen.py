"""Home: every review in the database, and the way into each."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import ColumnKey

from facilitation.errors import InputRefused
from facilitation.process import proceedings_by_review
from facilitation.reviews import list_reviews, next_date_due
from facilitation.stages import stage

from ...messages import (DisseminationLogged, FormSaved, NoteSaved, RefreshesOnChange,
                         ReviewChanged)
from ...text import clean
from ...widgets.literal_table import LiteralTable
from ...writes import writing
from ...widgets.footer import KeysFooter

TITLE_MIN = 16


def _due_label(due: tuple[str, str] | None, today, countdown: str = "") -> str:
    """'report due 23 Dec (19)': what, when, and working days left once they are known."""
    if not due:
        return ""
    day = dt.date.fromisoformat(due[1])
    when = f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"
    if countdown:
        short = countdown.replace(" working days", "").replace(" working day", "")
        return f"{due[0]} {when} ({short})"
    return f"{due[0]} {when}"


EMPTY_TEXT = (
    "No reviews yet.\n\n"
    "Press d to add a worked example (a fictional family) to look around in,\n"
    "or n to start a review of your own."
)


class HomeScreen(RefreshesOnChange, Screen):
    # Any change can alter a row (a title, a status, a date due): drawn again when shown again.
    REFRESH_ON = (NoteSaved, ReviewChanged, FormSaved, DisseminationLogged)
    stale = True  # nothing drawn yet

    # Short words keep every key on the Footer at 80 columns; the palette shows the tooltips.
    BINDINGS = [
        Binding("n", "new_review", "New", id="home.new", tooltip="Start a new review"),
        Binding("enter", "open_review", "Open", id="home.open",
                tooltip="Open the review to prepare it"),
        Binding("e", "event", "Event", id="home.event",
                tooltip="Live event: capture notes for the selected review"),
        Binding("f", "form", "Form", id="home.form",
                tooltip="Learning Review Outcomes Form of the selected review"),
        Binding("x", "export", "Export", id="home.export",
                tooltip="Write the selected review's outcome form to a file (Markdown or Word)"),
        Binding("l", "partnership", "Partnership", id="home.partnership",
                tooltip="Learning and Improvement view: actions, themes, dissemination"),
        Binding("d", "demo", "Example", id="home.demo",
                tooltip="Add a worked example with a fictional family"),
        # Not on the Footer (it is full at 80 columns): in the palette and the F1 keys list.
        Binding("i", "import_review", "Import", id="home.import", show=False,
                tooltip="Import a review file (.lrf) sent by an author, or an updated one"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-body"):
            yield Static(EMPTY_TEXT, id="empty", markup=False)
            yield LiteralTable(id="reviews", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    narrow: bool | None = None  # below 100 columns the methodology column is left out
    _widths: dict[str, int] = {}

    def on_resize(self) -> None:
        if self.narrow != (self.size.width < 100):
            self.reload()
        else:
            self.fit_title()

    def fit_title(self) -> None:
        """Give the title whatever width the other columns leave, so nothing runs off screen."""
        table = self.query_one("#reviews", LiteralTable)
        title = table.columns.get(ColumnKey("title"))
        if title is None:
            return
        pad = 2 * table.cell_padding
        others = sum(w + pad for key, w in self._widths.items() if key != "title")
        room = table.scrollable_content_region.width - others - pad
        width = max(TITLE_MIN, room)
        if title.width != width:
            title.width = width
            title.auto_width = False
            table._require_update_dimensions = True
            table.refresh(layout=True)

    def refresh_from_store(self) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Draw the reviews again; the cursor stays on its review (or on ``select``)."""
        table = self.query_one("#reviews", LiteralTable)
        current = select or self.selected_ref()
        rows = list_reviews(self.app.store)
        today = self.app.today()
        self.narrow = self.size.width < 100
        columns = [("ref", "Reference"), ("title", "Title")]
        if not self.narrow:
            columns.append(("methodology", "Methodology"))
        columns += [("status", "Status"), ("due", "Due (working days)")]
        lines = []
        held = proceedings_by_review(self.app.store)  # parallel proceedings, in one query
        for r in rows:
            status = stage(r, today)  # the status, brought forward by what happened
            if r["id"] in held:
                status += "; " + held[r["id"]]
            values = {
                "ref": r["ref"],
                "title": r["title"],
                "methodology": r["methodology"].replace("_", " "),
                "status": status,
                "due": _due_label(next_date_due(r, today), today),
            }
            lines.append((r["ref"], [clean(values[key]) for key, _ in columns]))
        self._widths = {
            key: max([cell_len(label)] + [cell_len(cells[i]) for _, cells in lines])
            for i, (key, label) in enumerate(columns)
        }
        # Rows beyond the first screenful follow straight after the first frame is drawn.
        refs = [ref for ref, _ in lines]
        first = max(self.size.height, 40)
        if current in refs and refs.index(current) >= first:
            first = len(lines)
        with table.keeping_cursor(key=select):
            table.clear(columns=True)
            for key, label in columns:
                table.add_column(label, key=key, width=TITLE_MIN if key == "title" else None)
            self._add_rows(lines[:first])
        if len(lines) > first:
            self.call_after_refresh(self._add_rows, lines[first:])
        empty = not rows
        self.query_one("#empty").display = empty
        table.display = not empty
        if rows:
            table.focus()
            # Once this frame is drawn, on a thread: the bank-holiday calendar is slow to load.
            self.call_after_refresh(self.load_countdowns, rows, today)
        self.fit_title()
        self.refresh_bindings()

    def _add_rows(self, lines: list[tuple[str, list[str]]]) -> None:
        table = self.query_one("#reviews", LiteralTable)
        for ref, cells in lines:
            table.add_row(*cells, key=ref)

    @work(thread=True, exclusive=True, group="countdowns")
    def load_countdowns(self, rows: list[dict], today) -> None:
        from facilitation.dates import countdown

        labels = {}
        for r in rows:
            due = next_date_due(r, today)
            if due:
                labels[r["ref"]] = _due_label(due, today, countdown(due[1], today))
        self.app.call_from_thread(self._show_countdowns, labels)

    def _show_countdowns(self, labels: dict[str, str]) -> None:
        table = self.query_one("#reviews", LiteralTable)
        table.update_column("due", labels)  # a row gone while we were counting is skipped
        for label in labels.values():
            self._widths["due"] = max(self._widths.get("due", 0), cell_len(label))
        self.fit_title()

    def selected_ref(self) -> str | None:
        return self.query_one("#reviews", LiteralTable).cursor_key()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from ...app import SCREENS_BY_NAME

        needs_screen = {
            "new_review": "new",
            "open_review": "prepare",
            "event": "event",
            "form": "form",
            "partnership": "partnership",
        }
        if action in needs_screen:
            if needs_screen[action] not in SCREENS_BY_NAME:
                return False
            if action not in {"new_review", "partnership"} and self.selected_ref() is None:
                return None  # shown, but dimmed: there is nothing to open yet
        if action == "export" and self.selected_ref() is None:
            return None
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_review()

    def action_new_review(self) -> None:
        from ...app import SCREENS_BY_NAME

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

    def action_export(self) -> None:
        from ...dialogs.export import export_outcome

        ref = self.selected_ref()
        if ref is not None:
            export_outcome(self, ref)

    def action_partnership(self) -> None:
        self.app.open_review_screen("partnership", "")

    def action_demo(self) -> None:
        from facilitation.demo import add_demo_set

        try:
            with writing(kept=""):
                refs = add_demo_set(self.app.store, today=self.app.today())
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
            return
        self.reload(select=refs[0])
        self.notify(f"Added the worked example: {', '.join(refs)}, one review per method. "
                    "Every name in it is invented.", markup=False)

    def action_import_review(self) -> None:
        from ...dialogs.review_file import import_review_file_dialog

        import_review_file_dialog(self, self.reload)
