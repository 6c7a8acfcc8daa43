"""The Learning and Improvement view: actions, themes, impact and dissemination across reviews.

The framework asks the partnership's Learning and Improvement subgroup to discuss the findings of
all reviews, spot recurring themes, and check that actions lead to change. Everything here reads
the recommendations, themes and dissemination rows of every review; nothing here is typed twice.

An action's status is never typed: it is derived from its dates. Done when it has a completion
date; overdue when its due date has passed; in progress when someone marked it started; otherwise
not started.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from . import inputs
from .dates import due_of, parse_date
from .errors import InputRefused
from .framework import DISSEMINATION_METHODS
from .reviews import create_review, get_review
from .store import Store, now_iso
from .store import rows as _rows

STATUSES = ("overdue", "in progress", "not started", "done")
# Overdue first: what the subgroup has to chase comes to the top.
STATUS_ORDER = {s: i for i, s in enumerate(STATUSES)}
THEME_NAME_LIMIT = 80


def normalise_theme(name: str) -> str:
    """The form two theme names are compared in: case-folded, runs of white space made one."""
    return " ".join(str(name or "").split()).casefold()


def today() -> _dt.date:
    return _dt.date.today()


# --- periods ----------------------------------------------------------------------------------


def check_period(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Both ends as ISO dates (either may be open); a range the wrong way round is refused."""
    start = parse_date(date_from, "start of the period")
    end = parse_date(date_to, "end of the period")
    if start and end and start > end:
        raise InputRefused(
            f"The period starts ({start}) after it ends ({end}); swap --from and --to."
        )
    return start, end


def _in_period(day: str | None, start: str | None, end: str | None) -> bool:
    if not start and not end:
        return True
    if not day:
        return False
    day = day[:10]
    return (not start or day >= start) and (not end or day <= end)


def review_day(review: dict) -> str:
    """The date a review counts under: its event, or else the day it was set up."""
    return (review.get("event_date") or (review.get("created_at") or "")[:10]) or ""


def period_of(day: str, by: str = "quarter") -> str:
    """'2026 Q2' (or '2026' by year) for an ISO date."""
    year, month = int(day[:4]), int(day[5:7])
    if by == "year":
        return f"{year}"
    return f"{year} Q{(month - 1) // 3 + 1}"


