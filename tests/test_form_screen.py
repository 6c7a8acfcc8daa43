"""The outcome form screen, driven by keyboard only."""

from __future__ import annotations

import datetime as _dt

import pytest

from exports.outcome import render
from facilitation import outcome as oc
from facilitation.demo import add_demo
from lrf_tui.app import LrfApp
from lrf_tui.screens.form import FormScreen, PickIndexScreen, PromptScreen, TextScreen
from lrf_tui.screens.form.circulation import FinalRefusedScreen

from complete_form import complete_form
from keys import burst, keys, type_keys
from typed_notes import (ACTION, PARKED, TYPED, assert_notes_in_their_fields, shorten_findings,
                         markdown_sections, markdown_recommendations, word_rows,
                         word_recommendations)

FIXED = _dt.date(2026, 11, 25)


async def _open_form(pilot) -> FormScreen:
    await keys(pilot, "f")  # from home, the selected review
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, FormScreen)
    return screen


async def _goto(pilot, screen: FormScreen, key: str) -> None:
    from facilitation.framework import FORM_FIELDS

    target = [f.key for f in FORM_FIELDS].index(key)
    ol = screen.query_one("#field-list")
    ol.focus()
    await burst(pilot, "home", *(["down"] * target))
    await pilot.pause()
    assert screen.key == key


