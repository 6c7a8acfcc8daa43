"""The Recommendations field of the outcome form: its table (Action, Person Responsible,
Timeframe, each row SMART-checked against the findings), candidates drafted from action notes
that become real rows once edited, and the keys that add, edit, delete and move an action
between not started, started and done. Mixed into FormScreen, whose store, state() and _run()
it uses."""

from __future__ import annotations

import sqlite3

from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitation import outcome as oc

from ...text import literal
from .dialogs import PickIndexScreen, PromptScreen


class RecTable(DataTable):
    BINDINGS = [
        Binding("a", "screen.add_rec", "Add", id="form.rec_add",
                tooltip="Add a recommendation"),
        Binding("enter", "screen.edit_rec", "Edit", id="form.rec_edit",
                tooltip="Edit the highlighted recommendation"),
        Binding("x", "screen.delete_rec", "Delete", id="form.rec_delete",
                tooltip="Delete the highlighted recommendation (asks first)"),
        Binding("p", "screen.rec_progress", "Progress", id="form.rec_progress",
                tooltip="Progress of the highlighted action: not started, started or done"),
    ]


def _short(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _progress(rec: dict) -> str:
    if rec.get("completed_on"):
        return f"done on {oc.long_date(rec['completed_on'])}"
    return "started" if rec.get("started") else "not started"


class RecommendationsMixin:
    """The recommendations table and its keys, for FormScreen."""

    def rec_widths(self) -> tuple[int, int, int]:
        """Action, Person Responsible and Timeframe widths that fit the pane (the other
        columns take 3 and 10 cells, and every column 2 of padding). Person and Timeframe are
        0 when they would not fit beside the field list: the table shows them once in use."""
        pane = self.app.size.width - 2 - 1  # the pane's padding, and room for a scrollbar
        if not self.has_class("recs-wide"):
            pane -= self.label_width() + 4  # the field list and its border
        room = pane - 5 * 2 - 3 - 10
        if room < 30:
            return max(pane - 3 * 2 - 3 - 10, 10), 0, 0
        action = room * 45 // 100
        person = room * 30 // 100
        return action, person, room - action - person

    def fill_recs(self, state: oc.FormState) -> None:
        table = self.query_one("#recs", RecTable)
        row = table.cursor_row
        action_w, person_w, time_w = self.rec_widths()
        table.clear(columns=True)
        table.add_column("No.", width=3)
        table.add_column("SMART", width=10)
        table.add_column("Action", width=action_w)
        if person_w:
            table.add_column("Person Responsible" if person_w >= 18 else "Person",
                             width=person_w)
            table.add_column("Timeframe", width=time_w)
        findings = state.field("findings").body + "\n" + state.field("do_better").body
        self._advice = []
        for i, r in enumerate(state.recommendations, start=1):
            advice = oc.smart_advice(r, findings)
            self._advice.append(advice)
            check = f"{len(advice)} to check" if advice else "ok"
            cells = [str(i), "candidate" if oc.is_candidate(r) else check,
                     literal(_short(r["action"], action_w))]
            if person_w:
                cells += [literal(_short(r["person_responsible"], person_w)),
                          literal(_short(r["timeframe"], time_w))]
            table.add_row(*cells,
                          key=str(r["id"] if r["id"] is not None else f"d{i}"))
        self._rec_ids = [r["id"] for r in state.recommendations]
        self._recs = state.recommendations
        if state.recommendations:
            table.move_cursor(row=min(row, len(state.recommendations) - 1))
        # New columns change the table's height (auto): lay the pane out again once they are
        # measured, or a table first shown with new columns stays 0 lines tall.
        self.call_after_refresh(table.refresh, layout=True)
        self.show_advice()

    def show_advice(self) -> None:
        table = self.query_one("#recs", RecTable)
        advice = getattr(self, "_advice", [])
        if not advice:
            text = "No recommendations yet: press a to add one (or F2 to draft from notes)."
        else:
            row = min(table.cursor_row, len(advice) - 1)
            items = advice[row]
            rec = self._recs[row]
            text = (f"{row + 1}. {rec['action']}\n"
                    f"Person responsible: {rec['person_responsible'] or '(none)'}. "
                    f"Timeframe: {rec['timeframe'] or '(none)'}."
                    + (f" Answers: {rec['finding']}." if rec.get("finding") else "")
                    + ("\nCandidate drafted from an action note, not yet agreed: Enter to check "
                       "it; saving it agrees it." if oc.is_candidate(rec) else "")
                    + (f"\nProgress: {_progress(rec)} (p to change)." if rec.get("id") else "")
                    + "\nSMART check: "
                    + (" ".join(items) if items else "looks specific, owned and timed."))
        self.query_one("#advice", Static).update(literal(text, one_line=False))

    def _rec_prompt(self, title: str, rec: dict, done) -> None:
        hint = ("A candidate drafted from an action note: saving it agrees it as a "
                "recommendation; Esc leaves it a candidate." if oc.is_candidate(rec) else "")
        self.app.push_screen(
            PromptScreen(title, [
                ("action", "Action", rec.get("action") or ""),
                ("person_responsible", "Person responsible (role or agency)",
                 rec.get("person_responsible") or ""),
                ("timeframe", "Timeframe (a date or period)", rec.get("timeframe") or ""),
                ("finding", "Finding it answers", rec.get("finding") or ""),
            ], hint=hint, submit=done))

    def _materialise_drafts(self) -> bool:
        """Candidate rows shown from notes become real rows before they are edited."""
        if any(i is None for i in getattr(self, "_rec_ids", [])):
            try:
                oc.draft_recommendations(self.store, self.ref)
            except sqlite3.Error as e:
                self.db_error(e)
                return False
            self.refresh_list()  # the form the screen shows now has these rows
            self.fill_recs(self.view.state)
        return True

    def action_add_rec(self) -> None:
        def done(values: dict) -> bool:
            if not self._materialise_drafts():
                return False
            return self._run(oc.add_recommendation, values["action"],
                             values["person_responsible"], values["timeframe"],
                             values["finding"], ok="Recommendation added.")

        self._rec_prompt("New recommendation", {}, done)

    def action_edit_rec(self) -> None:
        if not self._materialise_drafts():
            return
        state = self.state()
        table = self.query_one("#recs", RecTable)
        if not state.recommendations:
            return
        row = table.cursor_row
        rec = state.recommendations[row]

        def done(values: dict) -> bool:
            return self._run(oc.update_recommendation, rec["id"], **values,
                             ok=f"Recommendation {row + 1} agreed." if oc.is_candidate(rec)
                             else "")

        self._rec_prompt(f"Recommendation {table.cursor_row + 1}", rec, done)

    def _rec_under_cursor(self) -> tuple[int, int] | None:
        """(row, recommendation id) of the row under the cursor, drafts made real first."""
        if not self._materialise_drafts():
            return None
        ids = getattr(self, "_rec_ids", [])
        if not ids:
            return None
        row = self.query_one("#recs", RecTable).cursor_row
        return row, ids[row]

    def action_rec_progress(self) -> None:
        from facilitation import partnership as pt

        picked_row = self._rec_under_cursor()
        if picked_row is None:
            return
        row, rec_id = picked_row

        def set_to(progress: str, on: str = "") -> bool:
            return self._run(lambda store, _ref: pt.set_progress(store, rec_id, progress, on),
                             ok=f"Action {row + 1}: {progress}.")

        def picked(index: int | None) -> None:
            if index is None:
                return
            progress = pt.PROGRESS[index]
            if progress != "done":
                set_to(progress)
                return
            self.app.push_screen(PromptScreen(
                f"Action {row + 1} done", [("on", "Done on (dd/mm/yyyy)", self.default_day())],
                submit=lambda v: set_to("done", v["on"])))

        self.app.push_screen(PickIndexScreen(f"Progress of action {row + 1}",
                                             [p.capitalize() for p in pt.PROGRESS]), picked)

    def action_delete_rec(self) -> None:
        picked_row = self._rec_under_cursor()
        if picked_row is None:
            return
        row, rec_id = picked_row

        def picked(index: int | None) -> None:
            if index == 1:
                self._run(oc.delete_recommendation, rec_id, ok="Recommendation deleted.")

        self.app.push_screen(PickIndexScreen(f"Delete recommendation {row + 1}?",
                                             ["No, keep it", "Yes, delete it"]), picked)
