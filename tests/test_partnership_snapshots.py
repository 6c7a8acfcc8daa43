"""The Learning and Improvement view at 80x24 and 120x40, on fixed data and a fixed date."""

from __future__ import annotations

import pytest

from facilitation import clock
from facilitation import partnership as p
from lrf_tui.app import LrfApp

from partnership_seed import TODAY, seed


@pytest.fixture
def app(store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    seed(store)
    return LrfApp(store)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_action_tracker(snap_compare, app, size):
    assert snap_compare(app, press=["l", "down"], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_themes(snap_compare, app, size):
    assert snap_compare(app, press=["l", "2", "tab"], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_impact_dialog(snap_compare, app, size):
    assert snap_compare(app, press=["l", "i", *"Flags now shown"], terminal_size=size)
