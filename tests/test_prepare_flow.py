"""Preparing a practitioner review by keyboard alone, from the home screen to the exported pack."""

from __future__ import annotations

import json

import pytest
from textual import events

from exports.markdown import parser
from facilitation.reviews import review_as_json
from lrf_tui.app import LrfApp
from lrf_tui.dialogs import FormModal
from lrf_tui.screens.prepare import PrepareScreen

from keys import burst, keys, typed

DETAIL_ROWS = [
    "title", "status", "family_label", "theme", "scope", "rapid_review", "rapid_review_ref",
    "incident_notified", "rapid_review_date", "rapid_review_decision", "lead_author", "lead_author_role", "chair",
    "independence_statement", "info_deadline", "report_due", "event_date", "event_start",
    "event_minutes", "event_venue", "contact_before",
]


async def clear(pilot) -> None:
    await burst(pilot, "end", "ctrl+u")


async def go_to_row(pilot, name: str) -> None:
    await burst(pilot, "ctrl+home", *["down"] * DETAIL_ROWS.index(name))


async def edit_detail(pilot, name: str, value: str) -> None:
    await go_to_row(pilot, name)
    await keys(pilot, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormModal)
    await clear(pilot)
    await typed(pilot, value)
    await keys(pilot, "ctrl+s")
    await pilot.pause()


def error_text(app, field: str) -> str:
    label = app.screen.query_one(f"#err-{field}")
    return str(label.render()) if label.display else ""


@pytest.mark.walk
async def test_whole_preparation_by_keyboard(store, db_path, run_lrf):
    ref = await prepare_by_keyboard(store)
    check_stored_and_exported(ref, db_path, run_lrf)


