"""The capture-line grammar: examples a chair would type, and fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.capture import KIND_TOKENS, MAX_BODY, as_line, describe, escape, parse

PEOPLE = ["Jo Hartley", "John Smith", "Sue Carr", "Ana Silva", "DC Tom Reid"]
AGENCIES = ["Police", "Children's Social Care", "0-19 Health Visiting", "GP Practice"]
HYPS = [1, 2, 3]


def p(line: str):
    return parse(line, PEOPLE, AGENCIES, HYPS)


@pytest.mark.parametrize(
    "line,kind",
    [
        ("plain words", "observation"),
        ("+ school fed her", "good_practice"),
        ("+school fed her", "good_practice"),
        ("- nobody asked dad", "do_differently"),
        ("! she cared for her brother", "unexpected"),
        ("* ask about fathers", "learning"),
        ("> agree a route by March", "action"),
        ("~ mum wanted one person", "family_view"),
        ("? does the scheme cover it", "question"),
        ("^ contact arrangements", "parked"),
        ("++ twice the same", "good_practice"),
    ],
)
def test_kind_tokens(line, kind):
    r = p(line)
    assert r.ok, r.error
    assert r.kind == kind
    assert not r.body.startswith(tuple(KIND_TOKENS))


def test_hypothesis_tokens_in_any_order_with_kind():
    for line in ("h3+ - late sharing", "- h3+ late sharing", "-h3+ late sharing", "H3+ -late sharing"):
        r = p(line)
        assert (r.kind, r.hypothesis, r.stance, r.body) == (
            "do_differently", 3, "supports", "late sharing"), line
    r = p("h2- she did ask about the children")
    assert (r.kind, r.hypothesis, r.stance) == ("observation", 2, "challenges")


def test_hypothesis_token_needs_a_boundary():
    r = p("h2-o levels were fine")
    assert r.ok and r.hypothesis is None and r.body == "h2-o levels were fine"


def test_refusals_say_why():
    assert "text" in p("+").error
    assert "text" in p("  + h1+  ").error
    assert p("").error and p("   ").error
    assert "no hypothesis 99" in p("h99+ something").error
    assert "Two kinds" in p("+ - mixed").error
    assert "one hypothesis" in p("h1+ h2- both").error
    huge = "x" * 100_000
    r = p(huge)
    assert not r.ok and "10,000" in r.error and r.body == ""
    assert p("y" * MAX_BODY).ok
    assert not p("y" * (MAX_BODY + 1)).ok


def test_escape_makes_tokens_literal():
    r = p(r"\+ sign on the door")
    assert (r.kind, r.body) == ("observation", "+ sign on the door")
    r = p(r"+ \- a dash")
    assert (r.kind, r.body) == ("good_practice", "- a dash")
    assert p(r"\h3+ is text").body == "h3+ is text"
    assert p(r"\\server\share").body == r"\\server\share"


def test_speaker_matching():
    assert p("@jo saw her weekly").speaker == "Jo Hartley"  # exact word beats John
    assert p("@sue saw her weekly").speaker == "Sue Carr"
    r = p("notification went to social care @police")
    assert r.speaker == "Police" and r.body == "notification went to social care"
    assert p("@hartley said so").speaker == "Jo Hartley"
    assert p("@SUE shouting").speaker == "Sue Carr"
    assert p("@health kept texting").speaker == "0-19 Health Visiting"
    r = p("mum told @sue she was scared")
    assert r.speaker == "Sue Carr" and r.body == "mum told Sue Carr she was scared"
    r = p("@s said")  # Sue, Silva, Smith, Social...
    assert r.speaker is None and r.ambiguous and r.ambiguous[0][0] == "@s"
    assert "@s" in r.body and "could be" in describe(r)
    r = p("asked @nobody about it")
    assert r.ok and r.speaker is None and r.unmatched == ("@nobody",)
    assert r.body == "asked @nobody about it"
    assert "@nobody matches no one" in describe(r)
    assert p("mail sue@school.example").speaker is None


def test_describe_preview():
    assert describe(p("- h1+ @tom late")) == (
        "do differently · for hypothesis 1 · speaker DC Tom Reid"
    )
    assert describe(p("+")).startswith("Will not save:")


def test_as_line_round_trips_a_stored_note():
    note = {"kind": "action", "body": "agree a route", "hypothesis": 1, "stance": "challenges",
            "speaker": "Children's Social Care"}
    r = p(as_line(note))
    assert (r.kind, r.body, r.hypothesis, r.stance, r.speaker) == (
        "action", "agree a route", 1, "challenges", "Children's Social Care")
    r = p(as_line({"kind": "observation", "body": "+ literal", "hypothesis": None}))
    assert (r.kind, r.body) == ("observation", "+ literal")


# --- fuzzing --------------------------------------------------------------------------------

names = st.lists(st.text(min_size=0, max_size=20), max_size=5)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300), names, names, st.lists(st.integers(-5, 2_000_000), max_size=5))
def test_parse_never_raises(line, people, agencies, numbers):
    r = parse(line, people, agencies, numbers)
    assert isinstance(describe(r), str)
    if r.ok:
        assert r.body and r.body == r.body.strip()
        assert len(r.body) <= MAX_BODY
        assert r.hypothesis is None or r.hypothesis in numbers


# Text that can be typed on the one line: no controls (test_inputs.py), no tabs or line breaks.
no_at = st.text(st.characters(blacklist_characters="@\u202a\u202b\u202c\u202d\u202e\u2066"
                              "\u2067\u2068\u2069",
                              blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                min_size=1, max_size=200).filter(lambda s: s.strip())


@settings(max_examples=400, deadline=None)
@given(no_at)
def test_escaped_text_reads_back_exactly(text):
    r = parse(escape(text), PEOPLE, AGENCIES, HYPS)
    assert r.ok, r.error
    assert (r.kind, r.body, r.hypothesis) == ("observation", text.strip(), None)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(KIND_TOKENS)), min_size=0, max_size=1),
    st.one_of(st.none(), st.tuples(st.sampled_from(HYPS), st.sampled_from("+-"))),
    no_at,
    st.booleans(),
)
def test_tokens_recognised(kinds, hyp, text, spaced):
    sep = " " if spaced else ""
    lead = list(kinds) + ([f"h{hyp[0]}{hyp[1]}"] if hyp else [])
    line = sep.join(lead) + " " + escape(text)
    r = parse(line, PEOPLE, AGENCIES, HYPS)
    assert r.ok, (line, r.error)
    assert r.kind == (KIND_TOKENS[kinds[0]] if kinds else "observation")
    assert r.body == text.strip()
    if hyp:
        assert r.hypothesis == hyp[0]
        assert r.stance == ("supports" if hyp[1] == "+" else "challenges")
    else:
        assert r.hypothesis is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), names, names)
def test_find_line_never_raises(line, people, agencies):
    from facilitation.capture import parse_filter
    from facilitation.framework import PROMPT_AREAS

    spec = parse_filter(line, people, agencies, [(p.key, p.label) for p in PROMPT_AREAS])
    assert spec.kind is None or spec.kind in KIND_TOKENS.values()


def test_find_line_reads_like_the_capture_line():
    from facilitation.capture import parse_filter
    from facilitation.framework import PROMPT_AREAS

    areas = [(p.key, p.label) for p in PROMPT_AREAS]
    spec = parse_filter("> @police h1 #multi overnight route", PEOPLE, AGENCIES, areas)
    assert (spec.kind, spec.speaker, spec.hypothesis, spec.prompt_area, spec.words) == (
        "action", "Police", 1, "multi_agency", "overnight route")
    assert parse_filter("@zz #q", PEOPLE, AGENCIES, areas).problems == (
        "#q is not one prompt area", "@zz matches no one")


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["observation"] + sorted(KIND_TOKENS.values())),
    st.one_of(st.none(), st.tuples(st.sampled_from(HYPS), st.sampled_from(["supports", "challenges"]))),
    st.one_of(st.none(), st.sampled_from(PEOPLE + AGENCIES)),
    no_at,
)
def test_a_note_written_back_for_editing_reads_the_same_and_can_be_typed_on(kind, hyp, speaker, body):
    """Up arrow puts the last note back on the capture line; Enter must store the same note,
    and words typed at the end (the cursor is there) must join the text, not move the speaker
    into the middle of it."""
    note = {"kind": kind, "body": body.strip(), "hypothesis": hyp[0] if hyp else None,
            "stance": hyp[1] if hyp else None, "speaker": speaker}
    line = as_line(note)
    r = p(line)
    assert r.ok, (line, r.error)
    assert (r.kind, r.body, r.hypothesis, r.stance, r.speaker) == (
        kind, body.strip(), note["hypothesis"], note["stance"], speaker), line
    r = p(line + " and her brother")
    assert (r.body, r.speaker) == (body.strip() + " and her brother", speaker), line


def test_spaces_inside_the_text_are_kept_when_a_speaker_is_named():
    assert p("@sue two  spaces   here").body == "two  spaces   here"
    assert p("told @jo  twice").body == "told Jo Hartley  twice"
