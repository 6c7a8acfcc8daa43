"""Event store functions: notes saved and found, tallies, attendance, the clock after a crash."""

from __future__ import annotations

import datetime as _dt

import pytest

from facilitation import event as ev
from facilitation.errors import InputRefused
from facilitation.store import open_store

T0 = _dt.datetime(2026, 3, 2, 9, 30, tzinfo=_dt.timezone.utc)


@pytest.fixture
def ctx(store, demo_ref):
    return ev.load_context(store, demo_ref)


def test_note_is_committed_and_filed_under_item(store, ctx, db_path):
    item = ctx.agenda[3]
    note = ev.add_note(store, ctx.review_id, ctx.parse("- h1+ @tom no route overnight"),
                       agenda_item_id=item["id"], prompt_area=item["prompt_area"])
    other = open_store(db_path)  # a second connection sees it: it is committed
    try:
        row = other.conn.execute(
            "SELECT kind, body, hypothesis, stance, speaker, prompt_area, agenda_item_id "
            "FROM notes WHERE id = ?", [note["id"]]).fetchone()
    finally:
        other.close()
    assert row == ("do_differently", "no route overnight", 1, "supports", "DC Tom Reid",
                   item["prompt_area"], item["id"])


def test_refused_line_saves_nothing(store, ctx):
    before = store.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    for line in ("+", "h99+ x", "x" * 100_000):
        with pytest.raises(InputRefused):
            ev.add_note(store, ctx.review_id, ctx.parse(line))
    assert store.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == before


def test_edit_delete_undelete_last(store, ctx):
    n = ev.add_note(store, ctx.review_id, ctx.parse("first try"), agenda_item_id=ctx.agenda[0]["id"])
    assert ev.last_note(store, ctx.review_id)["id"] == n["id"]
    edited = ev.edit_note(store, n["id"], ctx.parse("+ second try @sue"))
    assert (edited["kind"], edited["body"], edited["speaker"]) == ("good_practice", "second try", "Sue Carr")
    ev.set_deleted(store, n["id"], True)
    assert ev.last_note(store, ctx.review_id)["id"] != n["id"]
    assert ev.last_deleted_note(store, ctx.review_id)["id"] == n["id"]
    assert n["id"] not in [x["id"] for x in ev.item_notes(store, ctx.review_id, ctx.agenda[0]["id"])]
    ev.set_deleted(store, n["id"], False)
    assert ev.item_notes(store, ctx.review_id, ctx.agenda[0]["id"])[-1]["body"] == "second try"


def test_filters_and_search(store, ctx):
    rid = ctx.review_id
    assert all(n["kind"] == "action" for n in ev.find_notes(store, rid, ev.NoteFilter(kind="action")))
    assert len(ev.find_notes(store, rid, ev.NoteFilter(kind="action"))) == 3
    assert {n["hypothesis"] for n in ev.find_notes(store, rid, ev.NoteFilter(hypothesis=2))} == {2}
    sue = ev.find_notes(store, rid, ev.NoteFilter(speaker="sue carr"))
    assert sue and all(n["speaker"] == "Sue Carr" for n in sue)
    found = ev.find_notes(store, rid, ev.NoteFilter(search="breakfast"))
    assert found and all("breakfast" in n["body"].lower() for n in found)
    assert ev.find_notes(store, rid, ev.NoteFilter(search="breakf"))  # prefix
    both = ev.find_notes(store, rid, ev.NoteFilter(search="breakfast", speaker="Sue Carr"))
    assert both and len(both) <= len(found)
    for hostile in ('"', "AND OR NOT", "(", "*", "NEAR(", "a:b", "^", "[/]", "\x00", "'; drop"):
        ev.find_notes(store, rid, ev.NoteFilter(search=hostile))  # never raises


def test_search_keeps_to_this_review_its_live_notes_and_the_newest(store, ctx):
    """Words find this review's notes only, never a deleted one, and of many matches the newest
    ``limit``, oldest first, as the Find list shows them."""
    from facilitation.reviews import create_review

    other = create_review(store, ref="LR-2026-998", title="Another review",
                          methodology="practitioner", family_label="Family Z")
    ev.add_note(store, other["id"], ctx.parse("zebrafinch in another review"))
    ids = [ev.add_note(store, ctx.review_id, ctx.parse(f"zebrafinch {i}"))["id"] for i in range(5)]
    ev.set_deleted(store, ids[-1], True)
    found = ev.find_notes(store, ctx.review_id, ev.NoteFilter(search="zebraf"), limit=3)
    assert [n["body"] for n in found] == ["zebrafinch 1", "zebrafinch 2", "zebrafinch 3"]
    assert ev.find_notes(store, ctx.review_id, ev.NoteFilter(search="zebrafinch another")) == []


