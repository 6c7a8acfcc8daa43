"""One review of each method taken from a new review on the home screen to its final outcome
form, by keyboard alone at 80x24: the method chosen from the questions the new-review screen
asks, the method's own records kept in the workspace (a practitioner review's notes at its live
event), the form drafted from them, the rest typed, a recommendation and its dissemination,
circulation, final, and the Markdown export read as the person it is sent to would read it."""

from __future__ import annotations

import datetime as _dt

import pytest

from facilitation import clock
from facilitation import outcome as oc
from facilitation.framework import FORM_FIELDS
from lrf_tui.app import LrfApp
from lrf_tui.dialogs import FormModal
from lrf_tui.screens.form import FormScreen, PickIndexScreen, PromptScreen
from lrf_tui.screens.form.circulation import FinalRefusedScreen
from lrf_tui.screens.prepare import PrepareScreen

from keys import burst, keys, typed
from typed_notes import markdown_sections

TODAY = _dt.date(2026, 11, 25)
KEYS = [f.key for f in FORM_FIELDS]


async def add_row(pilot, *values: str | None) -> None:
    """``a`` on the focused table, then each field in turn (None leaves a choice as offered),
    then ctrl+s; the dialog closes on a row that was saved."""
    await keys(pilot, "a")
    assert isinstance(pilot.app.screen, FormModal)
    for i, value in enumerate(values):
        if i:
            await burst(pilot, "tab")
        if value:
            await typed(pilot, value)
    await keys(pilot, "ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PrepareScreen), "the row was refused"


async def to_tab(pilot, label: str) -> None:
    tabs = pilot.app.screen.query_one("#prep-tabs")
    for _ in range(12):
        if str(tabs.get_tab(tabs.active).label) == label:
            return
        await keys(pilot, "right_square_bracket")
    raise AssertionError(f"no tab {label}")


async def new_review(pilot, answers: list[str], title: str, family: str, method: str) -> str:
    """From home: n, the questions answered, the suggested method taken, title and family."""
    await keys(pilot, "n", *answers)
    assert f"Suggested: {method}" in str(pilot.app.screen.query_one("#new-suggestion").render())
    pilot.app.screen.query_one("#new-review-title").focus()
    await typed(pilot, title)
    await burst(pilot, "enter")
    await typed(pilot, family)
    await keys(pilot, "ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PrepareScreen)
    assert method in str(screen.query_one("#prep-heading").render())
    return screen.ref


async def goto_field(pilot, screen: FormScreen, key: str) -> None:
    screen.query_one("#field-list").focus()
    await burst(pilot, "home", *(["down"] * KEYS.index(key)))
    assert screen.key == key


async def write_field(pilot, screen: FormScreen, key: str, text: str) -> None:
    await goto_field(pilot, screen, key)
    await keys(pilot, "enter")
    await typed(pilot, text)
    await keys(pilot, "escape")


async def desktop_records(pilot) -> None:
    await to_tab(pilot, "Method")
    await add_row(pilot, "GP practice", "GP records", "2025 to 2026", "03/09/2026")
    await burst(pilot, "tab")  # the meetings
    await add_row(pilot, "10/09/2026", "Health visitor, GP, school nurse",
                  "Records gathered; further information needed from school.",
                  "School attendance record")
    await add_row(pilot, "24/09/2026", "Health visitor, GP, school nurse, head teacher",
                  "Learning agreed: missed appointments were not shared.")


async def thematic_records(pilot) -> None:
    await to_tab(pilot, "Method")
    await add_row(pilot, "Neglect and missed health appointments")
    await burst(pilot, "tab")  # the families
    for family, how in (("Family A", "Two children; father works away."),
                        ("Family B", "One child; mother a care leaver."),
                        ("Family C", "Three children; new to the area.")):
        await add_row(pilot, family, how)
    await to_tab(pilot, "Activities")
    await add_row(pilot, None, "01/09/2026", "Background information from five agencies.")
    await burst(pilot, "tab")  # interviews
    await add_row(pilot, "08/09/2026", "Health visitor", "Health", "Caseloads were high.")
    await burst(pilot, "tab")  # audits
    await add_row(pilot, "Children's social care", "Twenty cases of neglect",
                  "Half had no health view.")


async def single_issue_records(pilot) -> None:
    await to_tab(pilot, "Method")
    await add_row(pilot, "Family S", "Two children, home educated.")
    await burst(pilot, "tab")  # consultations
    await add_row(pilot, "15/09/2026", "Education welfare officer", "Education",
                  "Home education visits were not recorded.")
    await burst(pilot, "tab")  # records, policies, protocols and guidance
    await add_row(pilot, None, "Elective home education protocol", "Education", "01/09/2026",
                  "No step for a child not seen.")


async def practitioner_event(pilot) -> None:
    """The live event: notes typed as the chair types them, then back to home."""
    await keys(pilot, "escape")  # the workspace, back to home
    await keys(pilot, "e")
    lines = ["+ The school's referral was quick and clear.",
             "- Health and school did not share missed appointments.",
             "* Missed appointments are a sign of neglect to share.",
             "Practitioners said the escalation policy was hard to find."]
    await burst(pilot, *(k for line in lines for k in [*line, "enter"]))
    assert "Saved note #" in str(pilot.app.screen.query_one("#message").render())
    await keys(pilot, "escape", "escape")


# What the lead author types into a field nothing was drafted into (the rest: a stand-in).
TYPED = {"findings": "Missed health appointments were not shared with school.",
         "lead_author": "Sam Author, independent reviewer"}

WALKS = {
    "desktop": (["tab", "tab", "space"], "Desktop review", desktop_records),
    "thematic": (["ctrl+a", "3"], "Thematic review", thematic_records),
    "single_issue": (["tab", "space"], "Single issue review", single_issue_records),
    "practitioner": ([], "Practitioner learning review", None),
}
RECIPIENT = {"desktop": "the partnership business manager",
             "thematic": "the Learning and Improvement Subgroup",
             "single_issue": "the partnership business manager",
             "practitioner": "the partnership business manager"}


@pytest.mark.walk
@pytest.mark.parametrize("method", list(WALKS))
async def test_a_review_of_each_method_from_home_to_its_final_form(method, store, tmp_path,
                                                                   monkeypatch):
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(docs))
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    answers, name, records = WALKS[method]
    app = LrfApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        ref = await new_review(pilot, answers, f"Child {method[0].upper()}: neglect",
                               "Family S" if method == "single_issue" else "Family A", name)
        if records:
            await records(pilot)
            await keys(pilot, "escape")
        else:
            await practitioner_event(pilot)
        await keys(pilot, "f")  # the form of the review just made (the only one)
        screen = app.screen
        assert isinstance(screen, FormScreen)
        await keys(pilot, "f2")  # draft every empty field from what was gathered
        drafted = {f.key: f.body for f in oc.form_state(store, ref).fields}
        if method == "desktop":
            # The review was undertaken at its meetings, by the staff who met.
            assert drafted["date"] == "10 September 2026 to 24 September 2026 (2 meetings)"
            assert "head teacher" in drafted["attendees"]
        for key in KEYS:
            if key in ("recommendations", "dissemination") or drafted[key].strip():
                continue
            await write_field(pilot, screen, key, TYPED.get(key, f"Typed by the lead author for {key}."))

        await goto_field(pilot, screen, "recommendations")
        await keys(pilot, "enter", "a")
        assert isinstance(app.screen, PromptScreen)
        for value in ("Share missed health appointments with school within a week",
                      "Designated nurse", "by March 2027"):
            await typed(pilot, value)
            await burst(pilot, "enter")
        await burst(pilot, "enter")  # the finding it answers: left to the findings
        await keys(pilot, "escape")
        await goto_field(pilot, screen, "dissemination")
        await keys(pilot, "enter", "a")
        assert isinstance(app.screen, PickIndexScreen)
        await keys(pilot, "down", "down", "enter")  # single-agency training
        await typed(pilot, "Health safeguarding lead")
        await keys(pilot, "enter", "enter")

        await keys(pilot, "f5")  # circulate
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "enter")  # on today's date
        await typed(pilot, "everyone who contributed")
        await keys(pilot, "enter")
        await keys(pilot, "f8")  # final
        assert not oc.final_blockers(store, ref), oc.final_blockers(store, ref)
        assert isinstance(app.screen, PromptScreen)
        assert not isinstance(app.screen, FinalRefusedScreen)
        await keys(pilot, "enter")
        await pilot.pause()
        assert oc.form_state(store, ref).latest["state"] == "final"
        await keys(pilot, "ctrl+o", "enter")  # export: the Markdown form
        await pilot.pause()

    md = (docs / f"{ref} outcome form.md").read_text(encoding="utf-8")
    assert "**Status:** Final (version 2)" in md
    assert f"sent to {RECIPIENT[method]} on 25 November 2026" in md
    sections = markdown_sections(md)
    assert sections["Recommendations"].count("Designated nurse") == 1
    assert "Single-agency training" in sections[
        "How this learning will be disseminated and implemented"]
    how = sections["How this review was undertaken"]
    assert name in how
    expected = {
        "desktop": ["Records reviewed: GP practice, GP records, 2025 to 2026.",
                    "Meeting of the staff involved on 10 September 2026",
                    "Further information required: School attendance record"],
        "thematic": ["Activities: analysis of background information (1 September 2026)",
                     "Interviews: Health visitor, Health",
                     "Audits: Children's social care: Twenty cases of neglect"],
        "single_issue": ["Consultations: Education welfare officer, Education",
                         "Elective home education protocol (Education)"],
        "practitioner": ["at a learning event"],
    }[method]
    for words in expected:
        assert words in how, (words, how)
    if method == "thematic":
        assert all(f in sections["Details of family being considered"]
                   for f in ("Family A: Two children", "Family B: One child", "Family C: Three"))
    if method == "practitioner":
        assert "referral was quick and clear" in sections[
            "Strengths in agencies response or within multi-agency working with the family"]
