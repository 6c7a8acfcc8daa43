"""The worked example (issue 13): four fictional reviews, one per method, each at its own
stage; what the chair, the lead author and the subgroup read from them (the follow-up list,
`show --json`, the partnership report and its CSV); and dates that are met, not overdue."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from exports.follow_up import render_follow_up
from exports.markdown import parser
from exports.outcome import render_parts
from exports.partnership import REVIEW_THEME_COLUMNS, render_partnership
from facilitation import clock, stages
from facilitation import partnership as p
from facilitation.demo import add_demo_set
from facilitation.errors import InputRefused
from facilitation.parked import parked_items, set_follow_up
from facilitation.reviews import get_review, list_reviews, review_as_json
from facilitation.store import open_store

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One database with the worked example, shared by the read-only checks below."""
    mp = pytest.MonkeyPatch()
    mp.setattr(clock, "today", lambda: TODAY)
    s = open_store(tmp_path_factory.mktemp("demo") / "lrf.db")
    refs = add_demo_set(s, today=TODAY)
    yield s, refs
    s.close()
    mp.undo()


def test_four_reviews_one_per_method_each_at_its_own_stage(demo):
    store, refs = demo
    rows = {r["ref"]: r for r in list_reviews(store)}
    assert [rows[ref]["methodology"] for ref in refs] == [
        "practitioner", "desktop", "single_issue", "thematic"]
    assert [stages.stage(rows[ref], TODAY) for ref in refs] == [
        "event held", "gathering information", "circulated", "final"]


def test_running_the_demo_twice_adds_a_second_set(demo, tmp_path):
    s = open_store(tmp_path / "twice.db")
    try:
        first, second = add_demo_set(s, today=TODAY), add_demo_set(s, today=TODAY)
        assert len(set(first + second)) == 8
    finally:
        s.close()


def test_every_learning_and_improvement_tab_has_something(demo):
    store, refs = demo
    actions = p.actions(store, on=TODAY)
    assert {a.status for a in actions} >= {"done", "in progress", "not started"}
    assert any(a.impact for a in actions), "impact evidence on a done action"
    themes, _ = p.theme_counts(store, include_unused=False)
    assert {t.name.lower() for t in themes} >= {"child exploitation", "neglect"}
    assert any(t.count >= 2 for t in themes), "a theme shared by two reviews"
    log = p.dissemination_log(store)
    assert any(d["done_on"] for d in log) and any(not d["done_on"] for d in log)


def test_show_json_is_the_whole_review_and_never_the_register(demo):
    store, refs = demo
    final = review_as_json(store, refs[3])
    for key in ("ref", "title", "methodology", "status", "family_label", "agenda",
                "ground_rules", "key_lines_of_enquiry", "hypotheses", "participants", "notes",
                "recommendations", "form", "versions", "comments", "themes", "dissemination",
                "method_items", "families", "parked", "history"):
        assert key in final, key
    assert [f["name"] for f in final["form"]][7] == "Findings and key learning points"
    assert {f["status"] for f in final["form"]} == {"written"}
    assert [r["progress"] for r in final["recommendations"]] == [
        "done", "in progress", "not started"]
    assert final["recommendations"][0]["impact"][0]["what_changed"].startswith("The panel")
    assert {"action", "person_responsible", "timeframe"} <= set(final["recommendations"][0])
    assert [t.lower() for t in final["themes"]] == [
        "child exploitation", "missing children", "neglect"]
    assert [f["label"] for f in final["families"]] == ["Family J", "Family K", "Family L"]
    assert "marked final and sent to the Learning and Improvement Subgroup" in final["history"][-1]
    circulated = review_as_json(store, refs[2])
    assert [bool(c["response"]) for c in circulated["comments"]] == [True, False]
    event = review_as_json(store, refs[0])
    assert {f["status"] for f in event["form"]} >= {"draft", "empty"}
    assert all(x["owner"] for x in event["parked"])
    # every method's own records, and what every method shares
    assert {r["kind"] for r in final["method_records"]} >= {"activity", "interview", "audit",
                                                          "advice"}
    desktop = review_as_json(store, refs[1])
    meeting = next(r for r in desktop["method_records"] if r["further_info"])
    assert meeting["kind"] == "meeting" and meeting["gathered_on"] is None
    assert {r["kind"] for r in circulated["method_records"]} == {"document", "consultation",
                                                               "audit"}
    assert [x["effect"] for x in event["process"]["proceedings"]] == ["parts delayed"]
    assert event["process"]["rapid_review_decision"] == "learning review under this framework"
    text = json.dumps(event) + json.dumps(final)
    assert "identifier" not in text and "pseudonyms" not in final


