"""The form as the form screen shows it (facilitation.outcome.FormView): after each save of one
field it says what the whole form worked out afresh says, without drafting every field again."""

from __future__ import annotations

import pytest

from facilitation import outcome as o


def fresh(store, ref):
    """What the screen showed before: everything worked out again from the database."""
    state = o.form_state(store, ref)
    flags = o.publication_flags(store, ref)
    status = o.status_line(state)
    if flags:
        blocking = sum(1 for _f, fate in flags if not fate)
        status += (f"  Check: {len(flags)} flag{'s' if len(flags) != 1 else ''}, "
                   f"{blocking} not in the register (F4)")
    marks = [(f.key, o.field_mark(state, f)) for f in state.fields]
    bodies = [(f.key, f.body, f.written, f.drafted, f.note_ids) for f in state.fields]
    return status, marks, bodies, [(f.describe(), fate) for f, fate in flags]


def shown(view):
    marks = [(f.key, mark) for f, mark in view.marks()]
    bodies = [(f.key, f.body, f.written, f.drafted, f.note_ids) for f in view.state.fields]
    return view.status(), marks, bodies, [(f.describe(), fate) for f, fate in view.flags]


def save(store, view, ref, key, body):
    o.save_field(store, ref, key, body)
    view.field_saved(key)


@pytest.mark.parametrize("circulated", [False, True])
def test_each_save_leaves_the_form_as_worked_out_afresh(store, demo_ref, circulated):
    o.draft_from_notes(store, demo_ref)
    if circulated:
        o.circulate(store, demo_ref, "2026-11-19", "everyone who attended")
    view = o.FormView(store, demo_ref)
    assert shown(view) == fresh(store, demo_ref)
    drafted = o.form_state(store, demo_ref).field("strengths").body
    steps = [
        ("synopsis", "Jo Hartley failed the child. NE8 1AB"),  # a name, blame, a postcode
        ("strengths", drafted + "\nAnd one line of the chair's."),  # a draft, edited
        ("findings", "word " * 301),  # over the limit
        ("do_better", ""),  # emptied on purpose: not drafted again
        ("findings", "Within the limit now."),
        ("strengths", drafted),  # back to the draft's words, but the chair's now
    ]
    for key, body in steps:
        save(store, view, demo_ref, key, body)
        assert shown(view) == fresh(store, demo_ref), key


def test_the_status_line_follows_a_save_away_from_and_back_to_the_circulated_version(
        store, demo_ref):
    o.draft_from_notes(store, demo_ref)
    o.circulate(store, demo_ref, "2026-11-19", "everyone who attended")
    view = o.FormView(store, demo_ref)
    before = o.form_state(store, demo_ref).field("synopsis").body
    assert view.status().startswith("Draft 1, circulated on 19 November 2026")
    save(store, view, demo_ref, "synopsis", "Child R, 9, lives with her mother.")
    assert view.status().startswith("Draft 2, not yet circulated (version 1 was circulated")
    assert dict((f.key, m) for f, m in view.marks())["synopsis"] == "done"
    o.save_field(store, demo_ref, "synopsis", before)  # the same words again
    view.field_saved("synopsis")
    # the words are the circulated ones, but now the chair's rather than a draft
    assert view.status() == fresh(store, demo_ref)[0]


def test_a_saved_name_is_counted_in_the_check_at_once(store, demo_ref):
    view = o.FormView(store, demo_ref)

    def flags(in_synopsis: bool) -> list:
        return [f for f, _ in view.flags if (f.field == "synopsis") == in_synopsis]

    elsewhere = len(flags(False))
    save(store, view, demo_ref, "synopsis", "Jo Hartley visited. Call 0191 496 0123.")
    assert [f.kind for f in flags(True)] and len(flags(True)) == 2  # the name and the phone
    assert len(flags(False)) == elsewhere
    assert "1 not in the register (F4)" in view.status()
    save(store, view, demo_ref, "synopsis", "The health visitor visited.")
    assert flags(True) == [] and len(flags(False)) == elsewhere
