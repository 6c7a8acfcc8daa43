"""The app's one table: cells, headings and labels drawn as typed, and the cursor kept when the
rows are rebuilt (on the same row, or at the same place when that row is gone)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from lrf_tui.widgets.literal_table import LiteralTable

TYPED = ["[x]", "[/]", "[bold]Ana[/bold]", "\x1b[1mESC", "שלום 👨‍👩‍👧"]


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield LiteralTable(cursor_type="row")


def fill(table: LiteralTable, keys: list[str]) -> None:
    table.clear(columns=True)
    table.add_column("[b]Mark[/b]")
    table.add_column("Text")
    for k in keys:
        table.add_row(k, k * 2, key=k)


async def test_cells_and_headings_are_drawn_as_typed_and_the_cursor_stays():
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(LiteralTable)
        keys = TYPED + ["plain", Text("styled", style="bold").plain]
        fill(table, keys)
        await pilot.pause()
        drawn = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "[b]Mark[/b]" in drawn
        for typed in TYPED[:3]:
            assert typed in drawn, typed
        assert "\ufffd[1mESC" in drawn and "\x1b" not in drawn
        assert "שלום" in drawn

        table.move_cursor(row=2)  # on "[bold]Ana[/bold]"
        with table.keeping_cursor():
            fill(table, ["new"] + keys)  # a row added above it
        assert table.cursor_key() == "[bold]Ana[/bold]"

        with table.keeping_cursor():
            fill(table, [k for k in ["new"] + keys if k != "[bold]Ana[/bold]"])
        assert table.cursor_row == 3  # gone: the same place, now the next row
        assert table.cursor_key() == "\x1b[1mESC"

        table.move_cursor(row=table.row_count - 1)
        with table.keeping_cursor():
            fill(table, ["new", "[x]"])
        assert table.cursor_key() == "[x]"  # the last row was gone: the new last one

        with table.keeping_cursor(key="new"):
            fill(table, ["[x]", "new"])
        assert table.cursor_key() == "new"


def test_every_table_of_the_app_is_a_literal_table():
    """Grep-able: no screen makes a bare DataTable (whose str cells are markup)."""
    import re
    from pathlib import Path

    import lrf_tui

    root = Path(lrf_tui.__file__).parent
    bare = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py")
            for n, line in enumerate(path.read_text().splitlines(), 1)
            if re.search(r"(?<![A-Za-z_])DataTable\(", line)
            or re.search(r"class \w+\(DataTable\)", line) and path.name != "literal_table.py"]
    assert bare == []
