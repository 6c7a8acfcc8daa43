"""The form's versions and circulation: each version a snapshot of the form as it stood
(draft, circulated, final), accepting the drafts as the lead author's when the form is marked
final (the rules for that are in :mod:`.signoff`), the comments kept against a version,
comparing two versions in plain words, and the status line.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from .. import inputs
from ..dates import parse_date
from ..errors import InputRefused
from ..framework import FORM_FIELDS
from ..reviews import get_review
from ..store import Store, now_iso
from ..store import rows as _rows
from .fields import field_key, long_date, put_field, sources_json
from .state import FormState, form_state, is_candidate, versions


def snapshot(state: FormState) -> dict:
    return {
        "fields": {f.key: {"body": f.body, "drafted": f.drafted} for f in state.fields},
        "recommendations": [
            {**{k: r.get(k) for k in ("action", "person_responsible", "timeframe", "finding")},
             **({"candidate": True} if is_candidate(r) else {})}
            for r in state.recommendations
        ],
    }


def snapshot_text(snap: dict) -> str:
    """A version as plain text, one field after another, for comparing."""
    out = []
    for f in FORM_FIELDS:
        out.append(f"== {f.name}")
        if f.key == "recommendations":
            for i, r in enumerate(snap.get("recommendations", []), start=1):
                out.append(f"{i}. {r.get('action') or ''} | {r.get('person_responsible') or ''}"
                           f" | {r.get('timeframe') or ''}"
                           + (" (candidate, not yet agreed)" if r.get("candidate") else ""))
        else:
            out.extend((snap["fields"].get(f.key, {}).get("body") or "").splitlines())
        out.append("")
    return "\n".join(out)


def _new_version(store: Store, ref: str, state_name: str, **extra: Any) -> dict:
    state = form_state(store, ref)
    rid = state.review["id"]
    with store.write():
        number = store.conn.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM form_versions WHERE review_id = ?", [rid]
        ).fetchone()[0]
        vid = store.db["form_versions"].insert(
            {"review_id": rid, "number": number, "state": state_name,
             "snapshot": json.dumps(snapshot(state), ensure_ascii=False),
             "created_at": now_iso(), **extra}
        ).last_pk
        status = {"circulated": "circulated", "final": "final"}.get(state_name, "drafting")
        store.db["reviews"].update(rid, {"status": status, "updated_at": now_iso()})
    return dict(store.db["form_versions"].get(vid))


def save_draft_version(store: Store, ref: str) -> dict:
    return _new_version(store, ref, "draft")


def circulate(store: Store, ref: str, on: str, to: str) -> dict:
    day = parse_date(on, "circulation date")
    if not day:
        raise InputRefused("Say when the form was circulated.")
    to = inputs.text(to, "list of who it was circulated to", limit=inputs.MEDIUM)
    if not to:
        raise InputRefused("Say to whom the form was circulated.")
    return _new_version(store, ref, "circulated", circulated_on=day, circulated_to=to)


def accept_drafts(store: Store, ref: str) -> int:
    """The lead author signs off every field as it stands: drafted text becomes theirs (so a
    final form no longer says 'draft'). Empty fields stay empty. Returns how many changed."""
    state = form_state(store, ref)
    rid = state.review["id"]
    stamp = now_iso()
    changed = 0
    with store.write():
        for f in state.fields:
            if f.key == "recommendations" or not f.drafted:
                continue
            put_field(store, rid, f.key, f.body, drafted=False, sources=sources_json(f.sources),
                      stamp=stamp)
            changed += 1
        if state.recommendations_drafted:
            if state.recommendations and state.recommendations[0]["id"] is None:
                for pos, r in enumerate(state.recommendations):
                    store.db["recommendations"].insert(
                        {"review_id": rid, "position": pos, "action": r["action"],
                         "source_note_id": r["source_note_id"]})
            store.conn.execute("UPDATE recommendations SET agreed = 1 WHERE review_id = ?",
                               [rid])
            put_field(store, rid, "recommendations", "", drafted=False, stamp=stamp)
            changed += 1
    return changed


def add_comment(store: Store, ref: str, person: str, key: str, comment: str) -> int:
    """A person's comment on a field, against the latest version (circulate first)."""
    field_key(key)
    person = inputs.text(person, "name of the person commenting")
    comment = inputs.text(comment, "comment", limit=inputs.NOTE, one_line_field=False)
    if not person or not comment:
        raise InputRefused("A comment needs the person's name and what they said.")
    rid = get_review(store, ref)["id"]
    vs = versions(store, rid)
    if not vs:
        raise InputRefused("Circulate a version first; comments are kept against a version.")
    with store.write():
        return store.db["form_comments"].insert(
            {"version_id": vs[-1]["id"], "person": person, "field": key, "comment": comment,
             "created_at": now_iso()}
        ).last_pk


