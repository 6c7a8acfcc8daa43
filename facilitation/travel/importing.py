"""Importing a review file into this database: add the review, or update the copy held.

Which copy is newer
    A review's **version** is its highest form version number, then the latest moment stamped
    on any of its rows that travel (every ``…_at`` column: the review's ``updated_at``, its form
    fields', comments', notes'...). A file is imported only when its version is later than the
    version held: the version recorded when the review was last imported here or, for a review
    never imported here, the held rows' own version, counted over the same tables the file
    carries. The same version again, or an earlier one, is refused, naming both.

What the partnership recorded is kept
    Impact evidence and progress (started, completed on) recorded here on a recommendation are
    kept when the file's copy of that recommendation (the same action) lacks them; a
    recommendation the file no longer has is kept when it holds evidence or progress recorded
    here; themes tagged here stay tagged. The result says how many of each were kept.

Everything else of the review is the file's. What never travels (the identifier register, the
unsent capture line, the import record) is never touched; event notes held here are replaced
only by a file that carries notes.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock
from ..errors import InputRefused
from ..reviews import REF_PATTERN, next_ref
from ..store import Store, now_iso
from .bundle import UID, check_text, read_review_file
from .rows import ROWID, Rows, copy_rows, delete_rows, read_review
from .tables import Plan, plan_for


@dataclass
class Imported:
    ref: str
    added: bool
    form_version: int
    changed_at: str
    backup: Path | None
    kept: dict[str, int] = field(default_factory=dict)

    def sentence(self, shown: str) -> str:
        what = "Added" if self.added else "Updated"
        text = (f"{what} {self.ref} from {shown} (form version {self.form_version}, last "
                f"changed {moment(self.changed_at)}).")
        kept = [f"{n} {what}" for what, n in self.kept.items() if n]
        if not self.added:
            text += (" Kept what this database recorded since: " + ", ".join(kept) + "."
                     if kept else " Nothing recorded here since the last import needed keeping.")
        if self.backup is not None:
            text += f" The database was backed up first to {self.backup}."
        return text


def version_of(plan: Plan, rows: Rows) -> tuple[int, str]:
    number = max((r.get("number") or 0 for r in rows.tables.get("form_versions", [])), default=0)
    stamps = [v for c, v in rows.review.items() if c.endswith("_at") and isinstance(v, str)]
    for found in rows.tables.values():
        for row in found:
            stamps += [v for c, v in row.items() if c.endswith("_at") and isinstance(v, str)]
    return number, max(stamps, default="")


def moment(stamp: str) -> str:
    """``2026-12-01T22:18:35.012+00:00`` as ``2026-12-01 22:18:35 UTC`` (stamps are UTC)."""
    return f"{stamp[:19].replace('T', ' ')} UTC" if stamp else "never"


def _describe(version: tuple[int, str]) -> str:
    return f"form version {version[0]}, last changed {moment(version[1])}"


def _carried(plan: Plan, rows: Rows) -> list[str]:
    """The tables the file carries: everything that travels; notes only when it holds some."""
    notes = any(rows.count(n) for n in plan.with_notes)
    return plan.travelling(notes)


def import_review_file(store: Store, path: str | os.PathLike, *, as_ref: str | None = None,
                       backup: bool = True) -> Imported:
    shown = os.fspath(path)
    bundle = read_review_file(path)
    try:
        return _import(store, bundle, shown, as_ref=as_ref, backup=backup)
    finally:
        bundle.close()


def _refuse(shown: str, why: str) -> InputRefused:
    return InputRefused(f"{shown}: {why}; nothing was imported.")


def _import(store: Store, bundle: sqlite3.Connection, shown: str, *, as_ref: str | None,
            backup: bool) -> Imported:
    plan = plan_for(store.conn)
    review_id = bundle.execute("SELECT id FROM reviews").fetchone()[0]
    file_rows = read_review(bundle, review_id, plan, plan.order)
    check_text(shown, plan, file_rows)
    review = file_rows.review
    uid, ref = review.get("uid") or "", review.get("ref") or ""
    if not UID.match(uid):
        raise _refuse(shown, "the review in it has no valid id (was it made by lrf?)")
    if not REF_PATTERN.match(ref):
        raise _refuse(shown, "the review's reference is not one lrf makes (like LR-2026-004)")
    tables = _carried(plan, file_rows)
    file_version = version_of(plan, file_rows)
    held = store.conn.execute("SELECT id, ref, lead_author FROM reviews WHERE uid = ?",
                              [uid]).fetchone()
    if as_ref is not None:
        as_ref = as_ref.strip()
        if not REF_PATTERN.match(as_ref):
            raise InputRefused("A reference looks like LR-2026-004; nothing was imported.")
        _free(store, shown, as_ref, None, offer=False)
        ref = as_ref
        if held is not None:
            uid, held = uuid.uuid4().hex, None  # a copy of a review held here: its own id
    elif held is None:
        _free(store, shown, ref, None, offer=True)
    else:
        _free(store, shown, ref, held[0], offer=True)
        last = store.conn.execute(
            "SELECT form_version, changed_at, lead_author FROM review_imports WHERE review_id "
            "= ? ORDER BY id DESC LIMIT 1", [held[0]]).fetchone()
        if last is not None:
            held_version = (last[0], last[1])
            if (last[2] or "").casefold() != (review.get("lead_author") or "").casefold():
                raise _refuse(shown, f"this copy of {held[1]} comes from a different lead author "
                                     "than the copy imported here before; ask which is the "
                                     "review's copy, or import it as a separate review with "
                                     f"--as {_suggest(store, review.get('ref') or '')}")
        else:
            held_version = version_of(plan, read_review(store.conn, held[0], plan, tables))
        if file_version == held_version:
            raise _refuse(shown, f"this database already holds this version of {held[1]} "
                                 f"({_describe(held_version)})")
        if file_version < held_version:
            raise _refuse(shown, f"the file is older than the copy of {held[1]} held here (the "
                                 f"file: {_describe(file_version)}; held: "
                                 f"{_describe(held_version)})")
    kept_backup = _backup(store) if backup else None
    with store.write():
        if held is None:
            values = {c: v for c, v in review.items() if c not in ("id", ROWID)}
            values.update(ref=ref, uid=uid)
            target = _insert_review(store.conn, values)
            copy_rows(store.conn, plan, file_rows, target, tables)
            kept: dict[str, int] = {}
        else:
            target = held[0]
            kept = _update(store, plan, target, review, file_rows, tables)
        store.conn.execute(
            "INSERT INTO review_imports (review_id, imported_at, imported_from, lead_author, "
            "form_version, changed_at, merged) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [target, now_iso(), Path(shown).name, review.get("lead_author") or "",
             file_version[0], file_version[1],
             ", ".join(f"{n} {what}" for what, n in kept.items() if n)])
    return Imported(ref, held is None, file_version[0], file_version[1], kept_backup, kept)


def _free(store: Store, shown: str, ref: str, own_id: int | None, *, offer: bool) -> None:
    other = store.conn.execute("SELECT id FROM reviews WHERE ref = ? COLLATE NOCASE AND id IS "
                               "NOT ?", [ref, own_id]).fetchone()
    if other is not None:
        hint = (f"; import it under a new reference with --as {_suggest(store, ref)}"
                if offer else "")
        raise _refuse(shown, f"the reference {ref} is already used by a different review "
                             f"here{hint}")


def _suggest(store: Store, ref: str) -> str:
    """A free reference of the same year as ``ref`` (this year's when it has none)."""
    year = ref[3:7]
    return next_ref(store, int(year) if year.isdigit() else None)


def _insert_review(conn: sqlite3.Connection, values: dict) -> int:
    cols = ",".join(f'"{c}"' for c in values)
    return conn.execute(f"INSERT INTO reviews ({cols}) VALUES ({','.join('?' * len(values))})",
                        list(values.values())).lastrowid


def _backup(store: Store) -> Path:
    stamp = clock.now().astimezone(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    base = store.path.with_name(f"{store.path.name}.before-import-{stamp}")
    target, n = base, 1
    while target.exists():
        n += 1
        target = base.with_name(f"{base.name}-{n}")
    store.backup_to(target)
    return target


def _action(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _update(store: Store, plan: Plan, target: int, review: dict, file_rows: Rows,
            tables: list[str]) -> dict[str, int]:
    conn = store.conn
    held_rows = read_review(conn, target, plan, tables)
    values = {c: v for c, v in review.items() if c not in ("id", ROWID)}
    sets = ",".join(f'"{c}" = ?' for c in values)
    conn.execute(f"UPDATE reviews SET {sets} WHERE id = ?", [*values.values(), target])
    delete_rows(conn, held_rows, tables)
    maps = copy_rows(conn, plan, file_rows, target, tables)
    return _keep_partnership(conn, plan, held_rows, file_rows, maps, target)


def _keep_partnership(conn, plan: Plan, held: Rows, new: Rows, maps, target: int) -> dict:
    kept = {"impact evidence": 0, "progress": 0, "recommendations": 0, "themes": 0}
    if "recommendations" in plan.tables and held.count("recommendations"):
        by_action = {}
        for rec in new.tables.get("recommendations", []):
            by_action.setdefault(_action(rec["action"]), maps["recommendations"].get(rec["id"]))
        file_evidence = {(maps["recommendations"].get(e["recommendation_id"]),
                          e["what_changed"], e["how_measured"], e["observed_on"])
                         for e in new.tables.get("impact_evidence", [])}
        evidence: dict[int, list[dict]] = {}
        for e in held.tables.get("impact_evidence", []):
            evidence.setdefault(e["recommendation_id"], []).append(e)
        position = max((r["position"] for r in new.tables.get("recommendations", [])),
                       default=-1)
        for rec in held.tables["recommendations"]:
            mine = evidence.get(rec["id"], [])
            now_id = by_action.get(_action(rec["action"]))
            if now_id is None:
                if not (mine or rec.get("completed_on") or rec.get("started")):
                    continue
                position += 1
                values = {c: v for c, v in rec.items() if c not in ("id", ROWID)}
                values.update(review_id=target, position=position, source_note_id=None)
                cols = ",".join(f'"{c}"' for c in values)
                now_id = conn.execute(
                    f"INSERT INTO recommendations ({cols}) VALUES "
                    f"({','.join('?' * len(values))})", list(values.values())).lastrowid
                kept["recommendations"] += 1
            else:
                row = conn.execute("SELECT completed_on, started FROM recommendations WHERE "
                                   "id = ?", [now_id]).fetchone()
                if rec.get("completed_on") and not row[0]:
                    conn.execute("UPDATE recommendations SET completed_on = ? WHERE id = ?",
                                 [rec["completed_on"], now_id])
                    kept["progress"] += 1
                elif rec.get("started") and not row[1] and not row[0]:
                    conn.execute("UPDATE recommendations SET started = 1 WHERE id = ?",
                                 [now_id])
                    kept["progress"] += 1
            for e in mine:
                key = (now_id, e["what_changed"], e["how_measured"], e["observed_on"])
                if key in file_evidence:
                    continue
                conn.execute(
                    "INSERT INTO impact_evidence (recommendation_id, what_changed, how_measured,"
                    " observed_on, created_at) VALUES (?, ?, ?, ?, ?)",
                    [now_id, e["what_changed"], e["how_measured"], e["observed_on"],
                     e["created_at"]])
                kept["impact evidence"] += 1
    for tag in held.tables.get("review_themes", []):
        if conn.execute("INSERT OR IGNORE INTO review_themes (review_id, theme_id, tagged_at) "
                        "VALUES (?, ?, ?)", [target, tag["theme_id"], tag["tagged_at"]]).rowcount:
            kept["themes"] += 1
    return kept