@pytest.mark.walk
async def test_notes_typed_at_the_event_reach_their_fields_in_the_final_exports(
        store, tmp_path, monkeypatch):
    from lrf_tui.dialogs.export import ExportDialog
    from lrf_tui.screens.event import EventScreen

    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(docs))
    ref = add_demo(store, today=FIXED)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "e")  # home: the live event of the selected review
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        lines = [t for t, _, _ in TYPED] + [ACTION, PARKED]
        await burst(pilot, *(k for line in lines for k in [*line, "enter"]))  # a fast typist
        kinds = [r[0] for r in store.conn.execute(
            "SELECT kind FROM notes ORDER BY id DESC LIMIT ?", [len(lines)])][::-1]
        assert kinds == ["good_practice", "do_differently", "unexpected", "learning",
                         "observation", "observation", "family_view", "question", "observation",
                         "action", "parked"]  # every line saved as its kind
        assert "Saved note #" in str(app.screen.query_one("#message").render())
        await keys(pilot, "escape", "escape")  # the second Esc leaves the event
        await pilot.pause()
        screen = await _open_form(pilot)
        await keys(pilot, "f2")  # draft every empty field from the notes
        await pilot.pause()
        await keys(pilot, "f8")  # refused, every reason said
        await pilot.pause()
        assert isinstance(app.screen, FinalRefusedScreen)
        text = drawn(app.screen)
        assert "- Any specific actions identified in relation to the family is empty." in text
        assert "- Recommendation 4 has no Person Responsible." not in text  # read from the note
        assert "- Recommendation 3 has no Person Responsible and no Timeframe." in text
        assert "The form has not been circulated to those involved" in text
        words = oc.form_state(store, ref).field("findings").words
        assert words > 300  # the demo's and the typed notes' findings
        assert f"- Findings and key learning points is {words} words; the limit is 300." in text
        await keys(pilot, "escape")
        await pilot.pause()
        assert all(v["state"] != "final" for v in oc.form_state(store, ref).versions)

        # the chair agrees the candidate drafted from the typed action, owner and time as read
        await _goto(pilot, screen, "recommendations")
        await keys(pilot, "enter")
        await burst(pilot, "down", "down", "down", "enter")  # row 4: the typed action
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "enter", "enter", "enter")  # action, owner, timeframe as read
        await type_keys(pilot, "Hypothesis 1")
        await burst(pilot, "enter")
        rec = oc.form_state(store, ref).recommendations[-1]
        assert (rec["action"], rec["person_responsible"], rec["finding"]) == (
            "Review the escalation protocol", "Police", "Hypothesis 1")
        await keys(pilot, "escape")
        shorten_findings(store, ref)  # the chair cuts them to the limit
        # the other rows were agreed with their owners outside the app
        for rec in oc.form_state(store, ref).recommendations[:-1]:
            oc.update_recommendation(store, ref, rec["id"], person_responsible="Named lead",
                                     timeframe="by March 2027", finding="Hypothesis 1")
        for key, words in (("family_actions", "Referral to family support"),
                           ("broader_learning", "As in the county's neglect review.")):
            await _goto(pilot, screen, key)
            await keys(pilot, "enter")
            await type_keys(pilot, words)
            await keys(pilot, "escape")
        await _goto(pilot, screen, "dissemination")
        await keys(pilot, "enter", "a")
        assert isinstance(app.screen, PickIndexScreen)
        await keys(pilot, "down", "down", "enter")  # Single-agency training
        await type_keys(pilot, "Police training lead")
        await keys(pilot, "enter", "enter")
        await pilot.pause()
        assert [(d["method"], d["lead"]) for d in oc.form_state(store, ref).dissemination] == [
            ("Single-agency training", "Police training lead")]

        # circulate, a comment and its response, then final
        await keys(pilot, "f5")
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "ctrl+a", "shift+end")
        await type_keys(pilot, "26/11/2026")
        await keys(pilot, "enter")
        await type_keys(pilot, "everyone who attended")
        await keys(pilot, "enter")
        await keys(pilot, "f6")
        await type_keys(pilot, "Health visitor")
        await keys(pilot, "enter")
        await type_keys(pilot, "Add the texts to mother")
        await keys(pilot, "enter")
        await keys(pilot, "ctrl+r")
        assert isinstance(app.screen, PickIndexScreen)
        await keys(pilot, "enter")
        await type_keys(pilot, "Added the texts to the background")
        await keys(pilot, "enter")
        assert [c["response"] for c in oc.comments(store, ref)] == [
            "Added the texts to the background"]
        await keys(pilot, "f8")
        assert isinstance(app.screen, PromptScreen) and not isinstance(
            app.screen, FinalRefusedScreen)
        await keys(pilot, "ctrl+a", "shift+end")
        await type_keys(pilot, "30/11/2026")
        await keys(pilot, "enter")
        assert oc.form_state(store, ref).latest["state"] == "final"

        # the in-app export: Markdown, then Word
        await keys(pilot, "ctrl+o")
        assert isinstance(app.screen, ExportDialog)
        await keys(pilot, "enter")
        await keys(pilot, "ctrl+o", "ctrl+t", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)

    md = (docs / f"{ref} outcome form.md").read_text(encoding="utf-8")
    assert md.startswith("# Learning Review Outcomes Form")
    assert "**Status:** Final (version 2)" in md
    sections = markdown_sections(md)
    assert_notes_in_their_fields(sections, markdown_recommendations(sections))
    rows = word_rows((docs / f"{ref} outcome form.docx").read_bytes())
    assert_notes_in_their_fields({k: c.text for k, c in rows.items()}, word_recommendations(rows))


async def test_over_limit_is_said_in_words_and_blocks_final(store):
    ref = add_demo(store, today=FIXED)
    oc.save_field(store, ref, "findings", "word " * 305)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "findings")
        assert "OVER the limit by 5" in str(screen.query_one("#words").render())
        await keys(pilot, "f8")
        await pilot.pause()
        assert isinstance(app.screen, FinalRefusedScreen)
        assert not app.screen.query("Input")  # a word limit is not overridden
        assert "Findings and key learning points is 305 words" in drawn(app.screen)
    assert all(v["state"] != "final" for v in oc.versions(store, 1))


def drawn(screen) -> str:
    """The text a dialog draws, its lines joined."""
    return " ".join(" ".join(str(w.render()).split()) for w in screen.query("Static"))


