"""The outcome form as Word: read back with python-docx, as the business manager's Word opens it.

Every field name (the framework's spelling, its order), every field's content, every cell of the
Recommendations table and the header are checked against the same form state the Markdown export
is made from; hostile text must arrive literally; the command's refusals are one sentence.
"""

from __future__ import annotations

import io
import stat

import docx
import pytest

from complete_form import complete_form
from exports.docx import render_outcome
from exports.outcome import DRAFT_TEXT, EMPTY_TEXT, UNPUBLISHED_TEXT, recommendation_rows
from facilitation import outcome as o
from facilitation.errors import InputRefused
from facilitation.framework import FORM_FIELDS, NOT_PUBLISHED_FIELDS, RECOMMENDATION_COLUMNS
from keys import keys

HOSTILE = ("[/] [bold]not bold[/bold] <script>alert('x')</script> &amp; | a | b |\n"
           "# not a heading\n- a bullet 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿\nعائلة أ تعيش مع الجدة ‏(ب)‏ שלום")
LONG = ("Ten kilobytes of background, pasted from a chronology. " * 190).strip()


def read(blob: bytes):
    return docx.Document(io.BytesIO(blob))


def lines(text: str) -> list[str]:
    """What a reader sees of a field, line by line: bullets as their words."""
    out = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line[:2] in ("- ", "* "):
            line = line[2:]
        if line:
            out.append(line)
    return out


def expected(f, publication: bool = False) -> list[str]:
    if publication and f.key in NOT_PUBLISHED_FIELDS:
        return [UNPUBLISHED_TEXT]
    if not f.body.strip():
        return [EMPTY_TEXT]
    return ([DRAFT_TEXT] if f.drafted else []) + lines(f.body)


def check_form(blob: bytes, state, publication: bool = False):
    d = read(blob)
    assert len(d.tables) == 1
    rows = d.tables[0].rows
    assert [r.cells[0].text for r in rows] == [f.name for f in FORM_FIELDS]
    for row, f in zip(rows, state.fields):
        assert len(row.cells) == 2
        if f.key == "recommendations":
            continue
        assert lines(row.cells[1].text) == expected(f, publication), f.name
    recs_cell = rows[[f.key for f in FORM_FIELDS].index("recommendations")].cells[1]
    (recs,) = recs_cell.tables
    got = [[c.text for c in r.cells] for r in recs.rows]
    assert got[0] == list(RECOMMENDATION_COLUMNS)
    want = [[" ".join(v.split()) for v in row] for row in recommendation_rows(state)]
    assert got[1:] == want
    return d


def test_demo_form_reads_back_field_by_field_and_cell_by_cell(store, demo_ref):
    o.save_field(store, demo_ref, "lead_author", "A. Reviewer, independent")
    o.add_recommendation(store, demo_ref, "Police to share overnight incidents with school",
                         "DI Lead, Police", "within 3 months")
    state = o.form_state(store, demo_ref)
    assert any(f.drafted for f in state.fields) and any(f.written for f in state.fields)
    d = check_form(render_outcome(store, demo_ref, warn=None), state)
    header = d.sections[0].header.paragraphs[0].text
    assert demo_ref in header and "version 1 (draft)" in header
    top = [p.text for p in d.paragraphs]
    assert top[0] == "Learning Review Outcomes Form"
    assert f"Review: {demo_ref}, {state.review['title']}" in top
    assert f"Status: {o.status_line(state)}" in top
    # guidance is left out, as the framework's Word form asks
    body = "\n".join(c.text for r in d.tables[0].rows for c in r.cells)
    assert not [f.guidance for f in FORM_FIELDS if f.guidance and f.guidance in body]
    assert d.core_properties.author == "" and d.core_properties.subject == demo_ref


