"""Preparing a review: validated changes to its details and to every list that belongs to it.

Every function here checks all of its input first and then writes in one transaction, so a
refused change leaves the database exactly as it was. A refusal is a :class:`FieldRefused`
(an :class:`InputRefused`) carrying one sentence and the name of the field at fault, so a form
can show the message beside that field. Messages name fields, never what was typed.

What is typed is stored as typed (``[/]`` and ``[bold]`` are text like any other); surrounding
blanks are trimmed, and characters are checked by the one rule in :mod:`facilitation.inputs`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Callable

from . import inputs, stages
from .dates import countdown, parse_date
from .errors import FieldRefused, InputRefused
from .framework import (
    ATTENDANCE,
    DEFAULT_GROUND_RULES,
    FAMILY_INVOLVEMENT,
    HYPOTHESIS_STATUSES,
    LEVELS,
    PROMPT_AREA_KEYS,
    REVIEW_STATUSES,
    agenda_template,
)
from .inputs import LONG, MEDIUM, SHORT
from .process import RAPID_REVIEW_DECISIONS as RAPID_DECISIONS
from .process import check_proceeding, validate_rapid
from .reviews import get_review
from .store import Store, now_iso, rows

# --- limits ---------------------------------------------------------------------------------------
# Lengths of text and the rule for its characters are in inputs.py, with every other rule
# for what a person types.

MAX_EVENT_MINUTES = 12 * 60
MAX_ITEM_MINUTES = 8 * 60

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")

# Kinds of method item and which methodology uses each.
METHOD_ITEM_KINDS: dict[str, tuple[str, str]] = {
    # kind: (methodology, label)
    "theme": ("thematic", "Themes explored"),
    # Findings of the reviews a thematic review was started from (Learning and Improvement).
    "background": ("thematic", "Findings carried over"),
}
# Desktop and single issue reviews keep their records as method records of their own kinds
# (facilitation.method_records): records reviewed, meetings, documents reviewed, ...


# --- single values --------------------------------------------------------------------------------


def text(value: Any, field: str, label: str, *, limit: int = SHORT, required: bool = False,
         one_line: bool = True) -> str:
    return inputs.text(value, label, limit=limit, required=required, one_line_field=one_line,
                       field=field)


def date(value: Any, field: str, label: str, *, required: bool = False) -> str | None:
    try:
        day = parse_date(None if value is None else str(value), label)
    except InputRefused as e:
        raise FieldRefused(field, e.message) from None
    if required and day is None:
        raise FieldRefused(field, f"The {label} is needed; type it as 2026-03-14 or 14/03/2026.")
    return day


def whole_number(value: Any, field: str, label: str, *, low: int, high: int,
                 required: bool = True) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FieldRefused(field, f"The {label} is needed: a whole number.")
        return None
    if isinstance(value, bool):
        raise FieldRefused(field, f"The {label} must be a whole number.")
    if isinstance(value, int):
        n = value
    else:
        s = str(value).strip()
        if not re.fullmatch(r"[+-]?\d{1,9}", s):
            raise FieldRefused(field, f"The {label} must be a whole number.")
        n = int(s)
    if not low <= n <= high:
        raise FieldRefused(field, f"The {label} must be between {low} and {high}.")
    return n


def flag(value: Any) -> int:
    if isinstance(value, str):
        return int(value.strip().lower() in {"1", "y", "yes", "true", "on"})
    return int(bool(value))


def choice(value: Any, field: str, label: str, options: tuple[str, ...], *,
           allow_none: bool = False) -> str | None:
    if allow_none and (value is None or value == ""):
        return None
    if value not in options:
        raise FieldRefused(field, f"The {label} must be one of the choices offered.")
    return value


def clock(value: Any, field: str, label: str) -> str | None:
    s = "" if value is None else str(value).strip()
    if not s:
        return None
    m = _TIME.match(s)
    if not m:
        raise FieldRefused(field, f"The {label} is not a time; type it as 09:30 or 14:00.")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


# --- the review's own fields ----------------------------------------------------------------------

# field: (label shown to the user, how it is checked)
_Checker = Callable[[Any, str, str], Any]


def _long(v, f, label):
    return text(v, f, label, limit=MEDIUM, one_line=False)


def _short(v, f, label):
    return text(v, f, label)


def _event_minutes(v, f, label):
    return whole_number(v, f, label, low=15, high=MAX_EVENT_MINUTES, required=False)


def _status(v, f, label):
    return choice(v, f, label, REVIEW_STATUSES)


def _involvement(v, f, label):
    return choice(v, f, label, FAMILY_INVOLVEMENT)


DETAIL_FIELDS: dict[str, tuple[str, _Checker]] = {
    "title": ("title", lambda v, f, label: text(v, f, label, required=True)),
    "status": ("status", _status),
    "family_label": ("family label", _short),
    "theme": ("theme", _long),
    "scope": ("scope", _long),
    "rapid_review": ("rapid review answer", lambda v, f, label: flag(v)),
    "rapid_review_ref": ("rapid review reference", _short),
    "rapid_review_date": ("rapid review date", date),
    "lead_author": ("lead author", _short),
    "lead_author_role": ("lead author's role", _short),
    "chair": ("chair", _short),
    "independence_statement": ("independence statement", _long),
    "info_deadline": ("information-gathering deadline", date),
    "report_due": ("report due date", date),
    "event_date": ("event date", date),
    "event_start": ("event start time", clock),
    "event_minutes": ("event length in minutes", _event_minutes),
    "event_venue": ("venue", _short),
    "appreciative": ("appreciative inquiry answer", lambda v, f, label: flag(v)),
    "family_involvement": ("family involvement decision", _involvement),
    "family_involvement_detail": ("detail of the family's involvement", _long),
    "publication_risks": ("risks of publishing", _long),
    "contact_before": ("who to talk to beforehand", _long),
    # The process every method shares (facilitation.process).
    "scope_agreed": ("date the group agreed the scope and key lines of enquiry", date),
    "briefing_date": ("date of the agencies' briefing", date),
    "briefing_who": ("who came to the briefing", _long),
    "incident_notified": ("serious incident notification date", date),
    "rapid_review_decision": ("rapid review decision",
                              lambda v, f, label: choice(v or "", f, label, RAPID_DECISIONS)),
}


def update_details(store: Store, ref: str, **fields: Any) -> dict:
    """Check and save any of the review's own fields together; returns the review."""
    review = get_review(store, ref)
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in DETAIL_FIELDS:
            raise ValueError(f"unknown review field {name!r}")
        label, check = DETAIL_FIELDS[name]
        clean[name] = check(value, name, label)
    merged = {**review, **clean}
    if merged["info_deadline"] and merged["report_due"]:
        if merged["info_deadline"] > merged["report_due"]:
            field = "info_deadline" if "info_deadline" in clean else "report_due"
            raise FieldRefused(
                field,
                "The information-gathering deadline must not be after the report due date.",
            )
    if (merged["methodology"] == "practitioner" and merged["info_deadline"]
            and merged["event_date"] and merged["info_deadline"] > merged["event_date"]):
        # The event tests what the information gathering found, so it must come first.
        field = "info_deadline" if "info_deadline" in clean else "event_date"
        raise FieldRefused(
            field, "The information-gathering deadline must not be after the event date."
        )
    if (merged["briefing_date"] and merged["info_deadline"]
            and merged["briefing_date"] > merged["info_deadline"]):
        field = "briefing_date" if "briefing_date" in clean else "info_deadline"
        raise FieldRefused(field, "The agencies' briefing comes before information gathering: "
                                  "it must not be after the information-gathering deadline.")
    validate_rapid(merged)
    if clean:
        with store.write():
            store.db["reviews"].update(review["id"], {**clean, "updated_at": now_iso()})
    return get_review(store, review["ref"])


