"""The outcome form's family and dissemination fields: how the family was involved or informed
(with any risks around publication), and the dissemination methods with who leads each and when
it is planned. Mixed into FormScreen, whose state() and _run() it uses."""

from __future__ import annotations

import datetime as _dt

from textual.binding import Binding
from textual.widgets import DataTable

from facilitation import outcome as oc
from facilitation.framework import DISSEMINATION_METHODS, FAMILY_INVOLVEMENT

from ...text import literal
from .dialogs import PickIndexScreen, PromptScreen


class DissTable(DataTable):
    BINDINGS = [
        Binding("a", "screen.add_dissemination", "Add method", id="form.diss_add",
                tooltip="Add a way of sharing with the family"),
        Binding("enter", "screen.edit_dissemination", "Edit", id="form.diss_edit",
                tooltip="Change who leads the highlighted method and when it is planned"),
        Binding("x", "screen.delete_dissemination", "Delete method", id="form.diss_delete",
                tooltip="Delete the chosen method"),
    ]


class FamilyMixin:
    """Family involvement and dissemination methods, for FormScreen."""

    def fill_diss(self, state: oc.FormState) -> None:
        """Method and Lead both in sight at 80 columns: a long method name is cut with an
        ellipsis (Enter shows it whole) rather than pushing Lead off to the right."""
        table = self.query_one("#diss", DissTable)
        table.clear()
        # the pane less 2 cells of padding a column and a scrollbar
        room = max(24, self.query_one("#editor-pane").content_size.width - 6)
        methods = [literal(r["method"]) for r in state.dissemination]
        leads = [literal(r["lead"]) for r in state.dissemination]
        method_need = max([len("Method")] + [t.cell_len for t in methods])
        lead_need = max([len("Lead")] + [t.cell_len for t in leads])
        lead_w = min(lead_need, room - min(method_need, 16))  # the lead whole if it can be
        for r, method, lead in zip(state.dissemination, methods, leads):
            method.truncate(room - lead_w, overflow="ellipsis")
            lead.truncate(lead_w, overflow="ellipsis")
            table.add_row(method, lead, key=str(r["id"]))
        self._diss_ids = [r["id"] for r in state.dissemination]

    def action_family(self) -> None:
        self.settle()
        review = self.state().review
        current = review["family_involvement"]

        def picked(index: int | None) -> None:
            if index is None:
                return
            decision = FAMILY_INVOLVEMENT[index]

            def done(values: dict) -> bool:
                return self._run(oc.set_family_involvement, decision, values["detail"],
                                 values["risks"], ok="Family involvement recorded.")

            self.app.push_screen(
                PromptScreen(f"Family: {decision}", [
                    ("detail", "How, and what the family said or was told",
                     review["family_involvement_detail"]),
                    ("risks", "Risks around publication or involving the family",
                     review["publication_risks"]),
                ], submit=done))

        self.app.push_screen(
            PickIndexScreen("How was the family involved or informed?", list(FAMILY_INVOLVEMENT),
                            FAMILY_INVOLVEMENT.index(current) if current in FAMILY_INVOLVEMENT
                            else 0),
            picked)

    def action_add_dissemination(self) -> None:
        def picked(index: int | None) -> None:
            if index is None:
                return
            method = DISSEMINATION_METHODS[index]
            self._method_prompt(method, "", "", lambda lead, planned: self._run(
                oc.add_dissemination, method, lead, planned))

        self.app.push_screen(PickIndexScreen("Dissemination method",
                                             list(DISSEMINATION_METHODS)), picked)

    def action_edit_dissemination(self) -> None:
        table = self.query_one("#diss", DissTable)
        rows = self.state().dissemination
        if not rows:
            self.notify("No methods yet: press a to add one.", markup=False)
            return
        row = rows[min(table.cursor_row, len(rows) - 1)]
        planned = ""
        if row["planned_on"]:
            planned = _dt.date.fromisoformat(row["planned_on"]).strftime("%d/%m/%Y")

        self._method_prompt(row["method"], row["lead"], planned, lambda lead, when: self._run(
            oc.update_dissemination, row["id"], lead, when, ok="Method updated."))

    def _method_prompt(self, method: str, lead: str, planned: str, save) -> None:
        """Who leads a dissemination method and when it is planned; ``save(lead, planned)``
        gets the planned date as typed, or None when it was left blank."""
        self.app.push_screen(
            PromptScreen(method, [("lead", "Who leads it (role or agency)", lead),
                                  ("planned", "Planned for (dd/mm/yyyy, optional)", planned)],
                         submit=lambda v: save(v["lead"], v["planned"] or None)))

    def action_delete_dissemination(self) -> None:
        table = self.query_one("#diss", DissTable)
        ids = getattr(self, "_diss_ids", [])
        if ids:
            self._run(oc.delete_dissemination, ids[table.cursor_row], ok="Method removed.")
