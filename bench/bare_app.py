"""Baseline for startup: a bare Textual app with Header, DataTable, Input and Footer."""

from textual.app import App
from textual.widgets import DataTable, Footer, Header, Input


class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Input()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Reference", "Title")
        table.add_row("BARE-READY", "first frame")


if __name__ == "__main__":
    Bare().run()
