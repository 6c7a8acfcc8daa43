"""The one rule for characters, lengths and line breaks (facilitation/inputs.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation import inputs
from facilitation.errors import FieldRefused, InputRefused

FAMILY = "👨\u200d👩\u200d👧"  # three emoji joined by two zero width joiners
KEPT = [
    FAMILY,
    "mi\u200cخواهم",  # ZWNJ in Persian
    "❤\ufe0f",  # variation selector 16
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # the flag of Scotland
    "שלום \u200f(אמא)",  # RLM placing the parenthesis in Hebrew
    "\u200eA\u061c",  # LRM and ALM
    "co\u00adoperate",  # soft hyphen
    "الأم قالت إن النادي ساعد",
]
CONTROLS = ["\x00", "\x07", "\x1b", "\x1b[2J", "\x0b", "\x0c", "\x1f", "\x7f", "\x80", "\x9b",
            "\x9f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
            "\u2068", "\u2069", "\ud800"]


@pytest.mark.parametrize("kept", KEPT)
def test_writing_characters_are_kept(kept):
    assert inputs.text(kept, "note", limit=inputs.NOTE) == kept
    assert inputs.neutralise(kept) == kept


@pytest.mark.parametrize("control", CONTROLS)
def test_controls_are_refused_on_the_way_in_and_shown_on_the_way_out(control):
    typed = f"before {control} after"
    with pytest.raises(InputRefused, match="contains control characters") as e:
        inputs.text(typed, "chair")
    assert "chair" in e.value.message and control not in e.value.message
    with pytest.raises(FieldRefused) as e:
        inputs.text(typed, "chair", one_line_field=False, field="chair")
    assert e.value.field == "chair"
    shown = inputs.neutralise(typed)
    assert shown.startswith("before \N{REPLACEMENT CHARACTER}") and shown.endswith(" after")
    assert not inputs.has_control(shown)


def test_line_breaks_of_every_kind_read_as_one():
    typed = "one\r\ntwo\rthree\nfour\u2028five\u2029six\x85seven\tend"
    assert inputs.text(typed, "scope", one_line_field=False) == (
        "one\ntwo\nthree\nfour\nfive\nsix\nseven\tend")
    assert inputs.text(typed, "title") == "one two three four five six seven end"
    assert inputs.neutralise(typed, one_line_only=True) == (
        "one two three four five six seven end")
    assert inputs.one_line("a\r\nb") == "a b"  # a CR LF pair is one break, one space


def test_lengths_and_empty():
    assert inputs.text("x" * inputs.SHORT, "title") == "x" * inputs.SHORT
    with pytest.raises(InputRefused, match="201 characters long; keep it to 200"):
        inputs.text("x" * (inputs.SHORT + 1), "title")
    with pytest.raises(InputRefused, match="The title cannot be empty"):
        inputs.text("  \n ", "title", required=True)
    assert inputs.check("as typed \n", "field") == "as typed \n"  # unchanged
    with pytest.raises(InputRefused, match="control characters"):
        inputs.check("a\x00", "field")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_neutralised_text_is_always_accepted_and_stable(s):
    shown = inputs.neutralise(s)
    assert inputs.check(shown, "field") == shown
    assert inputs.neutralise(shown) == shown
    assert inputs.text(shown, "field", limit=10**6, one_line_field=False) == shown.strip()
