"""Learning and Improvement across reviews: derived action status, themes, impact, thematic
review, and the bad input the issue lists."""

from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from facilitation import clock
from facilitation import partnership as p
from facilitation.errors import InputRefused
from facilitation.inputs import has_control, lines_read
from facilitation.reviews import children, get_review

from partnership_seed import TODAY, seed


@pytest.fixture
def seeded(store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return seed(store)


def test_status_is_derived_from_dates_and_overdue_comes_first(store, seeded):
    rows = p.actions(store)
    assert [a.status for a in rows] == ["overdue", "in progress", "not started", "done", "done"]
    overdue = rows[0]
    assert overdue.action.startswith("Agree a route for police")
    assert overdue.agency == "Police"  # the owner is a participant of that review
    assert rows[1].agency == "Adult Mental Health"
    gp = next(a for a in rows if a.action.startswith("Audit GP"))
    assert gp.agency == "GP Practice"  # an agency the review knows, named in the owner
    assert gp.due == "2026-05-31"  # a timeframe typed as a date counts as the due date
    assert gp.impact[0]["how_measured"] == "audit of 40 records"
    # The same action tomorrow-but-one year later: everything not done is overdue.
    later = p.actions(store, on=_dt.date(2027, 1, 1))
    assert {a.status for a in later} == {"overdue", "done"}


def test_filters_by_status_agency_owner_and_review(store, seeded):
    assert [a.owner for a in p.actions(store, status="overdue")] == ["DC Tom Reid"]
    assert len(p.actions(store, agency="police")) == 1
    assert len(p.actions(store, owner="  ana   SILVA ")) == 1
    assert {a.ref for a in p.actions(store, review="lr-2026-002")} == {"LR-2026-002"}
    with pytest.raises(InputRefused):
        p.actions(store, status="late")


def test_marking_started_and_done_changes_the_derived_status(store, seeded):
    target = next(a for a in p.actions(store) if a.status == "not started")
    p.mark_started(store, target.id)
    assert next(a for a in p.actions(store) if a.id == target.id).status == "in progress"
    p.mark_done(store, target.id, "14/06/2026")
    done = next(a for a in p.actions(store) if a.id == target.id)
    assert (done.status, done.completed_on) == ("done", "2026-06-14")
    p.mark_done(store, target.id, "")
    assert next(a for a in p.actions(store) if a.id == target.id).status == "in progress"


def test_impact_on_a_missing_action_is_refused_and_changes_nothing(store, seeded):
    before = store.conn.execute("SELECT count(*) FROM impact_evidence").fetchone()[0]
    with pytest.raises(InputRefused, match="no action number 9999"):
        p.add_impact(store, 9999, "Something changed")
    with pytest.raises(InputRefused, match="Say what changed"):
        p.add_impact(store, seeded["a0"], "   ")
    with pytest.raises(InputRefused, match="not a date"):
        p.add_impact(store, seeded["a0"], "Changed", observed_on="next week")
    with pytest.raises(InputRefused):
        p.mark_done(store, 9999)
    after = store.conn.execute("SELECT count(*) FROM impact_evidence").fetchone()[0]
    assert after == before


def test_impact_defaults_to_today(store, seeded):
    p.add_impact(store, seeded["a0"], "Schools now hear by 9am", "")
    ev = next(a for a in p.actions(store) if a.id == seeded["a0"]).impact
    assert ev[0]["observed_on"] == TODAY.isoformat()


def test_a_period_the_wrong_way_round_is_refused(store, seeded):
    with pytest.raises(InputRefused, match="starts .2026-06-01. after it ends .2026-01-01."):
        p.check_period("2026-06-01", "01/01/2026")
    with pytest.raises(InputRefused):
        p.theme_counts(store, date_from="2026-06-01", date_to="2026-01-01")
    assert p.check_period("2026-01-01", "2026-01-01") == ("2026-01-01", "2026-01-01")


def test_starter_themes_exist_in_a_new_database(store):
    names = {t["name"] for t in p.list_themes(store)}
    assert {"voice of the child", "working with fathers and male carers", "neglect"} <= names


def test_a_theme_differing_only_by_case_or_spaces_is_the_same_theme(store, seeded):
    before = len(p.list_themes(store))
    same = p.add_theme(store, "  Voice   of THE child ")
    assert same["name"] == "voice of the child"
    assert len(p.list_themes(store)) == before
    # Tagging under another spelling counted once: LR-2025-007 was tagged " NEGLECT ".
    counts, periods = p.theme_counts(store)
    neglect = next(c for c in counts if c.name == "neglect")
    assert neglect.count == 3 and neglect.refs == ["LR-2025-007", "LR-2026-001", "LR-2026-002"]
    assert neglect.by_period == {"2025 Q4": 1, "2026 Q1": 1, "2026 Q2": 1}
    assert periods == ["2025 Q4", "2026 Q1", "2026 Q2"]
    with pytest.raises(InputRefused):
        p.add_theme(store, " \t ")


def test_renaming_a_theme_onto_another_merges_them(store, seeded):
    supervision = next(t for t in p.list_themes(store) if t["name"] == "supervision")
    merged = p.rename_theme(store, supervision["id"], "NEGLECT")
    assert merged["name"] == "neglect"
    counts, _ = p.theme_counts(store)
    assert next(c for c in counts if c.name == "neglect").count == 3
    assert "supervision" not in {t["name"] for t in p.list_themes(store)}
    renamed = p.rename_theme(store, merged["id"], "Neglect of the child")
    assert renamed["name"] == "Neglect of the child"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30), st.lists(st.sampled_from([" ", "\t", "  "]), max_size=3))
