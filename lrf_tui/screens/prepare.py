"""The review workspace: everything the chair and lead author prepare before the event.

Each tab holds one or two tables. Keys act on the table that has focus: ``a`` adds, ``e`` or
``enter`` edits, ``x`` deletes (after asking), ``shift+up``/``shift+down`` move a row where the
order matters. ``]``/``[`` (or ctrl+pagedown/pageup) switch tabs; ``tab`` moves between the
tables of a tab. Every change is checked and saved in one transaction by
``facilitation.preparation`` before the table shows it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from facilitation import preparation as prep
from facilitation.errors import InputRefused
from facilitation.framework import (
    ATTENDANCE,
    FAMILY_AREAS,
    FAMILY_INVOLVEMENT,
    HYPOTHESIS_STATUSES,
    LEVELS,
    METHODOLOGY_BY_KEY,
    PROMPT_AREA_BY_KEY,
    PROMPT_AREAS,
    REVIEW_STATUSES,
)
from facilitation.reviews import children, get_review

from ..text import literal
from ..writes import writing
from .prep_forms import ConfirmModal, Field, FormModal


def _yes(value: Any) -> str:
    return "yes" if value else "no"


def _short(value: Any, width: int = 60) -> str:
    s = " ".join(str(value or "").split())
    return s if len(s) <= width else s[: width - 1] + "…"


# --- panes: what one table shows and how its rows are edited --------------------------------------


class Pane:
    """One table in the workspace."""

    key = ""
    title = ""
    noun = "row"
    columns: tuple[str, ...] = ()
    can_add = True
    can_delete = True
    movable = False
    resettable = False
    # Indices of the columns whose text wraps. They share the width the other columns (sized to
    # what they hold) leave, so long text is read in full and no column is pushed off an 80-column
    # screen. Empty: every row is one line.
    wrap: tuple[int, ...] = ()

    def rows(self, s: "PrepareScreen") -> list[tuple[Any, list[Any]]]:
        raise NotImplementedError

    def fields(self, s: "PrepareScreen", item: dict | None) -> list[Field]:
        raise NotImplementedError

    def save(self, s: "PrepareScreen", values: dict, item_id: Any) -> None:
        raise NotImplementedError

    def item(self, s: "PrepareScreen", item_id: Any) -> dict | None:
        return None

    def delete(self, s: "PrepareScreen", item_id: Any) -> None:
        raise NotImplementedError

    def summary(self, s: "PrepareScreen") -> str:
        return ""


class ListPane(Pane):
    """A list stored in one table of the review (``facilitation.preparation.LISTS``)."""

    table = ""
    order = "position"

    def __init__(self):
        self.noun = prep.LISTS[self.table].noun
        self.movable = prep.LISTS[self.table].positioned

    def items(self, s: "PrepareScreen") -> list[dict]:
        return children(s.store, self.table, s.review["id"], order=self.order)

    def item(self, s, item_id):
        return next((i for i in self.items(s) if i["id"] == item_id), None)

    def rows(self, s):
        return [(i["id"], self.cells(s, i)) for i in self.items(s)]

    def cells(self, s, i: dict) -> list[Any]:
        raise NotImplementedError

    def save(self, s, values, item_id):
        if item_id is None:
            return prep.add_item(s.store, s.ref, self.table, **values)
        prep.edit_item(s.store, s.ref, self.table, item_id, **values)
        return item_id

    def delete(self, s, item_id):
        prep.delete_item(s.store, s.ref, self.table, item_id)


class TextListPane(ListPane):
    label = "Text"
    wrap = (0,)

    def cells(self, s, i):
        return [literal(_short(i["text"], 400))]

    def fields(self, s, item):
        return [Field("text", self.label, "text", (item or {}).get("text", ""))]


class KloePane(TextListPane):
    key, title, table, columns = "kloes", "Key lines of enquiry", "kloes", ("Key line of enquiry",)
    label = "Key line of enquiry"


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
                    literal(i["title"]),
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
        return [literal(_short(i["text"], 400)), literal(tied)]

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
        return [str(i["number"]), literal(_short(i["text"], 400)), i["status"]]

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
        return [literal(i["name"]), literal(where), i["level"],
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


class AgenciesPane(ListPane):
    key, title, table, order = "agencies", "Agencies and information requests", "agencies", "name"
    columns = ("Agency", "Sent", "Due", "Received", "Return")
    wrap = (0,)

    def cells(self, s, i):
        # Short names for the three asks, so the column fits beside the dates at 80 columns.
        answered = [label for k, label in (("good_practice", "good"),
                                           ("do_differently", "diff"),
                                           ("unexpected", "unexp")) if i[k].strip()]
        today = (s.today or _dt.date.today()).isoformat()
        if i["request_received"]:
            received = i["request_received"]
        elif i["request_due"] and i["request_due"] < today:
            received = "OVERDUE"
        else:
            received = "-"
        return [literal(i["name"]), i["request_sent"] or "-", i["request_due"] or "-", received,
                f"{len(answered)} of 3"
                + (f" ({', '.join(answered)})" if 0 < len(answered) < 3 else "")]

    def fields(self, s, item):
        item = item or {k: "" for k in ("name", "request_sent", "request_due",
                                        "request_received", "good_practice",
                                        "do_differently", "unexpected")}
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
        ]


class ChronologyPane(ListPane):
    key, title, table, order = "chronology", "Chronology of key practice episodes", "chronology", "date"
    columns = ("Date", "Agency", "What happened", "Why it matters")
    wrap = (1, 2, 3)

    def cells(self, s, i):
        return [i["date"], literal(i["agency"]), literal(i["what"]), literal(i["why_it_matters"])]

    def fields(self, s, item):
        item = item or {"date": "", "agency": "", "what": "", "why_it_matters": ""}
        return [
            Field("date", "Date", "input", item["date"]),
            Field("agency", "Agency", "input", item["agency"]),
            Field("what", "What happened", "text", item["what"]),
            Field("why_it_matters", "Why it matters", "text", item["why_it_matters"]),
        ]


class FamiliesPane(ListPane):
    key, title, table = "families", "Families compared", "families"
    columns = ("Family", "Circumstances")
    wrap = (1,)

    def cells(self, s, i):
        return [literal(i["label"]), literal(i["circumstances"])]

    def fields(self, s, item):
        item = item or {"label": "", "circumstances": ""}
        return [
            Field("label", "Family label (a pseudonym)", "input", item["label"]),
            Field("circumstances", "Circumstances, and how they differ", "text",
                  item["circumstances"]),
        ]


class MethodPane(ListPane):
    """Entries of one kind in ``method_items`` (records reviewed, meetings held, ...)."""

    table = "method_items"
    kind = ""
    with_date = True

    def __init__(self, kind: str, title: str, with_date: bool = True):
        super().__init__()
        self.kind, self.title, self.with_date = kind, title, with_date
        self.key = f"method-{kind}"
        self.columns = (title, "Date") if with_date else (title,)
        self.wrap = (0,)

    def items(self, s):
        return prep.method_items(s.store, s.review["id"], self.kind)

    def cells(self, s, i):
        return [literal(i["text"]), i["date"] or "-"] if self.with_date else [literal(i["text"])]

    def fields(self, s, item):
        item = item or {"text": "", "date": ""}
        out = [Field("text", self.title, "text", item["text"])]
        if self.with_date:
            out.append(Field("date", "Date (optional)", "input", item["date"] or ""))
        return out

    def save(self, s, values, item_id):
        return super().save(s, {**values, "kind": self.kind}, item_id)

    def move_ids(self, s):
        return [i["id"] for i in self.items(s)]


class FieldsPane(Pane):
    """The review's own fields, one per row; enter edits the one under the cursor."""

    can_add = False
    can_delete = False
    noun = "field"
    columns = ("Field", "Value")
    wrap = (1,)
    names: tuple[str, ...] = ()

    def labels(self, s) -> dict[str, str]:
        return LABELS

    def rows(self, s):
        r = s.review
        out = []
        for name in self.names:
            value = r[name]
            if name in ("rapid_review", "appreciative"):
                shown: Any = _yes(value)
            elif name in ("info_deadline", "report_due", "event_date") and value:
                shown = f"{value} ({s.countdown(value)})"
            elif name == "event_minutes":
                shown = f"{value} min" if value else ""
            else:
                shown = literal(_short(value, 300))
            out.append((name, [self.labels(s).get(name, name), shown]))
        return out

    def item(self, s, item_id):
        return {"name": item_id}

    def fields(self, s, item):
        name = item["name"]
        value = s.review[name]
        label = self.labels(s).get(name, name)
        if name in ("rapid_review", "appreciative"):
            return [Field(name, label, "check", value)]
        if name == "status":
            return [Field(name, label, "select", value, [(x, x) for x in REVIEW_STATUSES])]
        if name == "family_involvement":
            return [Field(name, label, "select", value, [(x, x) for x in FAMILY_INVOLVEMENT])]
        hint = HINTS.get(name, "")
        if name in LONG_FIELDS:
            return [Field(name, label, "text", value or "", hint=hint)]
        return [Field(name, label, "input", "" if value is None else value, hint=hint)]

    def save(self, s, values, item_id):
        prep.update_details(s.store, s.ref, **values)
        return item_id


