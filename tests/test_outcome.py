"""The outcome form: drafting, checks, versions, and its Markdown export."""

from __future__ import annotations

import re
import stat
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complete_form import complete_form
from exports.markdown import parser
from exports.outcome import render, render_actions
from facilitation import outcome as o
from facilitation.errors import InputRefused
from facilitation.framework import FORM_FIELDS, RECOMMENDATION_COLUMNS
from facilitation.reviews import create_review

NAMES = [f.name for f in FORM_FIELDS]


def h2_and_tables(md: str):
    tokens = parser().parse(md)
    heads = [tokens[i + 1].content for i, t in enumerate(tokens)
             if t.type == "heading_open" and t.tag == "h2"]
    h1 = [tokens[i + 1].content for i, t in enumerate(tokens)
          if t.type == "heading_open" and t.tag == "h1"]
    tables = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            rows, row = [], None
            for u in tokens[i:]:
                if u.type == "tr_open":
                    row = []
                elif u.type == "inline" and row is not None:
                    row.append(u.content)
                elif u.type == "tr_close":
                    rows.append(row)
                elif u.type == "table_close":
                    break
            tables.append(rows)
    return h1, heads, tables, tokens


def plain_text(tokens) -> str:
    """What a reader sees: the text of every inline token, markup removed."""
    out = []
    for t in tokens:
        if t.type == "inline":
            for c in t.children or []:
                if c.type in ("text", "code_inline"):
                    out.append(c.content)
                elif c.type in ("softbreak", "hardbreak"):
                    out.append(" ")
            out.append(" ")
    return " ".join(" ".join(out).split())


def test_demo_export_has_sixteen_fields_in_order_and_marks_drafts(store, demo_ref):
    md = render(store, demo_ref, warn=None)
    h1, heads, tables, _ = h2_and_tables(md)
    assert h1 == ["Learning Review Outcomes Form"]
    assert heads == NAMES
    assert md.splitlines()[2].startswith("**Status:** Draft 1")
    assert len(tables) == 1 and tables[0][0] == list(RECOMMENDATION_COLUMNS)
    assert "Draft from the review's notes and records" in md.split("## Strengths")[1].split("##")[0]
    assert "School noticed hunger early" in md


def test_draft_fills_only_empty_fields_and_keeps_note_ids(store, demo_ref):
    o.save_field(store, demo_ref, "strengths", "My own words.")
    filled = o.draft_from_notes(store, demo_ref)
    assert "strengths" not in filled and "do_better" in filled
    state = o.form_state(store, demo_ref)
    assert state.field("strengths").body == "My own words." and state.field("strengths").written
    do_better = state.field("do_better")
    assert do_better.drafted and do_better.note_ids
    bodies = [n["body"] for n in o.source_notes(store, demo_ref, "do_better")]
    # each source note is listed there, or quoted on its hypothesis in Findings (where the
    # field's last line points)
    findings = state.field("findings").body
    assert all(b.split(".")[0] in do_better.body or b.split(".")[0] in findings for b in bodies)
    assert any(b.split(".")[0] in do_better.body for b in bodies)
    # drafting again changes nothing the chair (or an earlier draft) wrote
    o.save_field(store, demo_ref, "do_better", "Edited by the chair.")
    o.draft_from_notes(store, demo_ref)
    assert o.form_state(store, demo_ref).field("do_better").body == "Edited by the chair."
    assert len(o.form_state(store, demo_ref).recommendations) == 3


def test_cannot_finalise_over_limit_and_export_warns_on_stderr(store, demo_ref):
    complete_form(store, demo_ref)  # a real form: nothing but the limit stands in the way
    o.save_field(store, demo_ref, "synopsis", "word " * 301)
    warnings = []
    md = render(store, demo_ref, warn=warnings.append)
    assert warnings and "Synopsis of the case is 301 words" in warnings[0]
    assert "301" not in md
    with pytest.raises(InputRefused, match="Synopsis of the case is 301 words"):
        o.finalise(store, demo_ref, "2026-11-20")
    o.save_field(store, demo_ref, "synopsis", "word " * 300)
    v = o.finalise(store, demo_ref, "20/11/2026")
    assert v["state"] == "final" and v["finalised_on"] == "2026-11-20"
    assert "Draft from the review's notes" not in render(store, demo_ref, warn=None)  # signed off
    assert "Final (version 2), sent to the partnership business manager on 20 November 2026" in render(
        store, demo_ref, warn=None)


