"""Marking the outcome form final means something: every reason it may not be is listed, the
lead author can override with a reason the history keeps, the final goes to the recipient the
framework names, and the review's dates follow its stage."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from complete_form import complete_form
from exports.outcome import render
from facilitation import outcome as o
from facilitation import stages
from facilitation.demo import add_demo
from facilitation.errors import InputRefused
from facilitation.reviews import (
    create_review,
    get_review,
    list_reviews,
    review_as_json,
    update_review,
)

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def ref(store):
    ref = add_demo(store, today=TODAY)
    complete_form(store, ref)
    assert o.final_blockers(store, ref) == []
    return ref


def refusal(store, ref) -> list[str]:
    with pytest.raises(o.FinalRefused) as e:
        o.finalise(store, ref, "30/11/2026")
    assert all(v["state"] != "final" for v in o.form_state(store, ref).versions)
    return e.value.reasons


def test_a_complete_circulated_form_is_marked_final(store, ref):
    v = o.finalise(store, ref, "30/11/2026")
    assert (v["state"], v["finalised_on"], v["override_reason"]) == ("final", "2026-11-30", "")


def test_an_empty_never_circulated_form_is_refused_with_every_reason(store):
    ref = create_review(store, title="Empty", methodology="practitioner")["ref"]
    reasons = refusal(store, ref)
    for name in ("Details of family being considered", "Lead Author", "Synopsis of the case",
                 "Decisions around how the family have been involved or informed of this review"):
        assert f"{name} is empty." in reasons
    assert any(r.startswith("Recommendations has no rows") for r in reasons)
    assert any("not been circulated" in r for r in reasons)


def test_an_empty_field_refuses(store, ref):
    o.save_field(store, ref, "broader_learning", "")
    assert refusal(store, ref) == ["Any broader learning that has been identified is empty."]


def test_a_word_limit_refuses_and_cannot_be_overridden(store, ref):
    o.save_field(store, ref, "findings", "word " * 301)
    reasons = refusal(store, ref)
    assert reasons == ["Findings and key learning points is 301 words; the limit is 300. "
                       "Shorten it: a word limit cannot be overridden."]
    with pytest.raises(o.FinalRefused) as e:
        o.finalise(store, ref, "30/11/2026", override_reason="The panel asked for detail.")
    assert not e.value.can_override


@pytest.mark.parametrize("column, said", [
    ("person_responsible", "Recommendation 2 has no Person Responsible."),
    ("timeframe", "Recommendation 2 has no Timeframe."),
])
def test_a_recommendation_without_owner_or_timeframe_refuses(store, ref, column, said):
    rec = o.form_state(store, ref).recommendations[1]
    o.update_recommendation(store, ref, rec["id"], **{column: ""})
    assert refusal(store, ref) == [said]


def test_a_recommendation_failing_the_smart_check_refuses(store, ref):
    rec = o.form_state(store, ref).recommendations[0]
    o.update_recommendation(store, ref, rec["id"], action="Consider raising awareness",
                            finding="", timeframe="ongoing")
    reasons = refusal(store, ref)
    assert len(reasons) == 1 and reasons[0].startswith("Recommendation 1 fails the SMART check:")
    assert "Vague verb ('consider')" in reasons[0] and "no date or period" in reasons[0]


def test_an_unanswered_comment_refuses_until_it_has_a_response(store, ref):
    o.add_comment(store, ref, "Health visitor", "findings", "Mention the texts.")
    assert refusal(store, ref) == [
        "The comment from Health visitor on Findings and key learning points (version 1) has "
        "no response."]
    comment = o.comments(store, ref)[-1]
    with pytest.raises(InputRefused, match="Say how the comment was answered"):
        o.respond_to_comment(store, ref, comment["id"], "   ")
    o.respond_to_comment(store, ref, comment["id"], "Added to finding 2.")
    assert o.comments(store, ref)[-1]["response"] == "Added to finding 2."
    assert o.finalise(store, ref, "30/11/2026")["state"] == "final"


def test_a_response_to_another_reviews_comment_is_refused(store, ref):
    o.add_comment(store, ref, "Health visitor", "findings", "Mention the texts.")
    other = add_demo(store, today=TODAY)
    with pytest.raises(InputRefused, match="no longer in this review"):
        o.respond_to_comment(store, other, o.comments(store, ref)[-1]["id"], "Done.")


def test_a_form_never_circulated_refuses(store):
    ref = add_demo(store, today=TODAY)
    complete_form(store, ref)
    db_ref = create_review(store, title="Not sent round", methodology="practitioner")["ref"]
    for f in o.form_state(store, ref).fields:  # the same complete form, never circulated
        if f.key not in ("recommendations",):
            o.save_field(store, db_ref, f.key, f.body)
    for r in o.form_state(store, ref).recommendations:
        o.add_recommendation(store, db_ref, r["action"], r["person_responsible"], r["timeframe"],
                             r["finding"])
    assert refusal(store, db_ref) == [
        "The form has not been circulated to those involved, so they have had no chance to "
        "comment."]


def test_the_lead_author_overrides_with_a_reason_kept_in_the_history_and_export(store, ref):
    o.save_field(store, ref, "family_actions", "")
    o.add_comment(store, ref, "GP", "synopsis", "Not seen it.")
    reasons = refusal(store, ref)
    with pytest.raises(o.FinalRefused):  # a reason of nothing is no override
        o.finalise(store, ref, "30/11/2026", override_reason="  ")
    v = o.finalise(store, ref, "30/11/2026",
                   override_reason="The GP left the practice; the panel agreed to go ahead.")
    assert v["override_reason"] == "The GP left the practice; the panel agreed to go ahead."
    assert v["override_by"] == "A. Reviewer"
    assert o.overridden(v) == reasons
    md = render(store, ref, warn=None)
    history = md.split("**History:**", 1)[1].split("\n## ", 1)[0]
    assert "Version 1: circulated on 26 November 2026 to everyone who attended the event." in history
    assert ("Version 2: marked final and sent to the partnership business manager on 30 November "
            "2026. Marked final by the lead author's override (A. Reviewer), although: Any "
            "specific actions identified in relation to the family is empty.") in history
    assert "Reason given: The GP left the practice; the panel agreed to go ahead." in history
    assert "Marked final by override (the reason is in the history)." in md.split("\n")[2]
    shown = review_as_json(store, ref)
    assert shown["versions"][-1]["override_reason"].startswith("The GP left")
    assert shown["comments"][-1]["response"] == ""


@pytest.mark.parametrize("methodology, recipient", [
    ("practitioner", "the partnership business manager"),
    ("single_issue", "the partnership business manager"),
    ("desktop", "the partnership business manager"),
    ("thematic", "the Learning and Improvement Subgroup"),
])
def test_the_final_goes_to_the_recipient_the_framework_names(store, ref, methodology,
                                                             recipient):
    update_review(store, ref, methodology=methodology)
    v = o.finalise(store, ref, "30/11/2026")
    assert v["sent_to"] == recipient
    assert f"sent to {recipient} on 30 November 2026" in o.history(o.form_state(store, ref))[-1]
    assert json.loads(json.dumps(review_as_json(store, ref)["versions"]))[-1]["sent_to"] == recipient


# --- the review's stage and its next date ------------------------------------------------------


def _row(store, ref):
    return next(r for r in list_reviews(store) if r["ref"] == ref)


def test_after_the_event_there_is_no_information_due(store):
    ref = create_review(store, title="Child S", methodology="practitioner",
                        info_deadline="2026-11-20", event_date="2026-11-24",
                        report_due="2027-01-15")["ref"]
    before = _row(store, ref)
    assert stages.next_date_due(before, dt.date(2026, 11, 18)) == ("information due",
                                                                   "2026-11-20")
    # the deadline has passed, the event not yet: the information is overdue
    assert stages.next_date_due(before, dt.date(2026, 11, 23)) == ("information due",
                                                                   "2026-11-20")
    after = stages.milestones(before, TODAY)
    assert stages.stage(before, TODAY) == "event held"
    assert [(m.key, m.state) for m in after] == [
        ("info_deadline", "closed"), ("event_date", "held"), ("report_due", "ahead")]
    assert stages.next_date_due(before, TODAY) == ("report due", "2027-01-15")


def test_a_final_review_stops_counting_down_and_a_met_deadline_is_not_overdue(store, ref):
    update_review(store, ref, report_due="2026-11-28")
    late = dt.date(2026, 12, 10)
    assert stages.next_date_due(_row(store, ref), late) == ("report due", "2026-11-28")
    assert [m.state for m in stages.milestones(_row(store, ref), late)][-1] == "overdue"
    o.finalise(store, ref, "27/11/2026")
    row = _row(store, ref)
    assert stages.stage(row, late) == "final"
    assert stages.next_date_due(row, late) is None
    report = stages.milestones(row, late)[-1]
    assert (report.state, report.words) == ("met", "marked final on 2026-11-27")


def test_every_return_in_meets_the_information_deadline(store):
    from facilitation import preparation as prep

    ref = create_review(store, title="Desk", methodology="desktop",
                        info_deadline="2026-11-20", report_due="2027-01-15")["ref"]
    prep.add_item(store, ref, "agencies", name="Police", request_sent="2026-11-01",
                  request_received="2026-11-19")
    review = stages.review_facts(store, get_review(store, ref))
    info = stages.milestones(review, TODAY)[0]
    assert (info.state, info.words) == ("met", "every agency's return is in")
    assert prep.timescales(review, TODAY)[0][2] == "met: every agency's return is in"
    assert stages.next_date_due(review, TODAY) == ("report due", "2027-01-15")


def test_show_and_list_say_the_stage_as_home_does(store, run_lrf, db_path):
    ref = create_review(store, title="Long ago", methodology="practitioner",
                        event_date="2020-01-06")["ref"]
    assert get_review(store, ref)["status"] == "planning"  # as stored: nobody changed it
    assert review_as_json(store, ref)["status"] == "event held"
    store.close()
    listed = json.loads(run_lrf("--db", db_path, "list", "--json").stdout)
    assert [r["status"] for r in listed] == ["event held"]


def test_the_word_form_gives_the_history_with_the_override(store, ref):
    import io

    import docx

    from exports.docx import render_outcome

    o.save_field(store, ref, "family_actions", "")
    o.finalise(store, ref, "30/11/2026", override_reason="Agreed at panel [bold]x[/]")
    d = docx.Document(io.BytesIO(render_outcome(store, ref, warn=None)))
    said = [p.text for p in d.paragraphs]
    assert said[said.index("History:") + 2].endswith("Reason given: Agreed at panel [bold]x[/]")