LABELS = {
    "title": "Title",
    "status": "Status",
    "family_label": "Family label",
    "theme": "Theme",
    "scope": "Scope",
    "rapid_review": "Rapid review before",
    "rapid_review_ref": "Rapid review ref",
    "rapid_review_date": "Rapid review date",
    "lead_author": "Lead author",
    "lead_author_role": "Lead author's role",
    "chair": "Chair",
    "independence_statement": "Independence",
    "info_deadline": "Info deadline",
    "report_due": "Report due",
    "event_date": "Event date",
    "event_start": "Event start",
    "event_minutes": "Event length",
    "event_venue": "Venue",
    "contact_before": "Talk to beforehand",
    "family_involvement": "Family involvement",
    "family_involvement_detail": "How, and what they said",
    "publication_risks": "Risks of publishing",
}
LONG_FIELDS = {"theme", "scope", "independence_statement", "contact_before",
               "family_involvement_detail", "publication_risks"}
DATE_HINT = "A date: 2026-03-14 or 14/03/2026. Leave empty for none."
HINTS = {
    "info_deadline": DATE_HINT + " Not after the event or the report due date.",
    "report_due": DATE_HINT,
    "event_date": DATE_HINT + " Not before the information-gathering deadline.",
    "rapid_review_date": DATE_HINT,
    "event_start": "24-hour time, such as 09:30.",
    "event_minutes": "Whole minutes, such as 150.",
    "independence_statement": "Say plainly that the lead author and chair had no part in the "
                              "work with this family or its management.",
    "contact_before": "Who invitees can talk to before the event, and how to reach them.",
    "family_label": "A pseudonym, such as Family A or Child B; never a real name.",
}