def test_versions_circulate_comment_compare(store, demo_ref):
    o.draft_from_notes(store, demo_ref)
    o.circulate(store, demo_ref, "2026-11-19", "everyone who attended")
    assert "circulated on 19 November 2026 to everyone who attended" in o.status_line(
        o.form_state(store, demo_ref))
    o.add_comment(store, demo_ref, "Health visitor", "findings", "Mention the texts.")
    o.save_field(store, demo_ref, "findings", "New findings.")
    assert o.status_line(o.form_state(store, demo_ref)).startswith("Draft 2")
    o.save_draft_version(store, demo_ref)
    diff = o.compare_versions(store, demo_ref)
    assert "+New findings." in diff and "-Hypothesis 1 (supported)" in diff
    assert [c["person"] for c in o.comments(store, demo_ref)] == ["Health visitor"]


def test_compare_after_circulating_shows_the_chairs_changes_under_their_field(store, demo_ref):
    o.draft_from_notes(store, demo_ref)
    with pytest.raises(InputRefused, match="circulate one first"):
        o.compare_versions(store, demo_ref)
    o.circulate(store, demo_ref, "2026-11-19", "everyone who attended")
    # one version and nothing changed: said plainly, not the whole form as 'added'
    with pytest.raises(InputRefused, match="nothing to compare yet"):
        o.compare_versions(store, demo_ref)
    o.save_field(store, demo_ref, "synopsis", "Child R, 9, lives with her mother.")
    diff = o.compare_versions(store, demo_ref)
    assert "Comparing version 1 (circulated) with the form now" in diff
    lines = diff.splitlines()
    at = lines.index("In Synopsis of the case:")
    assert "+Child R, 9, lives with her mother." in lines[at:]
    assert not any(line.startswith("+== ") or line.startswith("@@") for line in lines)
    assert "Findings and key learning points" not in diff  # unchanged fields stay out


def test_smart_advice_explains_itself():
    assert o.smart_advice({"action": "Consider raising awareness of neglect",
                           "person_responsible": "", "timeframe": "ongoing"}) == [
        "No owner: say who is responsible (a role or agency).",
        "The timeframe gives no date or period (for example 'by March 2027').",
        "Vague verb ('consider') with nothing measurable: say what will exist or change, and "
        "how it will be checked.",
        "Not tied to a finding: name the finding or learning point it answers.",
    ]
    good = {"action": "Add a prompt about children to 100% of discharge letters",
            "person_responsible": "Head of adult mental health", "timeframe": "by March 2027",
            "finding": "Discharge letters did not mention children"}
    assert o.smart_advice(good) == []


def test_language_check_flags_identifiers_and_blame_with_position(store, demo_ref):
    o.save_field(store, demo_ref, "synopsis",
                 "Fine first line.\nJo Hartley failed the child. DOB 03/04/2017, NE8 1AB, "
                 "0191 496 0123, a@b.org")
    flags = [f for f in o.review_language_check(store, demo_ref) if f.field == "synopsis"]
    kinds = [f.kind for f in flags]
    assert kinds == ["blame", "name", "date of birth", "postcode", "phone number", "email address"]
    assert flags[1].where() == "Synopsis of the case (line 2, column 1)"


def test_each_candidate_recommendation_stays_one_until_the_chair_agrees_it(store, demo_ref):
    o.draft_from_notes(store, demo_ref)
    recs = o.form_state(store, demo_ref).recommendations
    assert [o.is_candidate(r) for r in recs] == [True, True, True]
    o.update_recommendation(store, demo_ref, recs[1]["id"], person_responsible="AMH manager",
                            timeframe="within 3 months")
    o.add_recommendation(store, demo_ref, "Audit ten discharge letters", "AMH lead", "June 2027")
    state = o.form_state(store, demo_ref)
    assert o.candidate_rows(state) == [1, 3] and state.recommendations_drafted

    md = render(store, demo_ref, warn=None)
    section = md.split("## Recommendations\n", 1)[1].split("\n## ", 1)[0]
    assert plan_text(section).startswith(
        "Rows 1 and 3 are candidates drafted from action notes: not yet agreed by the lead "
        "author.")
    _, _, tables, _ = h2_and_tables(md)
    assert len(tables[0]) == 5
    plan = render_actions(store, demo_ref)
    assert ("Actions 1 and 3 are candidates drafted from action notes: not yet agreed by the "
            "lead author.") in plan_text(plan)

    o.update_recommendation(store, demo_ref, recs[0]["id"], person_responsible="DSL")
    md = render(store, demo_ref, warn=None)
    assert "Row 3 is a candidate drafted from an action note: not yet agreed by the lead " \
        "author." in plan_text(md)
    complete_form(store, demo_ref, agree_recommendations=False)
    with pytest.raises(o.FinalRefused) as refused:  # row 1 has no timeframe, row 3 no owner
        o.finalise(store, demo_ref, "30/11/2026")
    assert "Recommendation 3 has no Person Responsible and no Timeframe." in refused.value.reasons
    # the lead author signs off every row, candidates included, and says why
    o.finalise(store, demo_ref, "30/11/2026", override_reason="Owners agreed at the panel.")
    assert o.candidate_rows(o.form_state(store, demo_ref)) == []
    assert "candidate" not in render(store, demo_ref, warn=None).lower()


