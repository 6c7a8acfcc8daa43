"""The hostile-text walk: every text field of a review holds a line of a hostile list (markup,
``[x]``, ``[/]``, right-to-left script, emoji with joiners, a 10 KB paste; and, written raw as an
older database might hold it, ANSI escapes), then one app opens every screen and the dialogs
that show stored text, and the *drawn* text must hold each line as typed (an escape made
visible as U+FFFD, never obeyed).

Each field gets its own two-letter tag in front of its line, so a field that drops or styles
its text fails by name. The lines are dealt round the fields, so every line lands in several
fields of different kinds (table cells, headings, notes, dialogs, text boxes).
"""

from __future__ import annotations

import datetime as dt

import pytest

from facilitation import event as ev
from facilitation import outcome as oc
from facilitation import partnership as pt
from facilitation import preparation as prep
from facilitation.capture import parse
from facilitation.framework import DISSEMINATION_METHODS
from facilitation.parked import set_follow_up
from facilitation.reviews import create_review
from lrf_tui.app import LrfApp
from keys import keys

TODAY = dt.date(2026, 2, 2)
REF = "LR-2026-066"
HOSTILE = ["[x]", "[/]", "[b]B[/b]", "[@click=app.quit]Q", "\\[y]", "עברית ש", "👨‍👩‍👧 x",
           "a[/]b[x", "[red on white]R"]
LONG = ("L0NG " + "ten bytes " * 1000)[:10_000]  # 10 KB, the most a note may hold
# Written raw, as a database from before the rule for characters might hold them.
RAW = "\x1b[31mE"
RAW_DRAWN = "\ufffd[31mE"

expected: dict[str, str] = {}  # tag -> the text that must be drawn


def value(tag: str) -> str:
    line = HOSTILE[len(expected) % len(HOSTILE)]
    expected[tag] = tag + line
    return tag + line


def seed(store) -> None:
    expected.clear()
    create_review(store, ref=REF, title=value("TI"), methodology="practitioner",
                  family_label=value("FL"))
    prep.update_details(store, REF, theme=value("TH"), scope=value("SC"),
                        lead_author=value("LA"), chair=value("CH"), event_venue=value("VE"),
                        event_date="2026-02-02")
    prep.add_item(store, REF, "kloes", text=value("KL"))
    prep.add_item(store, REF, "agencies", name=value("AG"))
    prep.add_item(store, REF, "chronology", date="2025-11-02", agency=value("CA"),
                  what=value("CW"), why_it_matters=value("CY"))
    prep.add_item(store, REF, "questions", text=value("QU"), prompt_area="involvement")
    prep.add_item(store, REF, "hypotheses", text=value("HY"))
    prep.add_item(store, REF, "participants", name=value("PN"), agency=value("PA"),
                  role=value("PR"))
    prep.add_item(store, REF, "ground_rules", text=value("GR"))
    ctx = ev.load_context(store, REF)
    item = ctx.agenda[0]
    store.db["agenda_items"].update(item["id"], {"title": value("AI")})
    ev.add_note(store, ctx.review_id, parse(LONG), agenda_item_id=item["id"])
    for tag in ("N1", "N2"):
        ev.add_note(store, ctx.review_id, parse(value(tag)), agenda_item_id=item["id"])
    oc.save_field(store, REF, "synopsis", value("SY"))
    oc.save_field(store, REF, "background", LONG)
    oc.add_recommendation(store, REF, value("RA"), value("RP"), value("RT"))
    oc.add_dissemination(store, REF, DISSEMINATION_METHODS[0], lead=value("DL"))
    pt.add_dissemination(store, REF, DISSEMINATION_METHODS[1], lead=value("LL"),
                         detail=value("LD"))
    theme = pt.add_theme(store, value("TM"))
    pt.tag_review(store, REF, theme["id"])
    # What the review shares with every method, the parked item's follow-up, the identifier
    # register and a publication text.
    prep.add_item(store, REF, "proceedings", kind="criminal", court=value("PC"),
                  status=value("PS"), effect="parts delayed", detail="")
    parked = ev.add_note(store, ctx.review_id, parse("^ " + value("PK")),
                         agenda_item_id=item["id"])
    set_follow_up(store, REF, parked["id"], owner=value("PO"), follow_up="")
    oc.add_identifier(store, REF, "locality", value("IR"), value("IP"))
    oc.set_publication_text(store, REF, oc.publication_parts(store, REF)[0].key, value("PT"))
    # An older database: an escape in a participant's agency and in a note.
    with store.write():
        store.db["agencies"].insert({"review_id": ctx.review_id, "name": "RW" + RAW,
                                     })
        store.db["notes"].insert({"review_id": ctx.review_id, "kind": "observation",
                                  "body": "RN" + RAW, "agenda_item_id": item["id"],
                                  "created_at": "2026-02-02T10:00:00+00:00"})
    expected["RW"] = "RW" + RAW_DRAWN
    expected["RN"] = "RN" + RAW_DRAWN


def frame(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.walk
async def test_every_field_is_drawn_as_typed_on_every_screen(store):
    seed(store)
    frames: list[str] = []
    app = LrfApp(store, today=TODAY)
    async with app.run_test(size=(160, 50)) as pilot:

        async def look(*pressed: str) -> None:
            if pressed:
                await keys(pilot, *pressed)
            await pilot.pause()
            frames.append(frame(app))

        await look()  # home
        await look("enter")  # prepare: every tab
        for _ in range(8):
            await look("right_square_bracket")
        await look("left_square_bracket", "escape")
        await look("e")  # the live event, its hypotheses, attendance and parked notes
        for key in ("f3", "f4", "f6"):
            await look(key)
            await look("escape")
        await look("escape", "escape")
        await look("f")  # the outcome form, every field
        for _ in range(16):
            await look("down")
        await look("ctrl+g")  # the publication screen, its first part's publication text
        await look("ctrl+g")  # the identifier register
        await look("escape", "escape")
        await look("escape")
        await look("l")  # the Learning and Improvement view, its three tabs
        await look("2")
        await look("3")
        assert app.return_code is None  # nothing closed the app

    drawn = "\n".join(frames)
    assert "\x1b" not in drawn
    missing = {tag: text for tag, text in expected.items() if text not in drawn}
    assert not missing, missing
    assert "ten bytes ten bytes ten bytes" in drawn  # the 10 KB field is drawn (from its end)
