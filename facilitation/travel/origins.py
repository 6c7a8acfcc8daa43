"""Where each review came from, for the Learning and Improvement view and the partnership
report: who authored it (its lead author) and when it was last imported, from which file."""

from __future__ import annotations

from dataclasses import dataclass

from ..store import Store


@dataclass(frozen=True)
class Origin:
    ref: str
    lead_author: str
    imported_at: str | None  # ISO 8601, or None: typed in this database
    imported_from: str

    @property
    def imported_on(self) -> str:
        return (self.imported_at or "")[:10]

    def sentence(self) -> str:
        author = f"Lead author: {self.lead_author}" if self.lead_author else (
            "No lead author recorded")
        if not self.imported_at:
            return f"{author}; made in this database."
        return f"{author}; last imported {self.imported_on} from {self.imported_from}."


def origins(store: Store) -> dict[int, Origin]:
    """Every review's origin, by review id (one query)."""
    rows = store.conn.execute(
        "SELECT v.id, v.ref, v.lead_author, i.imported_at, i.imported_from FROM reviews v "
        "LEFT JOIN review_imports i ON i.id = (SELECT max(id) FROM review_imports "
        "WHERE review_id = v.id)").fetchall()
    return {r[0]: Origin(r[1], r[2] or "", r[3], r[4] or "") for r in rows}