def timescales(review: dict, today: _dt.date | None = None) -> list[tuple[str, str | None, str]]:
    """(label, ISO date or None, countdown in working days, or what the stage says instead:
    'met: ...', 'closed: ...', 'held') for each date the chair tracks (:mod:`.stages`)."""
    out = []
    for m in stages.milestones(review, today):
        if not m.date:
            said = "not set"
        elif m.counts_down:
            said = countdown(m.date, today)
        else:
            said = f"{m.state}: {m.words}" if m.words and m.words != m.state else m.state
        out.append((m.title, m.date, said))
    return out


# --- lists that belong to a review ----------------------------------------------------------------


@dataclass(frozen=True)
class ListSpec:
    table: str
    noun: str  # "agenda item", used in messages
    positioned: bool
    check: Callable[[Store, dict, dict, int | None], dict]


def _families(store, review, v, item_id):
    return {
        "label": text(v.get("label"), "label", "family label", required=True),
        "circumstances": text(v.get("circumstances"), "circumstances", "circumstances",
                              limit=MEDIUM, one_line=False),
    }


def _kloes(store, review, v, item_id):
    return {"text": text(v.get("text"), "text", "key line of enquiry", limit=MEDIUM,
                         required=True)}


def _method_items(store, review, v, item_id):
    kind = v.get("kind")
    if kind not in METHOD_ITEM_KINDS:
        raise FieldRefused("kind", "The kind of entry must be one of the choices offered.")
    return {
        "kind": kind,
        "text": text(v.get("text"), "text", METHOD_ITEM_KINDS[kind][1].lower()[:-1] + " entry",
                     limit=MEDIUM, required=True),
        "date": date(v.get("date"), "date", "date"),
    }