def comments(store: Store, ref: str) -> list[dict]:
    rid = get_review(store, ref)["id"]
    return _rows(
        store,
        "SELECT c.*, v.number AS version FROM form_comments c JOIN form_versions v "
        "ON v.id = c.version_id WHERE v.review_id = ? ORDER BY c.id",
        [rid],
    )


def _field_at(lines: list[str], index: int) -> str:
    for line in reversed(lines[: index + 1]):
        if line.startswith("== "):
            return line[3:]
    return ""


def _readable_diff(old: list[str], new: list[str], old_name: str, new_name: str) -> str:
    """Line changes grouped under the field they fall in: '-' was there, '+' is there now."""
    out = [f"Comparing {old_name} with {new_name}.",
           f"Lines starting - are in {old_name}; lines starting + are in {new_name}."]
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        first = group[0]
        name = _field_at(new, first[3]) if new else _field_at(old, first[1])
        out += ["", f"In {name}:" if name else "At the start:"]
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [f"  {line}" for line in old[i1:i2] if not line.startswith("== ")]
                continue
            out += [f"-{line}" for line in old[i1:i2]]
            out += [f"+{line}" for line in new[j1:j2]]
    return "\n".join(out) if len(out) > 2 else "No changes."


def compare_versions(store: Store, ref: str, number: int | None = None) -> str:
    """What changed. With ``number``: that version against the one before it. Without: the form
    as it is now against the latest version when it has changed since (the chair's edits after
    circulating), otherwise the latest version against the one before it."""
    state = form_state(store, ref)
    vs = state.versions
    if not vs:
        raise InputRefused("No version has been saved yet: circulate one first (F5).")
    if number is None and changed_since_latest(state):
        latest = vs[-1]
        return _readable_diff(
            snapshot_text(json.loads(latest["snapshot"])).splitlines(),
            snapshot_text(snapshot(state)).splitlines(),
            f"version {latest['number']} ({latest['state']})",
            "the form now (not yet saved as a version)")
    idx = len(vs) - 1 if number is None else next(
        (i for i, v in enumerate(vs) if v["number"] == number), None)
    if idx is None:
        raise InputRefused(f"There is no version {number}.")
    if idx == 0:
        raise InputRefused("Only version 1 so far, and nothing has changed since it was saved: "
                           "nothing to compare yet.")
    new = vs[idx]
    old = vs[idx - 1]
    return _readable_diff(
        snapshot_text(json.loads(old["snapshot"])).splitlines(),
        snapshot_text(json.loads(new["snapshot"])).splitlines(),
        f"version {old['number']} ({old['state']})", f"version {new['number']} ({new['state']})")


def changed_since_latest(state: FormState) -> bool:
    if not state.versions:
        return True
    return json.loads(state.versions[-1]["snapshot"]) != json.loads(
        json.dumps(snapshot(state), ensure_ascii=False))


def status_line(state: FormState, changed: bool | None = None) -> str:
    """Where the form stands (draft n / circulated on ... / final). ``changed``: whether it
    differs from its latest version, when the caller knows already."""
    latest = state.latest
    if changed is None:
        changed = changed_since_latest(state)
    if latest is None:
        return "Draft 1, not yet circulated."
    n = latest["number"]
    if latest["state"] == "final" and not changed:
        line = (f"Final (version {n}), sent to {latest['sent_to']} on "
                f"{long_date(latest['finalised_on'])}.")
        if (latest.get("override_reason") or "").strip():
            line += " Marked final by override (the reason is in the history)."
        return line
    if latest["state"] == "circulated" and not changed:
        return (f"Draft {n}, circulated on {long_date(latest['circulated_on'])} to "
                f"{latest['circulated_to']}.")
    if not changed:
        return f"Draft {n}, not yet circulated."
    prior = {"circulated": f" (version {n} was circulated on {long_date(latest['circulated_on'])})",
             "final": f" (changed since version {n} was marked final)"}.get(latest["state"], "")
    return f"Draft {n + 1}, not yet circulated{prior}."