def test_recommendations_the_chair_deleted_do_not_come_back_as_candidates(store, demo_ref):
    o.draft_from_notes(store, demo_ref)
    for r in o.form_state(store, demo_ref).recommendations:
        o.delete_recommendation(store, demo_ref, r["id"])
    state = o.form_state(store, demo_ref)
    assert state.recommendations == [] and not state.recommendations_drafted
    assert "*No recommendations yet.*" in render(store, demo_ref, warn=None)


@pytest.mark.parametrize("timeframe, due", [
    ("by 31/03/2027", "2027-03-31"),
    ("31.03.27", "2027-03-31"),
    ("by 31 March 2027", "2027-03-31"),
    ("31st Mar 2027", "2027-03-31"),
    ("March 2027", "2027-03-31"),
    ("by the end of February 2028", "2028-02-29"),
    ("end of 2027", "2027-12-31"),
    ("within 3 months", "2027-02-28"),  # of the final date, 30 November 2026
    ("within six weeks", "2027-01-11"),
    ("within 10 working days", "2026-12-14"),
    ("by March", None),  # which March is not guessed
    ("31/02/2027", None),
    ("soon", None),
])
def test_timeframes_are_read_as_uk_due_dates(timeframe, due):
    from facilitation.dates import due_from_timeframe

    assert due_from_timeframe(timeframe, "2026-11-30") == due
    if due and "within" not in timeframe:
        assert due_from_timeframe(timeframe) == due
    assert due_from_timeframe("within 3 months") is None  # nothing to count from yet


def test_action_plan_and_partnership_tracker_read_due_dates_alike(store, demo_ref):
    import datetime as dt

    from facilitation import partnership as pt

    o.draft_from_notes(store, demo_ref)
    ids = [r["id"] for r in o.form_state(store, demo_ref).recommendations]
    for rid, tf in zip(ids, ("by 31/03/2027", "within 3 months", "31 January 2027")):
        o.update_recommendation(store, demo_ref, rid, person_responsible="Lead", timeframe=tf,
                                finding="Escalation routes were not known to all.")
    _, _, tables, _ = h2_and_tables(render_actions(store, demo_ref))
    assert [r[3] for r in tables[0][1:]] == [
        "by 31/03/2027 (due 31 March 2027)", "within 3 months", "31 January 2027 (due 31 "
        "January 2027)"]
    complete_form(store, demo_ref, agree_recommendations=False)
    o.finalise(store, demo_ref, "30/11/2026")
    _, _, tables, _ = h2_and_tables(render_actions(store, demo_ref))
    assert tables[0][2][3] == "within 3 months (due 28 February 2027)"

    on = dt.date(2027, 2, 15)
    status = {a.timeframe: (a.due, a.status) for a in pt.actions(store, on=on)}
    assert status == {
        "by 31/03/2027": ("2027-03-31", "not started"),
        "within 3 months": ("2027-02-28", "not started"),
        "31 January 2027": ("2027-01-31", "overdue"),
    }


DRAFT_WORDS = ("Draft", "draft", "not yet confirmed", "not yet agreed", "Candidate")


def plan_text(md: str) -> str:
    return plain_text(parser().parse(md))


# --- escaping: whatever was typed reads back, and the structure holds ---------------------------

_pieces = st.sampled_from(list("ab #|>-*_`[]/<>\\!&;:()=+1.\n\t ")) | st.sampled_from(
    ["<script>alert(1)</script>", "[/]", "[bold]", "```", "# ", "\n- ", "| x |", "&amp;"])
nasty = st.lists(_pieces, min_size=1, max_size=25).map("".join).filter(lambda s: s.strip())


def _normalise(text: str) -> str:
    text = re.sub(r"(?m)^[ \t]*[-*][ \t]+(?=\S)", "", text)  # list markers typed by the chair
    return " ".join(text.split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=nasty, action=nasty, owner=nasty)
