"""Writing exported documents: private (0600), whole or not at all, never over a database.

Every export that leaves lrf as a file goes through :func:`write_private`, so the command line
and the app obey the same rules:

- ``-`` (and ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``) is written into that open stream.
- A named pipe or a character device (``/dev/null``, a terminal) is written into as a stream:
  it is never replaced by a regular file, and ``force`` is not needed (nothing is replaced).
- Anything else is a file: written to a temporary file (0600) beside it, synced, then moved
  into place, so a reader never sees half a document. An existing file is refused unless
  ``force``. The temporary file is removed on any failure and on SIGINT/SIGTERM.
- Never, even with ``force``: the database in use or its ``-wal``/``-shm``/``-journal`` (by
  identity, so a symlink, a hard link or a relative path is caught), any file that starts with
  the SQLite or WAL header or belongs to one (save one the caller's ``replaceable`` accepts,
  with ``force``: a review file replaced by a newer one), a folder, a block device or a socket.

Messages name the file only, never what is in it.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from facilitation.errors import InputRefused
from facilitation.store.sqlite_files import SQLITE_MAGIC

STDOUT = "-"
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
SIDE_FILES = ("-wal", "-shm", "-journal")
_FD_ALIAS = re.compile(r"/dev/(stdout|stderr)|/dev/fd/(\d+)|/proc/(self|\d+)/fd/(\d+)")
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while an export file was being written; the partial file is gone."""


@dataclass(frozen=True)
class Target:
    shown: str  # the name the user gave, for messages
    kind: str  # "stdout"; "fd": another open stream; "stream": a pipe or device to open; "file"
    path: Path | None = None  # for "stream" and "file": the real (symlink-free) path
    fd: int | None = None  # for "fd" (and "stdout" when it has one)


