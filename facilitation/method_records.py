"""The records each method of the framework keeps, beyond the agencies' returns every review has.

Desktop review: the **records reviewed** (agency, record type, period) and the **meetings** of the
staff involved (date, who attended, what was decided), with the framework's loop: "if further
information is required, then this will be gathered, and a subsequent meeting arranged".

Thematic review: the **activities** chosen from the framework's list, an **interview** log (date,
role, agency, summary), an **audit** log (agency, scope, result) and the **confidentiality
advice** sought about involving the families (from whom, when, the decision). The families and
themes are the review's ``families`` and ``method_items`` lists; a learning event uses the live
event screen.

Single issue review: **consultations** with practitioners and managers, the agency **records,
policies, protocols and guidance reviewed**, and **audits**; each with its date.

All kinds live in one table, ``method_records``, whose neutral columns (date, agency, people,
subject, category, period, outcome, further_info, gathered_on) each kind labels in its own words
(:data:`KINDS`). Rows are checked here and written by :func:`facilitation.preparation.add_item`
like every other list of a review. Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import FieldRefused
from .inputs import MEDIUM, SHORT
from .store import Store, rows

THEMATIC_ACTIVITIES = (
    "analysis of background information",
    "panel event of agencies",
    "practitioner or manager event",
    "interviews with practitioners or managers",
    "audits within agencies",
)
DOCUMENT_TYPES = ("agency records", "policy", "protocol", "guidance")


@dataclass(frozen=True)
class RecordField:
    name: str  # a column of method_records
    label: str
    kind: str = "input"  # input, text (several lines), date, select
    required: bool = False
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordKind:
    key: str
    methodologies: tuple[str, ...]
    title: str  # the table's title
    noun: str  # "meeting", in messages
    fields: tuple[RecordField, ...]


_DATE = RecordField("date", "Date", "date")

KINDS: dict[str, RecordKind] = {k.key: k for k in (
    RecordKind("record", ("desktop",), "Records reviewed", "record reviewed", (
        RecordField("agency", "Agency", required=True),
        RecordField("subject", "Record type", required=True),
        RecordField("period", "Period covered"),
        RecordField("date", "Date reviewed", "date"),
    )),
    RecordKind("meeting", ("desktop",), "Meetings of the staff involved", "meeting", (
        RecordField("date", "Date of the meeting", "date", required=True),
        RecordField("people", "Who attended (roles and agencies)", "text", required=True),
        RecordField("outcome", "What was decided", "text"),
        RecordField("further_info", "Further information required", "text"),
        RecordField("gathered_on", "Date that information was gathered", "date"),
    )),
    RecordKind("activity", ("thematic",), "Activities chosen", "activity", (
        RecordField("category", "Activity", "select", True, THEMATIC_ACTIVITIES),
        RecordField("date", "Date (or date started)", "date"),
        RecordField("outcome", "What it covered or found", "text"),
    )),
    RecordKind("interview", ("thematic",), "Interviews", "interview", (
        RecordField("date", "Date of the interview", "date", required=True),
        RecordField("people", "Role of the person interviewed", required=True),
        RecordField("agency", "Agency"),
        RecordField("outcome", "Summary", "text"),
    )),
    RecordKind("audit", ("thematic", "single_issue"), "Audits within agencies", "audit", (
        RecordField("agency", "Agency", required=True),
        RecordField("subject", "Scope of the audit", "text", required=True),
        RecordField("outcome", "Result", "text"),
        RecordField("date", "Date of the result", "date"),
    )),
    RecordKind("advice", ("thematic",), "Confidentiality advice", "advice", (
        RecordField("people", "Advice sought from", required=True),
        RecordField("date", "When", "date"),
        RecordField("outcome", "Decision on involving the families", "text"),
    )),
    RecordKind("consultation", ("single_issue",), "Consultations with practitioners and managers",
               "consultation", (
        RecordField("date", "Date of the consultation", "date", required=True),
        RecordField("people", "Role of the person consulted", required=True),
        RecordField("agency", "Agency"),
        RecordField("outcome", "Summary", "text"),
    )),
    RecordKind("document", ("single_issue",), "Records, policies, protocols and guidance reviewed",
               "document reviewed", (
        RecordField("category", "Type", "select", True, DOCUMENT_TYPES),
        RecordField("subject", "Title", required=True),
        RecordField("agency", "Agency"),
        RecordField("date", "Date reviewed", "date"),
        RecordField("outcome", "What it showed", "text"),
    )),
)}


def kinds_for(methodology: str) -> list[RecordKind]:
    return [k for k in KINDS.values() if methodology in k.methodologies]


def check(store: Store, review: dict, values: dict, item_id: int | None) -> dict:
    """The row to store for one method record, or :class:`FieldRefused` naming the field."""
    from . import preparation as prep

    kind = values.get("kind")
    if kind not in KINDS:
        raise FieldRefused("kind", "The kind of record must be one of the choices offered.")
    spec = KINDS[kind]
    out: dict = {"kind": kind}
    for f in spec.fields:
        label = f.label[0].lower() + f.label[1:]
        v = values.get(f.name)
        if f.kind == "date":
            out[f.name] = prep.date(v, f.name, label, required=f.required)
        elif f.kind == "select":
            if not f.required and not v:
                out[f.name] = ""
            else:
                out[f.name] = prep.choice(v, f.name, label, f.options)
        else:
            out[f.name] = prep.text(v, f.name, label, required=f.required,
                                    limit=MEDIUM if f.kind == "text" else SHORT,
                                    one_line=f.kind != "text")
    if kind == "meeting":
        if out["gathered_on"] and not out["further_info"]:
            raise FieldRefused("further_info", "Say what further information was required "
                                               "before giving the date it was gathered.")
        if out["gathered_on"] and out["date"] and out["gathered_on"] < out["date"]:
            raise FieldRefused("gathered_on", "The information asked for at a meeting cannot "
                                              "be gathered before that meeting.")
    return out


def records(store: Store, review_id: int, kind: str | None = None) -> list[dict]:
    """A review's method records (of one kind), in date order; undated ones last."""
    where, args = ("AND kind = ?", [review_id, kind]) if kind else ("", [review_id])
    return rows(store, f"SELECT * FROM method_records WHERE review_id = ? {where} "
                       "ORDER BY date IS NULL, date, id", args)


