"""Evidence that an action made a difference: what changed, how it was measured, when it was
seen; added, corrected and removed.
"""

from __future__ import annotations

from .. import clock, inputs
from ..dates import parse_date
from ..errors import InputRefused
from ..store import Store, now_iso
from ..store import rows as _rows
from .tracker import _recommendation


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
    day = parse_date(observed_on, "date the change was seen") or clock.today().isoformat()
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
