"""The Learning and Improvement view, driven by keyboard only."""

from __future__ import annotations


import pytest
from textual.content import Content
from textual.widgets import DataTable, Static

from facilitation import clock
from facilitation import partnership as p
from lrf_tui.app import LrfApp
from lrf_tui.screens.partnership import FieldsScreen, PartnershipScreen, PickValueScreen

from partnership_seed import TODAY, seed
from keys import keys, type_keys



@pytest.fixture
def seeded(store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return seed(store)


def column(table: DataTable, key: str) -> list[str]:
    return [str(table.get_cell(row, key)) for row in table.rows]


def owners(screen) -> list[str]:
    """The Person responsible of each listed action (at 80 columns the detail names them,
    not a column)."""
    table = screen.query_one("#actions", DataTable)
    by_id = {str(a.id): a for a in screen.query_one("ActionsPane").shown}
    return [by_id[row.value].owner for row in table.rows]


def toasts(app) -> list[str]:
    """Each notification's text, drawn the way a toast draws it (a toast that cannot be drawn
    takes the whole app down in a real terminal)."""
    return [
        (Content.from_markup(n.message) if n.markup else Content(n.message)).plain
        for n in app._notifications
    ]


async def open_view(pilot) -> PartnershipScreen:
    await keys(pilot, "l")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PartnershipScreen)
    return pilot.app.screen


