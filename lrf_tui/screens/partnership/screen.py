"""The Learning and Improvement screen: three tabs (the action tracker, themes, dissemination)
switched with 1, 2 and 3. Opened from a review, it shows that review's actions first."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widgets import DataTable, Header, TabbedContent, TabPane

from ...messages import DisseminationLogged, FormSaved, RefreshesOnChange, ReviewChanged
from ...widgets.footer import LrfFooter, keys_drawn
from .actions import ActionsPane
from .dissemination import DisseminationPane
from .themes import ThemesPane

TABS = Binding.Group("Tab", compact=True)


class AfterFooter(Lazy):
    """A pane not shown first, mounted once the first frame *and* the Footer's keys are on
    the screen. Lazy alone mounts it right after the first frame, ahead of the Footer, which
    fills in its keys only after a frame: the themes' pane (a few hundred milliseconds of
    tables and wrapped text at 2,000 actions) then held back the footer the chair reads."""

    WAIT_FRAMES = 30  # a footer that never gets keys (the terminal has no focus) stops waiting

    async def mount_composed_widgets(self, widgets) -> None:
        self._waited = 0
        self.call_after_refresh(self._when_footer_drawn, widgets)

    async def _when_footer_drawn(self, widgets) -> None:
        if not self.is_attached or self.screen not in self.app.screen_stack:
            # The view was closed before its footer was drawn (Esc, then l again): this call
            # was handed to whichever screen is current; there is nothing left to mount into.
            return
        self._waited += 1
        if not keys_drawn(self.screen) and self._waited < self.WAIT_FRAMES:
            self.call_after_refresh(self._when_footer_drawn, widgets)
            return
        await super().mount_composed_widgets(widgets)  # after one more frame: the keys drawn


class PartnershipScreen(RefreshesOnChange, Screen):
    # Actions come from the forms, themes from the reviews, the log from both: a change made
    # on another screen is drawn when this one is shown again.
    REFRESH_ON = (FormSaved, ReviewChanged, DisseminationLogged)

    BINDINGS = [
        # First in the footer: at 80 columns the later keys are cut off, and this lists them.
        Binding("f1", "app.help", "Keys", id="partnership.keys",
                tooltip="List every key of this screen"),
        Binding("escape", "back", "Back", id="partnership.back", tooltip="Back to the reviews"),
        Binding("1", "tab('actions')", "Actions", id="partnership.tab_actions",
                tooltip="Show the actions", group=TABS, show=False),
        Binding("2", "tab('themes')", "Themes", id="partnership.tab_themes",
                tooltip="Show the themes", group=TABS, show=False),
        Binding("3", "tab('spread')", "Dissemination", id="partnership.tab_spread",
                tooltip="Show the dissemination log", group=TABS,
                show=False),
    ]

    AUTO_FOCUS = "#actions"  # as the screen is composed, before its footer is built

    def __init__(self, ref: str = ""):
        super().__init__()
        self.ref = ref  # opened from a review: its actions first (x shows every review's)

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="partnership-tabs", initial="tab-actions"):
            with TabPane("1 Action tracker", id="tab-actions"):
                yield ActionsPane()
            # Panes not shown first are mounted after the first frame (textual.lazy), footer and all.
            with TabPane("2 Themes", id="tab-themes"):
                yield AfterFooter(ThemesPane())
            with TabPane("3 Dissemination", id="tab-spread"):
                yield AfterFooter(DisseminationPane())

    def on_mount(self) -> None:
        self.sub_title = "Learning and Improvement"
        if self.ref:
            pane = self.query_one(ActionsPane)
            pane.filters["review"] = self.ref
            pane.apply_filters()
        # The footer comes once the table has the focus, so that its first build shows the
        # table's keys in the view's first frame (built before, it waited for the focus and
        # reached the screen several frames after the table).
        self.mount(LrfFooter())

    _shown_before = False

    def _on_screen_resume(self, event) -> None:
        # Shown for the first time: every widget was styled as it was mounted, a moment ago.
        # Textual styles the whole screen again as it is first shown (a sixth of the view's
        # opening); shown again later, it does (the theme may have changed meanwhile).
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False

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

    def refresh_from_store(self) -> None:
        for pane in self.query("ActionsPane, ThemesPane, DisseminationPane"):
            pane.reload()

    def action_back(self) -> None:
        self.app.pop_screen()
