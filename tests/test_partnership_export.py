"""The partnership report and the cross-review action tracker, as a subgroup receives them."""

from __future__ import annotations

import csv
import io
import re

import pytest

from exports import ALL_RENDERERS
from exports.markdown import parser
from exports.partnership import (
    ACTION_COLUMNS,
    REVIEW_THEME_COLUMNS,
    render_actions,
    render_partnership,
)
from facilitation import clock
from facilitation import partnership as p
from facilitation.errors import InputRefused

from partnership_seed import TODAY, seed
from test_markdown_escaping import CONTROLS

HOSTILE = "| # Not a heading <script>x</script> [/] =SUM(A1)\n- not a list"


@pytest.fixture
def seeded(store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    refs = seed(store)
    rid = store.conn.execute("SELECT id FROM reviews WHERE ref = 'LR-2026-002'").fetchone()[0]
    with store.db.atomic():
        store.db["recommendations"].insert(
            {"review_id": rid, "position": 9, "action": HOSTILE, "person_responsible": "=cmd|x",
             "timeframe": "soon", "due_date": "2026-01-01"})
    return refs


def headings(tokens) -> list[str]:
    out = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            out.append(tokens[i + 1].content)
    return out


def tables(tokens) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    result, rows, row, in_cell = [], None, None, False
    for t in tokens:
        if t.type == "table_open":
            rows = []
        elif t.type == "tr_open":
            row = []
        elif t.type in ("th_open", "td_open"):
            in_cell = True
            row.append("")
        elif t.type == "inline" and in_cell:
            row[-1] = "".join(c.content for c in t.children if c.type in ("text", "code_inline")
                              or c.type == "softbreak")
        elif t.type in ("th_close", "td_close"):
            in_cell = False
        elif t.type == "tr_close":
            rows.append(row)
        elif t.type == "table_close":
            result.append(rows)
    return result


def test_partnership_report_parses_and_has_the_subgroups_sections(store, seeded):
    text = render_partnership(store)
    tokens = parser().parse(text)
    assert headings(tokens) == [
        "Learning and Improvement report", "Summary", "Reviews in the period", "Themes",
        "Findings of reviews finalised or updated in the period",
        "LR-2026-002: Baby S: missed health appointments (updated on 2026-04-30, not yet final)",
        "Overdue actions", "Actions completed, with evidence of impact", "Dissemination done",
    ]
    assert not [t for t in tokens if "html" in t.type]
    found = tables(tokens)
    for rows in found:  # no user text added or removed a cell
        assert len({len(r) for r in rows}) == 1
    by_header = {tuple(rows[0]): rows[1:] for rows in found}
    themes = by_header[("Theme", "Reviews", "Which reviews", "By quarter")]
    assert themes[0] == ["neglect", "3", "LR-2025-007, LR-2026-001, LR-2026-002",
                         "2025 Q4: 1, 2026 Q1: 1, 2026 Q2: 1"]
    overdue = by_header[("Review", "Action", "Person Responsible", "Agency", "Due date",
                         "Days overdue")]
    assert [(r[1], r[-1]) for r in overdue] == [
        (" ".join(HOSTILE.split()), "165"),
        ("Agree a route for police to tell schools about overnight incidents", "46"),
    ]
    completed = by_header[("Review", "Action", "Person Responsible", "Completed on",
                           "Evidence of impact")]
    assert completed[-1][-1] == ("2026-06-01: Flags now show on every record of a child on a "
                                 "plan (measured by: audit of 40 records)")
    assert completed[0][-1] == "none recorded yet"
    methods = by_header[("Methodology", "Reviews", "By status")]
    assert ["Practitioner learning review", "1", "1 final"] in methods
    spread = by_header[("Review", "Method", "Lead", "Done on", "Detail")]
    assert spread == [["LR-2026-001", "Learning bulletin", "Business manager", "2026-03-01",
                       "Spring bulletin"]]
    assert "1 completed action has no evidence of impact recorded yet" in text
    planned = by_header[("Review", "Method", "Lead", "Planned for", "Detail")]
    assert planned == [["LR-2025-007", "Multi-agency training event", "Partnership trainer",
                        "2026-07-01", ""]]


def test_partnership_report_for_a_period(store, seeded):
    text = render_partnership(store, date_from="2026-01-01", date_to="31/03/2026")
    assert "Period: 2026-01-01 to 2026-03-31." in text
    assert "- 1 review in the period." in text
    assert "LR-2026-002 | Baby S" not in text
    assert "Not tagged with any theme yet" not in text
    with pytest.raises(InputRefused, match="swap --from and --to"):
        render_partnership(store, date_from="2026-03-31", date_to="2026-01-01")


def test_empty_database_report_says_there_is_nothing_yet(store):
    text = render_partnership(store)
    tokens = parser().parse(text)
    assert headings(tokens) == ["Learning and Improvement report"]
    assert "There is nothing to report yet" in text
    assert "No actions are recorded yet" in render_actions(store)
    assert render_actions(store, fmt="csv") == "\ufeff" + ",".join(ACTION_COLUMNS) + "\r\n"


def test_actions_csv_reads_back_with_the_trackers_columns(store, seeded):
    text = render_actions(store, fmt="csv")
    assert text.startswith("\ufeff")  # so Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert list(rows[0]) == list(ACTION_COLUMNS)
    assert [r["Status"] for r in rows] == [
        "overdue", "overdue", "in progress", "not started", "done", "done"]
    hostile = rows[0]
    assert hostile["Action"] == HOSTILE  # kept whole, line break included
    assert hostile["Person Responsible"] == "'=cmd|x"  # a spreadsheet must not run it
    gp = next(r for r in rows if r["Action"].startswith("Audit GP"))
    assert gp["Agency"] == "GP Practice" and gp["Due date"] == "2026-05-31"
    assert gp["Completed on"] == "2026-05-20"
    assert gp["Impact evidence"] == ("2026-06-01: Flags now show on every record of a child on "
                                     "a plan (measured by: audit of 40 records)")


def test_actions_markdown_parses(store, seeded):
    tokens = parser().parse(render_actions(store))
    [rows] = tables(tokens)
    assert rows[0][:3] == ["Review", "Action", "Person Responsible"]
    assert len(rows) == 7 and len({len(r) for r in rows}) == 1


def test_registered_for_export_all():
    assert set(ALL_RENDERERS) >= {"partnership", "actions"}


def test_cli_exports_actions_csv_and_partnership(run_lrf, db_path, store, seeded, tmp_path):
    store.close()
    sheet = tmp_path / "tracker.csv"
    out = run_lrf("--db", db_path, "export", "--what", "actions", "--all", "--format", "csv",
                  "-o", sheet)
    assert out.returncode == 0, out.stderr
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    with open(sheet, encoding="utf-8-sig", newline="") as f:  # as a spreadsheet reads it
        rows = list(csv.reader(f))
    assert rows[0] == list(ACTION_COLUMNS) and len(rows) == 7
    out = run_lrf("--db", db_path, "export", "--what", "partnership", "--all", "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.lstrip("\ufeff").splitlines()[0] == ",".join(REVIEW_THEME_COLUMNS)
    target = tmp_path / "report.md"
    out = run_lrf("--db", db_path, "export", "--what", "partnership", "--all",
                  "--from", "2025-01-01", "--to", "2026-12-31", "-o", target)
    assert out.returncode == 0, out.stderr
    assert target.read_text().startswith("# Learning and Improvement report")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    out = run_lrf("--db", db_path, "export", "--what", "partnership", "--all",
                  "--from", "2026-12-31", "--to", "2026-01-01")
    assert out.returncode == 1
    assert out.stderr.strip() == ("lrf: The period starts (2026-12-31) after it ends "
                                  "(2026-01-01); swap --from and --to.")
    assert out.stdout == ""


def test_cli_on_an_empty_database(run_lrf, db_path, store):
    store.close()
    out = run_lrf("--db", db_path, "export", "--what", "partnership", "--all")
    assert out.returncode == 0, out.stderr
    assert "There is nothing to report yet" in out.stdout


def test_partnership_modules_never_import_textual():
    import subprocess
    import sys

    code = ("import sys, facilitation.partnership, exports.partnership; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'lrf_tui')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_any_typed_text_keeps_the_report_whole_and_reads_back(tmp_path_factory, monkeypatch):
    """Free text in an action, an owner, a theme and a dissemination detail can never add a
    heading, break a table or inject HTML, and reads back as typed (spaces collapsed)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from facilitation.store import open_store

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    s = open_store(tmp_path_factory.mktemp("prop") / "lrf.db")
    seed(s)
    rec = s.conn.execute("SELECT id FROM recommendations ORDER BY id LIMIT 1").fetchone()[0]
    spread = s.conn.execute("SELECT id FROM dissemination WHERE done_on IS NOT NULL").fetchone()[0]
    expected = ["Learning and Improvement report", "Summary", "Reviews in the period", "Themes",
                "Findings of reviews finalised or updated in the period",
                "LR-2026-002: Baby S: missed health appointments (updated on 2026-04-30, "
                "not yet final)",
                "Overdue actions", "Actions completed, with evidence of impact",
                "Dissemination done"]
    text_st = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(action=text_st, owner=text_st, detail=text_st)
    def check(action, owner, detail):
        if not action.split():
            return
        with s.db.atomic():
            s.conn.execute("UPDATE recommendations SET action = ?, person_responsible = ? "
                           "WHERE id = ?", [action, owner, rec])
            s.conn.execute("UPDATE dissemination SET detail = ? WHERE id = ?", [detail, spread])
        tokens = parser().parse(render_partnership(s))
        assert headings(tokens) == expected
        assert not [t for t in tokens if "html" in t.type]
        found = tables(tokens)
        for rows in found:
            assert len({len(r) for r in rows}) == 1
        overdue = next(rows for rows in found if rows[0][-1] == "Days overdue")
        got = overdue[1][1]
        # Controls are shown as a replacement mark (the rule for characters, written out in
        # test_markdown_escaping.py); everything else reads back.
        want = " ".join(re.sub(CONTROLS, "\N{REPLACEMENT CHARACTER}", action).split())
        assert got == want

    try:
        check()
    finally:
        s.close()
