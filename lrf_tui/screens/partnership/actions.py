"""The action tracker tab: every recommendation of every review, overdue first, filtered by
status, agency, owner and review; actions are marked started, done or reopened, and evidence of
their impact is added, corrected or removed. A long list is filled a screenful at a time after
each refresh, and the filling ends with the screen."""

from __future__ import annotations

import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from facilitation import partnership as p
from facilitation.errors import InputRefused
from facilitation.travel.origins import Origin, origins

from ...keymap import with_keys
from ...messages import FormSaved
from ...text import clean, literal
from ...widgets.footer import keys_drawn
from ...widgets.literal_table import LiteralTable, literal_cell
from ...writes import writing
from .dialogs import FieldsScreen, PickValueScreen, ReaderScreen
from .drawing import action_text, clipped, short

ANY = "any"
FILTER = Binding.Group("Filter", compact=True)
MARK = Binding.Group("Mark", compact=True)
IMPACT = Binding.Group("Impact", compact=True)


class ActionsPane(Vertical):
    BINDINGS = [
        Binding("s", "filter_status", "Status", id="partnership.filter_status",
                tooltip="Filter by status", group=FILTER),
        Binding("a", "filter_agency", "Agency", id="partnership.filter_agency",
                tooltip="Filter by agency", group=FILTER),
        Binding("o", "filter_owner", "Owner", id="partnership.filter_owner",
                tooltip="Filter by owner", group=FILTER),
        Binding("r", "filter_review", "Review", id="partnership.filter_review",
                tooltip="Filter by review", group=FILTER),
        Binding("x", "clear_filters", "Clear", show=False,  # the filter line says "x clears"
                tooltip="Clear every filter", id="partnership.clear_filters"),
        Binding("p", "toggle_started", "Started", id="partnership.started",
                tooltip="Mark the action started (or not)", group=MARK),
        Binding("d", "mark_done", "Done", id="partnership.done", group=MARK,
                tooltip="Mark the action done today"),
        Binding("D", "reopen", "Reopen", id="partnership.reopen", group=MARK,
                tooltip="Reopen a done action (its completion date is cleared)"),
        Binding("i", "add_impact", "Add impact", group=IMPACT,
                tooltip="Add evidence of impact", id="partnership.impact"),
        Binding("e", "edit_impact", "Edit impact", group=IMPACT,
                tooltip="Correct evidence of impact already recorded",
                id="partnership.edit_impact"),
        Binding("delete", "remove_impact", "Remove impact", group=IMPACT,
                tooltip="Remove evidence of impact (asks first)",
                id="partnership.remove_impact"),
    ]

    def __init__(self) -> None:
        super().__init__(id="actions-pane")
        self.rows: list[p.Action] = []
        self.origins: dict[int, Origin] = {}
        self.shown: list[p.Action] = []
        self._generation = 0
        self._loaded = 0
        self._cell_cache: dict[int, tuple] = {}
        self._action_width = self.ACTION_MIN
        self._keys: tuple[str, ...] = ()
        # When the first screenful of the latest fill had been drawn (read by the bench).
        self.first_page_drawn_at: float | None = None
        self.filters: dict[str, str | None] = {
            "status": None, "agency": None, "owner": None, "review": None,
        }

    def compose(self) -> ComposeResult:
        yield Static("", id="action-filters", markup=False)
        yield LiteralTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="action-detail", markup=False)

    def on_mount(self) -> None:
        self._set_columns()
        self.reload()

    # Every column but Action, with the width it takes on screen (cell, padding), in order.
    COLUMNS = (
        ("status", "Status", 13), ("due", "Due", 12), ("ref", "Review", 13),
        ("action", "Action", 0), ("owner", "Person responsible", 20), ("agency", "Agency", 20),
        ("impact", "Impact", 9),
    )
    # Narrower terminals leave out Agency, then Person responsible (the detail below the table
    # names both) rather than push Impact off the right-hand edge.
    DROPPED = ((), ("agency",), ("owner", "agency"))
    ACTION_MIN = 26

    def _fit(self, width: int) -> tuple[tuple[str, ...], int]:
        """The columns that fit ``width`` with room for a readable action, and that room."""
        for dropped in self.DROPPED:
            keys = tuple(k for k, _l, _w in self.COLUMNS if k not in dropped)
            # The Action column's own padding and the vertical scrollbar take 4 more.
            others = sum(w for k, _l, w in self.COLUMNS if k in keys) + 4
            if width - others >= self.ACTION_MIN:
                break
        return keys, max(self.ACTION_MIN, width - others)

    def _set_columns(self) -> bool:
        """Lay the table out for the pane's width; True when the columns changed. Before its
        first layout the pane has no size yet: it takes the screen's width (which it fills),
        so the first frame is laid out once rather than laid out again for its real width."""
        keys, width = self._fit(self.size.width or self.app.size.width)
        if (keys, width) == (self._keys, self._action_width):
            return False
        self._keys, self._action_width, self._cell_cache = keys, width, {}
        table = self.query_one("#actions", LiteralTable)
        table.clear(columns=True)
        # Fixed widths (cells are cut to fit): columns added to an empty table otherwise stay
        # as narrow as their headings ("overdu", "LR-202").
        for key, label, cells in self.COLUMNS:
            if key in keys:
                table.add_column(label, key=key, width=(cells - 2) if cells else width)
        return True

    # -- data ------------------------------------------------------------------------------------

    def changed(self, a: p.Action) -> None:
        """After a write to an action: the other screens are told, and the list drawn again."""
        self.app.announce(FormSaved, a.ref)
        self.reload(keep=a.id)

    def reload(self, keep: int | None = None) -> None:
        self.rows = p.actions(self.app.store, on=self.app.today())
        self.origins = origins(self.app.store)
        self._cell_cache = {}
        self.apply_filters(keep=keep)

    def apply_filters(self, keep: int | None = None) -> None:
        """Show the actions the filters let through. The first screenful is added at once and
        the rest in chunks after each refresh, so a filter over thousands of actions never
        holds the keyboard."""
        table = self.query_one("#actions", LiteralTable)
        explicit = keep is not None
        if keep is None:
            keep = self.current_id()
        self.shown = p.filter_actions(self.rows, **self.filters)
        self._set_columns()
        self._generation += 1
        table.clear()
        at = next((i for i, a in enumerate(self.shown) if a.id == keep), None)
        # A screenful and a little more (before its first layout the table takes the screen's
        # height): each row added before the first frame is measured before it is drawn.
        first = (table.size.height or self.app.size.height) + self.FIRST_MORE
        if at is not None and at >= first and not explicit:
            at = None  # a new filter starts at the top rather than wait for a far-down row
        if at is not None:
            first = max(first, at + table.size.height + 10)
        self._loaded = 0
        self._add_rows(table, first)
        if at is not None:
            table.move_cursor(row=at)
        self.show_filters()
        self.show_detail()
        self.call_after_refresh(self._load_more, self._generation)

    def on_unmount(self) -> None:
        self._generation += 1  # the loader ends with its screen

    FIRST_MORE = 10
    CHUNK = 150
    WAIT_FRAMES = 30  # a footer that never shows keys (no terminal focus) is not waited for
    _waits = 0

    def _cells(self, a: p.Action) -> tuple:
        cells = self._cell_cache.get(a.id)
        if cells is None:
            every = {
                "status": Text(a.status, style="bold" if a.status == "overdue" else ""),
                "due": a.due or "",
                "ref": a.ref,
                "action": short(a.action, self._action_width),
                "owner": short(a.owner, 18),
                "agency": short(a.agency, 18),
                "impact": f"{len(a.impact)} note{'s' if len(a.impact) != 1 else ''}"
                if a.impact else "none",
            }
            cells = tuple(literal_cell(every[key]) for key in self._keys)
            self._cell_cache[a.id] = cells
        return cells

    def _add_rows(self, table: LiteralTable, count: int) -> None:
        end = min(self._loaded + count, len(self.shown))
        for a in self.shown[self._loaded:end]:
            table.add_row(*self._cells(a), key=str(a.id))
        self._loaded = end

    def _load_more(self, generation: int) -> None:
        if generation != self._generation:
            return  # the filters changed since: that fill has its own chain
        if not self.is_attached or self.screen not in self.app.screen_stack:
            # The view was closed while it filled (Esc, then l again): this call was handed
            # to whichever screen is current, and this pane's table is being taken down.
            return
        self.first_page_drawn_at = self.first_page_drawn_at or time.perf_counter()
        if self._loaded >= len(self.shown):
            return
        if not keys_drawn(self.screen) and self._waits < self.WAIT_FRAMES:
            # The rows below the first screenful wait for the footer's keys (each chunk is a
            # layout of the screen, and the keys only come in a frame of their own).
            self._waits += 1
            self.call_after_refresh(self._load_more, generation)
            return
        table = self.query_one("#actions", LiteralTable)
        self._add_rows(table, self.CHUNK)
        if self._loaded < len(self.shown):
            self.call_after_refresh(self._load_more, generation)

    def show_filters(self) -> None:
        parts = [f"{k}: {ANY if v is None else v or '(none)'}" for k, v in self.filters.items()]
        text = f"{len(self.shown)} of {len(self.rows)} actions · " + " · ".join(parts)
        if any(v is not None for v in self.filters.values()):
            text += " · x clears"
        if not self.rows:
            text = "No actions yet: they come from each review's outcome form (Recommendations)."
        self.query_one("#action-filters", Static).update(literal(text))

    def current(self) -> p.Action | None:
        table = self.query_one("#actions", LiteralTable)
        if not table.row_count:
            return None
        row = table.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def current_id(self) -> int | None:
        a = self.current()
        return a.id if a else None

    DETAIL_LINES = 5

    def show_detail(self) -> None:
        a = self.current()
        detail = self.query_one("#action-detail", Static)
        if a is None:
            detail.update("" if not self.rows else "No action matches these filters; x clears them.")
            return
        width = detail.content_region.width or max(20, (self.size.width or self.app.size.width) - 2)
        text = action_text(a)
        origin = self.origins.get(a.review_id)
        if origin is not None:  # who authored the review, and when it was last imported
            text = literal(origin.sentence()) + Text("\n") + text
        detail.update(clipped(text, width, self.DETAIL_LINES, "Enter reads all of it"))

    @on(DataTable.RowSelected, "#actions")
    def _read(self, event: DataTable.RowSelected) -> None:
        a = self.current()
        if a is not None:
            self.app.push_screen(ReaderScreen(
                f"{a.ref} action {a.position + 1}", action_text(a, full=True)))

    def on_resize(self) -> None:
        if self._fit(self.size.width) != (self._keys, self._action_width):
            self.apply_filters()
        else:
            self.show_detail()  # wrapped at the width it has now

    @on(DataTable.RowHighlighted, "#actions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    # -- filters ---------------------------------------------------------------------------------

    def _pick_filter(self, name: str, title: str, values: list[str]) -> None:
        choices: list[tuple[object, str]] = [(ANY, "Any")] + [(v, v or "(none)") for v in values]

        def chosen(value: object) -> None:
            if value is None:
                return
            self.filters[name] = None if value == ANY else str(value)
            self.apply_filters()

        self.app.push_screen(PickValueScreen(title, choices), chosen)

    def action_filter_status(self) -> None:
        # Cycles: any -> overdue -> in progress -> not started -> done -> any.
        order = [None, *p.STATUSES]
        now = self.filters["status"]
        self.filters["status"] = order[(order.index(now) + 1) % len(order)]
        self.apply_filters()

    def action_filter_agency(self) -> None:
        values = sorted({a.agency for a in self.rows}, key=str.casefold)
        self._pick_filter("agency", "Show the actions of which agency?", values)

    def action_filter_owner(self) -> None:
        # "Priya Okafor" and "priya okafor" are one person (the filter ignores case and spaces).
        names: dict[str, str] = {}
        for a in self.rows:
            name = " ".join(a.owner.split())
            names.setdefault(name.casefold(), name)
        values = sorted(names.values(), key=str.casefold)
        self._pick_filter("owner", "Show the actions of which person?", values)

    def action_filter_review(self) -> None:
        values = sorted({a.ref for a in self.rows})
        self._pick_filter("review", "Show the actions of which review?", values)

    def action_clear_filters(self) -> None:
        for k in self.filters:
            self.filters[k] = None
        self.apply_filters()

    # -- marking ---------------------------------------------------------------------------------

    def action_toggle_started(self) -> None:
        a = self.current()
        if a is None:
            return
        self._mark(a, lambda: p.mark_started(self.app.store, a.id, not a.started),
                   lambda _: "Marked started." if not a.started else "No longer marked started.")

    def action_mark_done(self) -> None:
        a = self.current()
        if a is None:
            return
        if a.completed_on:
            # Never overwrite a completion date by a stray key: reopening is its own key.
            self.notify(with_keys(self.app, self.BINDINGS, f"Already done on {a.completed_on}; "
                                  "{partnership.reopen} reopens it."), markup=False)
            return
        self._mark(a, lambda: p.mark_done(self.app.store, a.id, self.app.today()),
                   lambda day: with_keys(self.app, self.BINDINGS, f"Marked done on {day}. "
                                         "{partnership.impact} adds evidence of its impact."))

    def action_reopen(self) -> None:
        a = self.current()
        if a is None or not a.completed_on:
            return
        self._mark(a, lambda: p.mark_done(self.app.store, a.id, ""),
                   lambda _: f"Reopened; it had been marked done on {a.completed_on}.")

    def _mark(self, a: p.Action, write, said) -> None:
        """One write to action ``a``: refused, it is said in one line and nothing changes;
        done, the list is drawn again and ``said(what the write returned)`` is shown."""
        try:
            with writing(kept=""):
                result = write()
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
            return
        self.changed(a)
        self.notify(said(result), markup=False)

    def action_add_impact(self) -> None:
        a = self.current()
        if a is None:
            return
        store = self.app.store

        def save(what: str, how: str, when: str) -> int:
            return p.add_impact(store, a.id, what, how, when)

        def saved(result: object) -> None:
            if result is not None:
                self.changed(a)
                self.notify("Evidence of impact saved.")

        self.app.push_screen(self._impact_form(a, save, (
            ("for example: overnight incidents now reach schools", ""),
            ("for example: audit of 20 cases", ""),
            ("2026-03-14 or 14/03/2026", self.app.today().isoformat()),
        )), saved)

    @staticmethod
    def _impact_form(a: p.Action, save, hints_and_values) -> FieldsScreen:
        """The dialog for one piece of evidence of impact: what changed, how it was measured,
        when; each field with its hint and the text it starts with."""
        labels = ("What changed", "How it was measured", "When (date)")
        return FieldsScreen(
            f"Evidence of impact for {a.ref} action {a.position + 1}",
            [(label, hint, value) for label, (hint, value) in zip(labels, hints_and_values)],
            save,
        )

    async def _chosen_impact(self, verb: str) -> tuple[p.Action, dict] | None:
        """The highlighted action and the piece of its evidence the chair picks (None: none)."""
        a = self.current()
        if a is None:
            return None
        ev = await self._pick_impact(a, verb)
        return None if ev is None else (a, ev)

    async def _pick_impact(self, a: p.Action, verb: str) -> dict | None:
        if not a.impact:
            self.notify("No evidence of impact on this action yet; i adds it.")
            return None
        if len(a.impact) == 1:
            return a.impact[0]
        choice = await self.app.push_screen_wait(PickValueScreen(
            f"{verb} which evidence of impact?",
            [(i, f"{ev['observed_on']}  {clean(ev['what_changed'])}")
             for i, ev in enumerate(a.impact)],
        ))
        return None if choice is None else a.impact[int(choice)]

    @work(exclusive=True, group="impact")
    async def action_edit_impact(self) -> None:
        chosen = await self._chosen_impact("Correct")
        if chosen is None:
            return
        a, ev = chosen
        store = self.app.store

        def save(what: str, how: str, when: str) -> int:
            return p.update_impact(store, ev["id"], what, how, when)

        result = await self.app.push_screen_wait(self._impact_form(a, save, (
            ("", ev["what_changed"]), ("", ev["how_measured"]),
            ("2026-03-14 or 14/03/2026", ev["observed_on"]),
        )))
        if result is not None:
            self.changed(a)
            self.notify("Evidence of impact corrected.")

    @work(exclusive=True, group="impact")
    async def action_remove_impact(self) -> None:
        from ...dialogs import ConfirmModal

        chosen = await self._chosen_impact("Remove")
        if chosen is None:
            return
        a, ev = chosen
        question = (f"Remove the evidence of impact seen on {ev['observed_on']}: "
                    f"{clean(ev['what_changed'])}?")
        if not await self.app.push_screen_wait(ConfirmModal(question)):
            return
        try:
            with writing(kept=""):
                p.delete_impact(self.app.store, ev["id"])
        except InputRefused as e:
            self.notify(e.message, severity="warning", markup=False)
            return
        self.changed(a)
        self.notify("Evidence of impact removed.")
