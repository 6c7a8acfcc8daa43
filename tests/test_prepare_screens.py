"""The review workspace: bad input answered at the field with nothing saved, markup shown as
typed, and snapshots of the main preparation screens at 80x24 and 120x40."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from textual import events

from facilitation import preparation as prep
from facilitation.reviews import create_review, review_as_json
from lrf_tui import app as app_module
from lrf_tui.app import LrfApp
from lrf_tui.dialogs import FormModal
from lrf_tui.screens.prepare import PrepareScreen
from keys import keys, type_keys

TODAY = _dt.date(2026, 2, 2)  # fixed, so countdowns in snapshots never change
REF = "LR-2026-007"


def prepared(store, methodology: str = "practitioner", ref: str = REF) -> str:
    """A review with every part filled in, some of it with markup-like text."""
    create_review(store, title="Child T: [bold]neglect[/] and school", methodology=methodology,
                  ref=ref, family_label="Family T")
    prep.update_details(
        store, ref, theme="Neglect and the voice of the child", scope="Twelve months to March.",
        rapid_review=True, rapid_review_ref="RR-26-03", rapid_review_date="2026-01-12",
        lead_author="Sam Author", lead_author_role="Independent reviewer", chair="Alex Chair",
        independence_statement="Neither had any part in the work with the family.",
        info_deadline="2026-02-27", report_due="2026-04-24", event_date="2026-03-10",
        event_start="09:30", event_minutes=150, event_venue="Room 4 [/]",
        contact_before="Alex Chair, 01234 567890",
        family_involvement="views to be shared at the event",
        family_involvement_detail="A lay member will meet mother.",
    )
    prep.add_item(store, ref, "kloes", text="Was the child's voice heard? [/]")
    prep.add_item(store, ref, "kloes", text="How was information shared?")
    prep.add_item(store, ref, "agencies", name="Police", request_sent="2026-01-05",
                  request_due="2026-01-26", request_received="2026-01-20",
                  good_practice="Quick referral.", unexpected="[bold]late[/] notification")
    prep.add_item(store, ref, "agencies", name="Northfield Primary School",
                  request_sent="2026-01-05", request_due="2026-01-26")
    prep.add_item(store, ref, "chronology", date="2025-11-02", agency="Police",
                  what="Call-out to the home.", why_it_matters="First sign of risk.")
    prep.add_item(store, ref, "questions", text="What did you see of daily life?",
                  prompt_area="involvement")
    prep.add_item(store, ref, "hypotheses", text="Police information did not reach school.")
    prep.add_item(store, ref, "hypotheses", text="[bold]School's view[/] carried less weight.")
    prep.add_item(store, ref, "participants", name="Jo Hartley", agency="School",
                  role="Teacher", invited=True, agenda_sent=True)
    prep.add_item(store, ref, "participants", name="Priya Nandra", agency="Social care",
                  role="Team manager", level="manager", invited=True, offered_conversation=True)
    if methodology == "desktop":
        prep.add_item(store, ref, "method_records", kind="record", agency="GP practice",
                      subject="GP records", period="2025")
        prep.add_item(store, ref, "method_records", kind="meeting", date="2026-02-10",
                      people="Panel of agencies", outcome="First panel meeting",
                      further_info="School records")
    return ref


class WorkspaceApp(LrfApp):
    """The real app, opened straight onto one review's workspace with a fixed today."""

    CSS_PATH = [str(Path(app_module.__file__).parent / p) for p in LrfApp.CSS_PATH]

    def __init__(self, store, ref: str):
        super().__init__(store)
        self.open_ref = ref

    def on_mount(self) -> None:
        # LrfApp's own on_mount (run by Textual after this one) pushes home first.
        self.call_later(self.push_screen, PrepareScreen(self.open_ref, today=TODAY))


async def run(store, steps, ref=REF, size=(80, 24)):
    app = WorkspaceApp(store, ref)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(app, pilot)


def error(app, field):
    label = app.screen.query_one(f"#err-{field}")
    return str(label.render()) if label.display else ""


def _line(table, y: int) -> str:
    return table.render_line(y).text


# Each tab in turn: the last column heading at 80 columns, so that none is pushed off the edge.
LAST_COLUMN = {1: [("#table-agencies", "Return"), ("#table-chronology", "Why it matters")],
               2: [("#table-agenda", "Prompt area")], 6: [("#table-invitees", "Attendance")]}