def follow_up(meeting: dict, meetings: list[dict]) -> str:
    """Where a desktop review's meeting stands in the framework's loop of further information:
    '' when it asked for none; else asked for, gathered, or discussed at a subsequent meeting."""
    if not meeting["further_info"]:
        return ""
    if not meeting["gathered_on"]:
        return "further information to gather"
    later = [m for m in meetings if m["id"] != meeting["id"] and m["date"]
             and m["date"] >= meeting["gathered_on"]]
    if later:
        return f"gathered {meeting['gathered_on']}; discussed {min(m['date'] for m in later)}"
    return f"gathered {meeting['gathered_on']}; subsequent meeting needed"


def meetings_waiting(store: Store, review_id: int) -> list[str]:
    """One sentence per meeting whose further information is not yet gathered or discussed."""
    meetings = records(store, review_id, "meeting")
    out = []
    for m in meetings:
        said = follow_up(m, meetings)
        if said and "discussed" not in said:
            out.append(f"Meeting of {m['date'] or 'an undated day'}: {said}.")
    return out


def meeting_dates(store: Store, review_id: int) -> list[str]:
    return [m["date"] for m in records(store, review_id, "meeting") if m["date"]]


def _clause(s: str) -> str:
    """Text that goes inside a sentence of a list ('; ' between items, one full stop at the
    end): on one line, without the full stop the chair may have typed after it."""
    return " ".join((s or "").split()).rstrip(" .;")


def _sentence(s: str) -> str:
    s = " ".join(s.split())
    return s if not s or s[-1] in ".!?" else s + "."


def _long(iso: str | None) -> str:
    from .outcome.fields import long_date

    return long_date(iso)


def method_lines(store: Store, review: dict) -> list[str]:
    """The method's records in sentences, for the form's "How this review was undertaken" (and
    the requests pack). Names no person: roles and agencies only, as the records hold them."""
    rid = review["id"]
    out: list[str] = []
    by = {k: records(store, rid, k) for k in KINDS}
    if by["record"]:
        out.append("Records reviewed: " + "; ".join(
            ", ".join(_clause(b) for b in (r["agency"], r["subject"], r["period"]) if b)
            for r in by["record"]) + ".")
    for m in by["meeting"]:
        line = f"Meeting of the staff involved on {_long(m['date']) or 'an undated day'}"
        if m["outcome"]:
            line += f": {_sentence(m['outcome'])}"
        else:
            line += "."
        if m["further_info"]:
            line += f" Further information required: {_sentence(m['further_info'])}"
            if m["gathered_on"]:
                line += f" Gathered on {_long(m['gathered_on'])}."
        out.append(line)
    if by["activity"]:
        out.append("Activities: " + "; ".join(
            a["category"] + (f" ({_long(a['date'])})" if a["date"] else "")
            + (f": {_clause(a['outcome'])}" if a["outcome"] else "")
            for a in by["activity"]) + ".")
    for key, what in (("interview", "Interviews"), ("consultation", "Consultations")):
        if by[key]:
            out.append(f"{what}: " + "; ".join(
                ", ".join(_clause(b) for b in (i["people"], i["agency"]) if b)
                + (f" ({_long(i['date'])})" if i["date"] else "") for i in by[key]) + ".")
    if by["document"]:
        out.append("Reviewed: " + "; ".join(
            f"{d['category']}: {_clause(d['subject'])}"
            + (f" ({_clause(d['agency'])})" if d["agency"] else "")
            + (f", {_long(d['date'])}" if d["date"] else "") for d in by["document"]) + ".")
    if by["audit"]:
        out.append("Audits: " + "; ".join(
            f"{_clause(a['agency'])}: {_clause(a['subject'])}"
            + (f", result: {_clause(a['outcome'])}" if a["outcome"] else "")
            for a in by["audit"]) + ".")
    for a in by["advice"]:
        line = f"Confidentiality advice sought from {a['people']}"
        line += f" on {_long(a['date'])}" if a["date"] else ""
        line += f": {_sentence(a['outcome'])}" if a["outcome"] else "."
        out.append(line)
    return out
