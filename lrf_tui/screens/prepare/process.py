"""The Process tab every review has: its method (and changing it, with a reason), the group's
agreement of scope and key lines of enquiry, the agencies' briefing, the rapid review it follows
with its 15-working-day deadline, and any parallel criminal or care proceedings with their
effect on the review (``facilitation.process``).
"""

from __future__ import annotations

from facilitation import process
from facilitation.framework import METHODOLOGIES, METHODOLOGY_BY_KEY

from ...dialogs import Field
from .details import DATE_HINT, LABELS, FieldsPane
from .panes import ListPane

PROCESS_LABELS = {
    **LABELS,
    "methodology": "Method",
    "scope_agreed": "Scope/KLOEs agreed",
    "briefing_date": "Agency briefing",
    "briefing_who": "Briefing attended by",
}
PROCESS_HINTS = {
    "scope_agreed": "The date the Learning and Improvement group agreed the scope and key lines "
                    "of enquiry, before any information gathering. " + DATE_HINT,
    "briefing_date": "Optional: a briefing so agencies are clear what is asked, before the "
                     "information-gathering deadline. " + DATE_HINT,
    "briefing_who": "Which agencies (roles, not names) came to the briefing.",
}


class ProcessPane(FieldsPane):
    """The method (enter changes it, with a reason) and the steps every method shares before
    information gathering."""

    key, title = "process", "The review's process"
    names = ("methodology", "scope_agreed", "briefing_date", "briefing_who")

    def labels(self, s):
        return PROCESS_LABELS

    def rows(self, s):
        r = s.review
        out = []
        for name in self.names:
            if name == "methodology":
                shown = METHODOLOGY_BY_KEY[r["methodology"]].name + " (enter changes it)"
            else:
                shown = " ".join(str(r[name] or "").split())
            out.append((name, [PROCESS_LABELS[name], shown]))
        return out

    def fields(self, s, item):
        name = item["name"]
        if name == "methodology":
            return [
                Field("methodology", "Change the method to", "select", s.review["methodology"],
                      [(m.name, m.key) for m in METHODOLOGIES]),
                Field("reason", "Why (kept in the review's history)", "text", "",
                      hint="Everything gathered so far is kept."),
            ]
        fields = super().fields(s, item)
        fields[0].hint = PROCESS_HINTS.get(name, fields[0].hint)
        return fields

    def save(self, s, values, item_id):
        if item_id == "methodology":
            process.change_methodology(s.store, s.ref, values.get("methodology"),
                                       values.get("reason"))
            return item_id
        return super().save(s, values, item_id)

    def summary(self, s):
        log = process.review_log(s.store, s.review["id"])
        return f"{self.title} · method changed {len(log)}x" if log else self.title


class ProceedingsPane(ListPane):
    key, title, table, order = "proceedings", "Parallel proceedings", "proceedings", "id"
    columns = ("Kind", "Court", "Status", "Effect on the review")
    wrap = (1, 2)

    def cells(self, s, i):
        return [i["kind"], i["court"] or "-", i["status"], i["effect"]]

    def fields(self, s, item):
        item = item or {"kind": "criminal", "court": "", "status": "", "effect": "none",
                        "detail": ""}
        return [
            Field("kind", "Kind of proceedings", "select", item["kind"],
                  [(k, k) for k in process.PROCEEDING_KINDS]),
            Field("court", "Court", "input", item["court"]),
            Field("status", "Status (such as: trial listed for June)", "input", item["status"]),
            Field("effect", "Effect on the review", "select", item["effect"],
                  [(e, e) for e in process.PROCEEDING_EFFECTS],
                  hint="Publication held: the publication export is refused until this changes."),
            Field("detail", "What is delayed, and anything else to note", "text", item["detail"]),
        ]

    def summary(self, s):
        line = process.proceedings_line(s.store, s.review["id"])
        return f"{self.title} · {line}" if line else self.title