async def test_marking_final_lists_every_reason_and_the_lead_author_overrides(store):
    ref = add_demo(store, today=FIXED)
    complete_form(store, ref)
    oc.add_comment(store, ref, "[bold]Sue[/]", "synopsis", "Not seen it")
    oc.save_field(store, ref, "broader_learning", "")
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_form(pilot)
        await keys(pilot, "f8")
        await pilot.pause()
        assert isinstance(app.screen, FinalRefusedScreen)
        text = drawn(app.screen)
        assert "Cannot mark final yet (2 reasons):" in text
        assert "- Any broader learning that has been identified is empty." in text
        assert "- The comment from [bold]Sue[/] on Synopsis of the case (version 1) has no " \
               "response." in text  # literal, never markup
        await keys(pilot, "enter")  # no reason typed: refused, still open, nothing marked
        await pilot.pause()
        assert isinstance(app.screen, FinalRefusedScreen)
        assert all(v["state"] != "final" for v in oc.form_state(store, ref).versions)
        await type_keys(pilot, "Sue has left; the panel agreed")
        await keys(pilot, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FinalRefusedScreen)
    latest = oc.form_state(store, ref).latest
    assert (latest["state"], latest["override_reason"]) == ("final",
                                                           "Sue has left; the panel agreed")
    md = render(store, ref, warn=None)
    assert "Reason given: Sue has left; the panel agreed" in md.split("## ", 1)[0]


@pytest.mark.parametrize("leave", [("escape", "escape"), ("ctrl+q",)])
async def test_typed_text_is_saved_when_leaving_at_once(store, leave):
    ref = add_demo(store, today=FIXED)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "family_actions")
        await keys(pilot, "enter")
        await type_keys(pilot, "None needed")
        await keys(pilot, *leave)  # straight out (or quit), before the pause that saves
        await pilot.pause()
    assert oc.form_state(store, ref).field("family_actions").body == "None needed"


def _snap_app(db_path):
    from facilitation.store import open_store

    store = open_store(db_path)
    ref = add_demo(store, today=FIXED)
    oc.draft_from_notes(store, ref)
    oc.save_field(store, ref, "synopsis", "Child R, aged 9, lived with her mother and younger "
                  "brother. [/] Escalation by the school led to this review.")
    app = LrfApp(store)

    async def run_before(pilot) -> None:
        await keys(pilot, "f")
        await pilot.pause()
        screen = pilot.app.screen
        await _goto(pilot, screen, "synopsis")

    return app, run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_form_screen_snapshot(snap_compare, db_path, size):
    app, run_before = _snap_app(db_path)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_recommendations_snapshot(snap_compare, db_path, size):
    app, _ = _snap_app(db_path)

    async def run_before(pilot) -> None:
        await keys(pilot, "f")
        await pilot.pause()
        await _goto(pilot, pilot.app.screen, "recommendations")
        await keys(pilot, "enter")
        # The table's scroll bar is laid out a refresh after the rows (once flaked without).
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_editing_a_candidate_recommendation_keeps_other_fields_undrafted(store):
    ref = add_demo(store, today=FIXED)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "recommendations")
        await keys(pilot, "enter", "down", "enter")  # edit candidate 2
        assert isinstance(app.screen, PromptScreen)
        assert "saving it agrees it" in app.screen.hint
        await keys(pilot, "enter")
        await type_keys(pilot, "AMH manager")
        await keys(pilot, "enter", "enter", "enter")
        await pilot.pause()
        table = screen.query_one("#recs")
        # the timeframe read from the note ('within three months') is kept: nothing to check
        assert [str(table.get_cell_at((i, 1))) for i in range(3)] == [
            "candidate", "ok", "candidate"]
        assert "(2 candidates not yet agreed)" in str(screen.query_one("#field-title").render())
        await keys(pilot, "up", "up")
        assert "Candidate drafted from an action note, not yet agreed" in str(
            screen.query_one("#advice").render())
    recs = oc.form_state(store, ref).recommendations
    # owners read from the notes stay candidates beside the one the chair typed
    assert [r["person_responsible"] for r in recs] == ["Police and education", "AMH manager", ""]
    assert recs[1]["timeframe"] == "within three months"
    assert [oc.is_candidate(r) for r in recs] == [True, False, True]
    stored = store.conn.execute("SELECT field FROM form_fields").fetchall()
    assert [r[0] for r in stored] == ["recommendations"]