async def prepare_by_keyboard(store) -> str:
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        # --- a new review from the home screen ---------------------------------------------
        await keys(pilot, "n")
        await pilot.pause()
        assert "Practitioner learning review" in str(
            app.screen.query_one("#new-suggestion").render()
        )
        await keys(pilot, "tab", "tab", "tab", "tab")  # to the title (practitioner suggested)
        await keys(pilot, "ctrl+s")  # an empty title is refused at the field
        await pilot.pause()
        assert "title cannot be empty" in error_text(app, "title")
        assert store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0
        await typed(pilot, "Child T [bold]")
        await keys(pilot, "enter")
        await typed(pilot, "Family T")
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        ref = app.screen.ref

        # --- details -----------------------------------------------------------------------
        # One row of each kind (a box of several lines, a one-line field, a date typed the
        # British way); every other row is the same dialog on another field, which
        # test_every_details_row_edits_its_own_field checks without starting the app.
        await edit_detail(pilot, "scope", "Twelve months to March 2026 [/]")
        await edit_detail(pilot, "lead_author", "Sam Author")
        await edit_detail(pilot, "report_due", "27/03/2026")
        # an information deadline after the report is due is refused, and nothing saved
        await edit_detail(pilot, "info_deadline", "2026-04-01")
        assert isinstance(app.screen, FormModal)
        assert "must not be after the report due date" in error_text(app, "info_deadline")
        assert review_as_json(store, ref)["timescales"]["info_deadline"] is None
        await clear(pilot)
        await typed(pilot, "not a date")
        await keys(pilot, "enter")
        await pilot.pause()
        assert "is not a date" in error_text(app, "info_deadline")
        await clear(pilot)
        await typed(pilot, "2026-02-27")
        await keys(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        await edit_detail(pilot, "event_start", "09:30")
        await edit_detail(pilot, "event_minutes", "150")
        # rapid review: a tick box toggled by space
        await go_to_row(pilot, "rapid_review")
        await keys(pilot, "enter", "space", "ctrl+s")
        await pilot.pause()

        # --- a key line of enquiry (second table on the tab) ---------------------------------
        await keys(pilot, "tab", "a")
        await typed(pilot, "Was the child heard?")
        await keys(pilot, "ctrl+s")
        await pilot.pause()

        # --- agencies and chronology --------------------------------------------------------
        await keys(pilot, "right_square_bracket", "a")
        await typed(pilot, "Police")
        await keys(pilot, "tab")
        await typed(pilot, "05/01/2026")
        await keys(pilot, "tab")
        await typed(pilot, "2026-01-26")
        await keys(pilot, "tab", "tab")
        await typed(pilot, "Quick referral.")
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        await keys(pilot, "tab", "a")
        await typed(pilot, "2025-11-02")
        await keys(pilot, "tab")
        await typed(pilot, "Police")
        await keys(pilot, "tab")
        await typed(pilot, "Call-out to the home.")
        await keys(pilot, "ctrl+s")
        await pilot.pause()

        # --- agenda: add, refuse a 2,000-character title, move, delete, variants ---------------
        await keys(pilot, "right_square_bracket")
        assert "150 of 150" in str(app.screen.query_one("#summary-agenda").render())
        await keys(pilot, "a")
        app.post_message(events.Paste("x" * 2000))
        await pilot.pause()
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        assert "2,000 characters" in error_text(app, "title")
        assert len(review_as_json(store, ref)["agenda"]) == 11
        await clear(pilot)
        await typed(pilot, "Break")
        await keys(pilot, "tab", "ctrl+a", "ctrl+k")
        await typed(pilot, "15")
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        assert "165 of 150 min: 15 min too long" in str(
            app.screen.query_one("#summary-agenda").render()
        )
        await keys(pilot, "shift+up")
        await pilot.pause()
        titles = [a["title"] for a in review_as_json(store, ref)["agenda"]]
        assert titles[-2:] == ["Break", "Next steps and support after today"]
        await keys(pilot, "x", "y")  # delete, confirmed
        await pilot.pause()
        assert len(review_as_json(store, ref)["agenda"]) == 11
        await keys(pilot, "i", "y")  # appreciative-inquiry agenda
        await pilot.pause()
        data = review_as_json(store, ref)
        assert data["event"]["appreciative"] is True
        assert data["agenda"][2]["title"].startswith("Discover")
        await keys(pilot, "r", "y")  # back to the default
        await pilot.pause()
        assert review_as_json(store, ref)["event"]["appreciative"] is False

        # --- ground rules: edit the first -----------------------------------------------------
        await keys(pilot, "right_square_bracket", "e")
        await typed(pilot, " [/]")  # added to the end of the first rule
        await keys(pilot, "ctrl+s")
        await pilot.pause()

        # --- a question tied to a prompt area (Select by keyboard) ----------------------------
        await keys(pilot, "right_square_bracket", "a")
        await typed(pilot, "What did you see?")
        await keys(pilot, "tab", "enter", "down", "enter")  # first prompt area
        await keys(pilot, "ctrl+s")
        await pilot.pause()

        # --- hypotheses: numbered, duplicates refused -----------------------------------------
        await keys(pilot, "right_square_bracket", "a", "tab")
        await typed(pilot, "Police information did not reach school.")
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        await keys(pilot, "a", "ctrl+a", "ctrl+k", "1", "tab")
        await typed(pilot, "Another idea")
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        assert "Hypothesis 1 already exists" in error_text(app, "number")
        assert len(review_as_json(store, ref)["hypotheses"]) == 1
        await keys(pilot, "escape")  # asks before throwing away what was typed
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        await keys(pilot, "y")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)

        # --- an invitee ----------------------------------------------------------------------
        await keys(pilot, "right_square_bracket", "a")
        await typed(pilot, "Jo Hartley")
        await keys(pilot, "tab")
        await typed(pilot, "School")
        await keys(pilot, "tab")
        await typed(pilot, "Teacher")
        await keys(pilot, "tab", "tab", "space", "tab", "space", "ctrl+s")
        await pilot.pause()

        # --- the family's involvement --------------------------------------------------------
        await keys(pilot, "right_square_bracket", "right_square_bracket",  # past Process
                          "enter", "enter", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)

        await keys(pilot, "escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    return ref


def check_stored_and_exported(ref, db_path, run_lrf) -> None:
    # --- what was stored, through the real command line ----------------------------------------
    shown = run_lrf("--db", db_path, "show", ref, "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["title"] == "Child T [bold]" and data["family_label"] == "Family T"
    assert data["methodology"] == "practitioner"
    assert data["scope"] == "Twelve months to March 2026 [/]"
    assert data["lead_author"] == "Sam Author"
    assert data["rapid_review"] == {"ref": "", "date": None}
    assert data["timescales"] == {"info_deadline": "2026-02-27", "report_due": "2026-03-27"}
    assert data["event"] == {"date": None, "start": "09:30", "minutes": 150,
                             "venue": "", "appreciative": False}
    assert data["key_lines_of_enquiry"] == ["Was the child heard?"]
    assert data["agencies"][0]["name"] == "Police"
    assert data["agencies"][0]["request_sent"] == "2026-01-05"
    assert data["agencies"][0]["request_due"] == "2026-01-26"
    assert data["agencies"][0]["good_practice"] == "Quick referral."
    assert data["chronology"] == [{"date": "2025-11-02", "agency": "Police",
                                   "what": "Call-out to the home.", "why_it_matters": ""}]
    assert len(data["agenda"]) == 11
    assert data["ground_rules"][0].endswith(" [/]")
    assert data["questions"] == [{"text": "What did you see?", "prompt_area": "involvement",
                                  "kloe": None}]
    assert data["hypotheses"] == [{"number": 1, "text": "Police information did not reach "
                                   "school.", "status": "open"}]
    jo = data["participants"][0]
    assert (jo["name"], jo["agency"], jo["role"], jo["level"]) == (
        "Jo Hartley", "School", "Teacher", "frontline")
    assert (jo["invited"], jo["agenda_sent"], jo["offered_conversation"]) == (True, True, False)
    assert data["family_involvement"]["decision"] == "declined to take part"

    out = run_lrf("--db", db_path, "export", ref, "--what", "pack", "-o", "pack.md")
    assert out.returncode == 0, out.stderr
    pack = (db_path.parent.parent / "pack.md").read_text()
    tokens = parser().parse(pack)
    assert tokens[0].type == "heading_open"
    assert "| 09:30 | Welcome, introductions and ground rules | 10 min |" in pack
    assert "- Time: 09:30 to 12:00" in pack  # the start and length typed into their rows
    assert "Twelve months to March 2026 \\[/\\]" in pack  # the scope, escaped
    assert "Child T \\[bold\\]" in pack  # escaped, and reads back as typed


# Typed into each row of the Details tab, as the chair would type it; (what is stored).
ROW_VALUES = {
    "title": ("Child T [bold]", "Child T [bold]"),
    "status": ("gathering information", "gathering information"),
    "family_label": ("Family T", "Family T"),
    "theme": ("Neglect [/]", "Neglect [/]"),
    "scope": ("Twelve months to March 2026 [/]", "Twelve months to March 2026 [/]"),
    "rapid_review": (True, 1),
    "rapid_review_ref": ("RR-26-03", "RR-26-03"),
    "incident_notified": ("05/01/2026", "2026-01-05"),
    "rapid_review_date": ("12/01/2026", "2026-01-12"),
    "rapid_review_decision": ("learning review under this framework",
                              "learning review under this framework"),
    "lead_author": ("Sam Author", "Sam Author"),
    "lead_author_role": ("Independent reviewer", "Independent reviewer"),
    "chair": ("Alex Chair", "Alex Chair"),
    "independence_statement": ("Neither had any part in the work.",
                               "Neither had any part in the work."),
    "info_deadline": ("2026-02-27", "2026-02-27"),
    "report_due": ("27/03/2026", "2026-03-27"),
    "event_date": ("2026-03-10", "2026-03-10"),
    "event_start": ("9.30", "09:30"),
    "event_minutes": ("150", 150),
    "event_venue": ("Room 4", "Room 4"),
    "contact_before": ("Ring 01234 567890.", "Ring 01234 567890."),
}


def test_every_details_row_edits_its_own_field(store):
    """What Enter on a row of the Details tab opens, and what its ctrl+s saves, for every row
    (the walk above types into one row of each kind): the dialog holds that row's own field,
    of the kind its value needs, and saving it stores that field and no other."""
    from types import SimpleNamespace

    from facilitation.dates import countdown
    from facilitation.reviews import create_review, get_review
    from lrf_tui.screens.prepare.details import DetailsPane

    ref = create_review(store, title="Child", methodology="practitioner")["ref"]
    pane = DetailsPane("practitioner")
    assert list(pane.names) == DETAIL_ROWS  # the rows the walk counts down through
    kinds = {"rapid_review": "check", "status": "select", "rapid_review_decision": "select"}
    for name in DETAIL_ROWS:
        s = SimpleNamespace(store=store, ref=ref, review=get_review(store, ref),
                            countdown=countdown)
        before = dict(s.review)
        (field,) = pane.fields(s, pane.item(s, name))
        assert field.key == name
        long_text = name in ("theme", "scope", "independence_statement", "contact_before")
        assert field.kind == kinds.get(name, "text" if long_text else "input"), name
        typed, stored = ROW_VALUES[name]
        pane.save(s, {field.key: typed}, name)
        after = get_review(store, ref)
        assert after[name] == stored, name
        changed = {k for k in after if after[k] != before[k]} - {"updated_at"}
        assert changed == {name}, name
