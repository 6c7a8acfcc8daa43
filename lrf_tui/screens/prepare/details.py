"""The review's own fields, one per row (the Details and Family tabs), with their labels and
hints, and the key lines of enquiry shown beside the details.
"""

from __future__ import annotations

from typing import Any

from facilitation import preparation as prep
from facilitation import process, stages
from facilitation.framework import FAMILY_INVOLVEMENT, REVIEW_STATUSES

from ...dialogs import Field
from .panes import Pane, TextListPane, _short, _yes


class KloePane(TextListPane):
    key, title, table, columns = "kloes", "Key lines of enquiry", "kloes", ("Key line of enquiry",)
    label = "Key line of enquiry"


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
        # Each date with its countdown, or what the review's stage says instead (met, closed).
        said = {m.key: m for m in stages.milestones(stages.review_facts(s.store, r), s.today)}
        out = []
        for name in self.names:
            value = r.get(name)
            if name == "incident_notified" and value:
                shown = f"{value} (rapid review due {process.rapid_review_deadline(r)})"
            elif name == "rapid_review_date" and r["incident_notified"]:
                # Against the 15 working days from the notification: met, late, due or overdue.
                clock = process.rapid_review_clock(r, s.today)
                shown = f"{value} ({clock})" if value else f"not held: {clock}"
            elif name in ("rapid_review", "appreciative"):
                shown: Any = _yes(value)
            elif name in ("info_deadline", "report_due", "event_date") and value:
                m = said.get(name)
                words = s.countdown(value) if m is None or m.counts_down else (
                    m.words or m.state)
                shown = f"{value} ({words})"
            elif name == "event_minutes":
                shown = f"{value} min" if value else ""
            else:
                shown = _short(value, 300)
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
        if name == "rapid_review_decision":
            return [Field(name, label, "select", value,
                          [(d or "not yet decided", d) for d in process.RAPID_REVIEW_DECISIONS])]
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
    "rapid_review_date": "Rapid review held",
    "incident_notified": "Incident notified",
    "rapid_review_decision": "Rapid review decided",
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
    "rapid_review_date": "The date the rapid review was held. " + DATE_HINT,
    "incident_notified": "The serious incident notification date: the rapid review is due 15 "
                         "working days later (weekends and bank holidays not counted). "
                         + DATE_HINT,
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
                "rapid_review_ref", "incident_notified", "rapid_review_date",
                "rapid_review_decision", "lead_author", "lead_author_role",
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
        ahead = [m for m in stages.milestones(stages.review_facts(s.store, r), s.today)
                 if m.state == "ahead"]
        if not ahead:
            return "Review details (enter edits the field under the cursor)"
        m = min(ahead, key=lambda m: m.date)
        label = {"Information-gathering deadline": "information deadline"}.get(m.title, m.title)
        return f"Review details · next: {label.lower()} {m.date}, in {s.countdown(m.date)}"


class FamilyPane(FieldsPane):
    key, title = "family", "The family's involvement"
    names = ("family_involvement", "family_involvement_detail", "publication_risks")

    def summary(self, s):
        return ""
