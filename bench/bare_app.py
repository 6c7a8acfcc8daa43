"""Baseline for startup: a bare Textual app with Header, DataTable, Input and Footer.

Given a database path it shows the same review rows lrf's home screen shows (read with plain
sqlite3), so the ratio measures what lrf adds, not the cost of drawing the same data.
"""

import sqlite3
import sys

from textual.app import App
from textual.widgets import DataTable, Footer, Header, Input


class Bare(App):
    def __init__(self, db: str | None = None):
        super().__init__()
        self.db = db

    def compose(self):
        yield Header()
        yield DataTable()
        yield Input()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Reference", "Title", "Methodology", "Status", "Due")
        if self.db:
            conn = sqlite3.connect(self.db)
            rows = conn.execute(
                "SELECT ref, title, methodology, status, report_due FROM reviews ORDER BY ref"
            ).fetchall()
            conn.close()
            for row in rows:
                table.add_row(*row)
        else:
            table.add_row("BARE-READY", "first frame", "", "", "")


if __name__ == "__main__":
    Bare(sys.argv[1] if len(sys.argv) > 1 else None).run()