@pytest.mark.walk
async def test_f6_and_f7_while_typing_do_what_the_footer_says_and_keep_the_text(store):
    """TextArea's own f7 selects everything: the next key typed would replace the field."""
    ref = add_demo(store, today=FIXED)
    oc.draft_from_notes(store, ref)
    oc.circulate(store, ref, "19/11/2026", "attendees")
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "findings")
        before = oc.form_state(store, ref).field("findings").body
        await keys(pilot, "enter")
        assert screen.focused.id == "body"
        await type_keys(pilot, "New ")
        await keys(pilot, "f7")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        assert "In Findings and key learning points:" in app.screen.text
        await keys(pilot, "escape")
        await pilot.pause()
        await type_keys(pilot, "point")
        await keys(pilot, "f6")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "escape")
        await pilot.pause()
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        # the field opened with the cursor at the end of the draft
        assert oc.form_state(store, ref).field("findings").body == before + "New point"


async def test_a_drafted_field_opens_at_its_end_and_is_the_chairs_once_edited_or_kept(store):
    ref = add_demo(store, today=FIXED)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await keys(pilot, "f2")
        note, body = screen.query_one("#field-note"), screen.query_one("#body")
        await _goto(pilot, screen, "strengths")
        assert "not yet confirmed" in str(note.render())
        await keys(pilot, "enter")
        draft = body.text
        assert body.cursor_location == body.document.end != (0, 0)  # where writing goes on
        await type_keys(pilot, " Checked.")
        await pilot.pause(1.0)  # the pause that saves typing
        assert oc.form_state(store, ref).field("strengths").body == draft + " Checked."
        assert "not yet confirmed" not in str(note.render())
        assert "done" in str(screen.query_one("#field-list").get_option("strengths").prompt)

        # a draft kept word for word: ctrl+s makes it the chair's
        await keys(pilot, "escape")
        await _goto(pilot, screen, "do_better")
        assert "draft" in str(screen.query_one("#field-list").get_option("do_better").prompt)
        await keys(pilot, "enter", "ctrl+s")
        await pilot.pause()
        assert "not yet confirmed" not in str(note.render())
        assert "done" in str(screen.query_one("#field-list").get_option("do_better").prompt)
        section = render(store, ref, warn=None).split("## Areas where we would like to do better")[1].split("\n## ")[0]
        assert "not yet confirmed" not in section and section.strip()

        # ctrl+a selects the whole field: what is typed next replaces it
        await keys(pilot, "ctrl+a")
        await type_keys(pilot, "One line only.")
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        assert body.text == "One line only." == oc.form_state(store, ref).field(
            "do_better").body


async def test_a_long_smart_check_can_be_read_to_the_end_at_80x24(store):
    ref = add_demo(store, today=FIXED)
    for action in ("Audit ten plans", "Add a prompt to letters", "Train two teams"):
        oc.add_recommendation(store, ref, action, "Partnership lead", "by March 2027", "")
    # long enough to overflow even the full width the table gets once in use
    oc.add_recommendation(store, ref, "Raise awareness of neglect across the partnership and "
                          + "its agencies and the voluntary sector, " * 16, "", "", "")
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "recommendations")
        await keys(pilot, "enter", "down", "down", "down")
        await pilot.pause()
        advice = str(screen.query_one("#advice").render())
        assert advice.startswith("4. Raise awareness") and advice.endswith("how it will be checked.")
        box = screen.query_one("#advice-box")
        assert box.max_scroll_y > 0  # longer than the room it has at 80x24
        await keys(pilot, "tab", "end")
        await pilot.pause()
        assert screen.focused is box and box.scroll_y == box.max_scroll_y


async def test_a_refused_date_keeps_the_circulate_prompt_and_what_was_typed(store):
    ref = add_demo(store, today=FIXED)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_form(pilot)
        await keys(pilot, "f5")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        await keys(pilot, "ctrl+a", "shift+end")
        await type_keys(pilot, "31/13/2026")
        await keys(pilot, "enter")
        await type_keys(pilot, "everyone who attended")
        await keys(pilot, "enter")
        await pilot.pause()
        assert app.screen is prompt  # still open, nothing to retype
        assert prompt.query_one("#in-to").value == "everyone who attended"
        assert oc.form_state(store, ref).versions == []
        prompt.query_one("#in-on").value = "26/11/2026"
        prompt.query_one("#in-to").focus()
        await keys(pilot, "enter")
        await pilot.pause()
        assert app.screen is not prompt
        assert [v["circulated_to"] for v in oc.form_state(store, ref).versions] == [
            "everyone who attended"]