@pytest.mark.walk
async def test_every_tab_shows_what_is_stored_literally_and_whole_at_80x24(store):
    """One walk through every tab of a filled-in review (nothing is changed, so one app serves
    every check): markup in any field is shown as typed; a missing independence statement is
    pointed out; the return columns say OVERDUE and what is missing in words; at 80x24 no
    column is pushed off the right edge (long cells wrap instead); ctrl+pagedown/pageup and
    [ ] switch tabs from a table, wrapping round."""
    prepared(store)
    prep.update_details(store, REF, independence_statement="")
    prep.add_item(store, REF, "agenda_items", title="A long item " * 12, minutes=10,
                  prompt_area="involvement")
    prep.add_item(store, REF, "participants", name="Dr Alexandra Featherstonehaugh-Smith",
                  agency="Northfield and District Community Health Trust",
                  role="Named nurse for safeguarding children", level="senior manager",
                  attendance="unable to contribute")
    seen: list[str] = []

    async def steps(app, pilot):
        summary = str(app.screen.query_one("#summary-details").render())
        assert "independence of lead author and chair not yet stated" in summary
        tabs = app.screen.query_one("#prep-tabs")
        for tab in range(len(app.screen.tabs)):
            for table in app.screen.query("PaneTable"):
                for row in range(table.row_count):
                    seen.extend(str(c) for c in table.get_row_at(row))
            seen.append(str(app.screen.query_one("#prep-heading").render()))
            for table_id, last in LAST_COLUMN.get(tab, []):
                heading = _line(app.screen.query_one(table_id), 0)
                assert heading.rstrip().endswith(last), heading
            if tab == 1:
                # TODAY is 2026-02-02: the school's return was due on 2026-01-26 and has not
                # come.
                table = app.screen.query_one("#table-agencies")
                rows = {str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)[3:5]]
                        for i in range(2)}
                assert rows == {"Northfield Primary School": ["OVERDUE", "0 of 3"],
                                "Police": ["2026-01-20", "2 of 3 (good, unexp)"]}
            if tab == 2:
                table = app.screen.query_one("#table-agenda")
                text = "".join(_line(table, y) for y in range(table.size.height))
                assert "Involvement with the child and family" in text
            await keys(pilot, "right_square_bracket")
        # round every tab and back to the first
        assert tabs.active == "tab-details" and app.focused.id == "table-details"
        await keys(pilot, "ctrl+pagedown", "ctrl+pagedown")
        assert tabs.active == "tab-agenda" and app.focused.id == "table-agenda"
        await keys(pilot, "ctrl+pageup")
        assert tabs.active == "tab-agencies"
        await keys(pilot, "left_square_bracket", "left_square_bracket")
        assert tabs.active == "tab-family"  # wraps round

    await run(store, steps)
    text = "\n".join(seen)
    assert "Child T: [bold]neglect[/] and school" in text
    assert "Room 4 [/]" in text
    assert "Was the child's voice heard? [/]" in text
    assert "[bold]School's view[/] carried less weight." in text


