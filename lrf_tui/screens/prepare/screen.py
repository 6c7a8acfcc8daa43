"""The review workspace: everything the chair and lead author prepare before the event.

Each tab holds one or two tables. Keys act on the table that has focus: ``a`` adds, ``e`` or
``enter`` edits, ``x`` deletes (after asking), ``shift+up``/``shift+down`` move a row where the
order matters. ``]``/``[`` (or ctrl+pagedown/pageup) switch tabs; ``tab`` moves between the
tables of a tab. Every change is checked and saved in one transaction by
``facilitation.preparation`` before the table shows it.

This module holds the screen itself (layout, keys, the actions on the focused table); the panes
it shows live in the modules beside it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from facilitation import preparation as prep
from facilitation.errors import InputRefused
from facilitation.process import proceedings_by_review
from facilitation.framework import METHODOLOGY_BY_KEY
from facilitation.reviews import children, get_review

from ...dialogs import ConfirmModal, FormModal
from ...messages import ReviewChanged
from ...text import literal
from ...writes import writing
from .agencies import AgenciesPane
from .agenda import AgendaPane
from .details import FieldsPane
from .method import MethodPane
from .panes import Pane, _short
from .tabs import PaneTable, column_widths, tabs_for
from ...widgets.footer import KeysFooter


MOVE = Binding.Group("Move", compact=True)
TABS = Binding.Group("Tab", compact=True)


class PrepareScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="prepare.back", tooltip="Back to the reviews"),
        Binding("a", "add", "Add", id="prepare.add", tooltip="Add a row"),
        Binding("e", "edit", "Edit", id="prepare.edit", tooltip="Edit the chosen row"),
        Binding("x,delete", "delete", "Delete", id="prepare.delete",
                tooltip="Delete the chosen row"),
        Binding("shift+up", "move(-1)", "Move up", id="prepare.move_up", key_display="⇧↑",
                group=MOVE, tooltip="Move the row up (shift+up)"),
        Binding("shift+down", "move(1)", "Move down", id="prepare.move_down", key_display="⇧↓",
                group=MOVE, tooltip="Move the row down (shift+down)"),
        Binding("c", "to_chronology", "Chronology", id="prepare.to_chronology",
                tooltip="Start a chronology entry from this agency's return"),
        Binding("r", "reset", "Default", id="prepare.reset",
                tooltip="Replace the agenda with the framework's default agenda"),
        Binding("i", "appreciative", "Appreciative", id="prepare.appreciative",
                tooltip="Replace the agenda with the appreciative-inquiry agenda"),
        Binding("left_square_bracket", "previous_tab", "Prev tab", id="prepare.previous_tab",
                tooltip="Go to the previous tab",
                group=TABS),
        Binding("right_square_bracket", "next_tab", "Next tab", id="prepare.next_tab",
                tooltip="Go to the next tab",
                group=TABS),
        # The same actions on the usual tab keys; priority, or a table would take them to
        # scroll sideways. The Footer shows ] and [ for these actions.
        Binding("ctrl+pagedown", "next_tab", "Next tab", id="prepare.next_tab_page",
                tooltip="Go to the next tab",
                priority=True, show=False),
        Binding("ctrl+pageup", "previous_tab", "Prev tab", id="prepare.previous_tab_page",
                tooltip="Go to the previous tab",
                priority=True, show=False),
    ]

    def __init__(self, ref: str, *, today: _dt.date | None = None):
        super().__init__()
        self.ref = ref
        self.today = today
        self.tabs: list[tuple[str, str, list[Pane], str]] = []
        self._built_for: str | None = None
        self._stale: set[str] = set()  # tabs whose tables wait to be drawn until shown

    @property
    def store(self):
        return self.app.store

    def countdown(self, iso: str) -> str:
        from facilitation.dates import countdown

        return countdown(iso, self.today)

    def compose(self) -> ComposeResult:
        self.review = get_review(self.store, self.ref)
        self.ref = self.review["ref"]
        self.tabs = tabs_for(self.review["methodology"])
        self._built_for = self.review["methodology"]
        yield Header()
        yield Static(self._heading(), id="prep-heading")
        with TabbedContent(id="prep-tabs"):
            for tab_id, label, panes, extra in self.tabs:
                with TabPane(label, id=tab_id):
                    for pane in panes:
                        yield Static("", id=f"summary-{pane.key}", classes="pane-summary",
                                     markup=False)
                        yield PaneTable(pane)
                    if extra:
                        yield Static(extra, classes="pane-extra hint", markup=False)
        yield KeysFooter()

    def _heading(self):
        r = self.review
        method = METHODOLOGY_BY_KEY[r["methodology"]].name
        # Parallel proceedings, in a word or two: publication held, or parts delayed.
        held = proceedings_by_review(self.store, r["id"]).get(r["id"], "")
        line = f"{r['ref']}  {_short(r['title'], 30 if held else 40)}  ·  {method}"
        if held:
            line += f"  ·  {held}"
        return literal(line)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#table-details", PaneTable).focus()

    # --- showing -----------------------------------------------------------------------------

    def reload(self, focus_key: Any = None) -> None:
        """Draw the heading and the tables of the tab on show from the database again. The
        other tabs' tables are drawn when their tab is next shown (a save was redrawing every
        table of every tab, which the chair waited for after each ctrl+s)."""
        self.review = get_review(self.store, self.ref)
        if self._built_for is not None and self.review["methodology"] != self._built_for:
            # The method changed: its own tabs replace the old method's (nothing is deleted).
            self.call_later(self._rebuild)
            return
        self.query_one("#prep-heading", Static).update(self._heading())
        active = self.query_one("#prep-tabs", TabbedContent).active
        for tab_id, _label, _panes, _extra in self.tabs:
            if tab_id == active or not active:
                self._draw_tab(tab_id, focus_key)
            else:
                self._stale.add(tab_id)
        self.refresh_bindings()

    def _draw_tab(self, tab_id: str, focus_key: Any = None) -> None:
        self._stale.discard(tab_id)
        for table in self.query_one(f"#{tab_id}", TabPane).query(PaneTable):
            pane = table.pane
            rows = pane.rows(self)
            width = self.size.width or self.app.size.width
            with table.keeping_cursor(key=focus_key if table is self.focused else None):
                table.clear(columns=True)
                # Every column gets its width here, never left to the table to work out after
                # the rows arrive: that left the header drawn at the old widths after each save.
                for col, w in zip(pane.columns, column_widths(pane, rows, width)):
                    table.add_column(col, width=w)
                height = None if pane.wrap else 1
                for key, cells in rows:
                    table.add_row(*cells, key=str(key), height=height)
            line = pane.summary(self) or pane.title
            if not table.row_count and pane.can_add:
                line += "  (none yet: a adds one)"
            self.query_one(f"#summary-{pane.key}", Static).update(literal(line))

    async def _rebuild(self) -> None:
        await self.recompose()
        self.reload()
        self.call_after_refresh(self._show_process)

    def _show_process(self) -> None:
        """Back where the method was changed, so the user sees it took."""
        self.query_one("#prep-tabs", TabbedContent).active = "tab-process"
        self.query_one("#table-process", PaneTable).focus()
        self.notify("Method changed; everything gathered is kept.", timeout=3)

    def changed(self, focus_key: Any = None) -> None:
        """After a write: the other screens are told, and this one is drawn again."""
        self.app.announce(ReviewChanged, self.ref)
        self.reload(focus_key=focus_key)

    def on_resize(self) -> None:
        if self.is_mounted and self.tabs:
            self.reload()

    def _table(self) -> PaneTable | None:
        focused = self.focused
        if isinstance(focused, PaneTable):
            return focused
        tabbed = self.query_one("#prep-tabs", TabbedContent)
        active = tabbed.active
        if not active:
            return None
        tables = self.query_one(f"#{active}", TabPane).query(PaneTable)
        return tables.first() if tables else None

    def _selected(self, table: PaneTable) -> Any:
        key = table.cursor_key()
        if key is None:
            return None
        return int(key) if key.isdigit() else key

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        table = self._table() if self.is_mounted else None
        pane = table.pane if table is not None else None
        if action == "add":
            return bool(pane and pane.can_add)
        if action in ("edit", "delete"):
            if pane is None or (action == "delete" and not pane.can_delete):
                return False
            return True if table.row_count else None
        if action == "move":
            return bool(pane and pane.movable)
        if action == "to_chronology":
            return bool(isinstance(pane, AgenciesPane) and table.row_count)
        if action == "reset":
            return bool(pane and pane.resettable)
        if action == "appreciative":
            return bool(pane and isinstance(pane, AgendaPane)
                        and self.review["methodology"] == "practitioner")
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id in self._stale:
            self._draw_tab(event.pane.id)
        tables = list(event.pane.query(PaneTable))
        if tables and self.focused not in tables:
            tables[0].focus()
        self.refresh_bindings()

    # --- actions -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def _switch(self, step: int) -> None:
        tabbed = self.query_one("#prep-tabs", TabbedContent)
        ids = [t[0] for t in self.tabs]
        i = ids.index(tabbed.active) if tabbed.active in ids else 0
        tabbed.active = ids[(i + step) % len(ids)]
        pane = self.query_one(f"#{tabbed.active}", TabPane)
        tables = pane.query(PaneTable)
        if tables:
            tables.first().focus()

    def action_next_tab(self) -> None:
        self._switch(1)

    def action_previous_tab(self) -> None:
        self._switch(-1)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if isinstance(event.data_table, PaneTable):
            self._open_form(event.data_table, self._selected(event.data_table))

    def action_add(self) -> None:
        table = self._table()
        if table is not None and table.pane.can_add:
            self._open_form(table, None)

    def action_edit(self) -> None:
        table = self._table()
        if table is not None and table.row_count:
            self._open_form(table, self._selected(table))

    def action_to_chronology(self) -> None:
        """Start a chronology entry from the agency under the cursor (built from its return)."""
        table = self._table()
        if table is None or not isinstance(table.pane, AgenciesPane) or not table.row_count:
            return
        agency = table.pane.item(self, self._selected(table))
        if agency is None:
            return
        chronology = self.query_one("#table-chronology", PaneTable)
        self._open_form(chronology, None, prefill={"agency": agency["name"]})

    def _open_form(self, table: PaneTable, item_id: Any, prefill: dict | None = None) -> None:
        pane = table.pane
        item = pane.item(self, item_id) if item_id is not None else None
        if item_id is not None and item is None:
            self.reload()
            return
        if item_id is None:
            title = f"Add {pane.noun}"
        elif isinstance(pane, FieldsPane):
            title = f"Edit: {pane.labels(self).get(item_id, item_id)}"
        else:
            title = f"Edit {pane.noun}"
        saved: dict[str, Any] = {}

        def save(values: dict) -> None:
            saved["id"] = pane.save(self, values, item_id)

        def done(ok: bool | None) -> None:
            table.focus()
            if ok:
                self.changed(focus_key=saved.get("id"))
                self.notify(f"Saved {pane.noun}.", timeout=2)

        fields = pane.fields(self, item)
        for f in fields:
            if prefill and f.key in prefill:
                f.value = prefill[f.key]
        self.app.push_screen(FormModal(title, fields, save), done)

    def action_delete(self) -> None:
        table = self._table()
        if table is None or not table.pane.can_delete or not table.row_count:
            return
        item_id = self._selected(table)
        pane = table.pane
        self._ask_then_change(f"Delete this {pane.noun}?", table,
                              lambda: pane.delete(self, item_id), f"Deleted {pane.noun}.")

    def _ask_then_change(self, question: str, table: PaneTable, change, said: str,
                         severity: str = "warning") -> None:
        """Ask ``question``; on yes make ``change`` in one write, show it and say ``said``. A
        refusal is said in one sentence and changes nothing."""

        def done(yes: bool | None) -> None:
            table.focus()
            if not yes:
                return
            try:
                with writing(kept=""):
                    change()
            except InputRefused as e:
                self.notify(e.message, severity=severity, markup=False)
                return
            self.changed()
            self.notify(said, timeout=2)

        self.app.push_screen(ConfirmModal(question), done)

    def action_move(self, delta: int) -> None:
        table = self._table()
        if table is None or not table.pane.movable or not table.row_count:
            return
        item_id = self._selected(table)
        pane = table.pane
        try:
            with writing(kept=""):
                if isinstance(pane, MethodPane):
                    ids = pane.move_ids(self)
                    i = ids.index(item_id)
                    j = i + delta
                    if not 0 <= j < len(ids):
                        return
                    # swap with the neighbour of the same kind
                    for _ in range(abs(self._distance(ids[i], ids[j]))):
                        prep.move_item(self.store, self.ref, "method_items", item_id, delta)
                else:
                    prep.move_item(self.store, self.ref, pane.table, item_id, delta)
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
        self.changed(focus_key=item_id)

    def _distance(self, a: int, b: int) -> int:
        ids = [r["id"] for r in children(self.store, "method_items", self.review["id"])]
        return ids.index(b) - ids.index(a)

    def action_reset(self) -> None:
        table = self._table()
        if table is None or not table.pane.resettable:
            return
        if isinstance(table.pane, AgendaPane):
            self._reset_agenda(False)
        else:
            self._ask_then_change(
                "Replace these ground rules with the framework's defaults?", table,
                lambda: prep.reset_ground_rules(self.store, self.ref),
                "Ground rules set to the framework's defaults.", severity="error")

    def action_appreciative(self) -> None:
        self._reset_agenda(True)

    def _reset_agenda(self, appreciative: bool) -> None:
        which = "the appreciative-inquiry agenda" if appreciative else "the default agenda"
        table = self.query_one("#table-agenda", PaneTable)
        self._ask_then_change(
            f"Replace this agenda with {which}?", table,
            lambda: prep.reset_agenda(self.store, self.ref, appreciative=appreciative),
            f"Agenda replaced with {which}.")
