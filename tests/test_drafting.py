"""Drafting the outcome form from a realistic event: every kind of note reaches the field the
framework's form gives it, once, with speakers named by role and agency; action notes arrive as
candidate rows with their owner and timeframe read from their words."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from exports.markdown import parser
from exports.outcome import render
from facilitation import outcome as o
from facilitation.dates import due_from_timeframe
from facilitation.framework import FORM_FIELD_BY_KEY
from facilitation.outcome.action_notes import CONNECTORS, parse_action, words
from facilitation.reviews import create_review

EVENT = "2026-11-18"
PEOPLE = (  # name, agency, role
    ("Jo Hartley", "Children's Social Care", "Social worker"),
    ("Mel Okafor", "0-19 Health Visiting", "Health visitor"),
    ("Sue Carr", "Northfield Primary School", "Designated safeguarding lead"),
    ("Tom Reid", "Police", "Detective constable"),
)
# (kind, text, hypothesis, stance, speaker, the field the text must be under)
NOTES = (
    ("good_practice", "School opened breakfast club the same week", None, None, "Sue Carr",
     "strengths"),
    ("do_differently", "Child was never seen alone before the plan", None, None, "Jo Hartley",
     "do_better"),
    ("unexpected", "The child was caring for her brother at night", None, None, "Sue Carr",
     "do_better"),
    ("learning", "Escalation works when people know the route", None, None, "Jo Hartley",
     "findings"),
    ("family_view", "Mother wanted one person to talk to, not five", None, None, "Mel Okafor",
     "findings"),
    ("question", "Does the overnight scheme cover this school?", None, None, None, "background"),
    ("observation", "Police notification went to the old address", None, None, "Tom Reid",
     "background"),
    ("observation", "Incident notes reached social care only", 1, "supports", "Tom Reid",
     "findings"),
    ("do_differently", "No route for police to tell school overnight", 1, "supports", "Tom Reid",
     ("findings", "do_better")),  # quoted on its hypothesis, and listed to do better
    ("observation", "The school did hear about the second incident", 1, "challenges",
     "Sue Carr", "findings"),
    ("good_practice", "School shared its daily notes at the core group", 1, "challenges",
     "Sue Carr", ("findings", "strengths")),
    ("observation", "Told Mel Okafor about the missed visits", None, None, "Jo Hartley",
     "background"),
    ("good_practice", "School opened breakfast club the same week.", None, None, "Mel Okafor",
     "strengths"),  # the same text again: one line, both notes
    ("parked", "Contact arrangements with father are for the care team", None, None, None, None),
    ("action", "Audit discharge letters, owner L&I chair, by March", None, None, None, None),
    ("action", "Police and education to agree an overnight route within 3 months", None, None,
     "Tom Reid", None),
    ("action", "Refresh the escalation leaflet (lead: partnership business manager) by "
     "31/03/2027", None, None, None, None),
    ("action", "Health visitor to share the plan with the GP by end of Q2", None, None, None,
     None),
    ("action", "Share the chronology with the GP, owned by the team manager.", None, None, None,
     None),
    ("action", "Run two briefings on fathers before summer", None, None, None, None),
)
RETURNS = {"Police": ("Officers attended within the hour.", "", "Records were on two systems.")}


def _event(store) -> str:
    review = create_review(store, title="Child T", methodology="practitioner", ref="LR-2026-050",
                           family_label="Family T", theme="Neglect and domestic abuse",
                           scope="The year before the strategy meeting.", event_date=EVENT)
    rid = review["id"]
    with store.write():
        for name, agency, role in PEOPLE:
            store.db["participants"].insert({"review_id": rid, "name": name, "agency": agency,
                                             "role": role, "attendance": "present"})
        for agency in {a for _, a, _ in PEOPLE}:
            good, differently, unexpected = RETURNS.get(agency, ("", "", ""))
            store.db["agencies"].insert({"review_id": rid, "name": agency,
                                         "good_practice": good, "do_differently": differently,
                                         "unexpected": unexpected})
        store.db["hypotheses"].insert({"review_id": rid, "number": 1, "status": "partly supported",
                                       "text": "Police information did not reach school in time."})
        for day, agency, what in (("2026-03-02", "Police", "Domestic incident at the home."),
                                  ("2026-05-10", "Children's Social Care", "Strategy meeting.")):
            store.db["chronology"].insert({"review_id": rid, "date": day, "agency": agency,
                                           "what": what})
        for i, (kind, body, h, stance, speaker, _) in enumerate(NOTES):
            store.db["notes"].insert({
                "review_id": rid, "kind": kind, "body": body, "hypothesis": h, "stance": stance,
                "speaker": speaker, "created_at": f"{EVENT}T10:{i:02d}:00.000+00:00"})
    return review["ref"]


def _sections(md: str) -> dict[str, str]:
    """The text a reader sees under each ## heading."""
    out: dict[str, str] = {}
    for part in md.split("\n## ")[1:]:
        head, _, body = part.partition("\n")
        tokens = parser().parse(body)
        out[head] = " ".join(c.content for t in tokens if t.type == "inline"
                             for c in t.children or [] if c.type == "text")
    return out