class DetailsPane(FieldsPane):
    key, title = "details", "Review details"

    def labels(self, s):
        if s.review["methodology"] == "single_issue":
            return {**LABELS, "theme": "The single issue"}
        return LABELS

    @property
    def names(self):  # type: ignore[override]
        return self._names

    def __init__(self, methodology: str):
        base = ["title", "status", "family_label", "theme", "scope", "rapid_review",
                "rapid_review_ref", "rapid_review_date", "lead_author", "lead_author_role",
                "chair", "independence_statement", "info_deadline", "report_due"]
        if methodology == "practitioner":
            base += ["event_date", "event_start", "event_minutes", "event_venue",
                     "contact_before"]
        self._names = tuple(base)

    def summary(self, s):
        r = s.review
        if (r["lead_author"].strip() or r["chair"].strip()) and not (
            r["independence_statement"].strip()
        ):
            return "Review details · independence of lead author and chair not yet stated"
        ahead = [(when, label, left) for label, when, left in prep.timescales(r, s.today)
                 if when and "overdue" not in left]
        if not ahead:
            return "Review details (enter edits the field under the cursor)"
        when, label, left = min(ahead)
        label = {"Information-gathering deadline": "information deadline"}.get(label, label)
        return f"Review details · next: {label.lower()} {when}, in {left}"