def periods_between(first: str, last: str, by: str = "quarter") -> list[str]:
    """Every period from the one holding ``first`` to the one holding ``last``, gaps included."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    if by == "year":
        return [str(year) for year in range(y, ly + 1)]
    q, lq = (m - 1) // 3, (lm - 1) // 3
    while (y, q) <= (ly, lq):
        out.append(f"{y} Q{q + 1}")
        q += 1
        if q == 4:
            y, q = y + 1, 0
    return out


# --- actions ----------------------------------------------------------------------------------


@dataclass
class Action:
    id: int
    review_id: int
    ref: str
    review_title: str
    position: int
    action: str
    owner: str
    agency: str
    timeframe: str
    due: str | None
    completed_on: str | None
    started: bool
    status: str
    finding: str = ""
    impact: list[dict] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        return (STATUS_ORDER[self.status], self.due or "9999", self.ref, self.position, self.id)


def derive_status(
    due: str | None, completed_on: str | None, started: bool, on: _dt.date | None = None
) -> str:
    if completed_on:
        return "done"
    on = on or today()
    if due and due < on.isoformat():
        return "overdue"
    return "in progress" if started else "not started"


def _due_of(due_date: str | None, timeframe: str, final_on: str | None = None) -> str | None:
    """The due date: the one recorded, else what the timeframe says ('31/03/2027', 'March
    2027', 'within 3 months' of the day the form was marked final): the one reader of
    timeframes, shared with the action plan export."""
    return due_of(due_date, timeframe, final_on)


def _agencies_by_review(store: Store, review_ids: Iterable[int]) -> tuple[dict, dict]:
    ids = sorted(set(review_ids))
    people: dict[int, dict[str, str]] = defaultdict(dict)
    names: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return people, names
    marks = ",".join("?" * len(ids))
    for rid, name, agency in store.conn.execute(
        f"SELECT review_id, name, agency FROM participants WHERE review_id IN ({marks})", ids
    ):
        if agency:
            people[rid][" ".join(name.split()).casefold()] = agency
            names[rid].add(agency)
    for rid, name in store.conn.execute(
        f"SELECT review_id, name FROM agencies WHERE review_id IN ({marks})", ids
    ):
        names[rid].add(name)
    return people, names


def _agency_for(owner: str, people: dict[str, str], names: set[str]) -> str:
    """The owner's agency when it can be told: a participant of that review, or an agency the
    review knows named in the owner's text."""
    key = " ".join(owner.split()).casefold()
    if not key:
        return ""
    if key in people:
        return people[key]
    for person, agency in people.items():
        # "DC Tom Reid" typed as "Tom Reid", or "Jo Hartley, social worker".
        if person and (person in key or (len(key) >= 4 and key in person)):
            return agency
    # The longest agency name that appears wins ("Police" vs "Police and Crime Commissioner").
    for name in sorted(names, key=len, reverse=True):
        if name and name.casefold() in key:
            return name
    return ""


def actions(
    store: Store,
    *,
    on: _dt.date | None = None,
    status: str | None = None,
    agency: str | None = None,
    owner: str | None = None,
    review: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[Action]:
    """Every recommendation of every review, overdue first, with its impact evidence."""
    on = on or today()
    start, end = check_period(date_from, date_to)
    rows = _rows(
        store,
        "SELECT r.id, r.review_id, v.ref, v.title, v.event_date, v.created_at, r.position, "
        "r.action, r.person_responsible, r.timeframe, r.due_date, r.completed_on, r.started, "
        "r.finding, (SELECT f.finalised_on FROM form_versions f WHERE f.review_id = r.review_id "
        "AND f.state = 'final' ORDER BY f.number DESC LIMIT 1) AS final_on "
        "FROM recommendations r JOIN reviews v ON v.id = r.review_id",
    )
    if start or end:
        rows = [r for r in rows if _in_period(review_day(r), start, end)]
    impact: dict[int, list[dict]] = defaultdict(list)
    for ev in _rows(
        store,
        "SELECT id, recommendation_id, what_changed, how_measured, observed_on, created_at "
        "FROM impact_evidence ORDER BY observed_on, id",
    ):
        impact[ev["recommendation_id"]].append(ev)
    people, names = _agencies_by_review(store, (r["review_id"] for r in rows))
    out = []
    for r in rows:
        due = _due_of(r["due_date"], r["timeframe"], r["final_on"])
        owner_text = r["person_responsible"]
        out.append(
            Action(
                id=r["id"],
                review_id=r["review_id"],
                ref=r["ref"],
                review_title=r["title"],
                position=r["position"],
                action=r["action"],
                owner=owner_text,
                agency=_agency_for(owner_text, people[r["review_id"]], names[r["review_id"]]),
                timeframe=r["timeframe"],
                due=due,
                completed_on=r["completed_on"],
                started=bool(r["started"]),
                status=derive_status(due, r["completed_on"], bool(r["started"]), on),
                finding=r["finding"],
                impact=impact.get(r["id"], []),
            )
        )
    out.sort(key=lambda a: a.sort_key)
    return filter_actions(out, status=status, agency=agency, owner=owner, review=review)


def filter_actions(
    rows: list[Action],
    *,
    status: str | None = None,
    agency: str | None = None,
    owner: str | None = None,
    review: str | None = None,
) -> list[Action]:
    """Narrow an already-loaded list (the view filters without going back to the database)."""
    if status and status not in STATUSES:
        raise InputRefused(f"Status must be one of: {', '.join(STATUSES)}.")

    def same(a: str, b: str) -> bool:
        return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()

    return [
        a
        for a in rows
        if (not status or a.status == status)
        and (agency is None or same(a.agency, agency))
        and (owner is None or same(a.owner, owner))
        and (review is None or a.ref.casefold() == review.casefold())
    ]


def _recommendation(store: Store, rec_id: int) -> dict:
    rows = _rows(store, "SELECT * FROM recommendations WHERE id = ?", [rec_id])
    if not rows:
        raise InputRefused(f"There is no action number {rec_id}; it may have been removed.")
    return rows[0]


def mark_started(store: Store, rec_id: int, started: bool = True) -> None:
    _recommendation(store, rec_id)
    with store.write():
        store.conn.execute(
            "UPDATE recommendations SET started = ? WHERE id = ?", [int(started), rec_id]
        )


def mark_done(store: Store, rec_id: int, on: str | _dt.date | None = None) -> str | None:
    """Record the action as completed on ``on`` (today by default); ``on=''`` reopens it."""
    _recommendation(store, rec_id)
    if on == "":
        day = None
    elif isinstance(on, _dt.date):
        day = on.isoformat()
    else:
        day = parse_date(on, "completion date") if on else today().isoformat()
    with store.write():
        store.conn.execute(
            "UPDATE recommendations SET completed_on = ?, started = started OR ? WHERE id = ?",
            [day, int(day is not None), rec_id],
        )
    return day


def add_impact(
    store: Store,
    rec_id: int,
    what_changed: str,
    how_measured: str = "",
    observed_on: str | None = None,
) -> int:
    """Evidence that an action made a difference: what changed, how it was measured, when."""
    _recommendation(store, rec_id)
    what, how = _impact_text(what_changed, how_measured)
    day = parse_date(observed_on, "date the change was seen") or today().isoformat()
    with store.write():
        return store.db["impact_evidence"].insert(
            {
                "recommendation_id": rec_id,
                "what_changed": what,
                "how_measured": how,
                "observed_on": day,
                "created_at": now_iso(),
            }
        ).last_pk


def _impact_text(what_changed: str, how_measured: str) -> tuple[str, str]:
    what = inputs.text(what_changed, "account of what changed", limit=inputs.MEDIUM,
                       one_line_field=False)
    if not what:
        raise InputRefused("Say what changed; the evidence needs at least that.")
    how = inputs.text(how_measured, "account of how it was measured", limit=inputs.MEDIUM,
                      one_line_field=False)
    return what, how


def _impact(store: Store, evidence_id: int) -> dict:
    rows = _rows(store, "SELECT * FROM impact_evidence WHERE id = ?", [evidence_id])
    if not rows:
        raise InputRefused("That evidence of impact no longer exists; it may have been removed.")
    return rows[0]


def update_impact(
    store: Store, evidence_id: int, what_changed: str, how_measured: str = "",
    observed_on: str | None = None,
) -> int:
    """Correct a piece of evidence of impact; the same rules as adding it."""
    old = _impact(store, evidence_id)
    what, how = _impact_text(what_changed, how_measured)
    day = parse_date(observed_on, "date the change was seen") or old["observed_on"]
    with store.write():
        store.conn.execute(
            "UPDATE impact_evidence SET what_changed = ?, how_measured = ?, observed_on = ? "
            "WHERE id = ?",
            [what, how, day, evidence_id],
        )
    return evidence_id


def delete_impact(store: Store, evidence_id: int) -> dict:
    """Remove a piece of evidence of impact; returns what was removed."""
    old = _impact(store, evidence_id)
    with store.write():
        store.conn.execute("DELETE FROM impact_evidence WHERE id = ?", [evidence_id])
    return old


# --- themes -----------------------------------------------------------------------------------


def _clean_theme(name: str) -> str:
    clean = inputs.text(name, "theme name", limit=THEME_NAME_LIMIT)
    if not clean:
        raise InputRefused("A theme needs a name.")
    return clean


def list_themes(store: Store) -> list[dict]:
    return _rows(store, "SELECT id, name FROM themes ORDER BY normalised")


def get_theme(store: Store, theme_id: int) -> dict:
    rows = _rows(store, "SELECT id, name FROM themes WHERE id = ?", [theme_id])
    if not rows:
        raise InputRefused("That theme no longer exists.")
    return rows[0]


def add_theme(store: Store, name: str) -> dict:
    """The theme called ``name``; one differing only by case or spaces is the same theme."""
    clean = _clean_theme(name)
    key = normalise_theme(clean)
    with store.write():
        store.conn.execute(
            "INSERT OR IGNORE INTO themes (name, normalised, created_at) VALUES (?, ?, ?)",
            [clean, key, now_iso()],
        )
    return _rows(store, "SELECT id, name FROM themes WHERE normalised = ?", [key])[0]


def rename_theme(store: Store, theme_id: int, name: str) -> dict:
    """Rename a theme. If the new name is another theme's (ignoring case and spaces), the two
    are merged: its reviews move to that theme and this one goes."""
    get_theme(store, theme_id)
    clean = _clean_theme(name)
    key = normalise_theme(clean)
    with store.write():
        other = store.conn.execute(
            "SELECT id FROM themes WHERE normalised = ? AND id != ?", [key, theme_id]
        ).fetchone()
        if other is None:
            store.conn.execute(
                "UPDATE themes SET name = ?, normalised = ? WHERE id = ?", [clean, key, theme_id]
            )
            return get_theme(store, theme_id)
        store.conn.execute(
            "INSERT OR IGNORE INTO review_themes (review_id, theme_id, tagged_at) "
            "SELECT review_id, ?, tagged_at FROM review_themes WHERE theme_id = ?",
            [other[0], theme_id],
        )
        store.conn.execute("DELETE FROM themes WHERE id = ?", [theme_id])
    return get_theme(store, other[0])


def delete_theme(store: Store, theme_id: int) -> dict:
    """Remove a theme no review carries; one in use is refused (untag, or rename to merge)."""
    theme = get_theme(store, theme_id)
    used = store.conn.execute(
        "SELECT count(*) FROM review_themes WHERE theme_id = ?", [theme_id]
    ).fetchone()[0]
    if used:
        raise InputRefused(
            f"{used} review{'s carry' if used != 1 else ' carries'} this theme; untag "
            f"{'them' if used != 1 else 'it'} first, or rename the theme to merge it into another."
        )
    with store.write():
        store.conn.execute("DELETE FROM themes WHERE id = ?", [theme_id])
    return theme


def tag_review(store: Store, ref: str, theme: str | int) -> dict:
    review = get_review(store, ref)
    t = get_theme(store, theme) if isinstance(theme, int) else add_theme(store, theme)
    with store.write():
        store.conn.execute(
            "INSERT OR IGNORE INTO review_themes (review_id, theme_id, tagged_at) VALUES (?, ?, ?)",
            [review["id"], t["id"], now_iso()],
        )
    return t


def untag_review(store: Store, ref: str, theme_id: int) -> None:
    review = get_review(store, ref)
    with store.write():
        store.conn.execute(
            "DELETE FROM review_themes WHERE review_id = ? AND theme_id = ?",
            [review["id"], theme_id],
        )


def themes_of(store: Store, ref: str) -> list[dict]:
    review = get_review(store, ref)
    return _rows(
        store,
        "SELECT t.id, t.name FROM themes t JOIN review_themes rt ON rt.theme_id = t.id "
        "WHERE rt.review_id = ? ORDER BY t.normalised",
        [review["id"]],
    )


@dataclass
class ThemeCount:
    id: int
    name: str
    count: int
    refs: list[str]
    by_period: dict[str, int]


def theme_counts(
    store: Store,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    by: str = "quarter",
    include_unused: bool = True,
) -> tuple[list[ThemeCount], list[str]]:
    """Each theme with how many reviews carry it, which, and per period; and the periods.

    Most used first. The periods run without gaps from the earliest tagged review to the latest,
    so a trend chart shows quiet quarters as zero.
    """
    start, end = check_period(date_from, date_to)
    rows = _rows(
        store,
        "SELECT t.id AS theme_id, v.ref, v.event_date, v.created_at FROM review_themes rt "
        "JOIN themes t ON t.id = rt.theme_id JOIN reviews v ON v.id = rt.review_id "
        "ORDER BY v.ref",
    )
    refs: dict[int, list[str]] = defaultdict(list)
    per: dict[int, Counter] = defaultdict(Counter)
    days = []
    for r in rows:
        day = review_day(r)
        if not _in_period(day, start, end):
            continue
        refs[r["theme_id"]].append(r["ref"])
        if day:
            per[r["theme_id"]][period_of(day, by)] += 1
            days.append(day)
    periods = periods_between(min(days), max(days), by) if days else []
    out = [
        ThemeCount(t["id"], t["name"], len(refs[t["id"]]), refs[t["id"]], dict(per[t["id"]]))
        for t in list_themes(store)
        if include_unused or refs[t["id"]]
    ]
    out.sort(key=lambda c: (-c.count, normalise_theme(c.name)))
    return out, periods


def findings_of(store: Store, review_id: int) -> list[str]:
    """A review's findings: the form's 'Findings and key learning points' when written, or
    else the learning noted at its event."""
    row = store.conn.execute(
        "SELECT body FROM form_fields WHERE review_id = ? AND field = 'findings'", [review_id]
    ).fetchone()
    if row and row[0].strip():
        return [row[0].strip()]
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT body FROM notes WHERE review_id = ? AND kind = 'learning' AND deleted = 0 "
            "ORDER BY id",
            [review_id],
        )
    ]