def test_hostile_text_survives_literally_and_old_characters_do_not_stop_it(store, demo_ref):
    o.save_field(store, demo_ref, "synopsis", HOSTILE)
    o.save_field(store, demo_ref, "background", LONG)
    o.add_recommendation(store, demo_ref, "<b>Share</b> | [red]minutes[/] 🧒", "Head | of <i>",
                         "by 31/01/2027")
    # An older database kept characters the rule now refuses, and XML cannot hold some at all.
    old = "Seen\x0b at\x1b[2J home\ufffe\uffff\x0c."
    with store.write() as db:
        db.execute("UPDATE form_fields SET body = ? WHERE field = 'strengths'", [old])
        if not db.execute("SELECT 1 FROM form_fields WHERE field = 'strengths'").fetchone():
            rid = store.conn.execute("SELECT id FROM reviews WHERE ref = ?",
                                     [demo_ref]).fetchone()[0]
            db.execute("INSERT INTO form_fields (review_id, field, body, updated_at) "
                       "VALUES (?, 'strengths', ?, '2020-01-01T00:00:00+00:00')", [rid, old])
    blob = render_outcome(store, demo_ref, warn=None)
    d = read(blob)
    cells = {r.cells[0].text: r.cells[1] for r in d.tables[0].rows}
    synopsis = cells["Synopsis of the case"]
    assert [p.text for p in synopsis.paragraphs] == [
        "[/] [bold]not bold[/bold] <script>alert('x')</script> &amp; | a | b |\n"
        "# not a heading",
        "a bullet 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "عائلة أ تعيش مع الجدة ‏(ب)‏ שלום",
    ]
    assert synopsis.paragraphs[1].style.name == "List Bullet"
    assert cells["Background and summary of agency's involvement"].text == LONG
    strengths = cells["Strengths in agencies response or within multi-agency working with the "
                      "family"].text
    assert strengths == "Seen\ufffd at\ufffd[2J home\ufffd\ufffd\ufffd."
    recs = cells["Recommendations"].tables[0]
    assert [c.text for c in recs.rows[-1].cells][:2] == ["<b>Share</b> | [red]minutes[/] 🧒",
                                                         "Head | of <i>"]
    assert b"<script>" not in blob  # escaped in the XML, never markup


def test_the_published_version_is_never_made_as_word(store, demo_ref):
    with pytest.raises(InputRefused, match="Markdown or HTML"):
        render_outcome(store, demo_ref, publication=True, warn=None)


def markdown_words(md: str) -> list[str]:
    """What a reader of the Markdown sees, block by block, in order."""
    from exports.markdown import parser

    out = []
    for t in parser().parse(md):
        if t.type != "inline":
            continue
        words = "".join("\n" if c.type == "hardbreak" else " " if c.type == "softbreak"
                        else c.content for c in t.children or [])
        if words:
            out.append(words)
    return out


def word_words(blob: bytes) -> list[str]:
    from docx.table import Table

    out = []
    for item in read(blob).iter_inner_content():
        cells = ([c.text for r in item.rows for c in r.cells] if isinstance(item, Table)
                 else [item.text])
        out += [c for c in cells if c]
    return out


def test_pack_requests_and_action_plan_say_in_word_what_their_markdown_says(store, demo_ref):
    from exports import docx_markdown as w
    from exports.outcome import render_actions
    from exports.pack import render_pack, render_requests
    from facilitation import preparation as prep

    kloe = " ".join(HOSTILE.split())
    prep.add_item(store, demo_ref, "kloes", text=kloe)
    prep.add_item(store, demo_ref, "agencies", name="<b>School</b> | [/] 🏫")
    action = "# Share | minutes *now* <i>"
    o.add_recommendation(store, demo_ref, action, "[red]Head[/]", "ongoing")
    said = {}
    for markdown, word in ((render_pack, w.render_pack), (render_requests, w.render_requests),
                           (render_actions, w.render_actions)):
        said[markdown.__name__] = words = word_words(word(store, demo_ref))
        assert words == markdown_words(markdown(store, demo_ref)), markdown.__name__
    assert kloe in said["render_pack"] and kloe in said["render_requests"]
    assert "Request to <b>School</b> | [/] 🏫" in said["render_requests"]
    assert {action, "[red]Head[/]"} <= set(said["render_actions"])


# --- the real command ---------------------------------------------------------------------------


