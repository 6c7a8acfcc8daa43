"""What the form's history says about publication: each "publishable as written" decision with
the author's reason, and the names of the published parts. Kept apart from the publication
texts so that the internal export, which prints the history, never loads the checker.
"""

from __future__ import annotations

from ..framework import FORM_FIELD_BY_KEY
from ..reviews import get_review
from ..store import Store
from ..store import rows as _rows
from .fields import long_date

SUMMARY = "summary"
SUMMARY_NAME = "Summary of the key findings"
SUMMARY_LIMIT = FORM_FIELD_BY_KEY["findings"].word_limit
CELL_SPLIT = " | "
KIND_WORDS = {
    "name": "a name in the register", "address": "an address in the register",
    "school": "a school in the register", "surgery": "a surgery in the register",
    "locality": "a locality in the register", "participant": "a participant's name",
    "contact": "an agency's own name", "other": "an entry of the register",
}


def part_name(key: str) -> str:
    return SUMMARY_NAME if key == SUMMARY else FORM_FIELD_BY_KEY[key].name


def _decisions(store: Store, rid: int) -> list[dict]:
    return _rows(store, "SELECT * FROM publication_decisions WHERE review_id = ? ORDER BY id",
                 [rid])


def publication_history(store: Store, ref: str) -> list[str]:
    """Each 'publishable as written' decision, for the form's history."""
    rid = get_review(store, ref)["id"]
    return [
        f"{long_date(d['decided_at'][:10])}: in the publication text of "
        f"{part_name(d['part'])}, "
        f"{KIND_WORDS.get(d['kind'], d['kind'])} kept as written; reason: {d['reason']}"
        for d in _decisions(store, rid)
    ]