def reviews_with_theme(store: Store, theme_id: int) -> list[dict]:
    """The reviews behind a theme's count, each with its findings."""
    rows = _rows(
        store,
        "SELECT v.id, v.ref, v.title, v.methodology, v.status, v.family_label, v.event_date, "
        "v.created_at FROM reviews v JOIN review_themes rt ON rt.review_id = v.id "
        "WHERE rt.theme_id = ? ORDER BY v.ref",
        [theme_id],
    )
    for r in rows:
        r["day"] = review_day(r)
        r["findings"] = findings_of(store, r["id"])
    return rows


def start_thematic_review(
    store: Store, refs: Iterable[str], *, theme_id: int | None = None, title: str | None = None
) -> dict:
    """A new thematic review whose families are the chosen reviews' families, with their
    findings carried over as background for the lead author."""
    chosen: dict[int, dict] = {}
    for ref in refs:
        if ref and ref.strip():
            review = get_review(store, ref)
            chosen.setdefault(review["id"], review)
    chosen = list(chosen.values())
    if len(chosen) < 2:
        raise InputRefused("A thematic review needs at least two reviews; select more.")
    theme = get_theme(store, theme_id) if theme_id is not None else None
    theme_name = inputs.neutralise(theme["name"], one_line_only=True) if theme else ""
    name = inputs.text(title, "title") or (
        f"Thematic review: {theme_name}" if theme else "Thematic review across reviews"
    )
    # Carried over from reviews that may predate the rule for characters: shown by it.
    labels = [inputs.neutralise(r["family_label"], one_line_only=True) or f"Family in {r['ref']}"
              for r in chosen]
    with store.write():
        new = create_review(
            store,
            title=name,
            methodology="thematic",
            family_label="; ".join(labels),
            theme=theme_name,
            scope="Families from " + ", ".join(r["ref"] for r in chosen) + ".",
        )
        pos = 0
        for i, (r, label) in enumerate(zip(chosen, labels)):
            store.db["families"].insert(
                {
                    "review_id": new["id"],
                    "position": i,
                    "label": label,
                    "circumstances": f"Reviewed in {r['ref']} "
                                     f"({inputs.neutralise(r['title'], one_line_only=True)}).",
                }
            )
            for finding in findings_of(store, r["id"]):
                store.db["method_items"].insert(
                    {
                        "review_id": new["id"],
                        "kind": "background",
                        "position": pos,
                        "text": f"Finding from {r['ref']} ({label}): "
                                f"{inputs.neutralise(finding)}",
                        "date": review_day(r) or None,
                    }
                )
                pos += 1
        if theme:
            store.db["method_items"].insert(
                {"review_id": new["id"], "kind": "theme", "position": 0, "text": theme_name}
            )
            store.conn.execute(
                "INSERT OR IGNORE INTO review_themes (review_id, theme_id, tagged_at) "
                "VALUES (?, ?, ?)",
                [new["id"], theme["id"], now_iso()],
            )
    return get_review(store, new["ref"])


