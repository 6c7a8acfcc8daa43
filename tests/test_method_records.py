"""The framework's other three methods and the process every method shares, read where a user
reads them: the outcome form and the requests exported, the CLI's answer, the sentence refused."""

from __future__ import annotations

import datetime as _dt

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from exports.outcome import render
from exports.pack import render_requests
from facilitation import preparation as prep
from facilitation import process
from facilitation.errors import FieldRefused
from facilitation.method_records import meetings_waiting
from facilitation.outcome.signoff import recipient
from facilitation.reviews import create_review, get_review
from facilitation.store import open_store, schema


def _new(store, methodology: str) -> str:
    return create_review(store, title="Review", methodology=methodology)["ref"]


def _field(form: str, name: str) -> str:
    """The text under one field's heading in the exported Markdown form."""
    after = form.split(f"## {name}\n", 1)[1]
    return after.split("\n## ", 1)[0]


def test_desktop_records_and_meetings_make_the_forms_date_and_attendees(store):
    ref = _new(store, "desktop")
    prep.add_item(store, ref, "method_records", kind="record", agency="GP practice",
                  subject="Primary care notes", period="2025-01 to 2025-09")
    first = prep.add_item(store, ref, "method_records", kind="meeting", date="10/02/2026",
                          people="Team manager, social care; named nurse, health",
                          outcome="The school's records are needed.",
                          further_info="School attendance records")
    rid = get_review(store, ref)["id"]
    assert meetings_waiting(store, rid) == [
        "Meeting of 2026-02-10: further information to gather."]
    prep.edit_item(store, ref, "method_records", first, gathered_on="2026-02-20")
    assert meetings_waiting(store, rid) == [
        "Meeting of 2026-02-10: gathered 2026-02-20; subsequent meeting needed."]
    prep.add_item(store, ref, "method_records", kind="meeting", date="2026-03-03",
                  people="Team manager, social care; head teacher, school",
                  outcome="Learning agreed.")
    assert meetings_waiting(store, rid) == []

    form = render(store, ref)
    assert _field(form, "Date of Practitioner Event or date the review was undertaken"
                  ).strip().splitlines()[-1] == "10 February 2026 to 3 March 2026 (2 meetings)"
    attendees = _field(form, "Attendees or people who contributed to this review")
    assert "Meeting of 10 February 2026: Team manager, social care; named nurse, health" \
        in attendees
    how = _field(form, "How this review was undertaken")
    assert "Records reviewed: GP practice, Primary care notes, 2025-01 to 2025-09." in how
    assert "Further information required: School attendance records. Gathered on 20 February 2026." \
        in how


def test_a_meeting_cannot_gather_before_it_met_or_without_saying_what(store):
    ref = _new(store, "desktop")
    with pytest.raises(FieldRefused) as e:
        prep.add_item(store, ref, "method_records", kind="meeting", date="2026-02-10",
                      people="Panel", further_info="School records", gathered_on="2026-02-01")
    assert e.value.field == "gathered_on"
    with pytest.raises(FieldRefused) as e:
        prep.add_item(store, ref, "method_records", kind="meeting", date="2026-02-10",
                      people="Panel", gathered_on="2026-02-11")
    assert e.value.field == "further_info"
    with pytest.raises(FieldRefused) as e:
        prep.add_item(store, ref, "method_records", kind="meeting", people="Panel")
    assert e.value.field == "date"
    assert "Meeting of" not in render(store, ref)