def test_parked_items_have_owners_in_the_follow_up_list_and_never_in_the_form(demo):
    store, refs = demo
    ref = refs[0]
    items = parked_items(store, ref)
    assert len(items) == 2
    listed = render_follow_up(store, ref)
    parser().parse(listed)
    for item in items:
        assert item["body"] in listed and item["owner"] in listed and item["follow_up"] in listed
    form = "".join(render_parts(store, ref))
    assert not any(item["body"] in form for item in items)
    assert not any(item["owner"] in form for item in items)


def test_a_follow_up_is_written_checked_and_refused_for_other_notes(store):
    ref = add_demo_set(store, today=TODAY)[0]
    item = parked_items(store, ref)[0]
    got = set_follow_up(store, ref, item["note_id"], owner="  Early help lead ",
                        follow_up="Ring the family's lead worker.\nThen tell the chair.")
    assert got["owner"] == "Early help lead"
    assert "Then tell the chair." in render_follow_up(store, ref)
    other = store.conn.execute("SELECT id FROM notes WHERE kind != 'parked' LIMIT 1").fetchone()[0]
    with pytest.raises(InputRefused):
        set_follow_up(store, ref, other, owner="x", follow_up="")
    with pytest.raises(InputRefused):
        set_follow_up(store, ref, item["note_id"], owner="a\x1bb", follow_up="")
    assert parked_items(store, ref)[0]["owner"] == "Early help lead", "nothing changed"


def test_partnership_report_quotes_findings_and_csv_lists_reviews_by_theme(demo):
    store, refs = demo
    report = render_partnership(store)
    assert f"### {refs[3]}: Teenagers exploited outside the home (final on 2026-10-16)" in report
    assert "> Missing episodes were treated one at a time" in report
    assert f"### {refs[0]}" not in report, "no findings written yet for the event-held review"
    sheet = render_partnership(store, fmt="csv")
    rows = list(csv.reader(io.StringIO(sheet.lstrip("\ufeff"))))
    assert rows[0] == list(REVIEW_THEME_COLUMNS)
    final_rows = [r for r in rows[1:] if r[0] == refs[3]]
    assert [r[5].lower() for r in final_rows] == [
        "child exploitation", "missing children", "neglect"]
    assert {r[3] for r in final_rows} == {"final"} and final_rows[0][4] == "2026-10-16"
    assert {r[0] for r in rows[1:]} == set(refs)


def test_met_dates_are_met_not_overdue(demo):
    store, refs = demo
    final = stages.review_facts(store, get_review(store, refs[3]))
    said = {m.key: m.state for m in stages.milestones(final, TODAY)}
    assert said == {"info_deadline": "met", "report_due": "met"}
    assert stages.next_date_due(final, TODAY) is None
    event = stages.review_facts(store, get_review(store, refs[0]))
    assert stages.next_date_due(event, TODAY)[0] == "report due"
    missing = {"request_received": None, "request_due": "2026-10-01"}
    assert stages.agency_return(missing, event, TODAY) == "not received"
    preparing = stages.review_facts(store, get_review(store, refs[1]))
    assert stages.agency_return(missing, preparing, TODAY) == "overdue"
    assert stages.agency_return({**missing, "request_due": "2026-12-30"}, preparing,
                                TODAY) == "awaited"


def test_the_app_export_dialog_writes_the_follow_up_list_as_the_command_does(demo):
    from lrf_tui.dialogs.export import default_name, outcome_document

    store, refs = demo
    assert default_name(refs[0], "md", "follow-up").endswith(f"{refs[0]} follow-up list.md")
    assert outcome_document(store, refs[0], "md", "follow-up") == render_follow_up(store, refs[0])
    assert outcome_document(store, refs[0], "docx", "follow-up")[:2] == b"PK"  # a Word file