# --- dissemination ----------------------------------------------------------------------------


def dissemination_log(
    store: Store, *, date_from: str | None = None, date_to: str | None = None,
    done_only: bool = False,
) -> list[dict]:
    """Which method was used for which review's learning, when, and by whom; latest first."""
    start, end = check_period(date_from, date_to)
    rows = _rows(
        store,
        "SELECT d.id, d.review_id, v.ref, v.title, d.method, d.lead, d.planned_on, d.done_on, "
        "d.detail FROM dissemination d JOIN reviews v ON v.id = d.review_id "
        "ORDER BY d.done_on IS NULL, coalesce(d.done_on, d.planned_on) DESC, v.ref, d.id",
    )
    if done_only:
        rows = [r for r in rows if r["done_on"]]
    if start or end:
        rows = [r for r in rows if _in_period(r["done_on"] or r["planned_on"], start, end)]
    return rows


def add_dissemination(
    store: Store,
    ref: str,
    method: str,
    *,
    lead: str = "",
    planned_on: str | None = None,
    done_on: str | None = None,
    detail: str = "",
) -> int:
    review = get_review(store, ref)
    method = inputs.text(method, "dissemination method")
    lead, detail = _dissemination_text(lead, detail)
    if not method:
        raise InputRefused(
            "Say how the learning was shared, for example: " + DISSEMINATION_METHODS[0] + "."
        )
    planned = parse_date(planned_on, "planned date")
    done = parse_date(done_on, "date it was done")
    with store.write():
        return store.db["dissemination"].insert(
            {
                "review_id": review["id"],
                "method": method,
                "lead": lead,
                "planned_on": planned,
                "done_on": done,
                "detail": detail,
            }
        ).last_pk


