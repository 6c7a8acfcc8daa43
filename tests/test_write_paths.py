"""Every write path applies the one rule for characters: a control (an escape code, a C1 control,
a direction override) is refused in one sentence and nothing changes; text stored before the
rule (an old database) is shown by it in JSON and exports."""

from __future__ import annotations

import json

import pytest

from exports import ALL_RENDERERS, RENDERERS
from facilitation import event as ev
from facilitation import outcome as o
from facilitation import partnership as p
from facilitation import preparation as prep
from facilitation.capture import parse
from facilitation.errors import InputRefused
from facilitation.reviews import create_review, get_review, review_as_json, update_review

# The control characters the issue names: NUL (an outcome field stored one), ESC, a C1 CSI,
# the right-to-left override and an isolate.
BAD = ["nul \x00 here", "esc \x1b[2J here", "csi \x9b2J here", "rlo \u202e here",
       "isolate \u2067 here"]


def _setup(store, ref) -> dict:
    o.draft_from_notes(store, ref)
    rec = o.add_recommendation(store, ref, "Run a briefing on fathers", "Partnership trainer",
                               "by March")
    spread = o.add_dissemination(store, ref, o.DISSEMINATION_METHODS[0], lead="Sue")
    logged = p.add_dissemination(store, ref, "Briefing", lead="Sue")
    impact = p.add_impact(store, rec, "Fathers are now invited to every meeting.")
    theme = p.add_theme(store, "Neglect")["id"]
    o.circulate(store, ref, "2026-11-19", "everyone who attended")
    other = create_review(store, title="Another", methodology="desktop")["ref"]
    rid = get_review(store, ref)["id"]
    note = ev.last_note(store, rid)["id"]
    return dict(rec=rec, spread=spread, logged=logged, impact=impact, theme=theme, other=other,
                rid=rid, note=note)


WRITES = {
    "note": lambda s, r, i, t: ev.add_note(s, i["rid"], parse(t)),
    "note edited": lambda s, r, i, t: ev.edit_note(s, i["note"], parse("+ " + t)),
    "outcome form field": lambda s, r, i, t: o.save_field(s, r, "synopsis", t),
    "recommendation action": lambda s, r, i, t: o.add_recommendation(s, r, t, "Sue", "by May"),
    "Person Responsible": lambda s, r, i, t: o.add_recommendation(s, r, "Audit", t, "by May"),
    "timeframe": lambda s, r, i, t: o.update_recommendation(s, r, i["rec"], timeframe=t),
    "finding": lambda s, r, i, t: o.update_recommendation(s, r, i["rec"], finding=t),
    "comment": lambda s, r, i, t: o.add_comment(s, r, "Health visitor", "findings", t),
    "commenter": lambda s, r, i, t: o.add_comment(s, r, t, "findings", "Fine."),
    "circulated to": lambda s, r, i, t: o.circulate(s, r, "2026-11-20", t),
    "identifier": lambda s, r, i, t: o.add_identifier(s, r, "name", "Jane", t),
    "form dissemination lead": lambda s, r, i, t: o.update_dissemination(s, r, i["spread"], t),
    "form dissemination detail": lambda s, r, i, t: o.add_dissemination(
        s, r, o.DISSEMINATION_METHODS[1], detail=t),
    "family involvement": lambda s, r, i, t: o.set_family_involvement(
        s, r, o.FAMILY_INVOLVEMENT[0], detail=t),
    "publication risks": lambda s, r, i, t: o.set_family_involvement(
        s, r, o.FAMILY_INVOLVEMENT[0], risks=t),
    "impact evidence": lambda s, r, i, t: p.add_impact(s, i["rec"], t),
    "impact measured": lambda s, r, i, t: p.update_impact(s, i["impact"], "Better.", t),
    "dissemination log": lambda s, r, i, t: p.add_dissemination(s, r, "Briefing", detail=t),
    "dissemination log lead": lambda s, r, i, t: p.update_dissemination(s, i["logged"], lead=t),
    "theme": lambda s, r, i, t: p.rename_theme(s, i["theme"], t),
    "thematic review title": lambda s, r, i, t: p.start_thematic_review(s, [r, i["other"]],
                                                                       title=t),
    "review details": lambda s, r, i, t: prep.update_details(s, r, chair=t),
    "preparation list": lambda s, r, i, t: prep.add_item(s, r, "kloes", text=t),
    "participant": lambda s, r, i, t: prep.add_item(s, r, "participants", name="Jo", role=t),
    "new review title": lambda s, r, i, t: create_review(s, title=t, methodology="desktop"),
    "new review family": lambda s, r, i, t: create_review(s, title="T", methodology="desktop",
                                                          family_label=t),
    "review updated": lambda s, r, i, t: update_review(s, r, scope=t),
}


def dump(store) -> list[str]:
    return list(store.conn.iterdump())


@pytest.mark.parametrize("path", sorted(WRITES))
def test_every_write_path_refuses_controls_and_changes_nothing(store, demo_ref, path):
    ids = _setup(store, demo_ref)
    write = WRITES[path]
    for bad in BAD:
        before = dump(store)
        with pytest.raises(InputRefused, match="control characters") as e:
            write(store, demo_ref, ids, bad)
        assert "here" not in e.value.message  # names the field, never what was typed
        assert dump(store) == before, (path, bad)
    write(store, demo_ref, ids, "fine 👨\u200d👩\u200d👧 \u200fok")  # and plain text is taken


def test_a_kept_capture_line_is_never_refused_its_controls_are_shown(store, demo_ref):
    rid = get_review(store, demo_ref)["id"]
    ev.save_draft(store, rid, "half \x1b[31m typed \u202e")
    assert ev.load_draft(store, rid)["body"] == "half \ufffd[31m typed \ufffd"


def _old_database(store, ref) -> None:
    """Text as a database written before the rule may hold it."""
    rid = get_review(store, ref)["id"]
    with store.db.atomic():
        store.conn.execute("UPDATE reviews SET title = ?, chair = ? WHERE id = ?",
                           ["Child \u202eR\u202c", "Sue \x9b2J", rid])
        store.conn.execute("UPDATE notes SET body = body || ' \u2066x\x1b[31m' WHERE review_id = ?",
                           [rid])
        store.conn.execute("UPDATE recommendations SET action = action || ' \u202e' "
                           "WHERE review_id = ?", [rid])


CONTROL_CHARS = "\x1b\x9b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_old_controls_are_shown_not_passed_on_by_json_and_every_export(store, demo_ref,
                                                                      run_lrf, db_path):
    o.draft_from_notes(store, demo_ref)
    o.accept_drafts(store, demo_ref)
    _old_database(store, demo_ref)
    data = review_as_json(store, demo_ref)
    assert data["title"] == "Child \ufffdR\ufffd"
    assert all(n["body"].endswith(" \ufffdx\ufffd[31m") for n in data["notes"])
    single = [["export", demo_ref, "--what", what] for what in RENDERERS]
    across = [["export", "--what", what, "--all"] for what in ALL_RENDERERS]
    for args in (["show", demo_ref, "--json"], ["list", "--json"], ["list"], ["show", demo_ref],
                 *single, *across, ["export", "--what", "actions", "--all", "--format", "csv"]):
        out = run_lrf("--db", db_path, *args)
        assert out.returncode == 0, (args, out.stderr)
        assert not set(out.stdout) & set(CONTROL_CHARS), args
        if args[0] == "export":
            assert "\ufffd" in out.stdout, args
    assert json.loads(run_lrf("--db", db_path, "show", demo_ref, "--json").stdout) == data
