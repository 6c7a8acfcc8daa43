"""The Learning Review Outcomes Form: drafting it from what is stored, checking it, publishing it
and keeping its versions.

Everything here is plain data in and out, so the form screen and the Markdown export share it.
The chair's own words always win: drafting fills only fields that are empty, and a field the
chair has typed in is never overwritten. One module a part of the form:

- :mod:`.fields`: the fields as stored, and helpers every part shares;
- :mod:`.drafts`: what each field would say drafted from the notes now;
- :mod:`.note_lines`: the one pass over the notes that says which note goes to which field;
- :mod:`.action_notes`: the owner and timeframe read out of an action note's words;
- :mod:`.state`: the whole form as it would be exported (:func:`form_state`);
- :mod:`.drafting`: writing fields (drafts, the chair's text, refreshing untouched drafts);
- :mod:`.recommendations`: the Recommendations table and its SMART advice;
- :mod:`.language`: the language check (identifiers, blame);
- :mod:`.identifiers`: the identifier checker and the register applied to a text;
- :mod:`.publication`: the identifier register and the rule that only a final form is published;
- :mod:`.publication_text`: the publication texts, their approval, and the published parts;
- :mod:`.publication_history`: the decisions kept in the form's history (no checker loaded);
- :mod:`.circulation`: versions, circulation, comments, comparing, status line;
- :mod:`.signoff`: marking final, what refuses it, the override, responses to comments;
- :mod:`.dissemination`: dissemination plans and the family's involvement;
- :mod:`.live`: the form as a screen shows it, kept current field by field as the chair types.

Callers use the package as one module: ``from facilitation import outcome as oc``, then
``oc.form_state(...)``; every name below is importable from here. A part is imported only
when one of its names is first used, so `lrf export` does not load the form screen's, the
language check's or the publication's code to write the form.
"""

from __future__ import annotations

import importlib

from ..framework import DISSEMINATION_METHODS, FAMILY_INVOLVEMENT

# Each name, by the part of the form it is defined in.
_PARTS: dict[str, tuple[str, ...]] = {
    "circulation": (
        "accept_drafts", "add_comment", "changed_since_latest", "circulate", "comments",
        "compare_versions", "save_draft_version", "snapshot", "snapshot_text",
        "status_line",
    ),
    "signoff": (
        "Blocker", "FinalRefused", "final_blockers", "finalise", "history", "overridden",
        "recipient", "respond_to_comment",
    ),
    "dissemination": (
        "add_dissemination", "delete_dissemination", "set_family_involvement",
        "update_dissemination",
    ),
    "drafting": (
        "confirm_field", "draft_from_notes", "draft_recommendations", "redraft_untouched",
        "save_field", "source_notes",
    ),
    "drafts": (
        "PRESENT", "UNABLE", "compute_drafts",
    ),
    "fields": (
        "FIELD_KEYS", "LIMITED_FIELDS", "DraftLine", "long_date", "stored_fields", "word_count",
    ),
    "language": (
        "Flag", "check_text", "generic_agency", "language_check", "name_patterns", "place_names",
        "publication_fate", "review_language_check",
    ),
    "publication": (
        "CHAIR_KINDS", "KINDS", "KIND_HINTS", "add_identifier", "automatic_entries",
        "publication_blocker", "publication_flags", "publication_scope", "register", "register_entries",
        "remove_identifier", "set_publication_scope", "update_identifier",
    ),
    "publication_text": (
        "Part", "PubFlag", "approve", "document_flags", "mark_publishable",
        "publication_parts", "publication_problems", "published_parts",
        "refuse_unless_publishable", "regenerate", "set_publication_text",
        "table_rows",
    ),
    "publication_history": (
        "SUMMARY", "part_name", "publication_history",
    ),
    "identifiers": (
        "Entry", "Hit", "apply_register", "date_in", "find_identifiers",
    ),
    "live": (
        "FormView", "field_mark",
    ),
    "recommendations": (
        "REC_FIELDS", "REC_LABELS", "add_recommendation", "delete_recommendation", "smart_advice",
        "update_recommendation",
    ),
    "state": (
        "FieldState", "FormState", "candidate_rows", "final_date", "form_state", "is_candidate",
        "versions",
    ),
}
_WHERE = {name: part for part, names in _PARTS.items() for name in names}


def __getattr__(name: str):
    part = _WHERE.get(name)
    if part is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{part}"), name)
    globals()[name] = value  # found once: the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


# Every name the package gives, from the table above: one list to keep, not two.
__all__ = sorted(["DISSEMINATION_METHODS", "FAMILY_INVOLVEMENT", *_WHERE])
