"""Every dialog draws its title, labels and messages as the literal text given.

A name, a theme or an agency may hold ``[/]``, ``[bold]`` or a pasted ANSI escape. A dialog that
quotes it must show those characters as typed (the escape made visible as U+FFFD, never obeyed),
not restyle the screen or stop the app with a markup error. Every subclass of
``lrf_tui.dialogs.Dialog`` must have a case here, so a new dialog is checked too.
"""

from __future__ import annotations

import pytest
from rich.text import Text

import lrf_tui.screens.form  # noqa: F401  (defines dialogs on the base)
import lrf_tui.screens.partnership  # noqa: F401
from facilitation.errors import FieldRefused, InputRefused
from lrf_tui.app import LrfApp
from lrf_tui.dialogs import ConfirmModal, Dialog, Field, FormModal
from lrf_tui.dialogs.export import ExportDialog
from lrf_tui.screens.form import PickIndexScreen, PromptScreen, TextScreen
from lrf_tui.screens.form.circulation import FinalRefusedScreen
from lrf_tui.screens.partnership.dialogs import FieldsScreen, PickValueScreen, ReaderScreen
from keys import keys


def hostile(tag: str) -> str:
    return f"{tag}[/][bold]\x1b[1m"


def drawn(tag: str) -> str:
    """What ``hostile(tag)`` must look like on screen."""
    return f"{tag}[/][bold]\ufffd[1m"


def refuse(message: str, field: str | None = None):
    def save(*_values):
        raise InputRefused(message) if field is None else FieldRefused(field, message)

    return save


# class -> (make the dialog, keys that bring up its message, the tags that must be drawn)
CASES = {
    ConfirmModal: (lambda: ConfirmModal(hostile("T"), hint=hostile("M")), (), "TM"),
    FormModal: (lambda: FormModal(hostile("T"), [
        Field("a", hostile("L"), "input", "x", hint=hostile("H")),
        Field("b", hostile("K"), "check", False),
        Field("c", "Pick", "select", None, [(hostile("O"), 1)], allow_blank=True),
    ], refuse(hostile("M"), "a")), ("ctrl+s",), "TLHKM"),
    PromptScreen: (lambda: PromptScreen(hostile("T"), [("a", hostile("L"), "")],
                                        hint=hostile("H"), submit=lambda _v: False),
                   (), "TLH"),
    PickIndexScreen: (lambda: PickIndexScreen(hostile("T"), [hostile("O")]), (), "TO"),
    TextScreen: (lambda: TextScreen(hostile("T"), "body"), (), "T"),
    PickValueScreen: (lambda: PickValueScreen(hostile("T"), [(1, hostile("O"))]), (), "TO"),
    FieldsScreen: (lambda: FieldsScreen(hostile("T"), [(hostile("L"), "", "x")],
                                        refuse(hostile("M"))), ("enter",), "TLM"),
    ReaderScreen: (lambda: ReaderScreen(hostile("T"), Text("body")), (), "T"),
    ExportDialog: (lambda: ExportDialog(hostile("T")), (), "T"),
    FinalRefusedScreen: (lambda: FinalRefusedScreen([hostile("R")], True, "01/12/2026",
                                                    hostile("G")), (), "RG"),
}


def every_dialog(cls=Dialog) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | every_dialog(sub)
    return out


def test_every_dialog_on_the_base_has_a_case():
    assert every_dialog() == set(CASES)


@pytest.mark.parametrize("cls", list(CASES), ids=lambda c: c.__name__)
async def test_dialog_words_are_drawn_literally(store, cls):
    make, pressed, tags = CASES[cls]
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(make())
        await pilot.pause()
        if pressed:
            await keys(pilot, *pressed)
            await pilot.pause()
        assert isinstance(app.screen, cls)
        if cls is FormModal:  # the select's option shows once the list is open
            app.screen.query_one("#f-c").expanded = True
            await pilot.pause()
            tags += "O"
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        screen = "\n".join(lines)
        assert "\x1b" not in screen
        for tag in tags:
            assert drawn(tag) in screen, (tag, screen)
