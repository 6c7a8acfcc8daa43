"""Input from a real terminal, read so that a paste is only ever text.

A terminal in bracketed-paste mode sends a paste as ``ESC[200~`` text ``ESC[201~``. Textual 8's
``XTermParser`` reads an ESC inside a paste as the start of a key sequence, so what follows it
(up to 32 characters) comes out as *keys* before the paste, the ESC itself as ``^``: a note
pasted with a colour code was scrambled and, starting with ``^``, filed as parked. And a paste
that contains the end marker ``ESC[201~`` ends there: what follows it runs as keys (a ctrl+r in
it deleted the last note).

:class:`PasteSafeParser` finds the paste markers itself, before Textual's parser sees anything:
bytes outside a paste go to Textual's parser as before; a paste's bytes never do, and leave as
one :class:`~textual.events.Paste` whatever they hold (the app shows its controls as U+FFFD).

Where a paste ends. A terminal writes a paste and its end marker at once, and nobody types a
key within the same read as the paste it follows. So an end marker with nothing after it in
what has been read ends the paste. An end marker with more bytes after it is *ambiguous*: it may
be a marker inside the pasted text (the terminal's own end marker is still to come), or the
real end with a mouse report or a very fast key right behind it. Those bytes are held, as
text, for up to ``SETTLE`` seconds: an end marker within them shows they were pasted text (the
inner marker stays in the text, where the chair sees it as ``�[201~``); without one, they are
the end of the paste's text all the same, except that mouse and focus reports among them are
passed on as the events they are. Either way pasted bytes are never run as keys. What this does
not catch: a read that ends exactly after an inner end marker (the rest of the paste then
arrives as keys, as before); reads are up to 4 KB, so that needs the marker to straddle nothing
and land on the boundary.

(Other fault, elsewhere: a joined emoji typed was split, because Textual's Input takes only
characters Python calls printable, and the zero width joiner is not; see ``app.py``.)
"""

from __future__ import annotations

import re
from typing import Iterable

from textual import constants, events
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

START = "\x1b[200~"
END = "\x1b[201~"
SETTLE = 0.25  # seconds an ambiguous end of paste waits for an end marker

# Reports a terminal sends on its own that may follow a paste: mouse (SGR and X10) and focus.
_REPORT = re.compile(r"\x1b\[<\d+;\d+;\d+[Mm]|\x1b\[M...|\x1b\[[IO]", re.DOTALL)