def _method_records(store, review, v, item_id):
    from .method_records import check

    return check(store, review, v, item_id)


def _agencies(store, review, v, item_id):
    out = {
        "name": text(v.get("name"), "name", "agency name", required=True),
        "request_sent": date(v.get("request_sent"), "request_sent", "date the request was sent"),
        "request_due": date(v.get("request_due"), "request_due", "date the return is due"),
        "request_received": date(v.get("request_received"), "request_received",
                                 "date the return was received"),
        "out_of_county": flag(v.get("out_of_county")),
    }
    for key in ("good_practice", "do_differently", "unexpected"):
        label = {"good_practice": "good practice return",
                 "do_differently": "to-do-differently return",
                 "unexpected": "unexpected practice return"}[key]
        out[key] = text(v.get(key), key, label, limit=LONG, one_line=False)
    if out["request_sent"] and out["request_due"] and out["request_due"] < out["request_sent"]:
        raise FieldRefused("request_due", "The date due must not be before the date sent.")
    if (out["request_sent"] and out["request_received"]
            and out["request_received"] < out["request_sent"]):
        raise FieldRefused("request_received",
                           "The date received must not be before the date sent.")
    clash = store.conn.execute(
        "SELECT 1 FROM agencies WHERE review_id = ? AND name = ? COLLATE NOCASE AND id IS NOT ?",
        [review["id"], out["name"], item_id],
    ).fetchone()
    if clash:
        raise FieldRefused("name", "An agency with that name is already in this review.")
    return out


def _chronology(store, review, v, item_id):
    return {
        "date": date(v.get("date"), "date", "date of the episode", required=True),
        "agency": text(v.get("agency"), "agency", "agency"),
        "what": text(v.get("what"), "what", "account of what happened", limit=MEDIUM,
                     required=True, one_line=False),
        "why_it_matters": text(v.get("why_it_matters"), "why_it_matters", "why it matters",
                               limit=MEDIUM, one_line=False),
    }


def _participants(store, review, v, item_id):
    return {
        "name": text(v.get("name"), "name", "name", required=True),
        "agency": text(v.get("agency"), "agency", "agency"),
        "role": text(v.get("role"), "role", "role"),
        "level": choice(v.get("level") or "frontline", "level", "level", LEVELS),
        "invited": flag(v.get("invited")),
        "agenda_sent": flag(v.get("agenda_sent")),
        "offered_conversation": flag(v.get("offered_conversation")),
        "attendance": choice(v.get("attendance") or "invited", "attendance", "attendance",
                             ATTENDANCE),
        "attendance_note": text(v.get("attendance_note"), "attendance_note", "attendance note",
                                limit=MEDIUM),
    }


def _agenda_items(store, review, v, item_id):
    return {
        "title": text(v.get("title"), "title", "agenda item title", required=True),
        "minutes": whole_number(v.get("minutes"), "minutes", "number of minutes", low=0,
                                high=MAX_ITEM_MINUTES),
        "prompt_area": choice(v.get("prompt_area"), "prompt_area", "prompt area",
                              PROMPT_AREA_KEYS, allow_none=True),
    }


def _ground_rules(store, review, v, item_id):
    return {"text": text(v.get("text"), "text", "ground rule", limit=MEDIUM, required=True)}


def _questions(store, review, v, item_id):
    out = {
        "text": text(v.get("text"), "text", "question", limit=MEDIUM, required=True),
        "prompt_area": choice(v.get("prompt_area"), "prompt_area", "prompt area",
                              PROMPT_AREA_KEYS, allow_none=True),
        "kloe_id": v.get("kloe_id") or None,
    }
    if out["kloe_id"] is not None:
        ok = store.conn.execute(
            "SELECT 1 FROM kloes WHERE id = ? AND review_id = ?", [out["kloe_id"], review["id"]]
        ).fetchone()
        if not ok:
            raise FieldRefused("kloe_id", "The key line of enquiry must be one of this review's.")
    if out["prompt_area"] is None and out["kloe_id"] is None:
        raise FieldRefused(
            "prompt_area", "Tie the question to a prompt area or a key line of enquiry."
        )
    return out


