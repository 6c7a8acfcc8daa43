"""Every key lrf binds can be remapped from the keymap file and explains itself in the Footer:
each Binding has an id (the name the keymap file uses), unique across the app, and a tooltip."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import lrf_tui


def all_bindings() -> list[tuple[str, Binding]]:
    found = []
    for info in pkgutil.walk_packages(lrf_tui.__path__, "lrf_tui."):
        module = importlib.import_module(info.name)
        for name, cls in vars(module).items():
            if (inspect.isclass(cls) and issubclass(cls, DOMNode)
                    and cls.__module__ == module.__name__ and "BINDINGS" in vars(cls)):
                for b in cls.BINDINGS:
                    assert isinstance(b, Binding), f"{name}: {b!r} is not a Binding"
                    found.append((f"{module.__name__}.{name}", b))
    return found


def test_the_walk_finds_the_screens():
    owners = {owner for owner, _ in all_bindings()}
    assert "lrf_tui.app.LrfApp" in owners
    assert "lrf_tui.screens.event.screen.EventScreen" in owners
    assert len(owners) >= 20


def test_every_binding_has_an_id_and_a_tooltip():
    missing = [f"{owner}: {b.key} -> {b.action}" for owner, b in all_bindings()
               if not b.id or not b.tooltip.strip()]
    assert missing == []


def test_binding_ids_are_unique_and_dotted():
    seen: dict[str, str] = {}
    clashes = []
    for owner, b in all_bindings():
        assert b.id and "." in b.id, f"{owner}: {b.id!r}"
        if b.id in seen:
            clashes.append(f"{b.id}: {seen[b.id]} and {owner}")
        seen[b.id] = owner
    assert clashes == []