def check_target(path: str | os.PathLike, *, force: bool = False,
                 protect: Iterable[str | os.PathLike] = (),
                 replaceable: Callable[[Path], bool] | None = None) -> Target:
    """Where ``path`` would be written, or :class:`InputRefused` (one sentence). Writes nothing.

    ``protect`` names the database in use; it and its side files are never written."""
    shown = os.fspath(path)
    if not shown:
        raise InputRefused("The file name is empty; give a file name, or - for standard output.")
    if shown == STDOUT:
        if sys.stdout is None:  # started with standard output closed (`>&-`)
            raise InputRefused("Standard output is not open; nothing was written.")
        try:
            fd = sys.stdout.fileno()
        except (AttributeError, OSError, ValueError):  # replaced in-process (a test runner)
            return Target("standard output", "stdout")
        _check_fd("standard output", fd, protect)
        return Target("standard output", "stdout", fd=fd)
    alias = _FD_ALIAS.fullmatch(os.path.abspath(shown))
    if alias:
        name, fd, pid, pfd = alias.groups()
        if pid is None or pid == "self" or int(pid) == os.getpid():
            number = {"stdout": 1, "stderr": 2}.get(name) if name else int(fd or pfd)
            return _check_fd(shown, number, protect)
    real = Path(os.path.realpath(shown))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise InputRefused(f"Cannot use {shown} ({e.strerror}).") from None
    if st is not None and (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        return Target(shown, "stream", path=real)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputRefused(f"{shown} is a folder; give a file name.")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise InputRefused(f"{shown} is a device or socket, not a file; give a file name.")
    _refuse_database(shown, real, st, protect, replaceable=replaceable)
    if st is not None and not force:
        raise InputRefused(f"{shown} already exists; add --force to replace it.")
    folder = real.parent
    if not folder.is_dir():
        raise InputRefused(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputRefused(f"The folder {folder} cannot be written to.")
    return Target(shown, "file", path=real)


def write_private(path: str | os.PathLike, data: str | bytes | Iterable[str], *,
                  force: bool = False, protect: Iterable[str | os.PathLike] = (),
                  replaceable: Callable[[Path], bool] | None = None) -> None:
    """Write ``data`` (text is UTF-8) to ``path`` by the rules above; :class:`InputRefused` if not.

    ``replaceable``: with ``force``, an existing SQLite file for which it says True may be
    replaced (a review file by a newer one); the database in use and its side files never.

    ``data`` may be the text in pieces (an iterable of str), written as they come so a long
    document is never held whole; a file still appears whole or not at all.

    A file is created 0600 and appears whole or not at all; on any failure, SIGINT or SIGTERM
    (from the main thread) no temporary file is left and an existing file is untouched."""
    protect = tuple(protect)
    blobs = _blobs(data)
    target = check_target(path, force=force, protect=protect, replaceable=replaceable)
    with _interruptible():
        if target.kind == "stdout":
            sys.stdout.flush()
            try:
                for blob in blobs:
                    sys.stdout.buffer.write(blob)
            except OSError as e:
                if isinstance(e, BrokenPipeError):
                    raise
                raise InputRefused(_cannot_write(target.shown, e)) from None
            sys.stdout.flush()
        elif target.kind == "fd":
            sys.stdout.flush()
            sys.stderr.flush()
            for blob in blobs:
                _write_all(target.fd, blob, target.shown)
        elif target.kind == "stream":
            _write_stream(target, blobs)
        else:
            _write_file(target, blobs, force, protect, replaceable)


_PIECE = 1 << 18  # text gathered into pieces of about this size before it is encoded


def _blobs(data: str | bytes | Iterable[str]) -> Iterator[bytes]:
    """``data`` as UTF-8 bytes, a piece at a time."""
    if isinstance(data, str):
        yield data.encode("utf-8")
        return
    if isinstance(data, (bytes, bytearray, memoryview)):
        yield bytes(data)
        return
    held: list[str] = []
    size = 0
    for text in data:
        if len(text) >= _PIECE:  # a long field's text: not copied into a bigger piece
            if held:
                yield "".join(held).encode("utf-8")
                held, size = [], 0
            yield text.encode("utf-8")
            continue
        held.append(text)
        size += len(text)
        if size >= _PIECE:
            yield "".join(held).encode("utf-8")
            held, size = [], 0
    if held:
        yield "".join(held).encode("utf-8")


# -- refusals ------------------------------------------------------------------------------------


def _check_fd(shown: str, fd: int, protect) -> Target:
    try:
        st = os.fstat(fd)
    except OSError:
        raise InputRefused(f"{shown} is not open; nothing was written.") from None
    if stat.S_ISBLK(st.st_mode):
        raise InputRefused(f"{shown} is a disk device; an export is never written into one.")
    if stat.S_ISREG(st.st_mode):  # `lrf export … -o /dev/stdout >> lrf.db`
        # The shell opened it already; if it cannot be read back, identity is what is checked.
        _refuse_database(shown, Path(f"/proc/self/fd/{fd}"), st, protect, readable_only=True)
    return Target(shown, "fd", fd=fd)


def _refuse_database(shown: str, real: Path, st: os.stat_result | None, protect, *,
                     readable_only: bool = False,
                     replaceable: Callable[[Path], bool] | None = None) -> None:
    """Refuse the database in use, its side files, and anything SQLite, whatever ``force`` says."""
    for db in protect:
        db_abs = os.path.abspath(os.fspath(db))
        db_real = os.path.realpath(db_abs)
        for suffix in ("", *SIDE_FILES):
            names = {db_abs + suffix, db_real + suffix}
            same = str(real) in names
            if not same and st is not None:
                try:
                    same = os.path.samestat(st, os.stat(db_real + suffix))
                except OSError:
                    pass
            if same and not suffix:
                raise InputRefused(f"{shown} is the database lrf is using; choose another file.")
            if same:
                raise InputRefused(f"{shown} belongs to the database lrf is using; "
                                   "choose another file.")
    if st is not None and _starts_like_sqlite(shown, real, readable_only) and not (
            replaceable is not None and replaceable(real)):
        raise InputRefused(f"{shown} is a SQLite database, which an export never replaces; "
                           "choose another file.")
    for suffix in SIDE_FILES:
        base = str(real)[: -len(suffix)]
        if str(real).endswith(suffix) and os.path.isfile(base) and _starts_like_sqlite(shown, base):
            raise InputRefused(f"{shown} belongs to a SQLite database, which an export never "
                               "touches; choose another file.")


def _starts_like_sqlite(shown: str, path: str | Path, readable_only: bool = False) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        if readable_only:
            return False
        raise InputRefused(f"{shown} cannot be read, so lrf cannot tell that it is not a "
                           "database; choose another file.") from None
    return head == SQLITE_MAGIC or head[:4] in WAL_MAGICS


# -- writing -------------------------------------------------------------------------------------


def _write_stream(target: Target, blobs: Iterable[bytes]) -> None:
    """Into a pipe or device, as `>` would: no temporary file, nothing replaced."""
    try:
        fd = os.open(target.path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as e:
        raise InputRefused(f"Cannot write {target.shown} ({e.strerror}).") from None
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):  # swapped since it was checked
            raise InputRefused(f"{target.shown} changed while lrf was writing; try again.")
        for blob in blobs:
            _write_all(fd, blob, target.shown)
    finally:
        os.close(fd)


def _write_file(target: Target, blobs: Iterable[bytes], force: bool, protect,
                replaceable=None) -> None:
    """Temporary file beside the target, synced, then moved in: whole or not at all."""
    real, shown = target.path, target.shown
    fd = tmp = None
    try:
        with _signals_held():
            fd, tmp = tempfile.mkstemp(prefix=".lrf-", suffix=".tmp", dir=real.parent)
        os.fchmod(fd, 0o600)
        for blob in blobs:
            _write_all(fd, blob, shown)
        os.fsync(fd)
        os.close(fd)
        fd = None
        if check_target(shown, force=force, protect=protect, replaceable=replaceable) != target:
            raise InputRefused(f"{shown} changed while lrf was writing; try again.")
        with _signals_held():
            _move_into_place(tmp, real, shown, force)
            tmp = None
        _sync_folder(real.parent)
    except OSError as e:
        raise InputRefused(_cannot_write(shown, e)) from None
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None:
            with _signals_held():
                Path(tmp).unlink(missing_ok=True)


def _move_into_place(tmp: str, real: Path, shown: str, force: bool) -> None:
    if force:
        os.replace(tmp, real)
        return
    try:
        os.link(tmp, real)  # fails if a file appeared meanwhile: never replaces one unasked
    except FileExistsError:
        raise InputRefused(f"{shown} already exists; add --force to replace it.") from None
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(real):  # a file system without hard links
            raise InputRefused(f"{shown} already exists; add --force to replace it.") from None
        os.replace(tmp, real)
        return
    os.unlink(tmp)


def _write_all(fd: int, blob: bytes, shown: str) -> None:
    view = memoryview(blob)
    while view:
        try:
            done = os.write(fd, view)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise InputRefused(_cannot_write(shown, e)) from None
        view = view[done:]


def _cannot_write(shown: str, e: OSError) -> str:
    if e.errno == errno.ENOSPC:
        return f"Cannot write {shown}: the disk is full; nothing was written."
    return f"Cannot write {shown} ({e.strerror or type(e).__name__})."


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- signals -------------------------------------------------------------------------------------


def _raise_for(signum: int, frame) -> None:
    if signum == signal.SIGTERM:
        raise Terminated()
    raise KeyboardInterrupt()


@contextmanager
def _interruptible() -> Iterator[None]:
    """While writing, SIGINT and SIGTERM raise, so ``finally`` removes the temporary file rather
    than the process dying where it stands. Only the main thread gets signals; a signal the
    caller ignores stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {}
    for sig in _SIGNALS:
        old = signal.getsignal(sig)
        if old is None or old == signal.SIG_IGN:
            continue  # ignored, or set outside Python: leave it alone
        saved[sig] = old
        signal.signal(sig, _raise_for)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM across a step that creates or removes the temporary file, so the
    name is always known to the cleanup; a held signal is acted on right after."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