def mark_disseminated(store: Store, entry_id: int, on: str | None = None) -> str:
    if not store.conn.execute("SELECT 1 FROM dissemination WHERE id = ?", [entry_id]).fetchone():
        raise InputRefused("That dissemination entry no longer exists.")
    day = parse_date(on, "date it was done") or today().isoformat()
    with store.write():
        store.conn.execute("UPDATE dissemination SET done_on = ? WHERE id = ?", [day, entry_id])
    return day


def _dissemination_text(lead: str, detail: str) -> tuple[str, str]:
    return (inputs.text(lead, "lead"),
            inputs.text(detail, "detail", limit=inputs.MEDIUM, one_line_field=False))


def _dissemination(store: Store, entry_id: int) -> dict:
    rows = _rows(store, "SELECT * FROM dissemination WHERE id = ?", [entry_id])
    if not rows:
        raise InputRefused("That dissemination entry no longer exists.")
    return rows[0]


def update_dissemination(
    store: Store,
    entry_id: int,
    *,
    lead: str = "",
    planned_on: str | None = None,
    done_on: str | None = None,
    detail: str = "",
) -> int:
    """Correct who led it, when it was planned and done, and the detail; a blank date clears
    it."""
    _dissemination(store, entry_id)
    lead, detail = _dissemination_text(lead, detail)
    planned = parse_date(planned_on, "planned date")
    done = parse_date(done_on, "date it was done")
    with store.write():
        store.conn.execute(
            "UPDATE dissemination SET lead = ?, planned_on = ?, done_on = ?, detail = ? "
            "WHERE id = ?",
            [lead, planned, done, detail, entry_id],
        )
    return entry_id