def _hypotheses(store, review, v, item_id):
    number = v.get("number")
    if number is None or (isinstance(number, str) and not number.strip()):
        number = next_hypothesis_number(store, review["id"]) if item_id is None else None
    out = {
        "number": whole_number(number, "number", "hypothesis number", low=1, high=999),
        "text": text(v.get("text"), "text", "hypothesis", limit=MEDIUM, required=True),
        "status": choice(v.get("status") or "open", "status", "status", HYPOTHESIS_STATUSES),
    }
    clash = store.conn.execute(
        "SELECT 1 FROM hypotheses WHERE review_id = ? AND number = ? AND id IS NOT ?",
        [review["id"], out["number"], item_id],
    ).fetchone()
    if clash:
        raise FieldRefused(
            "number", f"Hypothesis {out['number']} already exists; choose another number."
        )
    return out


LISTS: dict[str, ListSpec] = {
    s.table: s
    for s in (
        ListSpec("families", "family", True, _families),
        ListSpec("kloes", "key line of enquiry", True, _kloes),
        ListSpec("method_items", "entry", True, _method_items),
        ListSpec("method_records", "record", False, _method_records),
        ListSpec("proceedings", "proceedings", False, check_proceeding),
        ListSpec("agencies", "agency", False, _agencies),
        ListSpec("chronology", "chronology entry", False, _chronology),
        ListSpec("participants", "invitee", False, _participants),
        ListSpec("agenda_items", "agenda item", True, _agenda_items),
        ListSpec("ground_rules", "ground rule", True, _ground_rules),
        ListSpec("questions", "question", True, _questions),
        ListSpec("hypotheses", "hypothesis", False, _hypotheses),
    )
}


def next_hypothesis_number(store: Store, review_id: int) -> int:
    row = store.conn.execute(
        "SELECT max(number) FROM hypotheses WHERE review_id = ?", [review_id]
    ).fetchone()
    return (row[0] or 0) + 1


def _spec(table: str) -> ListSpec:
    if table not in LISTS:
        raise ValueError(table)
    return LISTS[table]


def _owned(store: Store, spec: ListSpec, review: dict, item_id: int) -> dict:
    cur = store.conn.execute(
        f"SELECT * FROM {spec.table} WHERE id = ? AND review_id = ?", [item_id, review["id"]]
    )
    row = cur.fetchone()
    if row is None:
        raise InputRefused(f"That {spec.noun} is no longer in this review.")
    return dict(zip([d[0] for d in cur.description], row))


def add_item(store: Store, ref: str, table: str, **values: Any) -> int:
    """Check and add one row to a review's list; returns its id."""
    spec = _spec(table)
    review = get_review(store, ref)
    row = spec.check(store, review, values, None)
    with store.write():
        if spec.positioned:
            pos = store.conn.execute(
                f"SELECT coalesce(max(position) + 1, 0) FROM {table} WHERE review_id = ?",
                [review["id"]],
            ).fetchone()[0]
            row["position"] = pos
        item_id = store.db[table].insert({"review_id": review["id"], **row}).last_pk
        _touch(store, review)
    return item_id


def edit_item(store: Store, ref: str, table: str, item_id: int, **values: Any) -> None:
    """Check and replace the values of one row (fields not given keep their stored value)."""
    spec = _spec(table)
    review = get_review(store, ref)
    current = _owned(store, spec, review, item_id)
    merged = {**current, **values}
    row = spec.check(store, review, merged, item_id)
    with store.write():
        store.db[table].update(item_id, row)
        _touch(store, review)


def delete_item(store: Store, ref: str, table: str, item_id: int) -> None:
    spec = _spec(table)
    review = get_review(store, ref)
    _owned(store, spec, review, item_id)
    if table == "agenda_items" and _notes_on_item(store, item_id):
        raise InputRefused("Notes were taken under this agenda item, so it cannot be deleted.")
    with store.write():
        store.conn.execute(f"DELETE FROM {table} WHERE id = ?", [item_id])
        if spec.positioned:
            _renumber(store, table, review["id"])
        _touch(store, review)


