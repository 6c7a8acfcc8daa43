"""Cutting a long text to the lines a pane shows (partnership/drawing.py): wrapping only the
head of a long text must give what wrapping all of it gives."""

from __future__ import annotations

import random

from rich.console import Console
from rich.text import Text

from lrf_tui.screens.partnership.drawing import clipped

MORE = "… Enter reads all of it"


def whole_wrap(text: Text, width: int) -> list[Text]:
    return text.wrap(Console(width=width, legacy_windows=False), width)


def test_a_long_text_is_cut_where_wrapping_all_of_it_would_cut_it():
    rnd = random.Random(7)
    words = ["a", "bb", "social", "worker", "x" * 25, "健康訪問", "e\u0301", "\n",
             "supercalifragilistic", "[bold]"]
    cut = 0
    for _ in range(400):
        text = Text(" ".join(rnd.choice(words) for _ in range(rnd.randint(50, 400))))
        width, lines = rnd.randint(10, 60), rnd.randint(1, 6)
        drawn = clipped(text, width, lines, "Enter reads all of it")
        whole = whole_wrap(text, width)
        if len(whole) <= lines:
            assert drawn is text  # it all fits: nothing cut
            continue
        cut += 1
        shown = drawn.plain.split("\n")
        assert len(shown) == lines
        assert [s.rstrip() for s in shown[:-1]] == [w.plain.rstrip() for w in whole[:lines - 1]]
        last = whole[lines - 1]
        last.rstrip()
        room = width - Text(MORE).cell_len - 1
        if last.cell_len > room:
            last.truncate(max(0, room))
            last.rstrip()
        assert shown[-1] == f"{last.plain} {MORE}"
    assert cut > 300
