"""Themes across reviews: named once (case and spaces ignored), tagged on reviews, counted per
period for the trend chart, and a thematic review started from the reviews behind one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from .. import inputs
from ..errors import InputRefused
from ..reviews import create_review, get_review
from ..store import Store, now_iso
from ..store import rows as _rows
from .periods import check_period, in_period, period_of, periods_between, review_day


THEME_NAME_LIMIT = 80


def normalise_theme(name: str) -> str:
    """The form two theme names are compared in: case-folded, runs of white space made one."""
    return " ".join(str(name or "").split()).casefold()


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
        if not in_period(day, start, end):
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