def test_export_structure_survives_any_text(store, body, action, owner):
    ref = create_review(store, title="T", methodology="desktop", ref="LR-2026-900",
                        with_defaults=False)["ref"] if not _exists(store) else "LR-2026-900"
    with store.write():
        store.conn.execute("DELETE FROM recommendations")
        store.conn.execute("DELETE FROM form_fields")
    for f in FORM_FIELDS:
        if f.key != "recommendations":
            o.save_field(store, ref, f.key, body)
    o.add_recommendation(store, ref, action, owner, body)
    md = render(store, ref, warn=None)
    h1, heads, tables, tokens = h2_and_tables(md)
    assert h1 == ["Learning Review Outcomes Form"]
    assert heads == NAMES
    assert len(tables) == 1 and all(len(r) == 3 for r in tables[0]) and len(tables[0]) == 2
    assert not any(t.type in ("html_block", "html_inline") for t in tokens)
    section = md.split("## Synopsis of the case\n", 1)[1].split("\n## ", 1)[0]
    assert plain_text(parser().parse(section)) == _normalise(body)
    row = tables[0][1]
    cells = [plain_text(parser().parse(c)) if c else "" for c in row]
    assert cells[0] == " ".join(action.split()).strip()


def _exists(store) -> bool:
    return bool(store.conn.execute("SELECT 1 FROM reviews WHERE ref = 'LR-2026-900'").fetchone())


# --- the real command ---------------------------------------------------------------------------


@pytest.fixture
def demo_db(run_lrf, db_path):
    assert run_lrf("--db", db_path, "demo").returncode == 0
    return db_path


def test_export_to_file_is_private_and_refuses_overwrite(run_lrf, demo_db, tmp_path):
    out = tmp_path / "form.md"
    r = run_lrf("--db", demo_db, "export", "LR-2026-001", "--what", "outcome", "-o", out)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = out.read_bytes()
    r = run_lrf("--db", demo_db, "export", "LR-2026-001", "--what", "outcome", "-o", out)
    assert r.returncode == 1 and "already exists; add --force" in r.stderr
    assert out.read_bytes() == before
    r = run_lrf("--db", demo_db, "export", "LR-2026-001", "--what", "actions", "-o", out, "--force")
    assert r.returncode == 0 and out.read_text().startswith("# Action plan")


def test_export_bad_input_says_why_and_writes_nothing(run_lrf, demo_db, tmp_path):
    r = run_lrf("--db", demo_db, "export", "LR-2099-999", "--what", "outcome")
    assert r.returncode == 1 and "No review has the reference LR-2099-999" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    r = run_lrf("--db", demo_db, "export", "LR-2026-001", "--what", "outcome", "-o",
                tmp_path / "no-such-folder" / "f.md")
    assert r.returncode == 1 and "does not exist" in r.stderr and r.stdout == ""
    # a folder nobody can create files in, even root (tests may run as root)
    r = run_lrf("--db", demo_db, "export", "LR-2026-001", "--what", "outcome", "-o",
                "/proc/lrf-form.md")
    assert r.returncode == 1 and r.stderr.startswith("lrf: ") and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_over_limit_warning_goes_to_stderr_not_document(run_lrf, demo_db):
    from facilitation.store import open_store

    with open_store(demo_db) as s:
        o.save_field(s, "LR-2026-001", "findings", "learning " * 350)
    r = run_lrf("--db", demo_db, "export", "LR-2026-001", "--what", "outcome")
    assert r.returncode == 0
    assert "Findings and key learning points is 350 words; the limit is 300" in r.stderr
    assert "350 words" not in r.stdout