def _name(key: str) -> str:
    return FORM_FIELD_BY_KEY[key].name


def test_every_kind_of_note_reaches_its_field_once_and_speakers_by_role(store):
    ref = _event(store)
    o.draft_from_notes(store, ref)
    md = render(store, ref, warn=None)
    shown = _sections(md)
    for kind, body, _, _, _, field in NOTES:
        if field is None:
            continue
        text = body.rstrip(".").replace("Mel Okafor", "the health visitor")
        under = [head for head, words_ in shown.items() if text in words_]
        fields = field if isinstance(field, tuple) else (field,)
        assert sorted(under) == sorted(_name(f) for f in fields), (kind, body, under)
    assert "Unexpected: The child was caring for her brother at night" in shown[_name("do_better")]
    # the hypothesis says its status and quotes its points, by role and agency
    findings = shown[_name("findings")]
    assert "Hypothesis 1 (partly supported): Police information did not reach school" in findings
    assert ('Supporting (Detective constable, Police): "Incident notes reached social care only"; '
            '"No route for police to tell school overnight" (to do differently).') in findings
    assert ('Challenging (Designated safeguarding lead, Northfield Primary School): "The school '
            'did hear about the second incident"; "School shared its daily notes at the core '
            'group" (good practice).') in findings
    assert "point raised" not in md and "1 challenged" not in md
    # agencies' written returns, marked as such
    assert "Officers attended within the hour (Police, written return)." in shown[_name("strengths")]
    assert "Unexpected: Records were on two systems (Police, written return)." in \
        shown[_name("do_better")]
    # the synopsis: who, why, scope, agencies and the episodes in order
    synopsis = shown[_name("synopsis")]
    assert ("This review concerns Family T, and looks at neglect and domestic abuse. Scope: The "
            "year before the strategy meeting.") in synopsis
    assert synopsis.index("2 March 2026, Police") < synopsis.index("10 May 2026")
    assert "Questions left open" in shown[_name("background")]
    # parked is nowhere; no participant's name anywhere; nothing said twice
    assert "Contact arrangements" not in md
    for name, _, _ in PEOPLE:
        for part in name.split():
            assert not re.search(rf"\b{part}\b", md), part
    items = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(items) == len(set(items))
    assert md.count("School opened breakfast club the same week") == 1


def test_the_same_text_twice_is_one_line_linked_to_both_notes(store):
    ref = _event(store)
    o.draft_from_notes(store, ref)
    sources = o.source_notes(store, ref, "strengths")
    assert sorted(n["body"].rstrip(".") for n in sources
                  if "breakfast" in n["body"]) == ["School opened breakfast club the same week"] * 2
    line = next(x for x in o.form_state(store, ref).field("strengths").sources
                if "breakfast" in x.text)
    assert len(line.notes) == 2
    assert line.text.endswith("(Designated safeguarding lead, Northfield Primary School; Health "
                              "visitor, 0-19 Health Visiting).")
    # the F3 trace of Findings reaches the hypothesis's notes
    bodies = {n["body"] for n in o.source_notes(store, ref, "findings")}
    assert "Incident notes reached social care only" in bodies


def test_action_notes_become_candidate_rows_with_owner_and_timeframe(store):
    ref = _event(store)
    o.draft_from_notes(store, ref)
    recs = o.form_state(store, ref).recommendations
    assert [(r["action"], r["person_responsible"], r["timeframe"]) for r in recs] == [
        ("Audit discharge letters", "L&I chair", "by March 2027"),
        ("Agree an overnight route", "Police and education", "within 3 months"),
        ("Refresh the escalation leaflet", "Partnership business manager", "by 31/03/2027"),
        ("Share the plan with the GP", "Health visitor", "by end of Q2, September 2027"),
        ("Share the chronology with the GP.", "The team manager", ""),
        ("Run two briefings on fathers before summer", "", ""),  # nothing to read: as noted
    ]
    assert all(o.is_candidate(r) for r in recs)  # still to be agreed by the chair
    for r in recs:
        if r["timeframe"]:  # the tracker reads every timeframe drafted
            assert due_from_timeframe(r["timeframe"], "2026-12-01")
    md = render(store, ref, warn=None)
    assert "| Audit discharge letters | L&I chair | by March 2027 (due 31 March 2027) |" in md
    o.update_recommendation(store, ref, recs[0]["id"], person_responsible="L&I chair")
    assert [o.is_candidate(r) for r in o.form_state(store, ref).recommendations] == [
        False, True, True, True, True, True]