def test_tallies_and_status(store, ctx):
    rid = ctx.review_id
    before = ev.hypothesis_tallies(store, rid)
    ev.add_note(store, rid, ctx.parse("h2- asked about children"))
    after = ev.hypothesis_tallies(store, rid)
    assert after[2] == (before[2][0], before[2][1] + 1)
    ev.set_hypothesis_status(store, rid, 2, "not supported")
    assert store.conn.execute(
        "SELECT status FROM hypotheses WHERE review_id = ? AND number = 2", [rid]
    ).fetchone()[0] == "not supported"
    with pytest.raises(InputRefused):
        ev.set_hypothesis_status(store, rid, 2, "maybe")
    with pytest.raises(InputRefused):
        ev.set_hypothesis_status(store, rid, 99, "supported")


def test_attendance(store, ctx):
    p = ctx.participants[0]
    ev.set_attendance(store, p["id"], "left early")
    assert store.conn.execute("SELECT attendance FROM participants WHERE id = ?",
                              [p["id"]]).fetchone()[0] == "left early"
    with pytest.raises(InputRefused):
        ev.set_attendance(store, p["id"], "asleep")


def test_clock_survives_reopening(store, ctx, db_path):
    state = ev.load_state(store, ctx)
    assert state.current_item_id == ctx.agenda[0]["id"] and not state.running
    ev.start_clock(store, state, now=T0)
    ev.move_to_item(store, state, ctx.agenda[1]["id"], now=T0 + _dt.timedelta(minutes=12))
    # crash: nothing but the database survives
    other = open_store(db_path)
    try:
        again = ev.load_state(other, ev.load_context(other, ctx.review["ref"]))
    finally:
        other.close()
    assert again.current_item_id == ctx.agenda[1]["id"] and again.running
    later = T0 + _dt.timedelta(minutes=15)
    assert again.elapsed(ctx.agenda[0]["id"], later) == pytest.approx(12 * 60)
    assert again.elapsed(ctx.agenda[1]["id"], later) == pytest.approx(3 * 60)
    t = ev.timings(ctx, again, later)
    assert t.event_elapsed == pytest.approx(15 * 60)
    # The first item overran by 2 minutes: the second still has its own minutes.
    assert t.item_budget == ctx.agenda[1]["minutes"] * 60
    assert t.event_left == pytest.approx(150 * 60 - 15 * 60)
    ev.pause_clock(store, state, now=later)
    assert not state.running and state.elapsed(ctx.agenda[1]["id"], later + _dt.timedelta(hours=1)) == pytest.approx(180)


def test_only_the_first_note_starts_the_clock(store, ctx):
    state = ev.load_state(store, ctx)
    assert ev.start_clock_on_first_note(store, state, now=T0) is True
    assert ev.load_state(store, ctx).running
    # The chair pauses the clock; the next note leaves it paused and the start time as it was.
    ev.pause_clock(store, state, now=T0 + _dt.timedelta(minutes=10))
    assert ev.start_clock_on_first_note(store, state, now=T0 + _dt.timedelta(minutes=11)) is False
    saved = ev.load_state(store, ctx)
    assert not saved.running
    assert saved.started_at == "2026-03-02T09:30:00.000+00:00"


def test_parked_count_leaves_out_deleted_and_other_notes(store, ctx):
    rid = ctx.review_id
    before = ev.count_parked(store, rid)
    assert before == len(ev.parked_notes(store, rid)) == 1  # the demo parks one
    ev.add_note(store, rid, ctx.parse("^ housing transfer: for the care team"))
    gone = ev.add_note(store, rid, ctx.parse("^ school admissions"))
    ev.add_note(store, rid, ctx.parse("+ not parked"))
    ev.set_deleted(store, gone["id"], True)
    assert ev.count_parked(store, rid) == before + 1


def _minutes(m: float) -> _dt.datetime:
    return T0 + _dt.timedelta(minutes=m)