def test_thematic_activities_interviews_audits_and_advice_are_in_the_form(store):
    ref = _new(store, "thematic")
    prep.add_item(store, ref, "families", label="Family A", circumstances="Two children")
    prep.add_item(store, ref, "families", label="Family B", circumstances="A baby")
    prep.add_item(store, ref, "method_records", kind="activity",
                  category="interviews with practitioners or managers", date="2026-03-01")
    with pytest.raises(FieldRefused):
        prep.add_item(store, ref, "method_records", kind="activity", category="a party")
    prep.add_item(store, ref, "method_records", kind="interview", date="2026-03-02",
                  people="Health visitor", agency="Health", outcome="Caseloads were high.")
    prep.add_item(store, ref, "method_records", kind="audit", agency="Children's Social Care",
                  subject="20 assessments for neglect", outcome="Half named the father.")
    prep.add_item(store, ref, "method_records", kind="advice", people="Data Protection Officer",
                  date="2026-02-15", outcome="Families informed, not interviewed")
    how = _field(render(store, ref), "How this review was undertaken")
    assert ("Activities: interviews with practitioners or managers (1 March 2026).") in how
    assert "Interviews: Health visitor, Health (2 March 2026)." in how
    assert ("Audits: Children's Social Care: 20 assessments for neglect, result: Half named "
            "the father.") in how
    assert ("Confidentiality advice sought from Data Protection Officer on 15 February 2026: "
            "Families informed, not interviewed.") in how
    # Those interviewed took part; an agency audited sent information; the review was
    # undertaken over the dates of its records.
    form = render(store, ref)
    assert _field(form, "Attendees or people who contributed to this review").split("\n")[3:5] == [
        "- Health visitor, Health (interviewed on 2 March 2026)",
        "- Children's Social Care (audit of its own cases)"]
    assert _field(form, "Date of Practitioner Event or date the review was undertaken").endswith(
        "\n\n15 February 2026 to 2 March 2026\n")
    assert recipient(get_review(store, ref)) == "the Learning and Improvement Subgroup"


def test_single_issue_consultations_documents_and_audits_each_with_dates(store):
    ref = _new(store, "single_issue")
    prep.add_item(store, ref, "method_records", kind="consultation", date="2026-04-01",
                  people="Designated safeguarding lead", agency="Education")
    prep.add_item(store, ref, "method_records", kind="document", category="protocol",
                  subject="Escalation protocol", agency="Partnership", date="2026-04-02")
    prep.add_item(store, ref, "method_records", kind="audit", agency="Police",
                  subject="Referrals in 2025", outcome="Most were timely", date="2026-04-10")
    how = _field(render(store, ref), "How this review was undertaken")
    assert "Consultations: Designated safeguarding lead, Education (1 April 2026)." in how
    assert "Reviewed: protocol: Escalation protocol (Partnership), 2 April 2026." in how
    assert "Audits: Police: Referrals in 2025, result: Most were timely." in how
    form = render(store, ref)
    assert "- Designated safeguarding lead, Education (consulted on 1 April 2026)" in _field(
        form, "Attendees or people who contributed to this review")
    assert _field(form, "Date of Practitioner Event or date the review was undertaken").endswith(
        "\n\n1 April 2026 to 10 April 2026\n")
    assert recipient(get_review(store, ref)) == "the partnership business manager"


def test_change_of_method_keeps_everything_and_the_history_says_why(store):
    ref = _new(store, "desktop")
    prep.add_item(store, ref, "method_records", kind="meeting", date="2026-02-10",
                  people="Panel of agencies", outcome="Practitioners should meet.")
    prep.add_item(store, ref, "agencies", name="Police")
    with pytest.raises(FieldRefused) as e:
        process.change_methodology(store, ref, "practitioner", "  ")
    assert e.value.field == "reason"
    with pytest.raises(FieldRefused):
        process.change_methodology(store, ref, "desktop", "No change")
    process.change_methodology(store, ref, "practitioner",
                               "The records showed practitioners should meet.")
    assert get_review(store, ref)["methodology"] == "practitioner"
    form = render(store, ref)
    assert "Meeting of the staff involved on 10 February 2026: Practitioners should meet." in form
    day = _dt.date.today()
    assert (f"- Method changed from Desktop review to Practitioner learning review on {day.day} "
            f"{day.strftime('%B %Y')}, keeping everything gathered. Reason: The records showed "
            "practitioners should meet.") in form.split("## ", 1)[0]


