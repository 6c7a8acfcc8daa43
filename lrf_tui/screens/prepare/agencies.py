"""The Agencies tab's panes: the agencies with their information requests and returns (overdue
ones marked while information is being gathered; after the event a missing one is "not in"), and the chronology of key practice episodes built from those returns.
"""

from __future__ import annotations


from facilitation import clock as _clock
from facilitation import stages

from ...dialogs import Field
from .panes import ListPane


class AgenciesPane(ListPane):
    key, title, table, order = "agencies", "Agencies and information requests", "agencies", "name"
    columns = ("Agency", "Sent", "Due", "Received", "Return")
    wrap = (0,)

    def rows(self, s):
        # The review's stage, read once for all its agencies (a missing return after the event
        # is "not in", not overdue).
        self._facts = stages.review_facts(s.store, s.review)
        return super().rows(s)

    def cells(self, s, i):
        # Short names for the three asks, so the column fits beside the dates at 80 columns.
        answered = [label for k, label in (("good_practice", "good"),
                                           ("do_differently", "diff"),
                                           ("unexpected", "unexp")) if i[k].strip()]
        facts = getattr(self, "_facts", None) or stages.review_facts(s.store, s.review)
        state = stages.agency_return(i, facts, s.today or _clock.today())
        received = {"received": i["request_received"], "overdue": "OVERDUE",
                    "not received": "not in"}.get(state, "-")
        name = i["name"] + (" (out of county)" if i["out_of_county"] else "")
        return [name, i["request_sent"] or "-", i["request_due"] or "-", received,
                f"{len(answered)} of 3"
                + (f" ({', '.join(answered)})" if 0 < len(answered) < 3 else "")]

    def fields(self, s, item):
        item = item or {k: "" for k in ("name", "request_sent", "request_due",
                                        "request_received", "good_practice",
                                        "do_differently", "unexpected", "out_of_county")}
        return [
            Field("name", "Agency", "input", item["name"]),
            Field("request_sent", "Request sent (date)", "input", item["request_sent"] or ""),
            Field("request_due", "Return due (date)", "input", item["request_due"] or ""),
            Field("request_received", "Return received (date)", "input",
                  item["request_received"] or ""),
            Field("good_practice", "Good practice", "text", item["good_practice"]),
            Field("do_differently", "To do differently", "text", item["do_differently"]),
            Field("unexpected", "Unexpected practice or issues of note", "text",
                  item["unexpected"]),
            Field("out_of_county", "Out of county (outside this partnership's area)", "check",
                  bool(item["out_of_county"])),
        ]


class ChronologyPane(ListPane):
    key, title, table, order = "chronology", "Chronology of key practice episodes", "chronology", "date"
    columns = ("Date", "Agency", "What happened", "Why it matters")
    wrap = (1, 2, 3)

    def cells(self, s, i):
        return [i["date"], i["agency"], i["what"], i["why_it_matters"]]

    def fields(self, s, item):
        item = item or {"date": "", "agency": "", "what": "", "why_it_matters": ""}
        return [
            Field("date", "Date", "input", item["date"]),
            Field("agency", "Agency", "input", item["agency"]),
            Field("what", "What happened", "text", item["what"]),
            Field("why_it_matters", "Why it matters", "text", item["why_it_matters"]),
        ]
