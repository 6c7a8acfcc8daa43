"""Preparing a review: every refusal names its field and leaves the database as it was."""

from __future__ import annotations

import datetime as _dt

import pytest

from facilitation import preparation as prep
from facilitation.errors import InputRefused
from facilitation.framework import APPRECIATIVE_AGENDA, PRACTITIONER_AGENDA
from facilitation.reviews import create_review, get_review, review_as_json


@pytest.fixture
def ref(store):
    return create_review(store, title="Child T", methodology="practitioner")["ref"]


def snapshot(store, ref):
    data = review_as_json(store, ref)
    return data


def test_details_saved_together_and_dates_normalised(store, ref):
    prep.update_details(
        store, ref, family_label="Family T", info_deadline="14/03/2026",
        report_due="2026-05-01", event_start="9.30", event_minutes="150",
    )
    r = get_review(store, ref)
    assert (r["family_label"], r["info_deadline"], r["report_due"]) == (
        "Family T", "2026-03-14", "2026-05-01")
    assert (r["event_start"], r["event_minutes"]) == ("09:30", 150)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"title": "   "}, "title"),
        ({"info_deadline": "next week"}, "info_deadline"),
        ({"report_due": "31/02/2026"}, "report_due"),
        ({"info_deadline": "2026-06-01", "report_due": "2026-05-01"}, "info_deadline"),
        ({"event_start": "25:00"}, "event_start"),
        ({"event_minutes": "two hours"}, "event_minutes"),
        ({"family_label": "x" * 2000}, "family_label"),
        ({"family_involvement": "maybe"}, "family_involvement"),
        ({"chair": "a\x1b[31mb"}, "chair"),
    ],
)
def test_bad_details_refused_naming_the_field_and_nothing_saved(store, ref, fields, field):
    before = snapshot(store, ref)
    with pytest.raises(prep.FieldRefused) as e:
        # a good field alongside the bad one must not be saved either
        prep.update_details(store, ref, scope="Some scope", **fields)
    assert e.value.field == field
    assert e.value.message.endswith(".") and "\n" not in e.value.message
    assert snapshot(store, ref) == before


def test_deadline_after_existing_report_due_refused(store, ref):
    prep.update_details(store, ref, report_due="2026-05-01")
    with pytest.raises(prep.FieldRefused, match="must not be after"):
        prep.update_details(store, ref, info_deadline="2026-05-02")
    assert get_review(store, ref)["info_deadline"] is None


def test_deadline_after_the_event_refused_either_way_round(store, ref):
    """The event tests what the information gathering found, so the deadline comes first."""
    prep.update_details(store, ref, event_date="2026-03-10")
    with pytest.raises(prep.FieldRefused, match="not be after the event date") as e:
        prep.update_details(store, ref, info_deadline="2026-03-11")
    assert e.value.field == "info_deadline"
    prep.update_details(store, ref, info_deadline="2026-03-10")  # the same day is allowed
    with pytest.raises(prep.FieldRefused, match="not be after the event date") as e:
        prep.update_details(store, ref, event_date="2026-03-09")
    assert e.value.field == "event_date"
    r = get_review(store, ref)
    assert (r["info_deadline"], r["event_date"]) == ("2026-03-10", "2026-03-10")


def test_markup_is_stored_as_typed(store, ref):
    prep.update_details(store, ref, chair="[bold]Chair[/]")
    prep.add_item(store, ref, "kloes", text="[/] why?")
    data = review_as_json(store, ref)
    assert data["chair"] == "[bold]Chair[/]"
    assert data["key_lines_of_enquiry"] == ["[/] why?"]


def test_timescales_count_working_days_excluding_bank_holidays(store, ref):
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    prep.update_details(store, ref, info_deadline="2026-04-07", report_due="2026-04-10")
    review = get_review(store, ref)
    got = prep.timescales(review, today=_dt.date(2026, 4, 1))
    assert got[0] == ("Information-gathering deadline", "2026-04-07", "2 working days")
    assert got[2] == ("Report due", "2026-04-10", "5 working days")


def test_agenda_add_edit_move_delete(store, ref):
    rid = get_review(store, ref)["id"]
    new = prep.add_item(store, ref, "agenda_items", title="Tea", minutes="15", prompt_area=None)
    items = prep_items(store, rid)
    assert items[-1] == ("Tea", 15)
    prep.move_item(store, ref, "agenda_items", new, -1)
    assert prep_items(store, rid)[-2] == ("Tea", 15)
    prep.edit_item(store, ref, "agenda_items", new, title="Break", minutes=20)
    assert prep_items(store, rid)[-2] == ("Break", 20)
    prep.delete_item(store, ref, "agenda_items", new)
    assert prep_items(store, rid) == [(i.title, i.minutes) for i in PRACTITIONER_AGENDA]


def prep_items(store, rid):
    return [
        tuple(r)
        for r in store.conn.execute(
            "SELECT title, minutes FROM agenda_items WHERE review_id = ? ORDER BY position", [rid]
        )
    ]