def test_export_never_imports_textual(demo_db):
    """Nor python-docx, which only a Word export needs (the Markdown export's time)."""
    code = (
        "import sys; from lrf_tui.cli import main\n"
        "try:\n"
        f"    main(['--db', {str(demo_db)!r}, 'export', 'LR-2026-001', '--what', 'outcome'])\n"
        "except SystemExit:\n    pass\n"
        "print('LOADED', sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'docx'}))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "LOADED []" in r.stdout, r.stderr


def test_action_plan_lists_recommendations_with_their_smart_advice(store, demo_ref):
    o.draft_from_notes(store, demo_ref)
    o.add_recommendation(store, demo_ref, "Consider raising awareness | of # neglect", "", "ongoing")
    md = render_actions(store, demo_ref)
    h1, heads, tables, _ = h2_and_tables(md)
    assert h1 == [f"Action plan: review {demo_ref}"] and heads == ["SMART check"]
    rows = tables[0]
    assert len(rows) == 5 and all(len(r) == 6 for r in rows)
    assert rows[4][1] == "Consider raising awareness | of # neglect"  # one cell, reads back
    assert "- Action 4: No owner" in md and "Vague verb ('consider')" in md


def test_dissemination_and_family_feed_their_fields(store, demo_ref):
    o.add_dissemination(store, demo_ref, "Learning bulletin", "Business manager", "15/01/2027")
    o.set_family_involvement(store, demo_ref, "informed of the review only", "Told by letter.",
                             "The school is small.")
    md = render(store, demo_ref, warn=None)
    assert "- Learning bulletin, led by Business manager, planned for 15 January 2027" in md
    assert "Family involvement: informed of the review only." in md
    assert "Risks around publication: The school is small." in md
    with pytest.raises(InputRefused):
        o.add_dissemination(store, demo_ref, "Carrier pigeon")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(good=nasty, action=nasty)
def test_notes_drafted_into_the_form_keep_structure_and_read_back(store, good, action):
    from facilitation.store import now_iso

    ref = "LR-2026-901"
    if not store.conn.execute("SELECT 1 FROM reviews WHERE ref = ?", [ref]).fetchone():
        create_review(store, title="T", methodology="desktop", ref=ref, with_defaults=False)
    rid = store.conn.execute("SELECT id FROM reviews WHERE ref = ?", [ref]).fetchone()[0]
    with store.db.atomic():
        store.conn.execute("DELETE FROM notes WHERE review_id = ?", [rid])
        for kind, body in (("good_practice", good), ("action", action)):
            store.db["notes"].insert({"review_id": rid, "kind": kind, "body": body,
                                      "created_at": now_iso()})
    md = render(store, ref, warn=None)
    h1, heads, tables, tokens = h2_and_tables(md)
    assert heads == NAMES and not any(t.type.startswith("html") for t in tokens)
    assert len(tables) == 1 and [len(r) for r in tables[0]] == [3, 3]
    section = md.split("## Strengths", 1)[1].split("\n## ", 1)[0].split("\n", 1)[1]
    shown = plain_text(parser().parse(section))
    assert shown == "Draft from the review's notes and records: not yet confirmed by the lead " \
        "author. " + " ".join(
        good.split())
    assert plain_text(parser().parse(tables[0][1][0])) == " ".join(action.split())


def test_a_field_the_chair_emptied_is_not_redrafted_on_export(store, demo_ref):
    assert o.form_state(store, demo_ref).field("strengths").drafted
    o.save_field(store, demo_ref, "strengths", "")
    md = render(store, demo_ref, warn=None)
    section = md.split("## Strengths", 1)[1].split("\n## ", 1)[0]
    assert "*Not yet written.*" in section and "breakfast club" not in section
    o.draft_from_notes(store, demo_ref)  # asked for explicitly: fills it again
    assert "breakfast club" in o.form_state(store, demo_ref).field("strengths").body


def _section(md: str, name: str) -> str:
    return md.split(f"## {name}\n")[1].split("\n## ")[0]


def test_a_draft_the_chair_keeps_as_it_stands_is_theirs_and_loses_the_draft_mark(store, demo_ref):
    """Confirming a draft without changing a word used to leave it 'not yet confirmed'."""
    name = "Strengths in agencies response or within multi-agency working with the family"
    before = o.form_state(store, demo_ref).field("strengths")  # drafted live, not yet stored
    assert before.drafted and "not yet confirmed" in _section(render(store, demo_ref, warn=None), name)
    with pytest.raises(InputRefused):  # the chair was shown other words: nothing unseen is kept
        o.confirm_field(store, demo_ref, "strengths", before.body + " (older)")
    assert o.form_state(store, demo_ref).field("strengths").drafted
    assert o.confirm_field(store, demo_ref, "strengths", before.body) is True
    after = o.form_state(store, demo_ref).field("strengths")
    assert (after.body, after.written, after.drafted) == (before.body, True, False)
    assert after.note_ids == before.note_ids  # F3 still finds the notes behind it
    section = _section(render(store, demo_ref, warn=None), name)
    assert "not yet confirmed" not in section and "School noticed hunger early" in section
    # It is the chair's now: new notes do not redraft it, and confirming again changes nothing.
    o.redraft_untouched(store, demo_ref, ("strengths",))
    assert o.form_state(store, demo_ref).field("strengths").body == before.body
    assert o.confirm_field(store, demo_ref, "strengths") is False
    with pytest.raises(InputRefused):
        o.confirm_field(store, demo_ref, "recommendations")