def test_an_item_is_timed_against_its_own_minutes_whatever_the_others_took(store, ctx):
    """Two 10-minute items took a minute each; the 20-minute item that followed showed 52:57
    left, because the time they saved was spread over the items still to come."""
    first, second, third = (a["id"] for a in ctx.agenda[:3])
    assert ctx.agenda[2]["minutes"] == 20
    state = ev.load_state(store, ctx)
    ev.start_clock(store, state, now=_minutes(0))
    ev.move_to_item(store, state, second, now=_minutes(1))
    ev.move_to_item(store, state, third, now=_minutes(2))
    t = ev.timings(ctx, state, _minutes(7))
    assert (t.item_elapsed, t.item_budget, t.item_left, t.item_over) == (300, 1200, 900, 0)
    assert (t.event_elapsed, t.event_total) == (7 * 60, 150 * 60)
    late = ev.timings(ctx, state, _minutes(25))  # 23 minutes on a 20-minute item
    assert late.item_over == pytest.approx(180) and late.item_left == pytest.approx(-180)
    assert late.event_elapsed == pytest.approx(25 * 60) and late.event_over == 0
    # Paused, the item and the event stop; moving back to an item carries on from its time.
    ev.pause_clock(store, state, now=_minutes(25))
    assert ev.timings(ctx, state, _minutes(90)).item_elapsed == pytest.approx(23 * 60)
    ev.move_to_item(store, state, first, now=_minutes(90))
    back = ev.timings(ctx, state, _minutes(90))
    assert (back.item_elapsed, back.item_budget) == (60, 600)


def test_the_event_total_is_its_planned_minutes_or_else_the_agendas(store, ctx):
    state = ev.load_state(store, ctx)
    ev.start_clock(store, state, now=_minutes(0))
    t = ev.timings(ctx, state, _minutes(155))
    assert t.event_total == 150 * 60 and t.event_over == pytest.approx(5 * 60)
    ctx.review["event_minutes"] = None
    assert ev.timings(ctx, state, _minutes(1)).event_total == sum(
        a["minutes"] for a in ctx.agenda) * 60


def test_the_times_line_reads_as_a_chair_needs_it():
    t = ev.Timings(item_elapsed=300, item_budget=1200, event_elapsed=420, event_total=9000)
    line = ev.times_line(t, started=True, running=True, key="F5")
    assert line == "clock running (F5) · item 5:00 of 20 min, 15:00 left · event 7:00 of 150 min"
    over = ev.Timings(item_elapsed=23 * 60, item_budget=1200, event_elapsed=25 * 60,
                      event_total=9000)
    line = ev.times_line(over, started=True, running=False, key="F5")
    assert line == "clock PAUSED (F5) · item 23:00 of 20 min, 3:00 OVER · event 25:00 of 150 min"
    short = "PAUSED (F5) · item 23:00/20 min 3:00 OVER · event 25:00/150 min"
    assert ev.times_line(over, started=True, running=False, key="F5", width=len(short)) == short
    assert ev.times_line(over, started=True, running=False, key="F5", width=len(short) - 1) == (
        "PAUSED (F5) · item 23:00/20 min OVER · event 25:00/150 min")
    assert "not started" in ev.times_line(ev.Timings(0, 1200, 0, 9000), started=False,
                                          running=False, key="F5")
    assert "no time planned" in ev.times_line(ev.Timings(65, 0, 65, 9000), started=True,
                                              running=True, key="F5")


@pytest.mark.parametrize("key", ["F5", "ctrl+shift+f12"])
def test_the_times_line_fits_and_keeps_the_state_and_the_overrun(key):
    """At 80 columns (78 inside the padding) the line is never cut: the state comes first and an
    overrun says OVER however long the item and the event have run."""
    for item_s, budget in ((59, 600), (3725, 3600), (7 * 3600 + 5, 1200), (30, 0)):
        for event_s in (60, 9100, 10 * 3600 + 7):
            for running in (True, False):
                t = ev.Timings(item_s, budget, event_s, 9000)
                line = ev.times_line(t, started=True, running=running, key=key, width=78)
                assert len(line) <= 78, line
                assert line.split(" · ")[0].split(" (")[0].endswith(
                    "running" if running else "PAUSED")
                assert ("OVER" in line.split(" · ")[1]) == (t.item_over > 0), line
                assert ("OVER" in line.split(" · ")[2]) == (t.event_over > 0), line


def test_clock_format():
    assert ev.clock(65) == "1:05"
    assert ev.clock(3725) == "1:02:05"
    assert ev.clock(-190) == "-3:10"
