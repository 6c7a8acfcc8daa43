"""A pseudo-terminal the bench reads itself: spawn a program, send keys, and know when text is
on the terminal.

The bench plays a terminal that supports synchronized output (as kitty, WezTerm, foot, iTerm2
and Windows Terminal do): it answers Textual's query for mode 2026, so every frame arrives
between ``ESC[?2026h`` and ``ESC[?2026l``. The screen is a grid of characters kept from the bytes
(cursor moves and text; colours and styles are ignored), and conditions on it are checked at the
end of each frame, never halfway through one. A frame's time is the moment the read that
completed it returned.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from typing import Callable

from rich.cells import cell_len

KEYS = {
    "enter": "\r", "escape": "\x1b", "backspace": "\x7f", "tab": "\t",
    "up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
    "f1": "\x1bOP", "f2": "\x1bOQ", "f3": "\x1bOR", "f4": "\x1bOS", "f5": "\x1b[15~",
    "f6": "\x1b[17~", "f7": "\x1b[18~", "f8": "\x1b[19~", "f9": "\x1b[20~", "f10": "\x1b[21~",
    "ctrl+q": "\x11", "ctrl+s": "\x13",
}

_TOKEN = re.compile(
    r"\x1b\[(?P<params>[0-?]*)(?P<inter>[ -/]*)(?P<final>[@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[P^_X][^\x1b]*\x1b\\"  # DCS, PM, APC, SOS
    r"|\x1b[()*+][0-9A-Za-z]"  # charset
    r"|\x1b[@-OQ-WYZ\\a-z0-9=>]"  # other ESC x (not the openers of CSI, OSC, DCS...)
    r"|[\x00-\x1a\x1c-\x1f\x7f]"  # C0 controls
)
SYNC_QUERY = "\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"


class Timeout(Exception):
    pass


class Term:
    """One child process on its own pseudo-terminal."""

    def __init__(self, argv: list[str], env: dict, size: tuple[int, int] = (100, 30),
                 name: str = ""):
        self.cols, self.rows = size
        self.name = name or os.path.basename(argv[0])
        self.grid = [[" "] * self.cols for _ in range(self.rows)]
        self.x = self.y = 0
        self.in_sync = False
        self.dirty = False  # the grid changed since the last frame ended
        self.frames = 0
        self.frame_at: float | None = None  # when the last frame ended
        self.changed_at: float | None = None  # when the last frame that changed the grid ended
        self.watch: Callable[[Term], bool] | None = None
        self.hit: float | None = None
        self.eof = False
        self.rusage = None
        self.status: int | None = None
        self._pending = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        os.set_blocking(fd, False)

    # -- input --

    def send(self, keys: str) -> float:
        """Write keys as a terminal would; returns the time just before writing."""
        t = time.perf_counter()
        os.write(self.fd, keys.encode())
        return t

    def key(self, name: str) -> float:
        return self.send(KEYS[name])

    # -- output --

    def read(self) -> None:
        try:
            data = os.read(self.fd, 1 << 16)
        except BlockingIOError:
            return
        except OSError:  # EIO: the child closed the terminal
            data = b""
        now = time.perf_counter()
        if not data:
            self.eof = True
            return
        self._feed(self._decoder.decode(data), now)

    def _feed(self, text: str, now: float) -> None:
        text = self._pending + text
        self._pending = ""
        cut = text.rfind("\x1b")
        if cut >= 0:
            m = _TOKEN.match(text, cut)
            if m is None:  # a sequence cut in two by the read: keep it for the next
                self._pending, text = text[cut:], text[:cut]
        pos = 0
        for m in _TOKEN.finditer(text):
            if m.start() > pos:
                self._put(text[pos:m.start()])
            pos = m.end()
            self._control(m, now)
        if pos < len(text):
            self._put(text[pos:])
        if not self.in_sync and self.dirty:
            self._frame_end(now)  # output without synchronized update: each read is a frame

    def _control(self, m: re.Match, now: float) -> None:
        s = m.group(0)
        final = m.group("final")
        if final is None:
            if s == "\r":
                self.x = 0
            elif s == "\n":
                self.y = min(self.y + 1, self.rows - 1)
            elif s == "\x08":
                self.x = max(self.x - 1, 0)
            return
        params = m.group("params")
        if s == SYNC_QUERY:
            os.write(self.fd, SYNC_REPLY)
        elif params == "?2026" and final == "h":
            self.in_sync = True
        elif params == "?2026" and final == "l":
            self.in_sync = False
            self._frame_end(now)
        elif params.startswith("?") or m.group("inter"):
            return
        elif final in "Hf":
            parts = (params.split(";") + ["", ""])[:2]
            self.y = min(max(int(parts[0] or 1) - 1, 0), self.rows - 1)
            self.x = min(max(int(parts[1] or 1) - 1, 0), self.cols)
        elif final in "ABCDG":
            n = int(params or 1)
            if final == "A":
                self.y = max(self.y - n, 0)
            elif final == "B":
                self.y = min(self.y + n, self.rows - 1)
            elif final == "C":
                self.x = min(self.x + n, self.cols)
            elif final == "D":
                self.x = max(self.x - n, 0)
            else:
                self.x = min(max(n - 1, 0), self.cols)
        elif final == "J" and params in ("2", "3"):
            self.grid = [[" "] * self.cols for _ in range(self.rows)]
            self.dirty = True
        elif final == "K":
            row = self.grid[self.y]
            start, end = {"1": (0, self.x + 1), "2": (0, self.cols)}.get(params,
                                                                       (self.x, self.cols))
            for i in range(start, min(end, self.cols)):
                if row[i] != " ":
                    row[i] = " "
                    self.dirty = True

    def _put(self, text: str) -> None:
        row = self.grid[self.y]
        x = self.x
        for ch in text:
            if x >= self.cols:
                break  # Textual turns line wrapping off
            if row[x] != ch:
                row[x] = ch
                self.dirty = True
            x += 1
            if not ch.isascii() and cell_len(ch) == 2 and x < self.cols:
                if row[x] != "":
                    row[x] = ""
                    self.dirty = True
                x += 1
        self.x = x

    def _frame_end(self, now: float) -> None:
        self.frames += 1
        self.frame_at = now
        if self.dirty:
            self.changed_at = now
            self.dirty = False
        if self.watch is not None and self.hit is None and self.watch(self):
            self.hit = now

    # -- the screen --

    def line(self, y: int) -> str:
        return "".join(self.grid[y])

    def lines(self) -> list[str]:
        return [self.line(y) for y in range(self.rows)]

    def screen(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines())

    def shows(self, text: str) -> bool:
        return any(text in line for line in self.lines())

    def row_of(self, text: str) -> int | None:
        for y, line in enumerate(self.lines()):
            if text in line:
                return y
        return None

    def peak_rss_mb(self) -> float:
        """Peak resident memory so far (VmHWM) of the running child."""
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM")


class Pool:
    """Every terminal the bench has open; all of them are read whenever the bench waits, so an
    idle program never blocks on a full terminal while the other one is measured."""

    def __init__(self) -> None:
        self.terms: list[Term] = []

    def spawn(self, argv: list[str], env: dict, size=(100, 30), name: str = "") -> Term:
        term = Term(argv, env, size, name)
        self.terms.append(term)
        return term

    def pump(self, timeout: float) -> None:
        live = {t.fd: t for t in self.terms if not t.eof}
        if not live:
            time.sleep(timeout)
            return
        ready, _, _ = select.select(list(live), [], [], timeout)
        for fd in ready:
            live[fd].read()

    def wait(self, term: Term, condition: Callable[[Term], bool], timeout: float = 20.0,
             what: str = "") -> float:
        """Time of the end of the first frame after now on which ``condition`` holds."""
        term.hit = None
        term.watch = condition
        deadline = time.perf_counter() + timeout
        try:
            while term.hit is None:
                if term.eof:
                    raise Timeout(f"{term.name} ended while waiting for {what or condition}:\n"
                                  f"{term.screen()}")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise Timeout(f"{term.name}: no frame showed {what or condition} within "
                                  f"{timeout:.0f} s; the screen was:\n{term.screen()}")
                self.pump(min(left, 0.05))
        finally:
            term.watch = None
        return term.hit

    def wait_text(self, term: Term, *texts: str, timeout: float = 20.0) -> float:
        return self.wait(term, lambda t: all(t.shows(x) for x in texts), timeout,
                         what=" and ".join(repr(x) for x in texts))

    def settle(self, term: Term, quiet: float = 0.2, timeout: float = 20.0) -> float | None:
        """Read until ``term`` has drawn no change for ``quiet`` seconds; returns the time of
        its last frame that changed the screen."""
        start = time.perf_counter()
        self.pump(0)
        while not term.eof:
            now = time.perf_counter()
            last = term.changed_at if term.changed_at is not None else start
            if now - last >= quiet:
                break
            if now - start > timeout:
                raise Timeout(f"{term.name} kept changing for {timeout:.0f} s")
            self.pump(min(quiet - (now - last), 0.02))
        return term.changed_at

    def sleep(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self.pump(min(left, 0.02))

    def close(self, term: Term) -> Term:
        """Quit as a user would (ctrl+q, again if asked to confirm), then SIGTERM, then SIGKILL;
        reap it and keep its resource usage (``term.rusage.ru_maxrss``: peak memory, KiB)."""
        steps = [(0.0, "ctrl+q"), (2.0, "ctrl+q"), (5.0, signal.SIGTERM), (8.0, signal.SIGKILL)]
        start = time.perf_counter()
        while not term.eof:
            elapsed = time.perf_counter() - start
            while steps and elapsed >= steps[0][0]:
                _, step = steps.pop(0)
                try:
                    if isinstance(step, str):
                        term.key(step)
                    else:
                        os.kill(term.pid, step)
                except (OSError, ProcessLookupError):
                    pass
            if elapsed > 10:
                break
            self.pump(0.05)
        _, status, usage = os.wait4(term.pid, 0)
        term.status, term.rusage = status, usage
        os.close(term.fd)
        self.terms.remove(term)
        return term

    def close_all(self) -> None:
        for term in list(self.terms):
            try:
                self.close(term)
            except Exception:
                pass
