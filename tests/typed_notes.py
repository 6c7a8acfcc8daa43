"""Issue 11's walk, shared by the Pilot walk (tests/test_form_screen.py) and the pty one
(tests/test_event_pty.py): the notes a chair types at the live event, one of every kind, and the
field of Appendix 1 each must arrive in, read back from the exported Markdown and Word."""

from __future__ import annotations

from facilitation import outcome as oc

# Issue 11's walk: what the chair types at the event, by kind, and the field of Appendix 1 where
# it must arrive: (typed line, the note's text as the form gives it, the fields it is in).
TYPED = (
    ("+ @sue breakfast club kept a daily diary", "breakfast club kept a daily diary",
     ("Strengths in agencies response or within multi-agency working with the family",)),
    ("- @jo nobody rang the father back", "nobody rang the father back",
     ("Areas where we would like to do better",)),
    ("! a locked gate stopped the home visit", "Unexpected: a locked gate stopped the home visit",
     ("Areas where we would like to do better",)),
    ("* write the plan with the family in the room",
     "write the plan with the family in the room", ("Findings and key learning points",)),
    ("h1+ @dctomreid police shared the bail conditions late",
     "police shared the bail conditions late", ("Findings and key learning points",)),
    ("h1- @mel the bail letter reached the health visitor on time",
     "the bail letter reached the health visitor on time",
     ("Findings and key learning points",)),
    ("~ mother said nobody explained the plan to her",
     "mother said nobody explained the plan to her", ("Findings and key learning points",)),
    ("? did the GP get the school referral", "did the GP get the school referral",
     ("Background and summary of agency's involvement",)),
    ("the school nurse visited twice in May", "the school nurse visited twice in May",
     ("Background and summary of agency's involvement",)),
)
ACTION = "> Review the escalation protocol, owner Police, by March"
PARKED = "^ care planning for the older brother is out of scope"
SPEAKERS = ("Sue Carr", "Jo Hartley", "Tom Reid", "Mel Okafor")
# The fields the notes are drafted into (the attendees' field names people, as it should).
NOTE_FIELDS = ("Findings and key learning points",
               "Background and summary of agency's involvement",
               "Strengths in agencies response or within multi-agency working with the family",
               "Areas where we would like to do better", "Recommendations",
               "Decisions around how the family have been involved or informed of this review")


def markdown_sections(md: str) -> dict[str, str]:
    """Each ``##`` heading of the exported form and the text under it."""
    return {part.split("\n", 1)[0]: part.split("\n", 1)[1] if "\n" in part else ""
            for part in md.split("\n## ")[1:]}


def word_rows(blob: bytes) -> dict[str, object]:
    """The Word form's table, read back with python-docx: field name -> its content cell."""
    import io

    import docx

    (table,) = docx.Document(io.BytesIO(blob)).tables
    return {row.cells[0].text: row.cells[1] for row in table.rows}


def assert_notes_in_their_fields(fields: dict[str, str], recs: list[list[str]]) -> None:
    """``fields``: each field's text; ``recs``: the Recommendations rows as their cells."""
    for typed, text, names in TYPED:
        for name in fields:
            assert (text in " ".join(fields[name].split())) == (name in names), (typed, name)
    family = NOTE_FIELDS[-1]
    assert "the child's and family's voice" in fields[family]
    (row,) = [r for r in recs if "escalation protocol" in r[0]]
    assert (row[0], row[1]) == ("Review the escalation protocol", "Police")
    assert row[2].startswith("by March 2027")
    whole = "\n".join(fields.values()) + "\n".join(map(" ".join, recs))
    assert "older brother" not in whole  # parked: never in the form
    for name in SPEAKERS:
        assert not any(name in fields[f] for f in NOTE_FIELDS if f in fields), name
        assert name not in " ".join(map(" ".join, recs))


def markdown_recommendations(sections: dict[str, str]) -> list[list[str]]:
    """The Recommendations table's rows (no header), each as its cells."""
    return [[c.strip() for c in line.strip("|").split("|")]
            for line in sections["Recommendations"].splitlines() if line.startswith("| ")][1:]


def word_recommendations(rows: dict) -> list[list[str]]:
    (table,) = rows["Recommendations"].tables
    return [[c.text for c in r.cells] for r in table.rows][1:]


def shorten_findings(store, ref: str) -> None:
    """The demo's drafted findings and the typed notes are over 300 words: the chair cuts
    hypothesis 2's paragraph (no typed note is on it), as the word limit demands."""
    paragraphs = oc.form_state(store, ref).field("findings").body.split("\n\n")
    oc.save_field(store, ref, "findings", "\n\n".join(
        p for p in paragraphs if not p.startswith("Hypothesis 2")))
