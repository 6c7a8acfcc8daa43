"""Learning and Improvement: every review's actions, themes and dissemination in one place.

Three tabs. The action tracker lists every recommendation of every review, overdue first, with
filters by status, agency, owner and review; actions are marked started or done and evidence of
impact is added against them. Themes counts practice themes across reviews, shows the trend per
quarter (or year) as a sparkline, lists the reviews and findings behind each count, and starts a
thematic review from reviews selected there. Dissemination logs how each review's learning was
shared.

The trend chart is drawn here with block characters in a Static, one column per period with its
count printed under it. Textual's Sparkline was tried first: it scales between the smallest and
largest value, so a theme seen once every quarter drew as an empty baseline, and it cannot label
periods; textual-plotext would add two dependencies for a three-row chart that must fit 80x24.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.lazy import Lazy
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from facilitation import partnership as p
from facilitation.errors import InputRefused
from facilitation.framework import DISSEMINATION_METHODS

from ..text import clean, literal
from ..writes import writing

ANY = "any"
FILTER = Binding.Group("Filter", compact=True)
MARK = Binding.Group("Mark", compact=True)
IMPACT = Binding.Group("Impact", compact=True)
ENTRY = Binding.Group("Entry", compact=True)
TABS = Binding.Group("Tab", compact=True)
THEME = Binding.Group("Theme")
TAG = Binding.Group("Tag/untag", compact=True)
BLOCKS = " ▁▂▃▄▅▆▇█"


def trend_chart(values: list[int], periods: list[str], width: int, rows: int = 2) -> Text:
    """Columns of block characters, one per period (the latest that fit), each with its count
    and its period (Q1..Q4, or the year's last two digits) printed under it: the height shows
    the trend and the numbers say it exactly."""
    column = 4
    fit = max(1, width // column)
    values, periods = values[-fit:], periods[-fit:]
    peak = max(values) if values and max(values) > 0 else 1
    out = Text()
    for level in range(rows, 0, -1):
        for v in values:
            eighths = round(v / peak * rows * 8)
            cell = min(max(eighths - (level - 1) * 8, 0), 8)
            out.append((BLOCKS[cell] * 2).ljust(column), style="bold")
        out.append("\n")
    out.append("".join(str(v).ljust(column) for v in values))
    out.append("\n")
    out.append("".join((period[-2:]).ljust(column) for period in periods), style="dim")
    return out


def short(value: object, width: int) -> Text:
    text = clean(value)
    if len(text) > width:
        text = text[: width - 1] + "…"
    return literal(text)


# --- small dialogs ------------------------------------------------------------------------------


class PickScreen(ModalScreen[object]):
    """Choose one value from a list; Escape leaves everything as it was."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, title: str, choices: list[tuple[object, str]]):
        super().__init__(classes="dialog")
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield OptionList(
                *[Option(literal(label), id=str(i)) for i, (_v, label) in enumerate(self.choices)],
                id="pick-list",
            )
            yield Static("Enter chooses · Escape cancels", classes="hint")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


class FieldsScreen(ModalScreen[object]):
    """A few labelled one-line fields. ``save`` gets the values and returns the result to
    dismiss with, or raises InputRefused, whose sentence is shown while the dialog stays open
    with everything still typed."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="fields.cancel"),
        Binding("ctrl+s", "save", "Save", id="fields.save"),
    ]

    def __init__(self, title: str, fields: list[tuple[str, str, str]], save):
        super().__init__(classes="dialog")
        self.title_text = title
        self.fields = fields  # (label, placeholder, initial value)
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(literal(self.title_text), classes="dialog-title")
            for i, (label, placeholder, value) in enumerate(self.fields):
                yield Label(literal(label), classes="field-label")
                # Moving into a filled field never selects it: a key pressed there adds to what
                # was written instead of silently replacing all of it.
                yield Input(value=value, placeholder=placeholder, id=f"field-{i}", compact=True,
                            select_on_focus=False)
            yield Static("", id="fields-error", classes="error")
            yield Static("Enter: next field, then save · Ctrl+S saves · Escape cancels",
                         classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#field-0", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = int(event.input.id.split("-")[1])
        if index + 1 < len(self.fields):
            self.query_one(f"#field-{index + 1}", Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        values = [self.query_one(f"#field-{i}", Input).value for i in range(len(self.fields))]
        try:
            with writing():
                result = self.save(*values)
        except InputRefused as e:
            self.query_one("#fields-error", Static).update(literal(e.message))
            return
        self.dismiss(result)

    def has_unsaved_typing(self) -> bool:
        if not self.is_mounted:
            return False
        values = [self.query_one(f"#field-{i}", Input).value for i in range(len(self.fields))]
        return values != [value for _, _, value in self.fields]

    def action_cancel(self) -> None:
        from .prep_forms import close_unless_typed

        close_unless_typed(self, lambda: self.dismiss(None))


class ReaderScreen(ModalScreen[None]):
    """All of a long text (an action with its evidence, a review's findings) to read at
    leisure: arrows and Page Up/Down scroll it, Escape closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="reader.close"),
        Binding("enter", "close", "Close", show=False, id="reader.enter"),
    ]

    def __init__(self, title: str, body: Text):
        super().__init__(classes="dialog")
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box reader-box"):
            yield Label(literal(self.title_text), classes="dialog-title")
            with VerticalScroll(id="reader-scroll"):
                yield Static(self.body, id="reader-text", markup=False)
            yield Static("↑↓ PgUp PgDn scroll · Escape closes", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reader-scroll", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def clipped(text: Text, width: int, lines: int, more: str) -> Text:
    """``text`` as it wraps at ``width``, cut to ``lines`` lines, the last of them ending with
    ``more`` (how to read the rest) when anything was cut."""
    from rich.console import Console

    width, lines = max(10, width), max(1, lines)
    wrapped = text.wrap(Console(width=width, legacy_windows=False), width)
    if len(wrapped) <= lines:
        return text
    tail = Text(f"… {more}", style="italic")
    last = wrapped[lines - 1]
    last.rstrip()
    room = width - tail.cell_len - 1
    if last.cell_len > room:
        last.truncate(max(0, room))
        last.rstrip()
    out = Text("\n").join([*wrapped[: lines - 1], last])
    out.append(" ")
    out.append_text(tail)
    return out


# --- action tracker -----------------------------------------------------------------------------


class ActionsPane(Vertical):
    BINDINGS = [
        Binding("s", "filter_status", "Status", id="partnership.filter_status", group=FILTER),
        Binding("a", "filter_agency", "Agency", id="partnership.filter_agency", group=FILTER),
        Binding("o", "filter_owner", "Owner", id="partnership.filter_owner", group=FILTER),
        Binding("r", "filter_review", "Review", id="partnership.filter_review", group=FILTER),
        Binding("x", "clear_filters", "Clear", show=False,  # the filter line says "x clears"
                tooltip="Clear every filter", id="partnership.clear_filters"),
        Binding("p", "toggle_started", "Started", id="partnership.started", group=MARK),
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
        yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
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
        """Lay the table out for the pane's width; True when the columns changed."""
        keys, width = self._fit(self.size.width)
        if (keys, width) == (self._keys, self._action_width):
            return False
        self._keys, self._action_width, self._cell_cache = keys, width, {}
        table = self.query_one("#actions", DataTable)
        table.clear(columns=True)
        # Fixed widths (cells are cut to fit): columns added to an empty table otherwise stay
        # as narrow as their headings ("overdu", "LR-202").
        for key, label, cells in self.COLUMNS:
            if key in keys:
                table.add_column(label, key=key, width=(cells - 2) if cells else width)
        return True

    # -- data ------------------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        self.rows = p.actions(self.app.store, on=p.today())
        self._cell_cache = {}
        self.apply_filters(keep=keep)

    def apply_filters(self, keep: int | None = None) -> None:
        """Show the actions the filters let through. The first screenful is added at once and
        the rest in chunks after each refresh, so a filter over thousands of actions never
        holds the keyboard."""
        table = self.query_one("#actions", DataTable)
        explicit = keep is not None
        if keep is None:
            keep = self.current_id()
        self.shown = p.filter_actions(self.rows, **self.filters)
        self._set_columns()
        self._generation += 1
        table.clear()
        at = next((i for i, a in enumerate(self.shown) if a.id == keep), None)
        first = max(self.FIRST_PAGE, table.size.height + 10)
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

    FIRST_PAGE = 60
    CHUNK = 150

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
            cells = tuple(every[key] for key in self._keys)
            self._cell_cache[a.id] = cells
        return cells

    def _add_rows(self, table: DataTable, count: int) -> None:
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
        table = self.query_one("#actions", DataTable)
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
        table = self.query_one("#actions", DataTable)
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
        width = detail.content_region.width or max(20, self.size.width - 2)
        detail.update(clipped(self.detail_text(a), width, self.DETAIL_LINES,
                              "Enter reads all of it"))

    def detail_text(self, a: p.Action, full: bool = False) -> Text:
        """What is known of an action: the review, status and dates, who owns it, the action
        itself and each piece of evidence of its impact (``full`` adds the timeframe as
        written, the finding it answers and the review's title)."""
        text = Text()
        text.append(f"{a.ref} · {a.status}")
        if a.due:
            text.append(f" · due {a.due}")
        if a.completed_on:
            text.append(f" · done {a.completed_on}")
        text.append(" · ")
        text.append_text(literal(a.owner or "no one named"))
        if a.agency:
            text.append(" (")
            text.append_text(literal(a.agency))
            text.append(")")
        text.append("\n")
        text.append_text(literal(a.action))
        for ev in a.impact:
            text.append(f"\nImpact {ev['observed_on']}: ")
            text.append_text(literal(ev["what_changed"]))
            if ev["how_measured"]:
                text.append(" — measured by ")
                text.append_text(literal(ev["how_measured"]))
        if not a.impact:
            text.append("\nNo evidence of impact yet (i adds it).")
        if full:
            extra = Text()
            extra.append("Review: ")
            extra.append_text(literal(f"{a.ref} {a.review_title}"))
            if a.timeframe:
                extra.append("\nTimeframe as written: ")
                extra.append_text(literal(a.timeframe))
            if a.finding:
                extra.append("\nFinding it answers: ")
                extra.append_text(literal(a.finding))
            text = extra + Text("\n\n") + text
        return text

    @on(DataTable.RowSelected, "#actions")
    def _read(self, event: DataTable.RowSelected) -> None:
        a = self.current()
        if a is not None:
            self.app.push_screen(ReaderScreen(
                f"{a.ref} action {a.position + 1}", self.detail_text(a, full=True)))

    def on_resize(self) -> None:
        if self._fit(self.size.width) != (self._keys, self._action_width):
            self.apply_filters()

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

        self.app.push_screen(PickScreen(title, choices), chosen)

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
        try:
            with writing(kept=""):
                p.mark_started(self.app.store, a.id, not a.started)
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
            return
        self.reload(keep=a.id)
        self.notify("Marked started." if not a.started else "No longer marked started.")

    def action_mark_done(self) -> None:
        a = self.current()
        if a is None:
            return
        if a.completed_on:
            # Never overwrite a completion date by a stray key: reopening is its own key.
            self.notify(f"Already done on {a.completed_on}; D reopens it.")
            return
        try:
            with writing(kept=""):
                day = p.mark_done(self.app.store, a.id, p.today())
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
            return
        self.reload(keep=a.id)
        self.notify(f"Marked done on {day}. i adds evidence of its impact.")

    def action_reopen(self) -> None:
        a = self.current()
        if a is None or not a.completed_on:
            return
        try:
            with writing(kept=""):
                p.mark_done(self.app.store, a.id, "")
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
            return
        self.reload(keep=a.id)
        self.notify(f"Reopened; it had been marked done on {a.completed_on}.")

    def action_add_impact(self) -> None:
        a = self.current()
        if a is None:
            return
        store = self.app.store

        def save(what: str, how: str, when: str) -> int:
            return p.add_impact(store, a.id, what, how, when)

        def saved(result: object) -> None:
            if result is not None:
                self.reload(keep=a.id)
                self.notify("Evidence of impact saved.")

        self.app.push_screen(
            FieldsScreen(
                f"Evidence of impact for {a.ref} action {a.position + 1}",
                [
                    ("What changed", "for example: overnight incidents now reach schools", ""),
                    ("How it was measured", "for example: audit of 20 cases", ""),
                    ("When (date)", "2026-03-14 or 14/03/2026", p.today().isoformat()),
                ],
                save,
            ),
            saved,
        )


    async def _pick_impact(self, a: p.Action, verb: str) -> dict | None:
        if not a.impact:
            self.notify("No evidence of impact on this action yet; i adds it.")
            return None
        if len(a.impact) == 1:
            return a.impact[0]
        choice = await self.app.push_screen_wait(PickScreen(
            f"{verb} which evidence of impact?",
            [(i, f"{ev['observed_on']}  {clean(ev['what_changed'])}")
             for i, ev in enumerate(a.impact)],
        ))
        return None if choice is None else a.impact[int(choice)]

    @work(exclusive=True, group="impact")
    async def action_edit_impact(self) -> None:
        a = self.current()
        if a is None:
            return
        ev = await self._pick_impact(a, "Correct")
        if ev is None:
            return
        store = self.app.store

        def save(what: str, how: str, when: str) -> int:
            return p.update_impact(store, ev["id"], what, how, when)

        result = await self.app.push_screen_wait(FieldsScreen(
            f"Evidence of impact for {a.ref} action {a.position + 1}",
            [
                ("What changed", "", ev["what_changed"]),
                ("How it was measured", "", ev["how_measured"]),
                ("When (date)", "2026-03-14 or 14/03/2026", ev["observed_on"]),
            ],
            save,
        ))
        if result is not None:
            self.reload(keep=a.id)
            self.notify("Evidence of impact corrected.")

    @work(exclusive=True, group="impact")
    async def action_remove_impact(self) -> None:
        from .prep_forms import ConfirmModal

        a = self.current()
        if a is None:
            return
        ev = await self._pick_impact(a, "Remove")
        if ev is None:
            return
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
        self.reload(keep=a.id)
        self.notify("Evidence of impact removed.")


# --- themes ---------------------------------------------------------------------------------------


class ThemesPane(Vertical):
    BINDINGS = [
        Binding("n", "new_theme", "New theme", id="partnership.new_theme", group=THEME),
        Binding("e", "rename_theme", "Rename theme", id="partnership.rename_theme", group=THEME),
        Binding("delete", "delete_theme", "Delete theme", id="partnership.delete_theme",
                group=THEME, tooltip="Delete a theme no review carries"),
        Binding("t", "tag_review", "Tag a review", id="partnership.tag", group=TAG),
        Binding("u", "untag_review", "Untag review", id="partnership.untag", group=TAG),
        Binding("space", "select_review", "Select", id="partnership.select",
                tooltip="Select the review for a thematic review"),
        Binding("T", "thematic", "Thematic", id="partnership.thematic",
                tooltip="Start a thematic review from the selected reviews"),
        Binding("y", "toggle_period", "Period", id="partnership.period",
                tooltip="Count by quarter or by year"),
    ]

    def __init__(self) -> None:
        super().__init__(id="themes-pane")
        self.by = "quarter"
        self.counts: list[p.ThemeCount] = []
        self.periods: list[str] = []
        self.behind: list[dict] = []
        self.selected: set[str] = set()
        self.selected_theme: int | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="themes-body"):
            yield DataTable(id="themes", cursor_type="row", zebra_stripes=True)
            with Vertical(id="theme-side"):
                yield Static("", id="trend-caption", markup=False)
                yield Static("", id="trend", markup=False)
                yield Static("", id="trend-axis", markup=False)
                yield DataTable(id="theme-reviews", cursor_type="row", zebra_stripes=True)
                yield Static("", id="theme-finding", markup=False)

    def on_mount(self) -> None:
        t = self.query_one("#themes", DataTable)
        t.add_column("Theme", key="name")
        t.add_column("Reviews", key="count")
        r = self.query_one("#theme-reviews", DataTable)
        for label, key in (("Sel", "sel"), ("Review", "ref"), ("Date", "day"),
                           ("Family", "family"), ("Title", "title")):
            r.add_column(label, key=key)
        self.reload()

    def current_theme(self) -> p.ThemeCount | None:
        t = self.query_one("#themes", DataTable)
        if not t.row_count or not (0 <= t.cursor_row < len(self.counts)):
            return None
        return self.counts[t.cursor_row]

    def current_review(self) -> dict | None:
        r = self.query_one("#theme-reviews", DataTable)
        if not r.row_count or not (0 <= r.cursor_row < len(self.behind)):
            return None
        return self.behind[r.cursor_row]

    def reload(self, keep: int | None = None) -> None:
        if keep is None and self.current_theme():
            keep = self.current_theme().id
        self.counts, self.periods = p.theme_counts(self.app.store, by=self.by)
        t = self.query_one("#themes", DataTable)
        t.clear()
        for c in self.counts:
            t.add_row(short(c.name, 24), str(c.count), key=str(c.id))
        if keep is not None and any(c.id == keep for c in self.counts):
            t.move_cursor(row=t.get_row_index(str(keep)))
        self.show_theme()

    def show_theme(self) -> None:
        c = self.current_theme()
        caption = self.query_one("#trend-caption", Static)
        chart = self.query_one("#trend", Static)
        axis = self.query_one("#trend-axis", Static)
        if c is None:
            caption.update("No themes yet; n adds one.")
            chart.update("")
            axis.update("")
            self._fill_reviews([])
            return
        if c.id != self.selected_theme:
            self.selected = set()
            self.selected_theme = c.id
        values = [c.by_period.get(period, 0) for period in self.periods]
        title = Text()
        title.append_text(literal(c.name))
        title.append(f": {c.count} review{'s' if c.count != 1 else ''}")
        if values:
            peak = max(values)
            title.append(f" (peak {peak} in a {self.by})")
        caption.update(title)
        width = max(chart.size.width, 40)
        chart.update(trend_chart(values, self.periods, width) if values else "")
        if self.periods:
            shown = self.periods[-max(1, width // 4):]
            axis.update(f"{shown[0]} to {shown[-1]}, one column per {self.by}")
        else:
            axis.update("No review carries a theme yet; t tags one.")
        self._fill_reviews(p.reviews_with_theme(self.app.store, c.id))

    def _fill_reviews(self, rows: list[dict]) -> None:
        self.behind = rows
        r = self.query_one("#theme-reviews", DataTable)
        keep = r.cursor_row
        r.clear()
        for row in rows:
            r.add_row(
                "[x]" if row["ref"] in self.selected else "[ ]",
                row["ref"],
                row["day"],
                short(row["family_label"], 14),
                short(row["title"], 30),
                key=row["ref"],
            )
        if rows:
            r.move_cursor(row=min(keep, len(rows) - 1))
        self.show_finding()

    def show_finding(self) -> None:
        row = self.current_review()
        box = self.query_one("#theme-finding", Static)
        if row is None:
            box.update("")
            return
        findings = row["findings"]
        if not findings:
            box.update(literal(f"{row['ref']}: no findings written yet."))
            return
        text = Text(f"{row['ref']} findings ({len(findings)}): ")
        text.append_text(literal(" / ".join(findings)))
        width = box.content_region.width or 40
        box.update(clipped(text, width, max(1, box.content_region.height or 2),
                           "Enter reads them"))

    @on(DataTable.RowSelected, "#theme-reviews")
    def _read_findings(self, event: DataTable.RowSelected) -> None:
        row = self.current_review()
        if row is None:
            return
        text = Text()
        text.append_text(literal(f"{row['ref']} {row['title']}"))
        if row["family_label"]:
            text.append(" (")
            text.append_text(literal(row["family_label"]))
            text.append(")")
        for n, finding in enumerate(row["findings"], 1):
            text.append(f"\n\n{n}. ", style="bold")
            text.append_text(literal(finding, one_line=False))
        if not row["findings"]:
            text.append("\n\nNo findings written yet.")
        self.app.push_screen(ReaderScreen(f"Findings of {row['ref']}", text))

    @on(DataTable.RowHighlighted, "#themes")
    def _theme_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_theme()

    @on(DataTable.RowHighlighted, "#theme-reviews")
    def _review_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_finding()

    @on(DataTable.RowSelected, "#themes")
    def _theme_selected(self, event: DataTable.RowSelected) -> None:
        if self.behind:
            self.query_one("#theme-reviews", DataTable).focus()

    # -- actions ---------------------------------------------------------------------------------

    def action_new_theme(self) -> None:
        store = self.app.store

        def save(name: str) -> dict:
            return p.add_theme(store, name)

        def saved(theme: object) -> None:
            if theme:
                self.reload(keep=theme["id"])
                self.say(f"Theme ready: {theme['name']}")

        self.app.push_screen(
            FieldsScreen("New practice theme", [("Theme", "for example: bullying", "")], save),
            saved,
        )

    def action_rename_theme(self) -> None:
        c = self.current_theme()
        if c is None:
            return
        store = self.app.store

        def save(name: str) -> dict:
            return p.rename_theme(store, c.id, name)

        def saved(theme: object) -> None:
            if theme:
                self.reload(keep=theme["id"])
                merged = " (merged with the theme of that name)" if theme["id"] != c.id else ""
                self.say(f"Theme now called {theme['name']}{merged}.")

        self.app.push_screen(
            FieldsScreen("Rename theme (a name already used merges the two)",
                         [("Theme", "", c.name)], save),
            saved,
        )

    def action_delete_theme(self) -> None:
        c = self.current_theme()
        if c is None:
            return
        try:
            with writing(kept=""):
                gone = p.delete_theme(self.app.store, c.id)
        except InputRefused as e:
            self.say(e.message, severity="warning")
            return
        self.reload()
        self.say(f"Theme deleted: {gone['name']}")

    def action_tag_review(self) -> None:
        c = self.current_theme()
        if c is None:
            return
        from facilitation.reviews import list_reviews

        tagged = set(c.refs)
        reviews = list_reviews(self.app.store)
        if not reviews:
            self.notify("There are no reviews yet to tag.", severity="warning")
            return
        choices = [
            (r["ref"], f"{r['ref']}  {clean(r['title'])}")
            for r in reviews
            if r["ref"] not in tagged
        ]
        if not choices:
            self.notify("Every review already carries this theme.")
            return

        def chosen(ref: object) -> None:
            if ref:
                try:
                    with writing(kept=""):
                        p.tag_review(self.app.store, str(ref), c.id)
                except InputRefused as e:
                    self.say(e.message, severity="error")
                    return
                self.reload(keep=c.id)
                self.say(f"{ref} tagged: {c.name}")

        self.app.push_screen(PickScreen(f"Tag which review with {clean(c.name)}?", choices),
                             chosen)

    def action_untag_review(self) -> None:
        c, row = self.current_theme(), self.current_review()
        if c is None or row is None:
            return
        try:
            with writing(kept=""):
                p.untag_review(self.app.store, row["ref"], c.id)
        except InputRefused as e:
            self.say(e.message, severity="error")
            return
        self.selected.discard(row["ref"])
        self.reload(keep=c.id)
        self.say(f"{row['ref']} no longer tagged: {c.name}")

    def action_select_review(self) -> None:
        row = self.current_review()
        if row is None:
            return
        self.selected ^= {row["ref"]}
        r = self.query_one("#theme-reviews", DataTable)
        r.update_cell(row["ref"], "sel", "[x]" if row["ref"] in self.selected else "[ ]")
        r.action_cursor_down()

    def action_thematic(self) -> None:
        c = self.current_theme()
        if c is None:
            return
        if len(self.selected) < 2:
            self.notify("Select two or more reviews first (space), then T.", severity="warning")
            return
        try:
            with writing(kept=""):
                new = p.start_thematic_review(self.app.store, sorted(self.selected),
                                              theme_id=c.id)
        except InputRefused as e:
            self.say(e.message, severity="warning")
            return
        families = len(self.selected)
        self.selected = set()
        self.reload(keep=c.id)
        self.say(f"Started {new['ref']}, a thematic review of {families} families; their "
                 "findings are in its background.")

    def say(self, text: str, **options) -> None:
        """A notification that may hold what someone typed: shown exactly, never as markup
        (and always as a plain string, which is all a toast can draw)."""
        self.notify(clean(text), markup=False, **options)

    def action_toggle_period(self) -> None:
        self.by = "year" if self.by == "quarter" else "quarter"
        self.reload()


# --- dissemination ------------------------------------------------------------------------------


class DisseminationPane(Vertical):
    BINDINGS = [
        Binding("n", "new_entry", "Log dissemination", id="partnership.new_dissemination"),
        Binding("d", "mark_done", "Done today", id="partnership.dissemination_done"),
        Binding("e", "edit_entry", "Edit", group=ENTRY,
                tooltip="Correct the lead, dates or detail of an entry",
                id="partnership.edit_dissemination"),
        Binding("delete", "remove_entry", "Remove", group=ENTRY,
                tooltip="Remove an entry from the log (asks first)",
                id="partnership.remove_dissemination"),
    ]

    def __init__(self) -> None:
        super().__init__(id="dissemination-pane")
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="dissemination-summary", markup=False)
        yield DataTable(id="dissemination", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        t = self.query_one("#dissemination", DataTable)
        # Fixed widths (cells are cut to fit): a log that starts empty otherwise kept its columns
        # as narrow as their headings once the first entry was added ("LR-202", "Learni").
        for label, key, width in self.COLUMNS:
            t.add_column(label, key=key, width=width)
        self.reload()

    COLUMNS = (("Review", "ref", 11), ("Method", "method", 24), ("Lead", "lead", 14),
               ("Planned", "planned", 10), ("Done", "done", 10), ("Detail", "detail", 40))

    def reload(self, keep: int | None = None) -> None:
        self.rows = p.dissemination_log(self.app.store)
        t = self.query_one("#dissemination", DataTable)
        t.clear()
        for d in self.rows:
            t.add_row(short(d["ref"], 11), short(d["method"], 24), short(d["lead"], 14),
                      d["planned_on"] or "", d["done_on"] or "not yet",
                      short(d["detail"], 40), key=str(d["id"]))
        if keep is not None and any(d["id"] == keep for d in self.rows):
            t.move_cursor(row=t.get_row_index(str(keep)))
        done = sum(1 for d in self.rows if d["done_on"])
        self.query_one("#dissemination-summary", Static).update(
            f"{len(self.rows)} {'entry' if len(self.rows) == 1 else 'entries'}, {done} done. n logs how a review's learning was shared."
            if self.rows else
            "Nothing logged yet. n records how a review's learning was shared: "
            "a bulletin, training, supervision, a policy review…"
        )

    def current(self) -> dict | None:
        t = self.query_one("#dissemination", DataTable)
        if not t.row_count or not (0 <= t.cursor_row < len(self.rows)):
            return None
        return self.rows[t.cursor_row]

    @work(exclusive=True, group="dissemination")
    async def action_new_entry(self) -> None:
        from facilitation.reviews import list_reviews

        reviews = list_reviews(self.app.store)
        if not reviews:
            self.notify("There are no reviews yet.", severity="warning")
            return
        ref = await self.app.push_screen_wait(
            PickScreen("Whose learning was shared?",
                       [(r["ref"], f"{r['ref']}  {clean(r['title'])}") for r in reviews])
        )
        if not ref:
            return
        method = await self.app.push_screen_wait(
            PickScreen("How was it shared?", [(m, m) for m in DISSEMINATION_METHODS])
        )
        if not method:
            return
        store = self.app.store

        def save(lead: str, planned: str, done: str, detail: str) -> int:
            return p.add_dissemination(store, str(ref), str(method), lead=lead,
                                       planned_on=planned, done_on=done, detail=detail)

        entry = await self.app.push_screen_wait(
            FieldsScreen(
                f"{ref}: {method}",
                [("Lead (who)", "for example: partnership trainer", ""),
                 ("Planned for (date)", "2026-03-14 or 14/03/2026", ""),
                 ("Done on (date, blank if not yet)", "", ""),
                 ("Detail", "for example: spring bulletin, item 2", "")],
                save,
            )
        )
        if entry is not None:
            self.reload(keep=int(entry))
            self.notify("Dissemination logged.")

    def action_mark_done(self) -> None:
        d = self.current()
        if d is None:
            return
        try:
            with writing(kept=""):
                day = p.mark_disseminated(self.app.store, d["id"], p.today().isoformat())
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
            return
        self.reload(keep=d["id"])
        self.notify(f"Marked done on {day}.")


    def action_edit_entry(self) -> None:
        d = self.current()
        if d is None:
            return
        store = self.app.store

        def save(lead: str, planned: str, done: str, detail: str) -> int:
            return p.update_dissemination(store, d["id"], lead=lead, planned_on=planned,
                                          done_on=done, detail=detail)

        def saved(entry: object) -> None:
            if entry is not None:
                self.reload(keep=d["id"])
                self.notify("Dissemination entry corrected.")

        self.app.push_screen(
            FieldsScreen(
                f"{d['ref']}: {d['method']}",
                [("Lead (who)", "for example: partnership trainer", d["lead"] or ""),
                 ("Planned for (date)", "2026-03-14 or 14/03/2026", d["planned_on"] or ""),
                 ("Done on (date, blank if not yet)", "", d["done_on"] or ""),
                 ("Detail", "for example: spring bulletin, item 2", d["detail"] or "")],
                save,
            ),
            saved,
        )

    def action_remove_entry(self) -> None:
        from .prep_forms import ConfirmModal

        d = self.current()
        if d is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                with writing(kept=""):
                    p.delete_dissemination(self.app.store, d["id"])
            except InputRefused as e:
                self.notify(e.message, severity="warning", markup=False)
                return
            self.reload()
            self.notify("Dissemination entry removed.")

        when = d["done_on"] or d["planned_on"]
        self.app.push_screen(ConfirmModal(
            f"Remove {d['ref']}: {clean(d['method'])}" + (f" ({when})" if when else "")
            + " from the log?"), answered)


# --- the screen -----------------------------------------------------------------------------------


class PartnershipScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="partnership.back"),
        Binding("1", "tab('actions')", "Actions", id="partnership.tab_actions", group=TABS, show=False),
        Binding("2", "tab('themes')", "Themes", id="partnership.tab_themes", group=TABS, show=False),
        Binding("3", "tab('spread')", "Dissemination", id="partnership.tab_spread", group=TABS,
                show=False),
    ]

    def __init__(self, ref: str = ""):
        super().__init__()
        self.ref = ref  # opened from a review: its actions first (x shows every review's)

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="partnership-tabs", initial="tab-actions"):
            with TabPane("1 Action tracker", id="tab-actions"):
                yield ActionsPane()
            # Panes not shown first are mounted after the first frame (textual.lazy).
            with TabPane("2 Themes", id="tab-themes"):
                yield Lazy(ThemesPane())
            with TabPane("3 Dissemination", id="tab-spread"):
                yield Lazy(DisseminationPane())
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Learning and Improvement"
        if self.ref:
            pane = self.query_one(ActionsPane)
            pane.filters["review"] = self.ref
            pane.apply_filters()
        self.query_one("#actions", DataTable).focus()

    def action_tab(self, name: str) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = f"tab-{name}"
        target = {"actions": "#actions", "themes": "#themes", "spread": "#dissemination"}[name]
        for table in self.query(f"DataTable{target}"):
            table.focus()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if pane is not None and pane.id == "tab-themes":
            for themes in self.query(ThemesPane):
                themes.reload()
        for table in pane.query(DataTable) if pane is not None else []:
            table.focus()
            break

    def action_back(self) -> None:
        self.app.pop_screen()