def test_rapid_review_deadline_counts_15_working_days_past_easter(store):
    ref = _new(store, "practitioner")
    # Wednesday 1 April 2026; Good Friday (3rd) and Easter Monday (6th) are not working days.
    prep.update_details(store, ref, rapid_review=True, incident_notified="01/04/2026")
    review = get_review(store, ref)
    assert process.rapid_review_deadline(review) == "2026-04-24"
    assert process.rapid_review_clock(review, _dt.date(2026, 4, 22)) == \
        "due 2026-04-24 (2 working days)"
    assert process.rapid_review_clock(review, _dt.date(2026, 4, 28)) == \
        "overdue by 2 working days (deadline 2026-04-24)"
    review = prep.update_details(store, ref, rapid_review_date="2026-04-24",
                                 rapid_review_decision="learning review under this framework")
    # Met on the last day, and still met whatever today is.
    assert process.rapid_review_clock(review, _dt.date(2026, 6, 1)) == \
        "met: held 2026-04-24, deadline 2026-04-24"
    review = prep.update_details(store, ref, rapid_review_date="2026-04-28")
    assert process.rapid_review_clock(review) == \
        "held 2026-04-28, 2 working days after the 2026-04-24 deadline"
    with pytest.raises(FieldRefused) as e:
        prep.update_details(store, ref, rapid_review_date="2026-03-30")
    assert e.value.field == "rapid_review_date"
    with pytest.raises(FieldRefused):
        prep.update_details(store, ref, rapid_review_decision="a guess")
    how = _field(render(store, ref), "How this review was undertaken")
    assert ("It follows a rapid review after the serious incident notification of 1 April 2026, "
            "held on 28 April 2026 after the 15 working days. It decided on a learning review "
            "under this framework.") in how


def test_proceedings_holding_publication_refuse_the_publication_export(store, db_path,
                                                                       run_lrf):
    ref = _new(store, "single_issue")
    pid = prep.add_item(store, ref, "proceedings", kind="criminal", court="Crown Court",
                        status="Trial listed", effect="publication held")
    sentence = process.publication_held(store, ref)
    assert sentence.startswith("Publication is held while criminal proceedings are ongoing")
    assert "Crown Court" not in sentence and "Trial" not in sentence
    store.close()
    done = run_lrf("--db", db_path, "export", ref, "--what", "outcome", "--publication")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().endswith(sentence) and "Traceback" not in done.stderr
    assert run_lrf("--db", db_path, "export", ref, "--what", "outcome").returncode == 0
    store = open_store(db_path)
    prep.edit_item(store, ref, "proceedings", pid, effect="parts delayed")
    assert process.publication_held(store, ref) == ""
    assert process.proceedings_line(store, get_review(store, ref)["id"]) == \
        "parts delayed (criminal)"
    store.close()


def test_out_of_county_requests_and_the_briefing_are_in_the_requests(store):
    ref = _new(store, "desktop")
    prep.add_item(store, ref, "agencies", name="Northshire Police", out_of_county=True)
    prep.add_item(store, ref, "agencies", name="Local GP")
    prep.update_details(store, ref, info_deadline="2026-03-01", briefing_date="2026-02-02",
                        briefing_who="Police, health and school")
    with pytest.raises(FieldRefused) as e:
        prep.update_details(store, ref, briefing_date="2026-03-02")
    assert e.value.field == "briefing_date"
    out = render_requests(store, ref)
    assert "## Request to Northshire Police (out of county)\n\n**Out-of-county request:**" in out
    assert "## Request to Local GP\n\nThe safeguarding" in out
    assert "A briefing for agencies on what is asked is held on Monday 2 February 2026 " \
           "(Police, health and school)." in out


def test_an_older_database_keeps_its_records_meetings_and_policies(tmp_path):
    path = tmp_path / "old.db"
    db = Database(str(path), strict=True)
    before = Migrations(schema.MIGRATION_SET)
    for migration in schema.migrations._migrations[:5]:  # m001..m005
        before(name=migration.name)(migration.fn)
    before.apply(db)
    db["reviews"].insert({"id": 1, "ref": "LR-1", "title": "Old", "methodology": "desktop",
                          "created_at": "2026-01-01", "updated_at": "2026-01-01"})
    for pos, (kind, text, day) in enumerate([("record", "GP notes", "2026-01-05"),
                                             ("meeting", "Panel met", "2026-01-09"),
                                             ("policy", "Neglect policy", None),
                                             ("theme", "Neglect", None)]):
        db["method_items"].insert({"review_id": 1, "kind": kind, "position": pos,
                                   "text": text, "date": day})
    db.close()
    store = open_store(path)
    how = _field(render(store, "LR-1"), "How this review was undertaken")
    assert "Records reviewed: GP notes." in how
    assert "Meeting of the staff involved on 9 January 2026: Panel met." in how
    assert "Reviewed: policy: Neglect policy." in how
    assert [r[0] for r in store.conn.execute("SELECT text FROM method_items")] == ["Neglect"]
    store.close()
