"""How the learning will be disseminated (methods, leads, planned dates) and the decisions
about how the family were involved: both feed drafted fields, which are refreshed in the same
transaction when the chair has not yet touched them.
"""

from __future__ import annotations

from typing import Any

from .. import inputs
from ..dates import parse_date
from ..errors import InputRefused
from ..framework import DISSEMINATION_METHODS, FAMILY_INVOLVEMENT
from ..reviews import get_review, update_review
from ..store import Store
from .drafting import redraft_untouched


def add_dissemination(store: Store, ref: str, method: str, lead: str = "",
                      planned_on: str | None = None, detail: str = "") -> int:
    if method not in DISSEMINATION_METHODS:
        raise InputRefused("Choose a dissemination method from the framework's list.")
    lead = inputs.text(lead, "lead")
    detail = inputs.text(detail, "detail", limit=inputs.MEDIUM, one_line_field=False)
    rid = get_review(store, ref)["id"]
    if planned_on:
        planned_on = parse_date(planned_on, "planned date")
    with store.write():  # one transaction: a failed redraft leaves no new row behind
        new_id = store.db["dissemination"].insert(
            {"review_id": rid, "method": method, "lead": lead,
             "planned_on": planned_on or None, "detail": detail}
        ).last_pk
        redraft_untouched(store, ref, ("dissemination",))
    return new_id


def update_dissemination(store: Store, ref: str, row_id: int, lead: str = "",
                         planned_on: str | None = None) -> None:
    """Change who leads a dissemination method and when it is planned for."""
    lead = inputs.text(lead, "lead")
    rid = get_review(store, ref)["id"]
    planned = parse_date(planned_on, "planned date")
    with store.write():
        cur = store.conn.execute(
            "UPDATE dissemination SET lead = ?, planned_on = ? WHERE id = ? AND review_id = ?",
            [lead, planned, row_id, rid])
        if not cur.rowcount:
            raise InputRefused("That dissemination method is no longer in this review.")
        redraft_untouched(store, ref, ("dissemination",))


def delete_dissemination(store: Store, ref: str, row_id: int) -> None:
    rid = get_review(store, ref)["id"]
    with store.write():
        store.conn.execute("DELETE FROM dissemination WHERE id = ? AND review_id = ?",
                           [row_id, rid])
        redraft_untouched(store, ref, ("dissemination",))


def set_family_involvement(store: Store, ref: str, decision: str, detail: str | None = None,
                           risks: str | None = None) -> None:
    if decision not in FAMILY_INVOLVEMENT:
        raise InputRefused("Choose how the family was involved from the framework's list.")
    fields: dict[str, Any] = {"family_involvement": decision}
    if detail is not None:
        fields["family_involvement_detail"] = inputs.text(
            detail, "detail of the family's involvement", limit=inputs.MEDIUM,
            one_line_field=False)
    if risks is not None:
        fields["publication_risks"] = inputs.text(
            risks, "risks of publishing", limit=inputs.MEDIUM, one_line_field=False)
    with store.write():
        update_review(store, ref, **fields)
        redraft_untouched(store, ref, ("family_decisions",))
