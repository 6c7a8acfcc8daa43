"""The panes of a practitioner event's preparation: ground rules, the agenda (with its start
times and timing), the questions for exploration, the hypotheses and the invitees. The agenda
pane also serves the other methodologies' Agenda tab.
"""

from __future__ import annotations

from facilitation import preparation as prep
from facilitation.framework import (
    ATTENDANCE,
    HYPOTHESIS_STATUSES,
    LEVELS,
    PROMPT_AREA_BY_KEY,
    PROMPT_AREAS,
)
from facilitation.reviews import children

from ...dialogs import Field
from .panes import ListPane, TextListPane, _short, _yes


class RulesPane(TextListPane):
    key, title, table, columns = "rules", "Ground rules", "ground_rules", ("Ground rule",)
    label = "Ground rule"
    resettable = True

    def summary(self, s):
        return "Ground rules, read out at the start (r: the framework's defaults)"


class AgendaPane(ListPane):
    key, title, table = "agenda", "Agenda", "agenda_items"
    columns = ("Start", "Item", "Min", "Prompt area")
    resettable = True
    wrap = (1,)

    def rows(self, s):
        items = self.items(s)
        times = prep.start_times(items, s.review["event_start"])
        return [
            (
                i["id"],
                [
                    t or "-",
                    i["title"],
                    str(i["minutes"]),
                    PROMPT_AREA_BY_KEY[i["prompt_area"]].label if i["prompt_area"] else "",
                ],
            )
            for t, i in zip(times, items)
        ]

    def fields(self, s, item):
        item = item or {"title": "", "minutes": 10, "prompt_area": None}
        return [
            Field("title", "Item", "input", item["title"]),
            Field("minutes", "Minutes", "input", item["minutes"]),
            Field("prompt_area", "Prompt area (optional)", "select", item["prompt_area"],
                  [(p.label, p.key) for p in PROMPT_AREAS], allow_blank=True),
        ]

    def summary(self, s):
        timing = prep.agenda_timing(self.items(s), s.review)
        kind = "appreciative" if s.review["appreciative"] else "standard"
        return f"{timing.summary()} ({kind}; r default, i appreciative)"


class QuestionsPane(ListPane):
    key, title, table = "questions", "Questions for exploration", "questions"
    columns = ("Question", "Tied to")
    wrap = (0,)

    def cells(self, s, i):
        kloes = {k["id"]: k["text"] for k in children(s.store, "kloes", s.review["id"])}
        if i["prompt_area"]:
            tied = PROMPT_AREA_BY_KEY[i["prompt_area"]].label
        else:
            tied = "KLOE: " + _short(kloes.get(i["kloe_id"], ""), 30)
        return [_short(i["text"], 400), tied]

    def fields(self, s, item):
        item = item or {"text": "", "prompt_area": None, "kloe_id": None}
        kloes = children(s.store, "kloes", s.review["id"])
        return [
            Field("text", "Question", "text", item["text"]),
            Field("prompt_area", "Prompt area", "select", item["prompt_area"],
                  [(p.label, p.key) for p in PROMPT_AREAS], allow_blank=True),
            Field("kloe_id", "Or a key line of enquiry", "select", item["kloe_id"],
                  [(_short(k["text"], 50), k["id"]) for k in kloes], allow_blank=True,
                  hint="Tie each question to a prompt area or a key line of enquiry."),
        ]


class HypothesesPane(ListPane):
    key, title, table, order = "hypotheses", "Hypotheses", "hypotheses", "number"
    columns = ("No.", "Hypothesis", "Status")
    wrap = (1,)

    def cells(self, s, i):
        return [str(i["number"]), _short(i["text"], 400), i["status"]]

    def fields(self, s, item):
        number = item["number"] if item else prep.next_hypothesis_number(s.store, s.review["id"])
        item = item or {"text": "", "status": "open"}
        return [
            Field("number", "Number", "input", number),
            Field("text", "Hypothesis", "text", item["text"]),
            Field("status", "Status", "select", item["status"],
                  [(x, x) for x in HYPOTHESIS_STATUSES]),
        ]


class InviteesPane(ListPane):
    key, title, table, order = "invitees", "Invitees", "participants", "id"
    # Agency and role share a column, and the words wrap, so attendance stays on an 80-column
    # screen.
    columns = ("Name", "Agency, role", "Level", "Invited", "Agenda", "Talk", "Attendance")
    wrap = (0, 1, 2, 6)

    def cells(self, s, i):
        where = ", ".join(x for x in (i["agency"].strip(), i["role"].strip()) if x)
        return [i["name"], where, i["level"],
                _yes(i["invited"]), _yes(i["agenda_sent"]), _yes(i["offered_conversation"]),
                i["attendance"]]

    def fields(self, s, item):
        item = item or {"name": "", "agency": "", "role": "", "level": "frontline",
                        "invited": 0, "agenda_sent": 0, "offered_conversation": 0,
                        "attendance": "invited"}
        return [
            Field("name", "Name", "input", item["name"]),
            Field("agency", "Agency", "input", item["agency"]),
            Field("role", "Role", "input", item["role"]),
            Field("level", "Level", "select", item["level"], [(x, x) for x in LEVELS]),
            Field("invited", "Invited", "check", item["invited"]),
            Field("agenda_sent", "Agenda and questions sent", "check", item["agenda_sent"]),
            Field("offered_conversation", "Offered a conversation with the chair beforehand",
                  "check", item["offered_conversation"]),
            Field("attendance", "Attendance", "select", item["attendance"],
                  [(x, x) for x in ATTENDANCE]),
        ]

    def summary(self, s):
        rows = self.items(s)
        managers = sum(1 for r in rows if r["level"] != "frontline")
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        return (f"{n(len(rows), 'invitee')}: {n(managers, 'manager')}, "
                f"{len(rows) - managers} frontline; "
                f"{sum(r['invited'] for r in rows)} invited; "
                f"{sum(r['agenda_sent'] for r in rows)} sent the agenda")
