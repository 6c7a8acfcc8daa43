"""Which tabs a review has (by its methodology) and how wide each table's columns are drawn, and
the table widget that knows which pane it shows.
"""

from __future__ import annotations

from typing import Any

from facilitation.framework import FAMILY_AREAS

from ...widgets.literal_table import LiteralTable, literal_cell

from .agencies import AgenciesPane, ChronologyPane
from .agenda import AgendaPane, HypothesesPane, InviteesPane, QuestionsPane, RulesPane
from .details import DetailsPane, FamilyPane, KloePane
from .method import method_panes
from .panes import Pane
from .process import ProceedingsPane, ProcessPane


FAMILY_AREAS_TEXT = "Areas to explore with the family:\n" + "\n".join(
    f"- {a}" for a in FAMILY_AREAS
)


def tabs_for(methodology: str) -> list[tuple[str, str, list[Pane], str]]:
    """(tab id, tab label, panes, extra text) for a review of this methodology."""
    tabs: list[tuple[str, str, list[Pane], str]] = [
        ("tab-details", "Details", [DetailsPane(methodology), KloePane()], ""),
        ("tab-agencies", "Agencies", [AgenciesPane(), ChronologyPane()], ""),
    ]
    if methodology == "practitioner":
        tabs += [
            ("tab-agenda", "Agenda", [AgendaPane()], ""),
            ("tab-rules", "Rules", [RulesPane()], ""),
            ("tab-questions", "Questions", [QuestionsPane()], ""),
            ("tab-hypotheses", "Hypotheses", [HypothesesPane()], ""),
            ("tab-invitees", "Invitees", [InviteesPane()], ""),
        ]
    for tab_id, label, panes in method_panes(methodology):
        tabs.append((tab_id, label, panes, ""))
    if methodology == "thematic":
        # A panel event or a practitioner and manager event is run on the live event screen.
        tabs.append(("tab-agenda", "Agenda", [AgendaPane()], ""))
    tabs.append(("tab-process", "Process", [ProcessPane(), ProceedingsPane()], ""))
    tabs.append(("tab-family", "Family", [FamilyPane()], FAMILY_AREAS_TEXT))
    return tabs


def _cell_width(value: Any) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in str(literal_cell(value)).split("\n")), default=0)


def column_widths(pane: Pane, rows: list[tuple[Any, list[Any]]], width: int) -> list[int]:
    """The width of each of the pane's columns on a screen ``width`` cells wide.

    Columns that do not wrap are as wide as their widest cell (or heading). Wrapping columns
    take what they need, at most a fair share of what is left (each column also takes two cells
    of padding, and the scrollbar two), and at least 8; if even that does not fit, the table
    scrolls sideways.
    """
    n = len(pane.columns)
    widths = [_cell_width(c) for c in pane.columns]
    for _, cells in rows:
        for i, cell in enumerate(cells[:n]):
            widths[i] = max(widths[i], _cell_width(cell))
    if pane.wrap:
        fixed = sum(w for i, w in enumerate(widths) if i not in pane.wrap)
        left = width - fixed - 2 * n - 4
        # Narrow wrapping columns take only what they need; the wide ones share the rest.
        todo = sorted(pane.wrap, key=lambda i: widths[i])
        for k, i in enumerate(todo):
            share = max(8, left // (len(todo) - k))
            widths[i] = max(min(widths[i], share), min(8, widths[i]))
            left -= widths[i]
        # A single wrapping column of long text fills the line even when its text is short.
        if len(pane.wrap) == 1 and left > 0:
            widths[pane.wrap[0]] += left
    return widths


class PaneTable(LiteralTable):
    """A table that knows which pane it shows (its cells literal text)."""

    def __init__(self, pane: Pane):
        super().__init__(id=f"table-{pane.key}", cursor_type="row", zebra_stripes=True,
                         classes="prep-table")
        self.pane = pane
