"""Fictional databases for the bench, generated once and cached in bench/.cache/.

- ``tui``: 200 reviews, 50,000 notes; the first review (the "busiest", first row of the home
  screen) has 10,000 of them, all under its first agenda item, the newest one a known marker
  text; its synopsis was emptied by the chair (so the form opens it empty); 2,000 actions
  (10 a review) with owners, agencies, themes, dissemination and impact evidence for the
  Learning and Improvement view.
- ``export``: two reviews, one with 50,000 notes and one with 200,000.

A cached file is named after a hash of this file and of the schema, so a change to either makes a
new one. ``python bench/generate.py`` writes both and prints where.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The newest note of the busiest review: the event screen's first frame is there once it shows.
NEWEST_NOTE = "zzbench newest note of the busiest review"
BUSIEST_NOTES = 10_000
ACTIONS_PER_REVIEW = 10

WORDS = (
    "school health visitor social worker police referral strategy meeting mother father child "
    "plan core group escalation threshold supervision information shared risk assessment home "
    "visit missed appointment breakfast club disclosure neglect housing support worker GP"
).split()
OWNERS = [f"{first} {last}" for first in ("Jo", "Sam", "Priya", "Tom", "Ana", "Mel", "Ken", "Sue")
          for last in ("Hartley", "Reid", "Silva", "Okafor", "Carr")]
AGENCIES = ("Children's Social Care", "Police", "0-19 Health Visiting", "GP Practice",
            "Adult Mental Health", "Education")
ACTIONS = ("Agree a route for overnight incident notifications to schools",
           "Audit discharge letters for mention of children",
           "Brief frontline staff on the escalation procedure",
           "Add fathers to core group invitations by default",
           "Review supervision records for cases on child protection plans")
BASE = _dt.datetime(2026, 1, 5, 9, 30, tzinfo=_dt.timezone.utc)


def _stamp() -> str:
    h = hashlib.sha256()
    for path in (Path(__file__), ROOT / "facilitation" / "store" / "schema.py"):
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


def cached(name: str) -> Path:
    """The cached database ``name`` ('tui' or 'export'), generated first if need be."""
    CACHE.mkdir(mode=0o700, exist_ok=True)
    path = CACHE / f"{name}-{_stamp()}.db"
    if not path.exists():
        for old in CACHE.glob(f"{name}-*.db*"):
            old.unlink()
        partial = path.with_suffix(".partial")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        {"tui": generate_tui, "export": generate_export}[name](partial)
        os.replace(partial, path)
        os.chmod(path, 0o600)
    return path


def _note_rows(rnd: random.Random, review_id: int, item_id: int | None, count: int):
    from facilitation.framework import NOTE_KINDS, PROMPT_AREA_KEYS

    for n in range(count):
        hyp = rnd.choice((None, None, None, 1, 2, 3))
        yield (
            review_id,
            item_id,
            NOTE_KINDS[rnd.randrange(len(NOTE_KINDS))],
            " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 22))),
            PROMPT_AREA_KEYS[n % len(PROMPT_AREA_KEYS)],
            hyp,
            rnd.choice(("supports", "challenges")) if hyp else None,
            None,
            (BASE + _dt.timedelta(seconds=n * 2)).isoformat(timespec="milliseconds"),
        )


def _reviews(store, rnd: random.Random, count: int) -> list[tuple[str, int]]:
    from facilitation.reviews import create_review

    refs = []
    with store.write():
        for i in range(count):
            r = create_review(
                store,
                ref=f"LR-{2020 + i // 40}-{i % 40 + 1:03d}",
                title=f"Review {i + 1}: " + " ".join(rnd.choice(WORDS) for _ in range(4)),
                methodology=("practitioner", "desktop", "thematic", "single_issue")[i % 4],
                family_label=f"Family {chr(65 + i % 26)}{i // 26 or ''}",
                report_due=(BASE.date() + _dt.timedelta(days=i * 3)).isoformat(),
            )
            refs.append((r["ref"], r["id"]))
            for n in range(1, 4):
                store.db["hypotheses"].insert(
                    {"review_id": r["id"], "number": n, "text": f"Hypothesis {n} for review {i}"})
    return refs


def _insert_notes(store, plan, rnd: random.Random) -> None:
    """``plan``: (review id, how many notes, marker body for the newest or None)."""
    items = dict(store.conn.execute(
        "SELECT review_id, min(id) FROM agenda_items GROUP BY review_id").fetchall())
    sql = ("INSERT INTO notes (review_id, agenda_item_id, kind, body, prompt_area, hypothesis, "
           "stance, speaker, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    with store.write():
        for rid, count, newest in plan:
            store.conn.executemany(sql, _note_rows(rnd, rid, items.get(rid), count))
            if newest:
                stamp = (BASE + _dt.timedelta(seconds=count * 2)).isoformat(timespec="milliseconds")
                store.conn.execute(sql, (rid, items.get(rid), "observation", newest, None, None,
                                         None, None, stamp))


def generate_tui(path: Path, reviews: int = 200, notes: int = 50_000) -> None:
    from facilitation.store import open_store

    rnd = random.Random(4)
    store = open_store(path)
    try:
        refs = _reviews(store, rnd, reviews)
        rest = (notes - BUSIEST_NOTES) // (reviews - 1)
        plan = [(refs[0][1], BUSIEST_NOTES - 1, NEWEST_NOTE)]
        plan += [(rid, rest, None) for _, rid in refs[1:]]
        _insert_notes(store, plan, rnd)
        with store.write():
            store.conn.execute(
                "INSERT INTO form_fields (review_id, field, body, drafted, updated_at) "
                "VALUES (?, 'synopsis', '', 0, ?)", [refs[0][1], BASE.isoformat()])
        _add_partnership(store, random.Random(6))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()


def generate_export(path: Path) -> None:
    from facilitation.store import open_store

    rnd = random.Random(5)
    store = open_store(path)
    try:
        refs = _reviews(store, rnd, 2)
        _insert_notes(store, [(refs[0][1], 50_000, None), (refs[1][1], 200_000, None)], rnd)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()


def export_refs() -> tuple[str, str]:
    """The references of the review with 50,000 notes and of the one with 200,000."""
    return "LR-2020-001", "LR-2020-002"


def tui_refs() -> list[str]:
    return [f"LR-{2020 + i // 40}-{i % 40 + 1:03d}" for i in range(200)]


def _add_partnership(store, rnd: random.Random) -> None:
    """Actions (10 a review), participants to tell agencies, themes, dissemination, impact."""
    from facilitation import partnership as p
    from facilitation.framework import DISSEMINATION_METHODS, STARTER_THEMES

    start = _dt.date(2025, 1, 1)
    reviews = store.conn.execute("SELECT id, ref FROM reviews ORDER BY id").fetchall()
    themes = [p.add_theme(store, t)["id"] for t in STARTER_THEMES]
    with store.write():
        rec_rows, people, tags, spread = [], [], [], []
        for i, (rid, ref) in enumerate(reviews):
            day = (start + _dt.timedelta(days=i * 4)).isoformat()
            store.conn.execute("UPDATE reviews SET event_date = ? WHERE id = ?", [day, rid])
            for name in rnd.sample(OWNERS, 5):
                people.append((rid, name, rnd.choice(AGENCIES)))
            for t in rnd.sample(themes, rnd.randint(1, 3)):
                tags.append((rid, t, "2026-01-01T00:00:00+00:00"))
            for n in range(ACTIONS_PER_REVIEW):
                due = start + _dt.timedelta(days=rnd.randint(0, 900))
                done = ((due - _dt.timedelta(days=rnd.randint(0, 30))).isoformat()
                        if rnd.random() < 0.3 else None)
                rec_rows.append((rid, n, rnd.choice(ACTIONS) + f" ({ref}, {n + 1})",
                                 rnd.choice(OWNERS), "6 months", due.isoformat(), done,
                                 int(rnd.random() < 0.4)))
            spread.append((rid, rnd.choice(DISSEMINATION_METHODS), rnd.choice(OWNERS), day,
                           day if rnd.random() < 0.5 else None, ""))
        store.conn.executemany(
            "INSERT INTO participants (review_id, name, agency) VALUES (?, ?, ?)", people)
        store.conn.executemany(
            "INSERT INTO review_themes (review_id, theme_id, tagged_at) VALUES (?, ?, ?)", tags)
        store.conn.executemany(
            "INSERT INTO recommendations (review_id, position, action, person_responsible, "
            "timeframe, due_date, completed_on, started) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rec_rows)
        store.conn.executemany(
            "INSERT INTO dissemination (review_id, method, lead, planned_on, done_on, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)", spread)
        done_ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM recommendations WHERE completed_on IS NOT NULL")]
        store.conn.executemany(
            "INSERT INTO impact_evidence (recommendation_id, what_changed, how_measured, "
            "observed_on, created_at) VALUES (?, 'Fewer missed notifications', "
            "'monthly audit', '2026-03-01', '2026-03-01T00:00:00+00:00')",
            [(i,) for i in done_ids[::2]])


if __name__ == "__main__":
    import time

    for name in ("tui", "export"):
        t = time.perf_counter()
        print(f"{name}: {cached(name)} ({time.perf_counter() - t:.1f} s)")
