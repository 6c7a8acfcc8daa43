"""The baselines: bare Textual apps, run through the same pseudo-terminal as lrf.

    python bench/bare_app.py table DB     Header, DataTable, Input, Footer; the table shows the
                                          same review rows lrf's home screen shows
    python bench/bare_app.py log DB REF   a Log holding the newest 300 notes of REF (as many as
                                          lrf's notes view) and an Input: Enter writes the line
                                          to the Log and empties the Input
    python bench/bare_app.py actions DB   a key (l) that opens a screen with Header, a DataTable of
                                          every action and a Footer

They read the database with plain sqlite3, so a ratio measures what lrf adds, not the cost of
drawing the same data.
"""

import sqlite3
import sys

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Log, Static

QUIT = [Binding("ctrl+q", "quit", "Quit")]


def _rows(db: str, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


class TableApp(App):
    BINDINGS = QUIT

    def __init__(self, db: str):
        super().__init__()
        self.db = db

    def compose(self):
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Input()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Reference", "Title", "Methodology", "Status", "Due")
        table.add_rows(_rows(self.db, "SELECT ref, title, methodology, status, report_due "
                                      "FROM reviews ORDER BY ref"))


class LogApp(App):
    BINDINGS = QUIT

    def __init__(self, db: str, ref: str):
        super().__init__()
        self.db, self.ref = db, ref

    def compose(self):
        yield Log()
        yield Input()
        yield Footer()

    def on_mount(self):
        rows = _rows(self.db, "SELECT n.body FROM notes n JOIN reviews r ON r.id = n.review_id "
                              "WHERE r.ref = ? ORDER BY n.id DESC LIMIT 300", [self.ref])
        self.query_one(Log).write_lines(body for (body,) in reversed(rows))
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(Log).write_line(event.value)
        event.input.value = ""


class ActionsScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, rows: list[tuple]):
        super().__init__()
        self.rows = rows

    def compose(self):
        yield Header()
        yield Static(f"{len(self.rows)} of {len(self.rows)} actions")
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Due", "Review", "Action", "Person responsible")
        table.add_rows(self.rows)
        table.focus()


class ActionsApp(App):
    BINDINGS = QUIT + [Binding("l", "actions", "Actions")]
    CSS = "DataTable { height: 1fr; }"

    def __init__(self, db: str):
        super().__init__()
        self.db = db

    def compose(self):
        yield Header()
        yield Static("Press l for the actions.")
        yield Footer()

    def action_actions(self):
        rows = _rows(self.db, "SELECT c.due_date, r.ref, c.action, c.person_responsible "
                              "FROM recommendations c JOIN reviews r ON r.id = c.review_id "
                              "ORDER BY c.due_date, r.ref")
        self.push_screen(ActionsScreen(rows))


if __name__ == "__main__":
    kind, args = sys.argv[1], sys.argv[2:]
    {"table": TableApp, "log": LogApp, "actions": ActionsApp}[kind](*args).run()