async def test_tracker_filters_by_keyboard(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        table = screen.query_one("#actions", DataTable)
        assert column(table, "status") == [
            "overdue", "in progress", "not started", "done", "done"]
        await keys(pilot, "s")  # status: overdue
        assert owners(screen) == ["DC Tom Reid"]
        line = str(screen.query_one("#action-filters", Static).render())
        assert "status: overdue" in line and line.endswith("x clears")
        await keys(pilot, "s", "s", "s")  # in progress, not started, done
        assert column(table, "status") == ["done", "done"]
        await keys(pilot, "x")
        assert table.row_count == 5
        assert "x clears" not in str(screen.query_one("#action-filters", Static).render())
        await keys(pilot, "a")  # agency: Any, (none), Adult Mental Health, GP Practice, Police
        await pilot.pause()
        assert isinstance(app.screen, PickValueScreen)
        await keys(pilot, "down", "down", "down", "down", "enter")
        await pilot.pause()
        assert owners(screen) == ["DC Tom Reid"]
        await keys(pilot, "x", "r")
        await pilot.pause()
        await keys(pilot, "down", "down", "down", "enter")  # Any, 2025-007, 2026-001, 2026-002
        await pilot.pause()
        assert set(column(table, "ref")) == {"LR-2026-002"}
        await keys(pilot, "o")
        await pilot.pause()
        await keys(pilot, "escape")  # cancelling a filter changes nothing
        await pilot.pause()
        assert set(column(table, "ref")) == {"LR-2026-002"} and table.row_count == 2


async def test_tracker_marks_done_and_records_impact(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        table = screen.query_one("#actions", DataTable)
        await keys(pilot, "down", "down")  # the 'not started' supervision check
        target = screen.query_one("ActionsPane").current()
        assert target.status == "not started"
        await keys(pilot, "p")
        await pilot.pause()
        assert store.conn.execute("SELECT started FROM recommendations WHERE id = ?",
                                  [target.id]).fetchone() == (1,)
        await keys(pilot, "d")
        await pilot.pause()
        assert store.conn.execute("SELECT completed_on FROM recommendations WHERE id = ?",
                                  [target.id]).fetchone() == (TODAY.isoformat(),)
        # The cursor stays on the action, now listed as done.
        assert screen.query_one("ActionsPane").current().id == target.id
        assert str(table.get_cell(str(target.id), "status")) == "done"
        await keys(pilot, "d")  # a second d never moves the completion date
        await pilot.pause()
        assert store.conn.execute("SELECT completed_on FROM recommendations WHERE id = ?",
                                  [target.id]).fetchone() == (TODAY.isoformat(),)
        await keys(pilot, "D")
        await pilot.pause()
        assert str(table.get_cell(str(target.id), "status")) == "in progress"
        await keys(pilot, "d")
        await pilot.pause()

        await keys(pilot, "i")
        await pilot.pause()
        assert isinstance(app.screen, FieldsScreen)
        await type_keys(pilot, "Missed appointments [/] now flagged")
        await keys(pilot, "enter")
        await type_keys(pilot, "spot check of 10 cases")
        await keys(pilot, "enter")
        await keys(pilot, "enter")  # the date is today unless changed
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen)
        rows = store.conn.execute(
            "SELECT what_changed, how_measured, observed_on FROM impact_evidence "
            "WHERE recommendation_id = ?", [target.id]).fetchall()
        assert rows == [("Missed appointments [/] now flagged", "spot check of 10 cases",
                         TODAY.isoformat())]
        detail = str(screen.query_one("#action-detail", Static).render())
        assert "Missed appointments [/] now flagged" in detail


async def test_impact_with_a_bad_date_is_refused_and_nothing_saved(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(pilot)
        await keys(pilot, "i")
        await pilot.pause()
        await type_keys(pilot, "Schools told by 9am")
        await keys(pilot, "enter", "enter")
        await keys(pilot, *["backspace"] * 10, *"next week", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FieldsScreen)  # still open, typing kept
        assert "not a date" in str(dialog.query_one("#fields-error", Static).render())
        assert dialog.query_one("#field-0").value == "Schools told by 9am"
        await keys(pilot, "escape")  # typing would be lost: it asks first
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        await keys(pilot, "y")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen)
    assert store.conn.execute("SELECT count(*) FROM impact_evidence").fetchone() == (1,)


async def test_themes_merge_tag_and_start_a_thematic_review(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        await keys(pilot, "2")
        await pilot.pause()
        themes = screen.query_one("#themes", DataTable)
        assert str(themes.get_cell_at((0, 0))) == "neglect"
        assert str(themes.get_cell_at((0, 1))) == "3"
        behind = screen.query_one("#theme-reviews", DataTable)
        assert column(behind, "ref") == ["LR-2025-007", "LR-2026-001", "LR-2026-002"]
        chart = str(screen.query_one("#trend", Static).render())
        assert [line.split() for line in chart.splitlines()[-2:]] == [["1", "1", "1"], ["Q4", "Q1", "Q2"]]

        count = len(p.list_themes(store))
        await keys(pilot, "delete")  # neglect is in use: refused, nothing removed
        await pilot.pause()
        assert len(p.list_themes(store)) == count
        assert any("3 reviews carry this theme" in t for t in toasts(app))
        await keys(pilot, "n")
        await pilot.pause()
        await type_keys(pilot, "  NEGLECT  ")
        await keys(pilot, "enter")
        await pilot.pause()
        assert len(p.list_themes(store)) == count  # merged, not duplicated

        await keys(pilot, "down")  # domestic abuse: only LR-2026-001
        await pilot.pause()
        assert column(behind, "ref") == ["LR-2026-001"]
        await keys(pilot, "t")
        await pilot.pause()
        assert isinstance(app.screen, PickValueScreen)
        await keys(pilot, "down", "enter")  # LR-2025-007, LR-2026-002 are offered
        await pilot.pause()
        assert column(behind, "ref") == ["LR-2026-001", "LR-2026-002"]
        assert "LR-2026-002 tagged: domestic abuse" in toasts(app)

        await keys(pilot, "space", "space")
        assert column(behind, "sel") == ["[x]", "[x]"]
        await keys(pilot, "T")
        await pilot.pause()
        assert any(t.startswith("Started LR-") and "of 2 families" in t for t in toasts(app))
    new = store.conn.execute(
        "SELECT title, methodology, family_label FROM reviews WHERE methodology = 'thematic'"
    ).fetchall()
    assert new == [("Thematic review: domestic abuse", "thematic", "Family R; Family S")]


async def test_thematic_review_needs_two_selected(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(pilot)
        await keys(pilot, "2")
        await pilot.pause()
        await keys(pilot, "space", "T")
        await pilot.pause()
        assert any("Select two or more" in str(n.message) for n in app._notifications)
    assert store.conn.execute(
        "SELECT count(*) FROM reviews WHERE methodology = 'thematic'").fetchone() == (0,)


@pytest.mark.walk
async def test_dissemination_logged_by_keyboard(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        await keys(pilot, "3")
        await pilot.pause()
        table = screen.query_one("#dissemination", DataTable)
        assert table.row_count == 2
        await keys(pilot, "n")
        await pilot.pause()
        await keys(pilot, "down", "down", "enter")  # LR-2026-002
        await pilot.pause()
        await keys(pilot, "down", "down", "enter")  # Single-agency training
        await pilot.pause()
        await keys(pilot, *"GP safeguarding lead", "enter", "enter", *"10/06/2026", "enter",
                          *"Practice meeting", "enter")
        await pilot.pause()
        assert table.row_count == 3
        await keys(pilot, "down", "down")
        row = screen.query_one("DisseminationPane").current()
        assert row["done_on"] is None
        await keys(pilot, "d")
        await pilot.pause()
    rows = store.conn.execute(
        "SELECT method, lead, done_on, detail FROM dissemination ORDER BY id").fetchall()
    assert rows[-1] == ("Single-agency training", "GP safeguarding lead", "2026-06-10",
                        "Practice meeting")
    assert rows[1][2] == TODAY.isoformat()


async def test_empty_database_says_where_actions_come_from(store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        assert "No actions yet" in str(screen.query_one("#action-filters", Static).render())
        await keys(pilot, "s", "d", "i", "p")  # nothing to act on: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen)
        await keys(pilot, "2", "T", "u", "space", "t")
        await pilot.pause()
        assert toasts(app)[-1] == "There are no reviews yet to tag."
        await keys(pilot, "3", "d")
        await pilot.pause()
        await keys(pilot, "escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def filled(pilot, pane) -> None:
    """Until the tracker has added every row it shows (a chunk each frame), as a chair waits
    for the list to finish filling; a fill that never ends fails here."""
    for _ in range(100):
        await pilot.pause()
        if pane._loaded >= len(pane.shown):
            return
    raise AssertionError(f"{pane._loaded} of {len(pane.shown)} rows after 100 frames")


async def test_long_tracker_loads_every_row_even_when_filters_change_mid_fill(store, seeded):
    rid = store.conn.execute("SELECT id FROM reviews WHERE ref = 'LR-2026-002'").fetchone()[0]
    with store.db.atomic():
        store.conn.executemany(
            "INSERT INTO recommendations (review_id, position, action, person_responsible, "
            "due_date, started) VALUES (?, ?, ?, 'Team manager', ?, ?)",
            [(rid, 10 + n, f"Extra action {n}", "2026-01-01" if n % 2 else "2027-01-01", n % 3)
             for n in range(600)])
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        table = screen.query_one("#actions", DataTable)
        assert table.row_count == 605
        await keys(pilot, "s", "x", "s", "s")  # no pause: fills overlap
        pane = screen.query_one("ActionsPane")
        await filled(pilot, pane)
        assert pane.filters["status"] == "in progress"
        expected = [str(a.id) for a in pane.shown]
        assert [k.value for k in table.rows] == expected
        assert set(column(table, "status")) == {"in progress"}
        await keys(pilot, "x", "s")
        await filled(pilot, pane)
        await keys(pilot, "ctrl+end")  # the last of ~300 overdue actions
        await pilot.pause()
        last = pane.current()
        assert last.id == pane.shown[-1].id and len(pane.shown) > 250
        await keys(pilot, "p")  # marking a row far down keeps the cursor on it
        await pilot.pause()
        assert pane.current().id == last.id and pane.current().started != last.started


async def test_opened_for_one_review_shows_its_actions_first(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_review_screen("partnership", "LR-2026-002")
        await pilot.pause()
        table = app.screen.query_one("#actions", DataTable)
        assert set(column(table, "ref")) == {"LR-2026-002"}
        await keys(pilot, "x")
        assert table.row_count == 5


async def test_thematic_review_workspace_shows_the_findings_carried_over(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(pilot)
        await keys(pilot, "2")
        await pilot.pause()
        await keys(pilot, "enter")  # neglect: LR-2025-007, LR-2026-001, LR-2026-002
        await keys(pilot, "down", "space", "space", "T")
        await pilot.pause()
        ref = store.conn.execute(
            "SELECT ref FROM reviews WHERE methodology = 'thematic'").fetchone()[0]
        app.open_review_screen("prepare", ref)
        await pilot.pause()
        await keys(pilot, "right_square_bracket", "right_square_bracket")  # Method
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("TabbedContent").active == "tab-method"
        carried = screen.query_one("#table-method-background", DataTable)
        assert carried.region.height > 2  # on screen at 80x24, not squeezed out
        texts = [str(carried.get_cell_at((row, 0))) for row in range(carried.row_count)]
        assert texts == [
            "Finding from LR-2026-001 (Family R): Escalation works when people know the route.",
            "Finding from LR-2026-002 (Family S): Missed appointments were not seen as a "
            "pattern across agencies.",
        ]
        explored = screen.query_one("#table-method-theme", DataTable)
        assert [str(explored.get_cell_at((row, 0))) for row in range(explored.row_count)] == [
            "neglect"]


async def test_first_dissemination_entry_is_shown_in_full_width_columns(store, seeded):
    with store.write():
        store.conn.execute("DELETE FROM dissemination")
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        await keys(pilot, "3")
        await pilot.pause()
        await keys(pilot, "n")
        await pilot.pause()
        await keys(pilot, "enter")
        await pilot.pause()
        await keys(pilot, "enter")
        await pilot.pause()
        await type_keys(pilot, "Business manager")
        await keys(pilot, "enter", "enter", "enter", "enter")
        await pilot.pause()
        table = screen.query_one("#dissemination", DataTable)
        assert table.row_count == 1
        # Widths never depend on when the table last measured its rows.
        widths = {str(c.key.value): c.get_render_width(table) - 2
                  for c in table.columns.values()}
        assert widths["ref"] >= len("LR-2026-001") and widths["method"] >= len(
            "Learning bulletin")
        assert not any(c.auto_width for c in table.columns.values())
        summary = str(screen.query_one("#dissemination-summary", Static).render())
        assert summary.startswith("1 entry, 0 done.")


async def test_owner_filter_offers_each_person_once(store, seeded):
    rid = store.conn.execute("SELECT id FROM reviews WHERE ref = 'LR-2026-002'").fetchone()[0]
    store.db["recommendations"].insert(
        {"review_id": rid, "position": 9, "action": "Chase the audit", "person_responsible":
         "team  MANAGER", "due_date": "2026-12-31", "started": 0})
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        await keys(pilot, "o")
        await pilot.pause()
        labels = [str(o.prompt) for o in app.screen.query_one("#pick-list").options]
        assert [x.casefold() for x in labels].count("team manager") == 1
        await keys(pilot, *["down"] * labels.index(next(
            x for x in labels if x.casefold() == "team manager")), "enter")
        await pilot.pause()
        table = screen.query_one("#actions", DataTable)
        assert sorted(owners(screen)) == ["Team manager", "team  MANAGER"]


def right_edge(table: DataTable) -> int:
    return sum(c.get_render_width(table) for c in table.columns.values())


@pytest.mark.parametrize("size, keys", [
    ((80, 24), ["status", "due", "ref", "action", "impact"]),
    ((100, 30), ["status", "due", "ref", "action", "owner", "impact"]),
    ((120, 40), ["status", "due", "ref", "action", "owner", "agency", "impact"]),
])
async def test_tracker_fits_the_terminal_with_impact_on_screen(store, seeded, size, keys):
    app = LrfApp(store)
    async with app.run_test(size=size) as pilot:
        screen = await open_view(pilot)
        table = screen.query_one("#actions", DataTable)
        assert [str(k.value) for k in table.columns] == keys
        # Every column ends inside the table, beside a scrollbar if there is one.
        assert right_edge(table) <= table.size.width - 2
        assert column(table, "impact") == ["none", "none", "none", "none", "1 note"]
        assert len(column(table, "action")[0]) >= 26  # an action stays readable
        # The detail names the person responsible and their agency whatever the width.
        detail = str(screen.query_one("#action-detail", Static).render())
        assert "DC Tom Reid (Police)" in detail


async def test_tracker_columns_follow_a_resize(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_view(pilot)
        table = screen.query_one("#actions", DataTable)
        assert "agency" in [str(k.value) for k in table.columns]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert [str(k.value) for k in table.columns] == [
            "status", "due", "ref", "action", "impact"]
        assert right_edge(table) <= table.size.width - 2
        assert table.row_count == 5


def reader_text(app) -> str:
    return str(app.screen.query_one("#reader-text", Static).render())


async def test_long_action_and_every_impact_note_can_be_read_in_full(store, seeded):
    audit = int(seeded["a2"])  # Audit GP flags: done, one note already
    long_note = ("Flags now show on every record of a child on a plan, and reception staff "
                 "ask about missed appointments before booking the next one [b]twice[/b]")
    p.add_impact(store, audit, long_note, "re-audit of 60 records by the named GP", "2026-06-10")
    p.add_impact(store, audit, "Practice meeting minutes show missed appointments discussed",
                 "", "2026-06-12")
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        await keys(pilot, "ctrl+end")  # the audit action is listed last
        await pilot.pause()
        assert screen.query_one("ActionsPane").current().id == audit
        detail = str(screen.query_one("#action-detail", Static).render())
        assert "Enter reads all of it" in detail
        await keys(pilot, "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReaderScreen"
        text = " ".join(reader_text(app).split())
        assert "Audit GP flags for children on plans" in text
        assert long_note in text  # markup typed by someone is shown as typed
        assert "re-audit of 60 records by the named GP" in text
        assert "Practice meeting minutes show missed appointments discussed" in text
        assert "Flags now show on every record of a child on a plan —" in text
        await keys(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen)


async def test_findings_of_a_review_read_in_full_from_themes(store, seeded):
    rid = store.conn.execute("SELECT id FROM reviews WHERE ref = 'LR-2026-002'").fetchone()[0]
    sentences = [f"Finding sentence {n}: the GP, the health visitor and the nursery each saw "
                 f"a missed appointment but nobody saw the pattern." for n in range(1, 25)]
    with store.write():
        store.conn.execute("UPDATE form_fields SET body = ? WHERE review_id = ? AND field = "
                           "'findings'", ["\n\n".join(sentences), rid])
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        await keys(pilot, "2")
        await pilot.pause()
        await keys(pilot, "enter")  # neglect: LR-2025-007, LR-2026-001, LR-2026-002
        await keys(pilot, "down", "down")
        await pilot.pause()
        box = str(screen.query_one("#theme-finding", Static).render())
        assert box.startswith("LR-2026-002 findings") and "Enter reads them" in box
        await keys(pilot, "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReaderScreen"
        text = " ".join(reader_text(app).split())
        for sentence in sentences:
            assert sentence in text
        scroll = app.screen.query_one("#reader-scroll")
        assert scroll.scroll_y == 0
        await keys(pilot, "pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0  # the rest is reached by keyboard
        await keys(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen)
        assert screen.query_one("#theme-reviews", DataTable).has_focus


async def test_impact_evidence_corrected_and_removed_only_when_confirmed(store, seeded):
    audit = int(seeded["a2"])
    p.add_impact(store, audit, "Missed appointments discussed at practice meetings", "minutes",
                 "2026-06-12")

    def stored():
        return store.conn.execute(
            "SELECT what_changed, how_measured, observed_on FROM impact_evidence "
            "WHERE recommendation_id = ? ORDER BY id", [audit]).fetchall()

    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        await keys(pilot, "ctrl+end")
        await pilot.pause()
        assert screen.query_one("ActionsPane").current().id == audit
        await keys(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, PickValueScreen)  # two notes: which one?
        await keys(pilot, "down", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FieldsScreen)
        assert dialog.query_one("#field-0").value == (
            "Missed appointments discussed at practice meetings")
        await keys(pilot, "enter")
        await type_keys(pilot, " of three practices")
        await keys(pilot, "enter")
        await keys(pilot, *["backspace"] * 10, *"14/06/2026", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen)
        assert stored() == [
            ("Flags now show on every record of a child on a plan", "audit of 40 records",
             "2026-06-01"),
            ("Missed appointments discussed at practice meetings", "minutes of three practices",
             "2026-06-14"),
        ]
        shown = screen.query_one("ActionsPane").current().impact  # what Enter shows now
        assert [ev["how_measured"] for ev in shown] == ["audit of 40 records",
                                                        "minutes of three practices"]

        await keys(pilot, "delete")
        await pilot.pause()
        await keys(pilot, "enter")  # the first note
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        await keys(pilot, "n")  # changed my mind: nothing removed
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen) and len(stored()) == 2
        await keys(pilot, "delete")
        await pilot.pause()
        await keys(pilot, "enter")
        await pilot.pause()
        await keys(pilot, "y")
        await pilot.pause()
        assert stored() == [("Missed appointments discussed at practice meetings",
                             "minutes of three practices", "2026-06-14")]
        assert column(screen.query_one("#actions", DataTable), "impact")[-1] == "1 note"
        assert "Evidence of impact removed." in toasts(app)


async def test_dissemination_entry_corrected_and_removed_only_when_confirmed(store, seeded):
    def stored():
        return store.conn.execute(
            "SELECT method, lead, planned_on, done_on, detail FROM dissemination ORDER BY id"
        ).fetchall()

    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        await keys(pilot, "3")
        await pilot.pause()
        pane = screen.query_one("DisseminationPane")
        assert pane.current()["method"] == "Learning bulletin"
        await keys(pilot, "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FieldsScreen)
        assert [dialog.query_one(f"#field-{i}").value for i in range(4)] == [
            "Business manager", "2026-02-20", "2026-03-01", "Spring bulletin"]
        await keys(pilot, "enter", "enter", "enter")
        await type_keys(pilot, ", item 3 [/]")
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen)
        assert stored()[0] == ("Learning bulletin", "Business manager", "2026-02-20",
                               "2026-03-01", "Spring bulletin, item 3 [/]")

        await keys(pilot, "e")  # a bad date is refused and nothing changes
        await pilot.pause()
        await keys(pilot, "enter", *["backspace"] * 10, *"soon", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FieldsScreen)
        assert "not a date" in str(app.screen.query_one("#fields-error", Static).render())
        await keys(pilot, "escape", "y")
        await pilot.pause()
        assert stored()[0][2] == "2026-02-20"

        await keys(pilot, "delete")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        await keys(pilot, "escape")
        await pilot.pause()
        assert len(stored()) == 2
        await keys(pilot, "delete")
        await pilot.pause()
        await keys(pilot, "y")
        await pilot.pause()
        assert stored() == [("Multi-agency training event", "Partnership trainer",
                             "2026-07-01", None, "")]
        assert screen.query_one("#dissemination", DataTable).row_count == 1


async def test_agency_filter_none_is_named_on_the_filter_line(store, seeded):
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot)
        await keys(pilot, "a")
        await pilot.pause()
        await keys(pilot, "down", "enter")  # (none): owners whose agency is not known
        await pilot.pause()
        line = str(screen.query_one("#action-filters", Static).render())
        assert "agency: (none) ·" in line
        assert owners(screen) == ["Team manager", "Partnership trainer"]