@example(name="\x00", pads=[])  # found by hypothesis: a NUL made a theme that could not be read
def test_any_case_or_spacing_of_a_name_finds_the_same_theme(tmp_path_factory, name, pads):
    from facilitation.store import open_store

    if not name.split():
        return
    path = tmp_path_factory.mktemp("t") / "lrf.db"
    with open_store(path) as s:
        if has_control(lines_read(name)):  # the one rule for characters (test_inputs.py)
            with pytest.raises(InputRefused, match="control characters"):
                p.add_theme(s, name)
            assert len(p.list_themes(s)) == 10  # nothing added
            return
        first = p.add_theme(s, name)
        variant = "".join(pads) + name.upper().replace(" ", "  ") + "".join(pads)
        if " ".join(variant.split()).casefold() != " ".join(name.split()).casefold():
            return  # upper() changed more than case (e.g. 'ß' -> 'SS' folds the same anyway)
        again = p.add_theme(s, variant)
        assert again["id"] == first["id"]
        assert len(p.list_themes(s)) == 11


def test_theme_counts_over_years_and_within_a_period(store, seeded):
    counts, periods = p.theme_counts(store, by="year")
    assert periods == ["2025", "2026"]
    counts, _ = p.theme_counts(store, date_from="2026-01-01", date_to="2026-12-31",
                               include_unused=False)
    assert [(c.name, c.count) for c in counts][0] == ("neglect", 2)
    assert "working with fathers and male carers" not in {c.name for c in counts}


def test_reviews_behind_a_theme_carry_their_findings(store, seeded):
    neglect = next(t for t in p.list_themes(store) if t["name"] == "neglect")
    behind = {r["ref"]: r["findings"] for r in p.reviews_with_theme(store, neglect["id"])}
    assert behind["LR-2026-002"] == ["Missed appointments were not seen as a pattern across agencies."]
    assert behind["LR-2026-001"] == ["Escalation works when people know the route."]
    assert behind["LR-2025-007"] == []


def test_thematic_review_from_selected_reviews(store, seeded):
    neglect = next(t for t in p.list_themes(store) if t["name"] == "neglect")
    new = p.start_thematic_review(store, ["LR-2026-001", "LR-2026-002"], theme_id=neglect["id"])
    assert new["methodology"] == "thematic"
    assert new["title"] == "Thematic review: neglect"
    assert [f["label"] for f in children(store, "families", new["id"])] == ["Family R", "Family S"]
    items = children(store, "method_items", new["id"])
    assert [m["text"] for m in items if m["kind"] == "theme"] == ["neglect"]
    background = [m["text"] for m in items if m["kind"] == "background"]
    assert background == [
        "Finding from LR-2026-001 (Family R): Escalation works when people know the route.",
        "Finding from LR-2026-002 (Family S): Missed appointments were not seen as a pattern "
        "across agencies.",
    ]
    assert new["ref"] in next(c for c in p.theme_counts(store)[0] if c.name == "neglect").refs


def test_thematic_review_needs_two_known_reviews(store, seeded):
    count = store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
    with pytest.raises(InputRefused, match="at least two"):
        p.start_thematic_review(store, ["LR-2026-001", "lr-2026-001 "])
    with pytest.raises(InputRefused, match="No review"):
        p.start_thematic_review(store, ["LR-2026-001", "LR-2099-001"])
    assert store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == count


def test_dissemination_log_latest_done_first(store, seeded):
    log = p.dissemination_log(store)
    assert [(d["ref"], d["done_on"]) for d in log] == [
        ("LR-2026-001", "2026-03-01"), ("LR-2025-007", None)]
    assert p.dissemination_log(store, done_only=True)[0]["method"] == "Learning bulletin"
    entry = log[1]["id"]
    assert p.mark_disseminated(store, entry, "2026-07-02") == "2026-07-02"
    with pytest.raises(InputRefused):
        p.add_dissemination(store, "LR-2026-001", "  ")
    with pytest.raises(InputRefused):
        p.mark_disseminated(store, 999)


def test_empty_database_has_nothing_to_track(store):
    assert p.actions(store) == []
    counts, periods = p.theme_counts(store, include_unused=False)
    assert counts == [] and periods == []
    assert p.dissemination_log(store) == []


def test_a_theme_in_use_cannot_be_deleted(store, seeded):
    themes = {t["name"]: t["id"] for t in p.list_themes(store)}
    with pytest.raises(InputRefused, match="3 reviews carry this theme"):
        p.delete_theme(store, themes["neglect"])
    assert p.delete_theme(store, themes["transitions"])["name"] == "transitions"
    assert "transitions" not in {t["name"] for t in p.list_themes(store)}
    with pytest.raises(InputRefused):
        p.delete_theme(store, themes["transitions"])