class PasteSafeParser:
    """Feeds Textual's XTermParser everything but pastes, which it turns into events itself.
    Has the two methods the driver calls: ``feed(data)`` and ``tick()``."""

    def __init__(self, debug: bool = False) -> None:
        self._debug = debug
        self._inner = XTermParser(debug)
        self._paste: list[str] | None = None  # text of the paste being read, or None
        self._held = ""  # outside a paste: a start marker's first bytes; inside: unread text
        self._held_at = 0.0  # when the held start-marker bytes arrived
        self._tentative: int | None = None  # where, in the paste, an ambiguous end's text starts
        self._settle_at = 0.0
        self._lone_escape = False  # the last byte fed to Textual was an ESC, alone

    # -- the driver's interface -----------------------------------------------------------------

    def feed(self, data: str) -> Iterable[Message]:
        out: list[Message] = []
        if not data:  # end of input: whatever is pending goes out as it is
            if self._paste is not None:
                self._finish(out)
            self._to_textual(self._take_held(), out)
            out.extend(self._inner.feed(""))
            return out
        data, self._held = self._held + data, ""
        while data:
            data = self._outside(data, out) if self._paste is None else self._inside(data, out)
        return out

    def tick(self) -> Iterable[Message]:
        out: list[Message] = []
        now = get_time()
        if self._paste is not None and self._tentative is not None and now >= self._settle_at:
            self._finish(out)
        elif self._paste is None and self._held and now - self._held_at >= constants.ESCAPE_DELAY:
            self._to_textual(self._take_held(), out)  # not a paste after all: keys
        out.extend(self._inner.tick())
        return out

    # -- reading ---------------------------------------------------------------------------------

    def _take_held(self) -> str:
        held, self._held = self._held, ""
        return held

    def _outside(self, data: str, out: list[Message]) -> str:
        """Bytes outside a paste: up to a start marker they are Textual's; returns the rest."""
        if self._lone_escape and data.startswith(START[1:]):
            # A start marker split just after its ESC, which Textual's parser holds as a
            # possible Escape key: a fresh parser forgets it, and the paste is read here.
            self._fresh_inner()
            self._paste, self._tentative = [], None
            return data[len(START) - 1:]
        at = data.find(START)
        if at >= 0:
            self._to_textual(data[:at], out)
            self._paste, self._tentative = [], None
            return data[at + len(START):]
        keep = _partial_start(data)
        self._to_textual(data[: len(data) - keep], out)
        if keep:  # the start marker may be split across reads: wait for the rest
            self._held, self._held_at = data[len(data) - keep:], get_time()
        return ""

    def _inside(self, data: str, out: list[Message]) -> str:
        """Bytes inside a paste: text up to an end marker; returns what follows it."""
        assert self._paste is not None
        if data.startswith(START) and self._tentative == sum(map(len, self._paste)):
            self._finish(out)  # a second paste right behind the first: two pastes
            return data
        at = data.find(END)
        if at < 0:
            keep = _partial(data, END)  # the end marker may be split across reads
            self._paste.append(data[: len(data) - keep])
            self._held = data[len(data) - keep:]
            return ""
        self._paste.append(data[:at])
        self._tentative = None  # an end marker came: all before it was pasted text
        rest = data[at + len(END):]
        if not rest:
            self._finish(out)
            return ""
        # Ambiguous: the marker stays in the text until what follows shows what it was.
        self._paste.append(END)
        self._tentative = sum(map(len, self._paste))
        self._settle_at = get_time() + SETTLE
        return rest

    def _finish(self, out: list[Message]) -> None:
        """The paste is over: out it goes, as one Paste event."""
        assert self._paste is not None
        text = "".join(self._paste) + self._take_held()
        reports: list[str] = []
        if self._tentative is not None:
            # An ambiguous end that no end marker followed: the marker was the paste's end, the
            # reports among the bytes after it are what they look like, the rest is text.
            tail = text[self._tentative:]
            reports = _REPORT.findall(tail)
            text = text[: self._tentative - len(END)] + _REPORT.sub("", tail)
        self._paste, self._tentative = None, None
        out.append(events.Paste(text))
        for report in reports:
            self._to_textual(report, out)

    def _to_textual(self, data: str, out: list[Message]) -> None:
        if data:
            out.extend(self._inner.feed(data))
            self._lone_escape = data.endswith("\x1b")

    def _fresh_inner(self) -> None:
        old, self._inner = self._inner, XTermParser(self._debug)
        self._lone_escape = False
        for name in ("last_x", "last_y", "mouse_pixels", "terminal_size", "terminal_pixel_size"):
            setattr(self._inner, name, getattr(old, name))


def _partial(data: str, marker: str) -> int:
    """How many of ``data``'s last characters are a proper start of ``marker``."""
    for n in range(min(len(marker) - 1, len(data)), 0, -1):
        if data.endswith(marker[:n]):
            return n
    return 0


def _partial_start(data: str) -> int:
    """As :func:`_partial` for the start marker, but a lone ESC goes on to Textual at once (the
    Escape key must not wait); :meth:`PasteSafeParser._outside` copes if it was a marker's."""
    n = _partial(data, START)
    return n if n >= 2 else 0


class LrfDriver(LinuxDriver):
    """Textual's Linux/macOS driver, reading input with :class:`PasteSafeParser`."""

    def run_input_thread(self) -> None:
        # Textual's input loop builds its parser from the name XTermParser in its module; the
        # loop itself is kept as Textual wrote it. Only this driver runs in an lrf process.
        from textual.drivers import linux_driver

        linux_driver.XTermParser = PasteSafeParser  # type: ignore[misc,assignment]
        super().run_input_thread()
