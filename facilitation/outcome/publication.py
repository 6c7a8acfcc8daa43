"""The published version of the form: the pseudonym map (real words and what replaces them),
applying it whole-word and case-aware, and the rules for publishing: only the form the lead
author marked final, unchanged since, with no identifier left.
"""

from __future__ import annotations

import re

from .. import inputs
from ..errors import InputRefused
from ..framework import NOT_PUBLISHED_FIELDS
from ..reviews import children, get_review
from ..store import Store
from .circulation import changed_since_latest
from .language import (
    Flag,
    generic_agency,
    language_check,
    name_patterns,
    place_names,
    publication_fate,
    review_language_check,
)
from .state import FormState, form_state


def pseudonyms(store: Store, ref: str) -> list[dict]:
    return children(store, "pseudonyms", get_review(store, ref)["id"], order="id")


def set_pseudonym(store: Store, ref: str, real: str, replacement: str) -> None:
    real = inputs.text(real, "real words")
    replacement = inputs.text(replacement, "replacement")
    if not real or not replacement:
        raise InputRefused("A pseudonym needs both the real words and what replaces them.")
    rid = get_review(store, ref)["id"]
    with store.write():
        store.conn.execute(
            "INSERT INTO pseudonyms (review_id, real, replacement) VALUES (?, ?, ?) "
            "ON CONFLICT (review_id, real) DO UPDATE SET replacement = excluded.replacement",
            [rid, real, replacement],
        )


def delete_pseudonym(store: Store, ref: str, real: str) -> None:
    rid = get_review(store, ref)["id"]
    with store.write():
        store.conn.execute("DELETE FROM pseudonyms WHERE review_id = ? AND real = ?", [rid, real])


def suggest_pseudonyms(store: Store, ref: str) -> int:
    """Map every participant's name (full, first, surname) to their role; returns how many
    were added. Existing entries are kept."""
    rid = get_review(store, ref)["id"]
    added = 0
    with store.write():
        for i, p in enumerate(children(store, "participants", rid, order="id"), start=1):
            role = p["role"] or f"Practitioner {i}"
            for n in name_patterns([p]):
                cur = store.conn.execute(
                    "INSERT OR IGNORE INTO pseudonyms (review_id, real, replacement) "
                    "VALUES (?, ?, ?)",
                    [rid, n, f"the {role.lower()}" if p["role"] else role],
                )
                added += cur.rowcount
        agencies = [a["name"] for a in children(store, "agencies", rid, order="name")]
        agencies += [p["agency"] for p in children(store, "participants", rid, order="id")
                     if p["agency"]]
        for a in place_names(agencies):
            cur = store.conn.execute(
                "INSERT OR IGNORE INTO pseudonyms (review_id, real, replacement) VALUES (?, ?, ?)",
                [rid, a, generic_agency(a)],
            )
            added += cur.rowcount
    return added


def apply_pseudonyms(text: str, pairs: list[tuple[str, str]]) -> str:
    """Replace each real word or phrase (whole words, any case), longest first."""
    if not pairs or not text:
        return text
    pairs = sorted(pairs, key=lambda p: len(p[0]), reverse=True)
    table = {p[0].lower(): p[1] for p in pairs}
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p[0]) for p in pairs) + r")(?!\w)",
                    re.IGNORECASE)
    def swap(m: re.Match) -> str:
        out = table.get(m.group(0).lower(), m.group(0))
        if re.search(r"(?:^|[.!?]\s+|\n\s*(?:-\s+)?)$", text[: m.start()]):
            out = out[:1].upper() + out[1:]
        return out

    return rx.sub(swap, text)


def publication_state(store: Store, ref: str) -> FormState:
    """The form as it would be published: pseudonyms applied; refused while any identifier
    remains (the message names fields and positions, never the text)."""
    state = form_state(store, ref)
    not_final = publication_blocker(state)  # judged on the form itself, before names change
    rid = state.review["id"]
    pairs = [(p["real"], p["replacement"]) for p in children(store, "pseudonyms", rid, order="id")]
    for f in state.fields:
        if f.key in NOT_PUBLISHED_FIELDS:
            f.body = ""
            f.sources = []
        else:
            f.body = apply_pseudonyms(f.body, pairs)
    state.recommendations = [
        {**r, **{k: apply_pseudonyms(r.get(k) or "", pairs)
                 for k in ("action", "person_responsible", "timeframe", "finding")}}
        for r in state.recommendations
    ]
    state.dissemination = [
        {**r, "lead": apply_pseudonyms(r["lead"], pairs), "detail": apply_pseudonyms(r["detail"], pairs)}
        for r in state.dissemination
    ]
    parts = children(store, "participants", rid, order="id")
    places = place_names([a["name"] for a in children(store, "agencies", rid, order="name")]
                         + [p["agency"] for p in parts if p["agency"]])
    flags = [f for f in language_check(state, names=name_patterns(parts), places=places)
             if f.identifier]
    if flags:
        shown = "; ".join(f.describe() for f in flags[:5])
        more = f"; and {len(flags) - 5} more" if len(flags) > 5 else ""
        raise InputRefused(
            f"Not published: {len(flags)} identifier(s) remain: {shown}{more}. "
            "Add them to the pseudonym map or edit those fields."
        )
    if not_final:
        raise InputRefused(f"Not published: {not_final}")
    return state


def publication_blocker(state: FormState) -> str:
    """Why the form cannot be published as it stands ('' when it can). The public only ever
    sees the form the lead author marked final: nothing drafted or not yet agreed, and nothing
    changed since it was signed off."""
    latest = state.latest
    finals = [v["number"] for v in state.versions if v["state"] == "final"]
    if not finals:
        return ("the form has not been marked final. Mark it final (F8 on the form) first; "
                "the published version is made from the final form.")
    if latest["state"] != "final" or changed_since_latest(state):
        return (f"the form has changed since it was marked final (version {finals[-1]}). "
                "Mark it final again (F8 on the form) before publishing it.")
    if state.recommendations_drafted or any(f.drafted for f in state.fields):
        return ("some fields still hold text drafted from the notes. Mark the form final "
                "again (F8 on the form) before publishing it.")
    return ""


def publication_flags(store: Store, ref: str) -> list[tuple[Flag, str]]:
    """Every flag of the review's language check, each with what the publication export does
    with it against today's pseudonym map (``publication_fate``: '' means it still blocks
    publishing). The form's status line counts these and its check lists them."""
    reals = {p["real"].lower() for p in pseudonyms(store, ref)}
    return [(f, publication_fate(f, reals)) for f in review_language_check(store, ref)]