async def test_empty_title_refused_at_the_field(store):
    prepared(store)
    before = review_as_json(store, REF)

    async def steps(app, pilot):
        await keys(pilot, "enter")  # the title row
        await keys(pilot, "end", "ctrl+u", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        assert error(app, "title") == "Not saved: The title cannot be empty."

    await run(store, steps)
    assert review_as_json(store, REF) == before


async def test_agency_dates_wrong_or_not_dates_refused_and_nothing_saved(store):
    prepared(store)
    before = review_as_json(store, REF)

    async def steps(app, pilot):
        await keys(pilot, "right_square_bracket", "a", *"Health", "tab", *"2026-02-01", "tab",
                          *"2026-01-01", "ctrl+s")
        await pilot.pause()
        assert "date due must not be before the date sent" in error(app, "request_due")
        await keys(pilot, "ctrl+a", "ctrl+k", *"31/02/2026", "ctrl+s")
        await pilot.pause()
        assert "not a date" in error(app, "request_due")
        assert error(app, "request_sent") == ""
        await keys(pilot, "escape")

    await run(store, steps)
    assert review_as_json(store, REF) == before


async def test_question_needs_a_prompt_area_or_kloe(store):
    prepared(store)
    before = review_as_json(store, REF)

    async def steps(app, pilot):
        for _ in range(4):
            await keys(pilot, "right_square_bracket")
        await keys(pilot, "a", *"Why?", "ctrl+s")
        await pilot.pause()
        assert "Tie the question" in error(app, "prompt_area")
        await keys(pilot, "escape")

    await run(store, steps)
    assert review_as_json(store, REF) == before


async def test_deleting_asks_first_and_no_keeps_it(store):
    prepared(store)

    async def steps(app, pilot):
        await keys(pilot, "tab", "x", "n")  # the first KLOE; answer no
        await pilot.pause()
        await keys(pilot, "x", "y")
        await pilot.pause()

    await run(store, steps)
    assert review_as_json(store, REF)["key_lines_of_enquiry"] == ["How was information shared?"]


async def test_desktop_review_gets_method_tabs_not_event_tabs(store):
    prepared(store, "desktop")

    async def steps(app, pilot):
        labels = [str(t.label) for t in app.screen.query("Tab")]
        assert labels == ["Details", "Agencies", "Method", "Process", "Family"]
        await keys(pilot, "right_square_bracket", "right_square_bracket")
        assert app.focused.id == "table-method-record"
        await keys(pilot, "tab", "a", *"2026-02-20", "tab", *"Panel", "ctrl+s")
        await pilot.pause()
        table = app.screen.query_one("#table-method-meeting")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [["2026-02-10", "Panel of agencies", "First panel meeting",
                         "further information to gather"],
                        ["2026-02-20", "Panel", "-", "-"]]

    await run(store, steps)


# --- snapshots --------------------------------------------------------------------------------


def _tab(n: int):
    async def before(pilot):
        await pilot.pause()
        for _ in range(n):
            await keys(pilot, "right_square_bracket")
        await pilot.pause()

    return before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("tab", [0, 1, 2, 6], ids=["details", "agencies", "agenda", "invitees"])
def test_snapshot_workspace_tabs(store, snap_compare, size, tab):
    prepared(store)
    assert snap_compare(WorkspaceApp(store, REF), terminal_size=size, run_before=_tab(tab))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_form_with_inline_error(store, snap_compare, size):
    prepared(store)

    async def before(pilot):
        await pilot.pause()
        await keys(pilot, "right_square_bracket", "right_square_bracket", "a", *"Break", "tab",
                          *"lots", "ctrl+s")
        await pilot.pause()

    assert snap_compare(WorkspaceApp(store, REF), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_new_review(store, snap_compare, size):
    async def before(pilot):
        await pilot.pause()
        await keys(pilot, "n")
        await pilot.pause()
        await keys(pilot, "backspace", "3")
        await pilot.pause()

    assert snap_compare(LrfApp(store), terminal_size=size, run_before=before)


async def test_text_typed_just_before_ctrl_s_is_all_saved(store):
    """A burst of keys (a fast typist, or a terminal that types a paste) then ctrl+s at once:
    every character reaches the field before the form is saved."""
    prepared(store)
    text = "Were the baby's missed appointments seen as a sign of neglect?"

    async def steps(app, pilot):
        await keys(pilot, "tab", "a")
        await pilot.pause()
        for ch in text:
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        app.post_message(events.Key("ctrl+s", None))
        await pilot.pause(0.5)
        assert isinstance(app.screen, PrepareScreen)

    await run(store, steps)
    assert review_as_json(store, REF)["key_lines_of_enquiry"][-1] == text


async def test_escape_with_unsaved_typing_asks_first(store):
    prepared(store)

    async def steps(app, pilot):
        await keys(pilot, "tab", "a", *"Draft", "escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        await keys(pilot, "n")  # keep typing
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await keys(pilot, "ctrl+s")
        await pilot.pause()

    await run(store, steps)
    assert review_as_json(store, REF)["key_lines_of_enquiry"][-1] == "Draft"


async def test_chronology_entry_started_from_an_agency(store):
    prepared(store)

    async def steps(app, pilot):
        await keys(pilot, "right_square_bracket", "down", "c")  # Police, then c
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await type_keys(pilot, "2025-12-01")
        await keys(pilot, "tab", "tab", *"Second call-out.", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)

    await run(store, steps)
    entries = review_as_json(store, REF)["chronology"]
    assert entries[-1] == {"date": "2025-12-01", "agency": "Police", "what": "Second call-out.",
                           "why_it_matters": ""}


def test_headless_modules_never_import_textual():
    import subprocess
    import sys

    code = (
        "import sys, facilitation.preparation, exports.pack; "
        "sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) "
        "else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_desktop_method_tab(store, snap_compare, size):
    prepared(store, "desktop")
    assert snap_compare(WorkspaceApp(store, REF), terminal_size=size, run_before=_tab(2))


async def test_table_heading_stays_over_its_column_after_a_save(store):
    """Saving a field redraws the table; the heading must still line up with the values."""
    prepared(store)

    async def steps(app, pilot):
        table = app.screen.query_one("#table-details")
        await keys(pilot, *["down"] * 18, "enter")  # the event length
        await pilot.pause()
        await keys(pilot, "end", "ctrl+u", "1", "2", "0", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        heading = _line(table, 0)
        lines = [_line(table, y) for y in range(table.size.height)]
        saved = next(line for line in lines if "120 min" in line)
        assert heading.index("Value") == saved.index("120 min")

    await run(store, steps)


async def test_a_multi_line_paste_into_a_one_line_field_keeps_every_line(store):
    prepared(store)

    async def steps(app, pilot):
        from textual import events

        await keys(pilot, "enter")  # the title row
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await keys(pilot, "end", "ctrl+u")
        app.post_message(events.Paste("Child T:\nneglect and school\n"))
        await pilot.pause()
        await keys(pilot, "ctrl+s")
        await pilot.pause()

    await run(store, steps)
    assert review_as_json(store, REF)["title"] == "Child T: neglect and school"


async def test_what_is_typed_straight_after_tab_goes_to_the_next_field(store):
    """A fast typist's Tab and the keys after it arrive together: each key goes to the field
    Tab moved to, none to the one left (a space to tick a box was lost; the start of a date
    went into the name before it)."""
    from textual.widgets import Input

    from keys import burst, keys

    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "n")
        await burst(pilot, "tab", "tab", "space")  # to "Practitioners can meet", unticked
        assert "Suggested: Desktop review" in str(app.screen.query_one("#new-suggestion").render())
        await burst(pilot, "tab", "tab", *"Child D", "tab", *"Family D")
        title = app.screen.query_one("#new-review-title", Input)
        family = app.screen.query_one("#new-family-label", Input)
        assert (_line(title, 0).strip(), _line(family, 0).strip()) == ("Child D", "Family D")