def delete_dissemination(store: Store, entry_id: int) -> dict:
    """Remove an entry from the dissemination log; returns what was removed."""
    old = _dissemination(store, entry_id)
    with store.write():
        store.conn.execute("DELETE FROM dissemination WHERE id = ?", [entry_id])
    return old


# --- the period at a glance -------------------------------------------------------------------


def reviews_in_period(
    store: Store, date_from: str | None = None, date_to: str | None = None
) -> list[dict]:
    start, end = check_period(date_from, date_to)
    rows = _rows(
        store,
        "SELECT id, ref, title, methodology, status, family_label, event_date, created_at "
        "FROM reviews ORDER BY ref",
    )
    return [r for r in rows if _in_period(review_day(r), start, end)]


# --- an action's progress, as the outcome form sets it ----------------------------------------

PROGRESS = ("not started", "started", "done")


def set_progress(store: Store, rec_id: int, progress: str, on: str = "") -> None:
    """Put an action back to "not started" (its completion date and started mark cleared),
    "started" (started, with no completion date) or "done" on ``on``, a date that must be
    given; in one transaction, so the action is never left half way between two."""
    if progress not in PROGRESS:
        raise InputRefused("An action is not started, started or done.")
    if progress == "done" and not on.strip():
        raise InputRefused("Say when the action was done (dd/mm/yyyy).")
    with store.write():
        if progress == "done":
            mark_done(store, rec_id, on)
        else:
            mark_done(store, rec_id, "")
            mark_started(store, rec_id, progress == "started")
