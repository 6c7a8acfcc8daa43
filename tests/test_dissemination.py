"""One dissemination log: an entry logged, corrected, marked done or removed in the Learning and
Improvement view reaches the outcome form's "How this learning will be disseminated and
implemented" field, as one the chair adds in the form does."""

from __future__ import annotations

import sqlite3

import pytest

from facilitation import dissemination as log
from facilitation import outcome as oc
from facilitation import partnership as p


def field_body(store, ref) -> str:
    return oc.form_state(store, ref).field("dissemination").body


def test_an_entry_logged_in_the_partnership_view_reaches_the_drafted_form_field(store, demo_ref):
    oc.add_dissemination(store, demo_ref, "Learning bulletin", "Business manager", "15/01/2027")
    oc.draft_from_notes(store, demo_ref)  # F2 in the form: the field is now a draft
    assert "Learning bulletin" in field_body(store, demo_ref)

    entry = p.add_dissemination(store, demo_ref, "Seven-minute briefing", lead="Named nurse",
                                detail="Shared at the team meeting")
    body = field_body(store, demo_ref)
    assert "- Seven-minute briefing, led by Named nurse: Shared at the team meeting" in body
    assert "Learning bulletin" in body

    p.mark_disseminated(store, entry, "2027-02-03")
    assert "Seven-minute briefing, led by Named nurse, done 3 February 2027" in field_body(
        store, demo_ref)
    p.update_dissemination(store, entry, lead="Safeguarding lead", done_on="2027-02-03")
    assert "Seven-minute briefing, led by Safeguarding lead, done 3 February 2027" in field_body(
        store, demo_ref)
    p.delete_dissemination(store, entry)
    assert "Seven-minute briefing" not in field_body(store, demo_ref)
    assert "Learning bulletin" in field_body(store, demo_ref)


def test_an_entry_logged_in_the_partnership_view_never_overwrites_the_chairs_text(
        store, demo_ref):
    oc.save_field(store, demo_ref, "dissemination", "Our own plan, typed by the chair.")
    p.add_dissemination(store, demo_ref, "Seven-minute briefing", lead="Named nurse")
    assert field_body(store, demo_ref) == "Our own plan, typed by the chair."
    assert [r["method"] for r in oc.form_state(store, demo_ref).dissemination] == [
        "Seven-minute briefing"]


def test_an_entry_logged_in_the_partnership_view_fills_an_empty_field_on_f2(store, demo_ref):
    p.add_dissemination(store, demo_ref, "Seven-minute briefing", lead="Named nurse")
    oc.draft_from_notes(store, demo_ref)
    assert "- Seven-minute briefing, led by Named nurse" in field_body(store, demo_ref)


def test_an_entry_whose_form_field_cannot_be_refreshed_is_not_logged(store, demo_ref,
                                                                     monkeypatch):
    """The entry and the refreshed field are one change: a full disk half way leaves neither
    (the user, told it was not saved, logs it again without a duplicate)."""
    oc.draft_from_notes(store, demo_ref)
    before = store.conn.execute("SELECT * FROM dissemination").fetchall()

    def full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(log, "redraft_untouched", full)
    with pytest.raises(sqlite3.OperationalError):
        p.add_dissemination(store, demo_ref, "Seven-minute briefing")
    assert store.conn.execute("SELECT * FROM dissemination").fetchall() == before
