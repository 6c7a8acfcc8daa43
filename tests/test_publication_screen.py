"""The publication screen at 80×24, by keyboard only: both texts side by side, a flag highlighted
and listed, the publication text edited, the part approved and its state seen to change."""

from __future__ import annotations

from complete_form import complete_form
from facilitation import outcome as oc
from facilitation.demo import add_demo
from keys import keys, type_keys
from lrf_tui.app import LrfApp
from lrf_tui.screens.publication import PublicationScreen


async def test_side_by_side_edit_and_approve_by_keyboard(store):
    ref = add_demo(store)
    oc.add_identifier(store, ref, "name", "Kayleigh Brennan", "the child")
    complete_form(store, ref)
    oc.save_field(store, ref, "method", "Kayleigh Brennan lived at NE8 1AB.")
    oc.finalise(store, ref, "30/11/2026")
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        # Opened straight away: the form screen's ctrl+g only pushes this screen, and drawing
        # the whole form first would cost the suite 4 s.
        await app.push_screen(PublicationScreen(ref))
        await pilot.pause()
        screen = app.screen
        internal = str(screen.query_one("#internal").render())
        assert "Kayleigh Brennan lived at NE8 1AB." in " ".join(internal.split())
        public = screen.query_one("#public").text
        assert "Brennan" not in public and "NE8 1AB" in public
        view = screen.query_one("#view").render()
        at = view.plain.index("NE8 1AB")
        assert any(getattr(s.style, "reverse", False) and s.start <= at < s.end for s in view.spans)
        assert "postcode" in str(screen.query_one("#flags").render())
        assert "How this r… 1 flag" in screen.query_one("#parts").get_option_at_index(0).prompt.plain

        await keys(pilot, "enter")  # into the publication text
        await keys(pilot, "f7")  # the text box's own key: select all
        await type_keys(pilot, "The child lived in the area.")
        await pilot.pause()
        assert "No flags" in str(screen.query_one("#flags").render())
        await keys(pilot, "escape", "f5")
        await pilot.pause()
        assert "How this r… ok" in screen.query_one("#parts").get_option_at_index(0).prompt.plain
        title = str(screen.query_one("#pub-title").render())
        assert "8 of 9 parts to approve" in title
    part = next(p for p in oc.publication_parts(store, ref) if p.key == "method")
    assert part.approved and part.public == "The child lived in the area."