async def test_a_database_write_error_is_one_line_and_keeps_the_typing(store, monkeypatch):
    import sqlite3

    ref = add_demo(store, today=FIXED)
    real_save, real_comment = oc.save_field, oc.add_comment

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(oc, "save_field", broken)
    monkeypatch.setattr(oc, "add_comment", broken)
    oc_circulated = oc.circulate(store, ref, "19/11/2026", "attendees")
    assert oc_circulated
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "family_actions")
        await keys(pilot, "enter")
        await type_keys(pilot, "Referral to family support")
        await pilot.pause(1.0)  # autosave tries, and fails
        messages = [n.message for n in app._notifications]
        assert "Not saved: the disk could not be written (an I/O error). What you typed is " \
            "still here." in messages
        assert all("Referral" not in m and "disk I/O" not in m for m in messages)
        # leaving the field or the form does not throw the typing away
        await keys(pilot, "escape", "down")
        await pilot.pause()
        assert screen.key == "family_actions"
        assert screen.query_one("#body").text == "Referral to family support"
        await keys(pilot, "escape")
        await pilot.pause()
        assert app.screen is screen
        # a comment typed while the database is broken stays in its prompt
        await keys(pilot, "f6")
        await pilot.pause()
        prompt = app.screen
        await type_keys(pilot, "Health visitor")
        await keys(pilot, "enter")
        await type_keys(pilot, "Say who referred")
        await keys(pilot, "enter")
        await pilot.pause()
        assert app.screen is prompt
        assert prompt.query_one("#in-comment").value == "Say who referred"
        # the database comes back: the same keys save it all
        monkeypatch.setattr(oc, "save_field", real_save)
        monkeypatch.setattr(oc, "add_comment", real_comment)
        await keys(pilot, "enter")
        await pilot.pause()
        assert app.screen is screen
        await keys(pilot, "ctrl+s")
        await pilot.pause()
    assert oc.form_state(store, ref).field("family_actions").body == "Referral to family support"
    assert [c["comment"] for c in oc.comments(store, ref)] == ["Say who referred"]


async def test_the_language_check_quotes_what_it_flagged_so_the_chair_can_find_it(store):
    ref = add_demo(store, today=FIXED)
    oc.draft_from_notes(store, ref)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_form(pilot)
        await keys(pilot, "f4")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        text = app.screen.text
        blocking = text.split("Also noted:")[0]
        # the position named is where the words are in the field's text, as the chair sees it
        lines = oc.form_state(store, ref).field("strengths").body.split("\n")
        line = next(i for i, t in enumerate(lines) if "Northfield Primary School" in t)
        column = lines[line].index("Northfield Primary School") + 1
        assert ("Strengths in agencies response or within multi-agency working with the family "
                f"(line {line + 1}, column {column}): an agency's own name, which could identify "
                "the area: \u201cNorthfield Primary School\u201d") in blocking


async def test_recommendation_progress_is_set_from_the_form_and_reaches_the_action_plan(store):
    from exports.outcome import render_actions

    ref = add_demo(store, today=FIXED)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "recommendations")
        await keys(pilot, "enter", "down", "p")  # candidates become rows; action 2
        await pilot.pause()
        assert isinstance(app.screen, PickIndexScreen)
        await keys(pilot, "down", "down", "enter")  # Done
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        await keys(pilot, "ctrl+a", "shift+end")
        await type_keys(pilot, "not a date")
        await keys(pilot, "enter")
        await pilot.pause()
        assert app.screen is prompt  # refused, still open
        await keys(pilot, "ctrl+a", "shift+end")
        await type_keys(pilot, "20/11/2026")
        await keys(pilot, "enter")
        await pilot.pause()
        assert "Progress: done on 20 November 2026" in str(screen.query_one("#advice").render())
        await keys(pilot, "down", "p", "down", "enter")  # action 3: started
        await pilot.pause()
    plan = render_actions(store, ref)
    rows = [line for line in plan.splitlines() if line.startswith("| 2 |") or line.startswith("| 3 |")]
    assert rows[0].endswith("| completed 20 November 2026 |")
    assert rows[1].endswith("| started |")