def test_move_at_the_ends_does_nothing(store, ref):
    rid = get_review(store, ref)["id"]
    first = store.conn.execute(
        "SELECT id FROM agenda_items WHERE review_id = ? ORDER BY position", [rid]
    ).fetchone()[0]
    assert prep.move_item(store, ref, "agenda_items", first, -1) is False


def test_long_agenda_title_refused(store, ref):
    before = snapshot(store, ref)
    with pytest.raises(prep.FieldRefused) as e:
        prep.add_item(store, ref, "agenda_items", title="x" * 2000, minutes=10)
    assert e.value.field == "title" and "2,000 characters" in e.value.message
    assert snapshot(store, ref) == before


def test_reset_to_appreciative_and_back(store, ref):
    prep.reset_agenda(store, ref, appreciative=True)
    data = review_as_json(store, ref)
    assert [a["title"] for a in data["agenda"]] == [i.title for i in APPRECIATIVE_AGENDA]
    assert data["event"]["appreciative"] is True
    prep.reset_agenda(store, ref)
    assert [a["title"] for a in review_as_json(store, ref)["agenda"]] == [
        i.title for i in PRACTITIONER_AGENDA]


def test_agenda_timing_and_start_times():
    items = [{"minutes": 10}, {"minutes": 50}, {"minutes": 5}]
    t = prep.agenda_timing(items, {"event_minutes": 60})
    assert t.total == 65 and t.over == 5 and "5 min too long" in t.summary()
    assert prep.start_times(items, "09:30") == ["09:30", "09:40", "10:30"]


def test_duplicate_hypothesis_number_refused(store, ref):
    prep.add_item(store, ref, "hypotheses", text="First idea")
    second = prep.add_item(store, ref, "hypotheses", text="Second idea")
    before = snapshot(store, ref)
    with pytest.raises(prep.FieldRefused) as e:
        prep.add_item(store, ref, "hypotheses", number="1", text="Another")
    assert e.value.field == "number" and "already exists" in e.value.message
    with pytest.raises(prep.FieldRefused):
        prep.edit_item(store, ref, "hypotheses", second, number=1)
    assert snapshot(store, ref) == before
    assert [h["number"] for h in before["hypotheses"]] == [1, 2]


def test_question_needs_prompt_area_or_kloe(store, ref):
    with pytest.raises(prep.FieldRefused) as e:
        prep.add_item(store, ref, "questions", text="What happened?")
    assert e.value.field == "prompt_area"
    kloe = prep.add_item(store, ref, "kloes", text="Voice of the child")
    prep.add_item(store, ref, "questions", text="What did she say?", kloe_id=kloe)
    prep.add_item(store, ref, "questions", text="Who saw her?", prompt_area="involvement")
    assert len(review_as_json(store, ref)["questions"]) == 2


def test_agency_request_dates_and_unique_names(store, ref):
    aid = prep.add_item(store, ref, "agencies", name="Police", request_sent="2026-01-05",
                        request_due="2026-01-26", good_practice="Quick referral.")
    with pytest.raises(prep.FieldRefused) as e:
        prep.edit_item(store, ref, "agencies", aid, request_received="2026-01-01")
    assert e.value.field == "request_received"
    with pytest.raises(prep.FieldRefused) as e:
        prep.add_item(store, ref, "agencies", name="police")
    assert e.value.field == "name"
    assert [a["name"] for a in review_as_json(store, ref)["agencies"]] == ["Police"]


def test_invitee_choices_checked(store, ref):
    with pytest.raises(prep.FieldRefused) as e:
        prep.add_item(store, ref, "participants", name="Jo", level="boss")
    assert e.value.field == "level"
    prep.add_item(store, ref, "participants", name="Jo", agency="School", level="manager",
                  invited=True, agenda_sent=True, offered_conversation=False)
    row = store.conn.execute(
        "SELECT level, invited, agenda_sent, offered_conversation FROM participants"
    ).fetchone()
    assert tuple(row) == ("manager", 1, 1, 0)


def test_method_items_for_thematic(store):
    ref = create_review(store, title="Themes", methodology="thematic")["ref"]
    rid = get_review(store, ref)["id"]
    prep.add_item(store, ref, "method_items", kind="theme", text="Neglect")
    prep.add_item(store, ref, "method_items", kind="background", text="A finding",
                  date="2026-02-01")
    with pytest.raises(prep.FieldRefused):
        prep.add_item(store, ref, "method_items", kind="record", text="x")  # a method record now
    assert [m["text"] for m in prep.method_items(store, rid, "theme")] == ["Neglect"]


def test_item_of_another_review_is_refused(store, ref):
    other = create_review(store, title="Other", methodology="practitioner")["ref"]
    kid = prep.add_item(store, other, "kloes", text="Theirs")
    with pytest.raises(InputRefused):
        prep.delete_item(store, ref, "kloes", kid)
    assert review_as_json(store, other)["key_lines_of_enquiry"] == ["Theirs"]