@pytest.fixture
def demo_db(run_lrf, db_path):
    assert run_lrf("--db", db_path, "demo").returncode == 0
    return db_path


def test_command_writes_a_private_word_file_and_refuses_what_it_cannot(run_lrf, demo_db,
                                                                      tmp_path):
    out = tmp_path / "form.docx"
    args = ("--db", demo_db, "export", "LR-2026-001", "--what", "outcome", "--format", "docx")
    r = run_lrf(*args, "-o", out)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    from facilitation.store import open_store_readonly

    with open_store_readonly(demo_db) as s:
        check_form(out.read_bytes(), o.form_state(s, "LR-2026-001"))
    before = out.read_bytes()
    r = run_lrf(*args, "-o", out)
    assert r.returncode == 1 and r.stderr.strip() == (
        f"lrf: {out} already exists; add --force to replace it.")
    assert out.read_bytes() == before
    assert run_lrf(*args, "-o", out, "--force").returncode == 0

    for to_stdout in ((), ("-o", "-")):
        r = run_lrf(*args, *to_stdout)
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr.strip() == ("lrf: A Word document cannot go to standard output; give a "
                                    "file name with -o FILE.")
    pack = tmp_path / "pack.docx"
    r = run_lrf("--db", demo_db, "export", "LR-2026-001", "--what", "pack", "--format", "docx",
                "-o", pack)
    assert r.returncode == 0 and stat.S_IMODE(pack.stat().st_mode) == 0o600
    assert read(pack.read_bytes()).paragraphs[0].text.startswith("Invitation to a practitioner")


# --- from the app -------------------------------------------------------------------------------


async def test_export_from_home_and_form_writes_the_file_and_asks_before_replacing(
        store, demo_ref, tmp_path, monkeypatch):
    from exports.outcome import render
    from lrf_tui.app import LrfApp
    from lrf_tui.dialogs import ConfirmModal
    from lrf_tui.dialogs.export import ExportDialog

    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(docs))
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "x")  # home, on the selected review
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        box = app.screen.query_one("#export-path")
        md = docs / f"{demo_ref} outcome form.md"
        assert box.value == str(md)

        async def refused(path: str) -> str:
            box.value = path
            await keys(pilot, "enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog) and box.value == path  # kept as typed
            return str(app.screen.query_one("#export-error").render())

        missing = str(tmp_path / "gone" / "form.md")
        assert await refused(missing) == (
            f"Not written: the folder {tmp_path / 'gone'} does not exist.")
        assert await refused(str(store.path)) == (
            f"Not written: {store.path} is the database lrf is using; choose another file.")
        with monkeypatch.context() as m:
            import errno

            def full(_fd):
                raise OSError(errno.ENOSPC, "No space left on device")

            m.setattr("exports.files.os.fsync", full)
            assert await refused(str(md)) == (
                f"Cannot write {md}: the disk is full; nothing was written.")
        assert list(docs.iterdir()) == []
        box.value = str(md)
        await keys(pilot, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        assert stat.S_IMODE(md.stat().st_mode) == 0o600
        assert md.read_text(encoding="utf-8") == render(store, demo_ref, warn=None)

        await keys(pilot, "f")  # the form screen: ctrl+o, Word this time
        await pilot.pause()
        await keys(pilot, "ctrl+o", "ctrl+t", "enter")
        await pilot.pause()
        word = docs / f"{demo_ref} outcome form.docx"
        assert stat.S_IMODE(word.stat().st_mode) == 0o600
        check_form(word.read_bytes(), o.form_state(store, demo_ref))
        before = word.read_bytes()

        await keys(pilot, "ctrl+o")  # Word is offered again; the file is there: a question
        await pilot.pause()
        await keys(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        drawn = "".join(s.text for s in app.screen._compositor.render_strips())
        assert app.screen.question == f"{word} is already there. Replace it?"
        assert "Replace it?" in drawn and "y yes · n no" in drawn
        await keys(pilot, "n")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog) and word.read_bytes() == before
        assert "that file is kept" in str(app.screen.query_one("#export-error").render())
