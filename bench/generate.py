"""Generate a large fictional database for benchmarks: 200 reviews, 50,000 notes."""

from __future__ import annotations

import datetime as _dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from facilitation.framework import NOTE_KINDS, PROMPT_AREA_KEYS  # noqa: E402
from facilitation.reviews import create_review  # noqa: E402
from facilitation.store import open_store  # noqa: E402

WORDS = (
    "school health visitor social worker police referral strategy meeting mother father child "
    "plan core group escalation threshold supervision information shared risk assessment home "
    "visit missed appointment breakfast club disclosure neglect housing support worker GP"
).split()


def generate(path: Path, reviews: int = 200, notes: int = 50_000, big_ref_notes: int = 0,
             seed: int = 4) -> dict:
    """Write the database; return {'refs': [...], 'big_ref': ref with the most notes}."""
    rnd = random.Random(seed)
    path.unlink(missing_ok=True)
    store = open_store(path)
    refs = []
    base = _dt.datetime(2026, 1, 5, 9, 30, tzinfo=_dt.timezone.utc)
    with store.db.atomic():
        for i in range(reviews):
            methodology = ("practitioner", "desktop", "thematic", "single_issue")[i % 4]
            r = create_review(
                store,
                ref=f"LR-{2020 + i // 40}-{i % 40 + 1:03d}",
                title=f"Review {i + 1}: " + " ".join(rnd.choice(WORDS) for _ in range(4)),
                methodology=methodology,
                family_label=f"Family {chr(65 + i % 26)}{i // 26 or ''}",
                report_due=(base.date() + _dt.timedelta(days=i * 3)).isoformat(),
            )
            refs.append((r["ref"], r["id"]))
            for n in range(1, 4):
                store.db["hypotheses"].insert(
                    {"review_id": r["id"], "number": n, "text": f"Hypothesis {n} for review {i}"}
                )
    per_review = [notes // reviews] * reviews
    if big_ref_notes:
        per_review[0] = big_ref_notes
        rest = max(notes - big_ref_notes, 0)
        for i in range(1, reviews):
            per_review[i] = rest // (reviews - 1)
    items = dict(
        store.conn.execute("SELECT review_id, min(id) FROM agenda_items GROUP BY review_id").fetchall()
    )
    rows = []
    for (ref, rid), count in zip(refs, per_review):
        for n in range(count):
            kind = NOTE_KINDS[rnd.randrange(len(NOTE_KINDS))]
            hyp = rnd.choice((None, None, None, 1, 2, 3))
            rows.append(
                (
                    rid,
                    items.get(rid),
                    kind,
                    " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 22))),
                    PROMPT_AREA_KEYS[n % len(PROMPT_AREA_KEYS)],
                    hyp,
                    rnd.choice(("supports", "challenges")) if hyp else None,
                    None,
                    (base + _dt.timedelta(seconds=n * 20)).isoformat(timespec="milliseconds"),
                )
            )
    with store.db.atomic():
        store.conn.executemany(
            "INSERT INTO notes (review_id, agenda_item_id, kind, body, prompt_area, hypothesis, "
            "stance, speaker, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return {"refs": [r for r, _ in refs], "big_ref": refs[0][0]}


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench.db")
    info = generate(out)
    print(f"wrote {out}: {len(info['refs'])} reviews; busiest {info['big_ref']}")
