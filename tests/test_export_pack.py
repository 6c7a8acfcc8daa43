"""The invitation pack and the agency requests: structure read back through the parser."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.markdown import parser
from exports.pack import render_pack, render_requests
from facilitation import preparation as prep
from facilitation.reviews import create_review


def headings(md: str) -> list[tuple[str, str]]:
    tokens = parser().parse(md)
    return [
        (t.tag, tokens[i + 1].content)
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


def tables(md: str) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first)."""
    out, rows, row, in_cell = [], [], [], False
    for t in parser().parse(md):
        if t.type == "table_open":
            rows = []
        elif t.type == "tr_open":
            row = []
        elif t.type in ("th_open", "td_open"):
            in_cell = True
            row.append("")
        elif t.type == "inline" and in_cell:
            row[-1] = t.content
        elif t.type in ("th_close", "td_close"):
            in_cell = False
        elif t.type == "tr_close":
            rows.append(row)
        elif t.type == "table_close":
            out.append(rows)
    return out


def plain(md_inline: str) -> str:
    """The text a reader sees for one inline run (escapes removed)."""
    tokens = parser().parseInline(md_inline)
    return "".join(c.content for c in tokens[0].children if c.type in ("text", "text_special"))


def make(store, **extra):
    ref = create_review(store, title="Child T", methodology="practitioner",
                        family_label="Family T")["ref"]
    prep.update_details(store, ref, event_date="2026-03-10", event_start="09:30",
                        event_minutes=150, chair="Sam Chair",
                        contact_before="Ring the partnership office.", **extra)
    return ref


def test_pack_sections_and_agenda_start_times(store):
    ref = make(store)
    prep.add_item(store, ref, "questions", text="What did you see?", prompt_area="involvement")
    md = render_pack(store, ref)
    assert [h for h in headings(md)] == [
        ("h1", "Invitation to a practitioner learning event: Child T"),
        ("h2", "When and where"),
        ("h2", "Why this review is happening"),
        ("h2", "What to expect"),
        ("h2", "Agenda"),
        ("h2", "Ground rules"),
        ("h2", "Questions to think about beforehand"),
        ("h2", "Before the event"),
    ]
    agenda, questions = tables(md)
    assert agenda[0] == ["Start", "Item", "Length"]
    assert [r[0] for r in agenda[1:4]] == ["09:30", "09:40", "09:50"]
    assert agenda[1][1] == "Welcome, introductions and ground rules"
    assert questions[1] == ["What did you see?", "Involvement with the child and family"]
    assert "not about finding someone to blame" in md
    assert "not a care-planning meeting" in md
    assert "Sam Chair" in md and "Ring the partnership office." in md
    assert "Tuesday 10 March 2026" in md and "09:30 to 12:00" in md


def test_requests_one_per_agency_with_the_three_asks(store):
    ref = make(store, info_deadline="2026-02-20", scope="Six months to January.")
    prep.add_item(store, ref, "kloes", text="Was the child heard?")
    prep.add_item(store, ref, "agencies", name="Police", request_due="2026-02-13")
    prep.add_item(store, ref, "agencies", name="School")
    md = render_requests(store, ref)
    h2 = [text for tag, text in headings(md) if tag == "h2"]
    assert h2 == ["Request to Police", "Request to School"]
    assert md.count("Good practice") == 2 and md.count("To do differently") == 2
    assert md.count("Unexpected practice or issues of note") == 2
    assert "Friday 13 February 2026" in md  # the agency's own due date
    assert "Friday 20 February 2026" in md  # otherwise the review's deadline
    assert md.count("Was the child heard?") == 2 and md.count("Six months to January.") == 2


FRAGMENTS = list(string.ascii_letters + string.digits + string.punctuation + " \n") + [
    "# ", "\n## ", "| --- |", "[/]", "[bold]", "<b>", "\u200f", "\u200d", "1. ", "- ", "```",
    "&amp;",
]  # (a direction override is refused on the way in: test_inputs.py; RLM and ZWJ are kept)
hostile = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join).filter(
    lambda s: s.strip()
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(hostile, min_size=6, max_size=6))
def test_hostile_text_adds_no_heading_and_keeps_tables(store, words):
    with store.write():
        store.conn.execute("DELETE FROM reviews")
    title, family, chair, item, question, agency = words
    ref = create_review(store, title=title, methodology="practitioner", family_label=family)["ref"]
    prep.update_details(store, ref, chair=chair, scope=question, theme=item,
                        contact_before=agency, event_start="10:00")
    prep.add_item(store, ref, "agenda_items", title=item, minutes=5)
    prep.add_item(store, ref, "ground_rules", text=agency)
    prep.add_item(store, ref, "questions", text=question, prompt_area="context")
    prep.add_item(store, ref, "kloes", text=title)
    prep.add_item(store, ref, "agencies", name=agency)
    pack = render_pack(store, ref)
    assert len(headings(pack)) == 8
    assert "<b>" not in parser().render(pack)
    agenda, questions = tables(pack)
    assert all(len(r) == 3 for r in agenda) and all(len(r) == 2 for r in questions)
    assert plain(agenda[-1][1]) == " ".join(item.split())
    requests = render_requests(store, ref)
    assert len(headings(requests)) == 1 + 1 + 5  # h1, one agency, its five h3


def test_pack_for_a_desktop_review_does_not_promise_a_practitioner_event(store):
    ref = create_review(store, title="Records", methodology="desktop")["ref"]
    md = render_pack(store, ref)
    assert headings(md)[0] == ("h1", "Invitation to a learning review meeting: Records")
    assert "practitioner learning" not in md.lower()
    assert "desktop review of its work with the family" in md


def test_request_says_who_to_reply_to(store):
    ref = make(store, lead_author="Dr Ruth Okafor", lead_author_role="Independent reviewer")
    prep.add_item(store, ref, "agencies", name="Police")
    md = render_requests(store, ref)
    assert ("Please send your reply to the review's lead author, Dr Ruth Okafor "
            "(Independent reviewer).") in md


def test_question_tied_to_a_kloe_says_so_in_the_pack(store):
    ref = make(store)
    kloe = prep.add_item(store, ref, "kloes", text="Was the child heard?")
    prep.add_item(store, ref, "questions", text="Who spoke to the child?", kloe_id=kloe)
    (_, questions) = tables(render_pack(store, ref))
    assert questions[1] == ["Who spoke to the child?", "Key line of enquiry: Was the child heard?"]
