"""Whatever a person typed reads back unchanged from exported Markdown, and cannot change the
document's structure (property tests with hypothesis, checked by parsing with markdown-it-py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.markdown import block, bullets, cell, inline, paragraph, parser, table

MD = parser()

pieces = st.one_of(
    st.sampled_from(list("#|>*_`[]()<>!\\-+=~&;.:0123456789 \n\t/")),
    st.sampled_from(["<script>", "</div>", "&amp;", "[/]", "[bold]", "```", "---", "1. ",
                     "    ", "\u202e", "😀", "مرحبا", "שלום", "\x1b[31m", "\r\n", "\u2067",
                     "\x9b2J", "\x85", "\u2028", "\u200d", "\u200f", "👨\u200d👩\u200d👧"]),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)
nasty = st.lists(pieces, max_size=30).map("".join)


def text_of(tokens) -> str:
    out = []
    for t in tokens:
        if t.type == "inline":
            for c in t.children or []:
                if c.type in ("text", "code_inline"):
                    out.append(c.content)
                elif c.type in ("softbreak", "hardbreak"):
                    out.append("\n")
            out.append("\n")
    return "".join(out)


def normalise(s: str) -> str:
    return " ".join(s.split())


# The rule for characters (facilitation/inputs.py), written out: C0 controls but tab and line
# breaks, DEL, C1 but NEL, direction embeddings, overrides and isolates. Joiners are kept.
CONTROLS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]"


def expected(s: str) -> str:
    import re

    # Controls are shown as �; whitespace (Python's idea of it) is collapsed.
    return normalise(re.sub(CONTROLS, "\N{REPLACEMENT CHARACTER}", s))


@settings(max_examples=300, deadline=None)
@given(nasty)
def test_a_paragraph_reads_back_and_adds_no_structure(s):
    tokens = MD.parse("## Field\n\n" + paragraph(s) + "\n")
    kinds = {t.type for t in tokens}
    assert kinds <= {"heading_open", "heading_close", "inline", "paragraph_open", "paragraph_close"}
    assert sum(t.type == "heading_open" for t in tokens) == 1
    assert normalise(text_of(tokens[3:])) == expected(s)
    assert "<script" not in MD.render(paragraph(s))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(nasty, nasty, nasty), min_size=1, max_size=4))
def test_a_table_keeps_three_columns_and_its_cells(rows):
    md = table(["Action", "Person Responsible", "Timeframe"], rows)
    tokens = MD.parse(md)
    assert sum(t.type == "table_open" for t in tokens) == 1
    assert sum(t.type == "tr_open" for t in tokens) == len(rows) + 1
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 3 * (len(rows) + 1)
    for (a, b, c), got in zip(rows, [cells[i : i + 3] for i in range(3, len(cells), 3)]):
        assert [normalise(text_of([g])) for g in got] == [expected(a), expected(b), expected(c)]


@settings(max_examples=200, deadline=None)
@given(st.lists(nasty, min_size=1, max_size=5))
def test_bullets_stay_one_item_each(items):
    tokens = MD.parse(bullets(items))
    assert sum(t.type == "list_item_open" for t in tokens) == len(items)
    assert sum(t.type == "bullet_list_open" for t in tokens) == 1


def test_inline_never_spans_lines():
    assert "\n" not in inline("a\nb\r\nc")


ascii_text = st.lists(st.sampled_from(list("#|>*_`[]()<>!\\-+=~&;.:0123456789 \t/ab")
                                      + ["&amp;", "1. ", "x y", "\x1b", "\x7f"]),
                      max_size=12).map("".join)
one_line = st.one_of(nasty, ascii_text).map(lambda s: " ".join(s.split())).filter(
    lambda s: s.strip("-*+ \t") != "")
PLAIN = 'Supporting (Social Worker, Police): "home visit missed"; "plan agreed" (good practice).'


@pytest.mark.walk
@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1200), one_line), max_size=6))
def test_a_long_drafted_field_reads_back_line_for_line(typed):
    """A field drafted from many notes (its plain lines are passed on whole, in runs) with
    typed lines among them: every item stays one item and reads back as it was typed."""
    items = [f"{PLAIN} {i}" for i in range(1200)]
    for at, text in sorted(typed, reverse=True):
        items.insert(at, text)
    md = block("\n".join(f"- {i}" for i in items))
    assert md == "\n".join(f"- {inline(i)}" for i in items)  # as each line escaped alone
    tokens = MD.parse("## Field\n\n" + md + "\n")
    assert sum(t.type == "list_item_open" for t in tokens) == len(items)
    assert sum(t.type == "bullet_list_open" for t in tokens) == 1
    got = [normalise(text_of([t])) for t in tokens if t.type == "inline"][1:]
    assert got == [expected(i) for i in items]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 600), one_line, st.one_of(one_line, st.just(""))),
                max_size=6))
@pytest.mark.walk
def test_a_long_table_escapes_each_cell_as_alone(typed):
    """Candidate actions drafted from thousands of notes, typed cells among them: each cell is
    what escaping it alone gives, and the table keeps its three columns."""
    rows = [(f"Brief staff on escalation {i}", "", "within 3 months") for i in range(600)]
    for at, action, owner in sorted(typed, reverse=True):
        rows.insert(at, (action, owner, ""))
    md = table(["Action", "Person Responsible", "Timeframe"], rows)
    assert md.split("\n")[2:] == ["| " + " | ".join(cell(c) or " " for c in row) + " |"
                                  for row in rows]
    tokens = MD.parse(md)
    assert sum(t.type == "tr_open" for t in tokens) == len(rows) + 1
