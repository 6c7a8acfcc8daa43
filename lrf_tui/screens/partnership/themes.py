"""The themes tab: practice themes counted across reviews, the trend per quarter (or year) as a
chart, the reviews and findings behind each count, tagging reviews, and starting a thematic
review from reviews selected there."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from facilitation import partnership as p
from facilitation.errors import InputRefused

from ...messages import ReviewChanged
from ...text import clean, literal
from ...widgets.literal_table import LiteralTable
from ...writes import writing
from .dialogs import FieldsScreen, PickValueScreen, ReaderScreen
from .drawing import clipped, short, trend_chart

THEME = Binding.Group("Theme")
TAG = Binding.Group("Tag/untag", compact=True)


class ThemesPane(Vertical):
    BINDINGS = [
        Binding("n", "new_theme", "New theme", id="partnership.new_theme",
                tooltip="Add a theme", group=THEME),
        Binding("e", "rename_theme", "Rename theme", id="partnership.rename_theme",
                tooltip="Rename the chosen theme", group=THEME),
        Binding("delete", "delete_theme", "Delete theme", id="partnership.delete_theme",
                group=THEME, tooltip="Delete a theme no review carries"),
        Binding("t", "tag_review", "Tag a review", id="partnership.tag",
                tooltip="Tag a review with the theme", group=TAG),
        Binding("u", "untag_review", "Untag review", id="partnership.untag",
                tooltip="Untag a review from the theme", group=TAG),
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
            yield LiteralTable(id="themes", cursor_type="row", zebra_stripes=True)
            with Vertical(id="theme-side"):
                yield Static("", id="trend-caption", markup=False)
                yield Static("", id="trend", markup=False)
                yield Static("", id="trend-axis", markup=False)
                yield LiteralTable(id="theme-reviews", cursor_type="row", zebra_stripes=True)
                yield Static("", id="theme-finding", markup=False)

    def on_mount(self) -> None:
        t = self.query_one("#themes", LiteralTable)
        t.add_column("Theme", key="name")
        t.add_column("Reviews", key="count")
        r = self.query_one("#theme-reviews", LiteralTable)
        for label, key in (("Sel", "sel"), ("Review", "ref"), ("Date", "day"),
                           ("Family", "family"), ("Title", "title")):
            r.add_column(label, key=key)
        self.reload()

    def current_theme(self) -> p.ThemeCount | None:
        t = self.query_one("#themes", LiteralTable)
        if not t.row_count or not (0 <= t.cursor_row < len(self.counts)):
            return None
        return self.counts[t.cursor_row]

    def current_review(self) -> dict | None:
        r = self.query_one("#theme-reviews", LiteralTable)
        if not r.row_count or not (0 <= r.cursor_row < len(self.behind)):
            return None
        return self.behind[r.cursor_row]

    def reload(self, keep: int | None = None) -> None:
        if keep is None and self.current_theme():
            keep = self.current_theme().id
        self.counts, self.periods = p.theme_counts(self.app.store, by=self.by)
        t = self.query_one("#themes", LiteralTable)
        with t.keeping_cursor(key=keep):
            t.clear()
            for c in self.counts:
                t.add_row(short(c.name, 24), c.count, key=str(c.id))
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
        r = self.query_one("#theme-reviews", LiteralTable)
        with r.keeping_cursor():
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
            self.query_one("#theme-reviews", LiteralTable).focus()

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

        self.app.push_screen(PickValueScreen(f"Tag which review with {clean(c.name)}?", choices),
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
        r = self.query_one("#theme-reviews", LiteralTable)
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
        self.app.announce(ReviewChanged, new["ref"])
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