class FamilyPane(FieldsPane):
    key, title = "family", "The family's involvement"
    names = ("family_involvement", "family_involvement_detail", "publication_risks")

    def summary(self, s):
        return ""


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
    elif methodology == "desktop":
        tabs.append(("tab-method", "Method", [MethodPane("record", "Records reviewed"),
                                              MethodPane("meeting", "Meetings held")], ""))
    elif methodology == "thematic":
        tabs.append(("tab-method", "Method", [MethodPane("theme", "Themes explored", False),
                                              FamiliesPane(),
                                              MethodPane("background", "Findings carried over")],
                     ""))
    elif methodology == "single_issue":
        tabs.append(("tab-method", "Method",
                     [MethodPane("policy", "Policies and guidance reviewed", False)], ""))
    if methodology != "practitioner":
        tabs.append(("tab-agenda", "Agenda", [AgendaPane()], ""))
    tabs.append(("tab-family", "Family", [FamilyPane()], FAMILY_AREAS_TEXT))
    return tabs


def _cell_width(value: Any) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in str(value).split("\n")), default=0)


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


class PaneTable(DataTable):
    """A table that knows which pane it shows."""

    def __init__(self, pane: Pane):
        super().__init__(id=f"table-{pane.key}", cursor_type="row", zebra_stripes=True,
                         classes="prep-table")
        self.pane = pane


MOVE = Binding.Group("Move", compact=True)
TABS = Binding.Group("Tab", compact=True)


class PrepareScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="prepare.back"),
        Binding("a", "add", "Add", id="prepare.add"),
        Binding("e", "edit", "Edit", id="prepare.edit"),
        Binding("x,delete", "delete", "Delete", id="prepare.delete"),
        Binding("shift+up", "move(-1)", "Move up", id="prepare.move_up", key_display="⇧↑",
                group=MOVE, tooltip="Move the row up (shift+up)"),
        Binding("shift+down", "move(1)", "Move down", id="prepare.move_down", key_display="⇧↓",
                group=MOVE, tooltip="Move the row down (shift+down)"),
        Binding("c", "to_chronology", "Chronology", id="prepare.to_chronology",
                tooltip="Start a chronology entry from this agency's return"),
        Binding("r", "reset", "Default", id="prepare.reset",
                tooltip="Replace the agenda with the framework's default agenda"),
        Binding("i", "appreciative", "Appreciative", id="prepare.appreciative",
                tooltip="Replace the agenda with the appreciative-inquiry agenda"),
        Binding("left_square_bracket", "previous_tab", "Prev tab", id="prepare.previous_tab",
                group=TABS),
        Binding("right_square_bracket", "next_tab", "Next tab", id="prepare.next_tab",
                group=TABS),
        # The same actions on the usual tab keys; priority, or a table would take them to
        # scroll sideways. The Footer shows ] and [ for these actions.
        Binding("ctrl+pagedown", "next_tab", "Next tab", id="prepare.next_tab_page",
                priority=True, show=False),
        Binding("ctrl+pageup", "previous_tab", "Prev tab", id="prepare.previous_tab_page",
                priority=True, show=False),
    ]

    def __init__(self, ref: str, *, today: _dt.date | None = None):
        super().__init__()
        self.ref = ref
        self.today = today
        self.tabs: list[tuple[str, str, list[Pane], str]] = []

    @property
    def store(self):
        return self.app.store

    def countdown(self, iso: str) -> str:
        from facilitation.dates import countdown

        return countdown(iso, self.today)

    def compose(self) -> ComposeResult:
        self.review = get_review(self.store, self.ref)
        self.ref = self.review["ref"]
        self.tabs = tabs_for(self.review["methodology"])
        yield Header()
        yield Static(self._heading(), id="prep-heading")
        with TabbedContent(id="prep-tabs"):
            for tab_id, label, panes, extra in self.tabs:
                with TabPane(label, id=tab_id):
                    for pane in panes:
                        yield Static("", id=f"summary-{pane.key}", classes="pane-summary",
                                     markup=False)
                        yield PaneTable(pane)
                    if extra:
                        yield Static(extra, classes="pane-extra hint", markup=False)
        yield Footer()

    def _heading(self):
        r = self.review
        method = METHODOLOGY_BY_KEY[r["methodology"]].name
        text = literal(f"{r['ref']}  {_short(r['title'], 40)}  ·  {method}")
        return text

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#table-details", PaneTable).focus()

    # --- showing -----------------------------------------------------------------------------

    def reload(self, focus_key: Any = None) -> None:
        self.review = get_review(self.store, self.ref)
        self.query_one("#prep-heading", Static).update(self._heading())
        for table in self.query(PaneTable):
            pane = table.pane
            keep = focus_key if (focus_key is not None and table is self.focused) else (
                self._cursor_key(table))
            table.clear(columns=True)
            rows = pane.rows(self)
            width = self.size.width or self.app.size.width
            # Every column gets its width here, never left to the table to work out after the
            # rows arrive: that left the header drawn at the old widths after each save.
            for col, w in zip(pane.columns, column_widths(pane, rows, width)):
                table.add_column(col, width=w)
            height = None if pane.wrap else 1
            for key, cells in rows:
                table.add_row(*cells, key=str(key), height=height)
            if keep is not None:
                try:
                    table.move_cursor(row=table.get_row_index(str(keep)), animate=False)
                except Exception:
                    pass
            line = pane.summary(self) or pane.title
            if not table.row_count and pane.can_add:
                line += "  (none yet: a adds one)"
            self.query_one(f"#summary-{pane.key}", Static).update(literal(line))
        self.refresh_bindings()

    def on_resize(self) -> None:
        if self.is_mounted and self.tabs:
            self.reload()

    @staticmethod
    def _cursor_key(table: DataTable) -> str | None:
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None

    def _table(self) -> PaneTable | None:
        focused = self.focused
        if isinstance(focused, PaneTable):
            return focused
        tabbed = self.query_one("#prep-tabs", TabbedContent)
        active = tabbed.active
        if not active:
            return None
        tables = self.query_one(f"#{active}", TabPane).query(PaneTable)
        return tables.first() if tables else None

    def _selected(self, table: PaneTable) -> Any:
        key = self._cursor_key(table)
        if key is None:
            return None
        return int(key) if key.isdigit() else key

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        table = self._table() if self.is_mounted else None
        pane = table.pane if table is not None else None
        if action == "add":
            return bool(pane and pane.can_add)
        if action in ("edit", "delete"):
            if pane is None or (action == "delete" and not pane.can_delete):
                return False
            return True if table.row_count else None
        if action == "move":
            return bool(pane and pane.movable)
        if action == "to_chronology":
            return bool(isinstance(pane, AgenciesPane) and table.row_count)
        if action == "reset":
            return bool(pane and pane.resettable)
        if action == "appreciative":
            return bool(pane and isinstance(pane, AgendaPane)
                        and self.review["methodology"] == "practitioner")
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        tables = list(event.pane.query(PaneTable))
        if tables and self.focused not in tables:
            tables[0].focus()
        self.refresh_bindings()

    # --- actions -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def _switch(self, step: int) -> None:
        tabbed = self.query_one("#prep-tabs", TabbedContent)
        ids = [t[0] for t in self.tabs]
        i = ids.index(tabbed.active) if tabbed.active in ids else 0
        tabbed.active = ids[(i + step) % len(ids)]
        pane = self.query_one(f"#{tabbed.active}", TabPane)
        tables = pane.query(PaneTable)
        if tables:
            tables.first().focus()

    def action_next_tab(self) -> None:
        self._switch(1)

    def action_previous_tab(self) -> None:
        self._switch(-1)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if isinstance(event.data_table, PaneTable):
            self._open_form(event.data_table, self._selected(event.data_table))

    def action_add(self) -> None:
        table = self._table()
        if table is not None and table.pane.can_add:
            self._open_form(table, None)

    def action_edit(self) -> None:
        table = self._table()
        if table is not None and table.row_count:
            self._open_form(table, self._selected(table))

    def action_to_chronology(self) -> None:
        """Start a chronology entry from the agency under the cursor (built from its return)."""
        table = self._table()
        if table is None or not isinstance(table.pane, AgenciesPane) or not table.row_count:
            return
        agency = table.pane.item(self, self._selected(table))
        if agency is None:
            return
        chronology = self.query_one("#table-chronology", PaneTable)
        self._open_form(chronology, None, prefill={"agency": agency["name"]})

    def _open_form(self, table: PaneTable, item_id: Any, prefill: dict | None = None) -> None:
        pane = table.pane
        item = pane.item(self, item_id) if item_id is not None else None
        if item_id is not None and item is None:
            self.reload()
            return
        if item_id is None:
            title = f"Add {pane.noun}"
        elif isinstance(pane, FieldsPane):
            title = f"Edit: {pane.labels(self).get(item_id, item_id)}"
        else:
            title = f"Edit {pane.noun}"
        saved: dict[str, Any] = {}

        def save(values: dict) -> None:
            saved["id"] = pane.save(self, values, item_id)

        def done(ok: bool | None) -> None:
            table.focus()
            if ok:
                self.reload(focus_key=saved.get("id"))
                self.notify(f"Saved {pane.noun}.", timeout=2)

        fields = pane.fields(self, item)
        for f in fields:
            if prefill and f.key in prefill:
                f.value = prefill[f.key]
        self.app.push_screen(FormModal(title, fields, save), done)

    def action_delete(self) -> None:
        table = self._table()
        if table is None or not table.pane.can_delete or not table.row_count:
            return
        item_id = self._selected(table)
        pane = table.pane

        def done(yes: bool | None) -> None:
            table.focus()
            if not yes:
                return
            try:
                with writing(kept=""):
                    pane.delete(self, item_id)
            except InputRefused as e:
                self.notify(e.message, severity="warning", markup=False)
                return
            self.reload()
            self.notify(f"Deleted {pane.noun}.", timeout=2)

        self.app.push_screen(ConfirmModal(f"Delete this {pane.noun}?"), done)

    def action_move(self, delta: int) -> None:
        table = self._table()
        if table is None or not table.pane.movable or not table.row_count:
            return
        item_id = self._selected(table)
        pane = table.pane
        try:
            with writing(kept=""):
                if isinstance(pane, MethodPane):
                    ids = pane.move_ids(self)
                    i = ids.index(item_id)
                    j = i + delta
                    if not 0 <= j < len(ids):
                        return
                    # swap with the neighbour of the same kind
                    for _ in range(abs(self._distance(ids[i], ids[j]))):
                        prep.move_item(self.store, self.ref, "method_items", item_id, delta)
                else:
                    prep.move_item(self.store, self.ref, pane.table, item_id, delta)
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
        self.reload(focus_key=item_id)

    def _distance(self, a: int, b: int) -> int:
        ids = [r["id"] for r in children(self.store, "method_items", self.review["id"])]
        return ids.index(b) - ids.index(a)

    def action_reset(self) -> None:
        table = self._table()
        if table is None or not table.pane.resettable:
            return
        if isinstance(table.pane, AgendaPane):
            self._reset_agenda(False)
        else:
            def done(yes: bool | None) -> None:
                table.focus()
                if yes:
                    try:
                        with writing(kept=""):
                            prep.reset_ground_rules(self.store, self.ref)
                    except InputRefused as e:
                        self.notify(e.message, severity="error", markup=False)
                        return
                    self.reload()
                    self.notify("Ground rules set to the framework's defaults.", timeout=2)

            self.app.push_screen(
                ConfirmModal("Replace these ground rules with the framework's defaults?"), done
            )

    def action_appreciative(self) -> None:
        self._reset_agenda(True)

    def _reset_agenda(self, appreciative: bool) -> None:
        which = "the appreciative-inquiry agenda" if appreciative else "the default agenda"
        table = self.query_one("#table-agenda", PaneTable)

        def done(yes: bool | None) -> None:
            table.focus()
            if not yes:
                return
            try:
                with writing(kept=""):
                    prep.reset_agenda(self.store, self.ref, appreciative=appreciative)
            except InputRefused as e:
                self.notify(e.message, severity="warning", markup=False)
                return
            self.reload()
            self.notify(f"Agenda replaced with {which}.", timeout=2)

        self.app.push_screen(ConfirmModal(f"Replace this agenda with {which}?"), done)
