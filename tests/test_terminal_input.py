"""Reading a real terminal's input (lrf_tui/terminal_input.py): a bracketed paste arrives as one
Paste event whatever it holds, and no pasted byte is ever read as a key. The real program in a
pseudo-terminal is in test_paste_pty.py; these feed the parser directly, split every way."""

from __future__ import annotations

import time

import pytest
from textual import events

from lrf_tui.terminal_input import END, SETTLE, START, PasteSafeParser


def described(messages) -> list[tuple[str, str]]:
    out = []
    for m in messages:
        if isinstance(m, events.Paste):
            out.append(("paste", m.text))
        elif isinstance(m, events.Key):
            out.append(("key", m.key))
        else:
            out.append((type(m).__name__, ""))
    return out


def read(*chunks: str, settle: bool = False) -> list[tuple[str, str]]:
    """Feed each chunk as one read; with ``settle`` wait and tick as the driver does."""
    parser = PasteSafeParser()
    got = []
    for chunk in chunks:
        got += parser.feed(chunk)
        got += parser.tick()
    for _ in range(2 if settle else 0):  # held bytes go on to Textual, which then times out
        time.sleep(SETTLE + 0.05)
        got += parser.tick()
    return described(got)


HOSTILE = "+ one\r\x1b[31mred\x1b[0m\r\ntwo\x12\x1b[19~\x1b]0;t\x07\x9b2J\x00end"


def test_a_paste_is_one_event_with_all_its_bytes_as_text():
    assert read("x" + START + HOSTILE + END) == [("key", "x"), ("paste", HOSTILE)]


@pytest.mark.parametrize("cut", range(1, len(START + HOSTILE + END)))
def test_a_paste_split_across_two_reads_anywhere_is_the_same_paste(cut):
    whole = START + HOSTILE + END
    assert read(whole[:cut], whole[cut:], "y") == [("paste", HOSTILE), ("key", "y")]


def test_keys_and_escape_outside_a_paste_are_keys_as_before():
    assert read("ab\r\x12\x1b[19~") == [("key", "a"), ("key", "b"), ("key", "enter"),
                                         ("key", "ctrl+r"), ("key", "f8")]
    assert read("\x1b", settle=True) == [("key", "escape")]
    got = read("\x1b[2", settle=True)  # held as a possible paste start; it was not one
    assert got and {kind for kind, _ in got} == {"key"}


def test_an_end_marker_inside_a_paste_is_text_and_what_follows_runs_nothing():
    inner = "abc" + END + "\x12more\r\x1b[19~ tail"
    assert read(START + inner + END) == [("paste", inner)]


def test_an_end_with_bytes_behind_it_and_no_end_marker_after_is_text_after_a_moment():
    got = read(START + "abc" + END + "\x12\r", settle=True)
    assert got == [("paste", "abc\x12\r")]  # never ctrl+r or Enter
    # A mouse report right behind a paste stays a mouse event.
    got = read(START + "abc" + END + "\x1b[<35;5;6M", settle=True)
    assert got == [("paste", "abc"), ("MouseMove", "")]


def test_two_pastes_in_one_read_are_two_pastes():
    assert read(START + "a" + END + START + "b" + END) == [("paste", "a"), ("paste", "b")]


@pytest.mark.parametrize("character, text", [
    ("\u200d", True), ("\u200c", True), ("\u200f", True), ("\U000e0067", True), ("\xa0", True),
    ("a", False), (" ", False), (None, False),  # the boxes take these already
    ("\t", False), ("\r", False), ("\n", False), ("\x7f", False), ("\x1b", False),
    ("\x12", False), ("\u202e", False), ("\x9b", False),  # keys, or refused by the rule
])
def test_which_typed_characters_the_app_inserts_itself(character, text):
    from lrf_tui.text import typed_but_dropped

    assert typed_but_dropped(character) is text
