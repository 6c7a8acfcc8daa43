"""Pastes and joined emoji in the real `lrf event REF`, through a pseudo-terminal, the way a
terminal sends them: a bracketed paste is ``ESC[200~ … ESC[201~`` with lines ended by ``\\r``."""

from __future__ import annotations

import json
import signal

import pexpect
import pytest

from test_event_pty import demo_db, enter, spawn, stored  # noqa: F401  (demo_db: a fixture)

pytestmark = pytest.mark.slow

START, END = "\x1b[200~", "\x1b[201~"
FAMILY = "👨\u200d👩\u200d👧"


def paste(child, text: str, shown: str) -> None:
    """Paste ``text`` and wait until ``shown`` is on the capture line (a person presses Enter
    after seeing the paste, never in the same instant)."""
    child.send(START + text + END)
    child.expect_exact(shown)


def stop(child) -> None:
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF, timeout=15)
    child.close(force=True)


def note(run_lrf, db_path, ref, note_id: int) -> dict:
    whole = json.loads(run_lrf("--db", db_path, "show", ref, "--json").stdout)
    return next(n for n in whole["notes"] if n["id"] == note_id)


def test_a_multi_line_paste_arrives_whole_with_any_line_ending(demo_db, run_lrf):
    db_path, ref = demo_db
    child = spawn(db_path, ref)
    try:
        ids = []
        for n, (ending, last) in enumerate((("\r", "twoA"), ("\r\n", "twoB"), ("\n", "twoC"))):
            paste(child, f"+ line one{ending}line {last}{ending}", last)
            ids.append(enter(child))
    finally:
        stop(child)
    for note_id, last in zip(ids, ("twoA", "twoB", "twoC")):
        saved = note(run_lrf, db_path, ref, note_id)
        assert (saved["kind"], saved["body"]) == ("good_practice", f"line one line {last}")


def test_a_family_emoji_typed_or_pasted_is_saved_whole(demo_db, run_lrf):
    db_path, ref = demo_db
    child = spawn(db_path, ref)
    try:
        child.send(f"typed {FAMILY} end")  # as a terminal sends a character from an emoji picker
        child.expect_exact("end")
        typed = enter(child)
        paste(child, f"pasted {FAMILY} end2", "end2")
        pasted = enter(child)
    finally:
        stop(child)
    assert note(run_lrf, db_path, ref, typed)["body"] == f"typed {FAMILY} end"
    assert note(run_lrf, db_path, ref, pasted)["body"] == f"pasted {FAMILY} end2"


def test_escape_codes_in_a_paste_arrive_as_inert_text(demo_db, run_lrf):
    db_path, ref = demo_db
    child = spawn(db_path, ref)
    try:
        paste(child, "red \x1b[31mtext\x1b[0m here \x1b]0;title\x07 \x9b2J done", "done")
        note_id = enter(child)
    finally:
        stop(child)
    saved = note(run_lrf, db_path, ref, note_id)
    assert saved["kind"] == "observation"  # not read as a parked note
    assert saved["body"] == "red \ufffd[31mtext\ufffd[0m here \ufffd]0;title\ufffd \ufffd2J done"


def test_an_end_of_paste_marker_inside_a_paste_runs_no_command(demo_db, run_lrf):
    db_path, ref = demo_db
    before = stored(db_path)
    child = spawn(db_path, ref)
    try:
        # What follows the inner marker would be ctrl+r (delete the last note), a typed
        # "more", Enter and an F8 (next agenda item) if it were read as keys.
        paste(child, "abc" + END + "\x12more\r\x1b[19~ tail", "tail")
        note_id = enter(child)
    finally:
        stop(child)
    after = stored(db_path)
    assert {i: after[i] for i in before} == before  # nothing changed
    assert not [i for i, (_, deleted) in after.items() if deleted]  # nothing deleted
    saved = note(run_lrf, db_path, ref, note_id)
    assert saved["body"] == "abc\ufffd[201~\ufffdmore \ufffd[19~ tail"
    assert len(after) == len(before) + 1  # the Enter inside the paste saved nothing