def move_item(store: Store, ref: str, table: str, item_id: int, delta: int) -> bool:
    """Move a row up (delta -1) or down (+1); False when it is already at that end."""
    spec = _spec(table)
    if not spec.positioned:
        raise ValueError(f"{table} has no order of its own")
    review = get_review(store, ref)
    _owned(store, spec, review, item_id)
    ids = [
        r[0]
        for r in store.conn.execute(
            f"SELECT id FROM {table} WHERE review_id = ? ORDER BY position, id", [review["id"]]
        ).fetchall()
    ]
    i = ids.index(item_id)
    j = i + delta
    if not 0 <= j < len(ids):
        return False
    ids[i], ids[j] = ids[j], ids[i]
    with store.write():
        for pos, rid in enumerate(ids):
            store.conn.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [pos, rid])
        _touch(store, review)
    return True


def _renumber(store: Store, table: str, review_id: int) -> None:
    ids = store.conn.execute(
        f"SELECT id FROM {table} WHERE review_id = ? ORDER BY position, id", [review_id]
    ).fetchall()
    for pos, (rid,) in enumerate(ids):
        store.conn.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [pos, rid])


def _touch(store: Store, review: dict) -> None:
    store.conn.execute("UPDATE reviews SET updated_at = ? WHERE id = ?", [now_iso(), review["id"]])


def _notes_on_item(store: Store, item_id: int) -> int:
    return store.conn.execute(
        "SELECT count(*) FROM notes WHERE agenda_item_id = ?", [item_id]
    ).fetchone()[0]


def method_items(store: Store, review_id: int, kind: str) -> list[dict]:
    return rows(
        store,
        "SELECT * FROM method_items WHERE review_id = ? AND kind = ? ORDER BY position, id",
        [review_id, kind],
    )


# --- agenda ---------------------------------------------------------------------------------------


def reset_agenda(store: Store, ref: str, *, appreciative: bool = False) -> None:
    """Replace the agenda with the framework's (or its appreciative-inquiry variant)."""
    review = get_review(store, ref)
    taken = store.conn.execute(
        "SELECT count(*) FROM notes WHERE review_id = ? AND agenda_item_id IS NOT NULL",
        [review["id"]],
    ).fetchone()[0]
    if taken:
        raise InputRefused("Notes were taken against this agenda, so it cannot be replaced.")
    items = agenda_template(review["methodology"], appreciative)
    with store.write():
        store.conn.execute("DELETE FROM agenda_items WHERE review_id = ?", [review["id"]])
        for pos, item in enumerate(items):
            store.db["agenda_items"].insert(
                {"review_id": review["id"], "position": pos, "title": item.title,
                 "minutes": item.minutes, "prompt_area": item.prompt_area}
            )
        store.db["reviews"].update(
            review["id"],
            {"appreciative": int(appreciative and review["methodology"] == "practitioner"),
             "updated_at": now_iso()},
        )


def reset_ground_rules(store: Store, ref: str) -> None:
    review = get_review(store, ref)
    with store.write():
        store.conn.execute("DELETE FROM ground_rules WHERE review_id = ?", [review["id"]])
        for pos, rule in enumerate(DEFAULT_GROUND_RULES):
            store.db["ground_rules"].insert(
                {"review_id": review["id"], "position": pos, "text": rule}
            )
        _touch(store, review)


@dataclass(frozen=True)
class AgendaTiming:
    total: int
    event_minutes: int | None

    @property
    def over(self) -> int:
        return self.total - self.event_minutes if self.event_minutes else 0

    def summary(self) -> str:
        if not self.event_minutes:
            return f"Agenda {self.total} min; set the event's length on Details to compare."
        total = f"Agenda {self.total} of {self.event_minutes} min"
        if self.over > 0:
            return f"{total}: {self.over} min too long."
        if self.over < 0:
            return f"{total}: {-self.over} min spare."
        return f"{total}: fits."


def agenda_timing(items: list[dict], review: dict) -> AgendaTiming:
    return AgendaTiming(sum(i["minutes"] for i in items), review.get("event_minutes"))


def start_times(items: list[dict], event_start: str | None) -> list[str]:
    """Each item's start as HH:MM from the event's start, or '' for all when it is not set."""
    if not event_start:
        return ["" for _ in items]
    h, m = (int(x) for x in event_start.split(":"))
    at = h * 60 + m
    out = []
    for item in items:
        out.append(f"{(at // 60) % 24:02d}:{at % 60:02d}")
        at += item["minutes"]
    return out
