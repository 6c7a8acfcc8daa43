"""How the learning will be disseminated (methods, leads, planned dates) and the decisions
about how the family were involved: both feed drafted fields, which are refreshed in the same
transaction when the chair has not yet touched them. The methods are kept in the one
dissemination log (:mod:`facilitation.dissemination`), shared with the Learning and Improvement
view; here is the form's side of it (methods from the framework's list only).
"""

from __future__ import annotations

from typing import Any

from .. import dissemination as log
from .. import inputs
from ..errors import InputRefused
from ..framework import DISSEMINATION_METHODS, FAMILY_INVOLVEMENT
from ..reviews import update_review
from ..store import Store
from .drafting import redraft_untouched


def add_dissemination(store: Store, ref: str, method: str, lead: str = "",
                      planned_on: str | None = None, detail: str = "") -> int:
    """Add a method from the framework's list to the one dissemination log."""
    if method not in DISSEMINATION_METHODS:
        raise InputRefused("Choose a dissemination method from the framework's list.")
    return log.add(store, ref, method, lead=lead, planned_on=planned_on, detail=detail)


def update_dissemination(store: Store, ref: str, row_id: int, lead: str = "",
                         planned_on: str | None = None) -> None:
    """Change who leads a dissemination method and when it is planned for."""
    try:
        log.update(store, row_id, ref=ref, lead=lead, planned_on=planned_on)
    except InputRefused as e:
        if str(e) != log.GONE:
            raise
        raise InputRefused("That dissemination method is no longer in this review.") from None


def delete_dissemination(store: Store, ref: str, row_id: int) -> None:
    """Remove a method; one already gone (or of another review) is left as it is."""
    try:
        log.delete(store, row_id, ref)
    except InputRefused as e:
        if str(e) != log.GONE:
            raise


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