def test_synopsis_keeps_to_its_limit_and_the_rest_of_the_chronology_follows_in_background(store):
    ref = _event(store)
    rid = store.conn.execute("SELECT id FROM reviews WHERE ref = ?", [ref]).fetchone()[0]
    with store.write():
        for i in range(60):
            day = (dt.date(2026, 6, 1) + dt.timedelta(days=i)).isoformat()
            store.db["chronology"].insert({"review_id": rid, "date": day, "agency": "Police",
                                           "what": f"Episode number {i} of the year."})
    state = o.form_state(store, ref)
    synopsis, background = state.field("synopsis"), state.field("background")
    assert synopsis.words <= 300
    assert "Further episodes from the chronology:" in background.body
    for i in range(60):
        assert (f"Episode number {i} of the year." in synopsis.body) != (
            f"Episode number {i} of the year." in background.body)


def test_broader_learning_points_to_reviews_that_share_a_theme(store):
    from facilitation import partnership as pt

    ref = _event(store)
    assert "Any broader learning" not in " ".join(
        f.name for f in o.form_state(store, ref).fields if f.drafted)
    other = create_review(store, title="Baby S", methodology="desktop", ref="LR-2025-010")
    o.save_field(store, other["ref"], "findings", "Missed appointments were not seen as a "
                 "pattern.")
    pt.tag_review(store, ref, "neglect")
    assert o.form_state(store, ref).field("broader_learning").body == (
        "Themes: neglect. No other review on record shares them yet.")
    pt.tag_review(store, other["ref"], "neglect")
    assert o.form_state(store, ref).field("broader_learning").body == (
        "- See also LR-2025-010, Baby S (shares the theme neglect): Missed appointments were "
        "not seen as a pattern.")


_words = st.sampled_from(
    "audit the letters owner lead: led by to by within 3 months March end of Q2 31/03/2027 "
    "police school health visitor , ; . ( ) - and share plan may responsible: next".split())
_notes = st.lists(_words, min_size=1, max_size=14).map(" ".join) | st.text(max_size=120)


@settings(max_examples=300, deadline=None)
@given(text=_notes, anchor=st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))
def test_reading_an_action_never_fails_never_loses_a_word_and_dates_what_it_reads(text, anchor):
    p = parse_action(text, anchor, ["Police", "Social worker"])
    kept = words(p.action) + words(p.person_responsible) + words(p.timeframe)
    lost = [w for w in words(text) if w not in kept]
    assert all(w in CONNECTORS for w in lost), (text, p)
    for w in set(words(text)) - CONNECTORS:  # each word as often as it was written
        assert kept.count(w) >= words(text).count(w), (w, text, p)
    assert p.action.strip() or not text.strip()
    if p.timeframe:
        assert due_from_timeframe(p.timeframe, anchor) is not None, p.timeframe


def test_drafting_again_brings_untouched_drafts_up_to_date_and_never_the_chairs_text(store):
    """A note taken after the first draft (the chair drafted at the break, then went on) reaches
    the form when the chair drafts again; a field the chair wrote keeps their words."""
    ref = _event(store)
    o.draft_from_notes(store, ref)
    o.save_field(store, ref, "strengths", "The chair's own account of the strengths.")
    rid = store.conn.execute("SELECT id FROM reviews WHERE ref = ?", [ref]).fetchone()[0]
    with store.write():
        for kind, body in (("do_differently", "The late letter was posted to a closed office"),
                           ("good_practice", "The nurse rang the school the same day")):
            store.db["notes"].insert({"review_id": rid, "kind": kind, "body": body,
                                      "created_at": f"{EVENT}T12:00:00.000+00:00"})
    assert "closed office" not in render(store, ref, warn=None)
    written = o.draft_from_notes(store, ref)
    assert "do_better" in written and "strengths" not in written
    shown = _sections(render(store, ref, warn=None))
    assert "The late letter was posted to a closed office" in shown[_name("do_better")]
    assert shown[_name("strengths")] == "The chair's own account of the strengths."
    assert o.draft_from_notes(store, ref) == []  # nothing new: nothing written


def test_owner_written_mid_sentence_is_read_only_when_it_names_who_would_do_it():
    known = ("Police", "Social worker")
    got = [tuple(parse_action(t, "2026-11-18", known)) for t in (
        "Review the escalation protocol owner Police by March",
        "Audit letters owner L&I chair, by March",
        "Ask the owner of the home about the dog by March",
        "Tell the owner the results",
    )]
    assert got == [
        ("Review the escalation protocol", "Police", "by March 2027"),
        ("Audit letters", "L&I chair", "by March 2027"),
        ("Ask the owner of the home about the dog", "", "by March 2027"),  # not an owner
        ("Tell the owner the results", "", ""),
    ]
