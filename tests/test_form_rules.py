"""Rules the outcome form screen used to hold itself, now in facilitation/ where the command line
and the screens share them: which language-check flags still block publishing, and moving an
action between not started, started and done."""

from __future__ import annotations

import sqlite3

import pytest

from facilitation import outcome as o
from facilitation import partnership as p
from facilitation.errors import InputRefused
from facilitation.partnership import tracker


def test_each_flag_says_what_the_register_does_with_it(store, demo_ref):
    o.save_field(store, demo_ref, "synopsis", "Mel Okafor visited. Priya Nandra failed.")
    o.save_field(store, demo_ref, "background", "Mel Okafor again.")

    def synopsis_and_background() -> set[tuple[str, str, str]]:
        return {(f.field, f.kind, fate) for f, fate in o.publication_flags(store, demo_ref)
                if f.field in ("synopsis", "background")}

    # Participants join the identifier register by themselves: their names are replaced in
    # the publication text made from the register; blame is advice; household fields are out.
    assert synopsis_and_background() == {
        ("synopsis", "name", "replaced by the register in the publication text"),
        ("synopsis", "blame", "advice"),
        ("background", "name", "field not published"),
    }


@pytest.fixture
def action(store, demo_ref) -> int:
    return o.add_recommendation(store, demo_ref, "Audit the referral route", "Head of service",
                                "March 2027")


def progress(store, rec_id: int) -> tuple[str, str | None, bool]:
    a = next(a for a in p.actions(store) if a.id == rec_id)
    return a.status, a.completed_on, a.started


def test_an_action_moves_between_not_started_started_and_done(store, action):
    p.set_progress(store, action, "done", "14/06/2026")
    assert progress(store, action) == ("done", "2026-06-14", True)
    p.set_progress(store, action, "started")
    assert progress(store, action) == ("in progress", None, True)
    p.set_progress(store, action, "done", "15/06/2026")
    p.set_progress(store, action, "not started")
    assert progress(store, action) == ("not started", None, False)


@pytest.mark.parametrize("asked, on, sentence", [
    ("done", "  ", "Say when the action was done (dd/mm/yyyy)."),
    ("finished", "14/06/2026", "An action is not started, started or done."),
])
def test_progress_without_a_date_or_of_another_kind_is_refused(store, action, asked, on,
                                                               sentence):
    p.set_progress(store, action, "started")
    with pytest.raises(InputRefused) as refused:
        p.set_progress(store, action, asked, on)
    assert refused.value.message == sentence
    assert progress(store, action) == ("in progress", None, True)


def test_a_failed_write_leaves_the_action_as_it_was(store, action, monkeypatch):
    p.set_progress(store, action, "done", "14/06/2026")

    def disk_full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(tracker, "mark_started", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        p.set_progress(store, action, "not started")
    assert progress(store, action) == ("done", "2026-06-14", True)  # not reopened half way


@pytest.mark.parametrize("gap", [" ", "\n\n", " \t\n  ", "\x1c", "\r\n"])
def test_a_long_field_is_counted_in_words_as_typed(gap):
    """The limits count runs of non-space; a field drafted from 200,000 notes (megabytes) is
    counted the same way, whatever separates its words."""
    from facilitation.outcome.fields import word_count

    words = [f"w{i}" for i in range(40_000)]
    text = "  " + gap.join(words) + gap
    assert word_count(text) == 40_000
    assert word_count(text + "é x") == 40_002
