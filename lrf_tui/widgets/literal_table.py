"""The one table of the app: a DataTable that draws every cell as the literal text given and keeps
its cursor when its rows are rebuilt.

Textual's DataTable reads a ``str`` cell, column heading or row label as markup: a family label
typed as ``[x]`` drew blank and ``[/]`` could stop the app. Here every ``str`` (and any other
plain value) becomes :func:`lrf_tui.text.literal` text (controls made visible and harmless by the
one rule for characters); a ``rich.text.Text`` or ``Content`` given by the screen is drawn as it
is, so a screen that styles its own words still can.

A screen that rebuilds its rows after a save does it inside :meth:`LiteralTable.keeping_cursor`:
the cursor stays on the row with the same key, or at the same position when that row is gone
(deleted, or filtered out), so the chair never finds it back on the first row.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable
from textual.render import measure
from textual.widgets._data_table import default_cell_formatter
from textual.widgets.data_table import CellType, ColumnKey, RowKey

from ..text import literal


def literal_cell(value: object) -> object:
    """A cell as the table should draw it: ``Text``/``Content`` as given, anything else as the
    literal text of what it says (``None`` as an empty cell)."""
    if isinstance(value, (Text, Content)):
        return value
    return literal("" if value is None else value)


class LiteralTable(DataTable):
    """A DataTable whose cells, headings and row labels are literal text, never markup."""

    def add_column(self, label, *, width: int | None = None, key: str | None = None,
                   default: CellType | None = None) -> ColumnKey:
        return super().add_column(literal_cell(label), width=width, key=key,
                                  default=None if default is None else literal_cell(default))

    def add_row(self, *cells: CellType, height: int | None = 1, key: str | None = None,
                label=None) -> RowKey:
        return super().add_row(*(literal_cell(c) for c in cells), height=height, key=key,
                               label=None if label is None else literal_cell(label))

    def update_cell(self, row_key: RowKey | str, column_key: ColumnKey | str, value: CellType,
                    *, update_width: bool = False) -> None:
        super().update_cell(row_key, column_key, literal_cell(value), update_width=update_width)

    def update_column(self, column_key: str, values: dict[str, CellType]) -> None:
        """Many cells of one column at once (``values`` by row key; rows gone are skipped), the
        column then fitted to its cells in one pass. Textual's ``update_width`` measures the
        whole column again for every cell that came out narrower: 200 countdowns on the home
        screen took half a second of the keys typed just after start-up."""
        key = ColumnKey(column_key)
        column = self.columns.get(key)
        if column is None:
            return
        for row, value in values.items():
            if RowKey(row) in self._row_locations:
                self._data[RowKey(row)][key] = literal_cell(value)
        if column.auto_width:
            console = self.app.console
            column.content_width = max(
                [measure(console, column.label, 1)]
                + [measure(console, default_cell_formatter(cell, wrap=False, height=1), 1)
                   for cell in self.get_column(key)])
        self._update_count += 1
        self._require_update_dimensions = True
        self.refresh(layout=True)

    # --- the cursor ------------------------------------------------------------------------------

    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # the cursor is past the rows (they are being rebuilt)
            return None

    def has_row(self, key: object) -> bool:
        return key is not None and RowKey(str(key)) in self._row_locations

    def put_cursor(self, key: object = None, row: int = 0) -> None:
        """Put the cursor on the row with ``key``; when there is none, at position ``row``
        (or the last row, when fewer are left)."""
        if not self.row_count:
            return
        target = self.get_row_index(str(key)) if self.has_row(key) else min(row, self.row_count - 1)
        if target != self.cursor_row:
            self.move_cursor(row=max(target, 0), animate=False)

    @contextmanager
    def keeping_cursor(self, key: object = None) -> Iterator[LiteralTable]:
        """Rebuild the rows inside this block; afterwards the cursor is back on the row it was
        on (by key, else by position). ``key`` puts it on that row instead (a row just added)."""
        was_key, was_row = self.cursor_key(), self.cursor_row
        yield self
        self.put_cursor(was_key if key is None else key, was_row)
