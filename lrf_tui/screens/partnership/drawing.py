"""How the Learning and Improvement view fits text into fixed space: the themes' trend chart,
table cells cut to their column, a long text clipped to a few lines, and an action told whole.

The trend chart is drawn with block characters in a Static, one column per period with its
count printed under it. Textual's Sparkline was tried first: it scales between the smallest and
largest value, so a theme seen once every quarter drew as an empty baseline, and it cannot label
periods; textual-plotext would add two dependencies for a three-row chart that must fit 80x24.
"""

from __future__ import annotations

from rich.text import Text

from facilitation import partnership as p

from ...text import clean, literal

BLOCKS = " ▁▂▃▄▅▆▇█"


def trend_chart(values: list[int], periods: list[str], width: int, rows: int = 2) -> Text:
    """Columns of block characters, one per period (the latest that fit), each with its count
    and its period (Q1..Q4, or the year's last two digits) printed under it: the height shows
    the trend and the numbers say it exactly."""
    column = 4
    fit = max(1, width // column)
    values, periods = values[-fit:], periods[-fit:]
    peak = max(values) if values and max(values) > 0 else 1
    out = Text()
    for level in range(rows, 0, -1):
        for v in values:
            eighths = round(v / peak * rows * 8)
            cell = min(max(eighths - (level - 1) * 8, 0), 8)
            out.append((BLOCKS[cell] * 2).ljust(column), style="bold")
        out.append("\n")
    out.append("".join(str(v).ljust(column) for v in values))
    out.append("\n")
    out.append("".join((period[-2:]).ljust(column) for period in periods), style="dim")
    return out


def short(value: object, width: int) -> Text:
    text = clean(value)
    if len(text) > width:
        text = text[: width - 1] + "…"
    return literal(text)


def clipped(text: Text, width: int, lines: int, more: str) -> Text:
    """``text`` as it wraps at ``width``, cut to ``lines`` lines, the last of them ending with
    ``more`` (how to read the rest) when anything was cut."""
    from rich.console import Console

    width, lines = max(10, width), max(1, lines)
    console = Console(width=width, legacy_windows=False)
    wrapped = None
    head = (lines + 2) * width  # no line holds more than ``width`` characters of one cell
    if len(text) > head:
        # A long text (every finding of a review) is wrapped only as far as the lines shown:
        # the lines before the last two of the head break where the whole text's lines do
        # (the head's last line may end in a word cut short, which could fit the line before).
        wrapped = text[:head].wrap(console, width)
        if len(wrapped) <= lines + 1:
            wrapped = None  # characters of no width: too few lines to tell, wrap it all
    if wrapped is None:
        wrapped = text.wrap(console, width)
    if len(wrapped) <= lines:
        return text
    tail = Text(f"… {more}", style="italic")
    last = wrapped[lines - 1]
    last.rstrip()
    room = width - tail.cell_len - 1
    if last.cell_len > room:
        last.truncate(max(0, room))
        last.rstrip()
    out = Text("\n").join([*wrapped[: lines - 1], last])
    out.append(" ")
    out.append_text(tail)
    return out


def action_text(a: p.Action, full: bool = False) -> Text:
    """What is known of an action: the review, status and dates, who owns it, the action
    itself and each piece of evidence of its impact (``full`` adds the timeframe as
    written, the finding it answers and the review's title)."""
    text = Text()
    text.append(f"{a.ref} · {a.status}")
    if a.due:
        text.append(f" · due {a.due}")
    if a.completed_on:
        text.append(f" · done {a.completed_on}")
    text.append(" · ")
    text.append_text(literal(a.owner or "no one named"))
    if a.agency:
        text.append(" (")
        text.append_text(literal(a.agency))
        text.append(")")
    text.append("\n")
    text.append_text(literal(a.action))
    for ev in a.impact:
        text.append(f"\nImpact {ev['observed_on']}: ")
        text.append_text(literal(ev["what_changed"]))
        if ev["how_measured"]:
            text.append(" — measured by ")
            text.append_text(literal(ev["how_measured"]))
    if not a.impact:
        text.append("\nNo evidence of impact yet (i adds it).")
    if full:
        extra = Text()
        extra.append("Review: ")
        extra.append_text(literal(f"{a.ref} {a.review_title}"))
        if a.timeframe:
            extra.append("\nTimeframe as written: ")
            extra.append_text(literal(a.timeframe))
        if a.finding:
            extra.append("\nFinding it answers: ")
            extra.append_text(literal(a.finding))
        text = extra + Text("\n\n") + text
    return text