async def test_a_dissemination_row_can_be_edited_by_keyboard(store):
    ref = add_demo(store, today=FIXED)
    oc.add_dissemination(store, ref, "Learning bulletin", "Business manager")
    oc.add_dissemination(store, ref, "Single-agency training", "Police training lead")
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "dissemination")
        await keys(pilot, "enter")
        assert screen.focused.id == "diss"
        await keys(pilot, "down", "enter")  # edit the second method
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.title_text == "Single-agency training"
        await keys(pilot, "ctrl+a", "shift+end")
        await type_keys(pilot, "Force training manager")
        await keys(pilot, "enter")
        await type_keys(pilot, "31/13/2027")  # not a date: refused, the prompt stays
        await keys(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "ctrl+a", "shift+end")
        await type_keys(pilot, "15/03/2027")
        await keys(pilot, "enter")
        await pilot.pause()
        assert app.screen is screen
        assert str(screen.query_one("#diss").get_cell_at((1, 1))) == "Force training manager"
    diss = oc.form_state(store, ref).dissemination
    assert [(d["method"], d["lead"], d["planned_on"]) for d in diss] == [
        ("Learning bulletin", "Business manager", None),
        ("Single-agency training", "Force training manager", "2027-03-15")]
    assert ("- Single-agency training, led by Force training manager, planned for 15 March 2027"
            in render(store, ref, warn=None))


@pytest.mark.parametrize("size, person", [((80, 24), "Person"), ((120, 40), "Person Responsible")])
async def test_every_recommendation_column_shows_in_full_width_once_in_the_table(store, size, person):
    ref = add_demo(store, today=FIXED)
    oc.draft_from_notes(store, ref)
    first = oc.form_state(store, ref).recommendations[0]["id"]
    oc.update_recommendation(store, ref, first, person_responsible="DSL",
                             timeframe="by 31/03/2027")
    app = LrfApp(store)
    async with app.run_test(size=size) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "recommendations")
        await keys(pilot, "enter")
        await pilot.pause()
        table = screen.query_one("#recs")
        assert not screen.query_one("#field-list").display  # Esc brings it back
        assert [str(c.label) for c in table.columns.values()] == [
            "No.", "SMART", "Action", person, "Timeframe"]
        assert table.virtual_size.width <= table.size.width  # nothing off to the right
        assert [str(table.get_cell_at((0, i))) for i in (3, 4)] == ["DSL", "by 31/03/2027"]
        await keys(pilot, "escape")
        await pilot.pause()
        assert screen.query_one("#field-list").display
        assert table.virtual_size.width <= table.size.width


async def test_f3_on_a_field_drafted_from_records_says_where_it_came_from(store):
    ref = add_demo(store, today=FIXED)
    oc.draft_from_notes(store, ref)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "attendees")
        await keys(pilot, "f3")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert said[-1].startswith("Drafted from the review's own records")
        assert not any("not drafted" in m for m in said)


async def test_a_paste_and_a_joiner_in_a_form_field_arrive_as_text(store):
    """A field of several lines keeps a paste's lines (any ending) with its escape codes shown
    as U+FFFD, and a typed zero width joiner is kept (before, Textual's box dropped it)."""
    from textual import events

    ref = add_demo(store, today=FIXED)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_form(pilot)
        await _goto(pilot, screen, "synopsis")
        await keys(pilot, "enter", "ctrl+a")
        app.post_message(events.Paste("one\r\x1b[31mtwo\r\nthree 👨"))
        await pilot.pause()
        for character in ("\u200d", "👩", "\u200d", "👧"):
            app.post_message(events.Key(character if character.isprintable()
                                        else "zero_width_joiner", character))
            await pilot.pause()
        await pilot.pause(1.0)
        assert oc.form_state(store, ref).field("synopsis").body == (
            "one\n\ufffd[31mtwo\nthree 👨\u200d👩\u200d👧")
