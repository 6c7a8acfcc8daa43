"""When something unexpected stops lrf: a crash report for support, and one sentence for the user.

The report holds the versions, each exception's TYPE and its code locations ("file:line in
function") and nothing else: no exception message (SQLite and Python quote values in them, and
values are case content), no local variables, no source lines. It is written 0600 into a 0700
folder in the user data folder. Nothing here imports Textual (the command line uses it too).
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import sqlite3
import traceback
from pathlib import Path
from types import TracebackType

from facilitation import clock

from . import __version__

REPORTS = "crash-reports"
_PROJECT = Path(__file__).resolve().parent.parent


def reports_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("lrf", appauthor=False) / REPORTS


def _where(filename: str) -> str:
    """A file named from its package (…/site-packages/textual/app.py → textual/app.py)."""
    path = filename.replace("\\", "/")
    if "/site-packages/" in path:
        return path.rsplit("/site-packages/", 1)[1]
    try:
        return Path(filename).resolve().relative_to(_PROJECT).as_posix()
    except (ValueError, OSError):
        return path


def _type_name(error: BaseException) -> str:
    cls = type(error)
    name = cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    code = getattr(error, "sqlite_errorname", None)
    return f"{name} ({code})" if isinstance(code, str) and code.isidentifier() else name


def _frames(tb: TracebackType | None) -> list[str]:
    return [f"  {_where(f.filename)}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb)]


def _chain(error: BaseException) -> list[BaseException]:
    """The error and what led to it (a worker's own error, an explicit or implicit cause)."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen and len(seen) < 8:
        seen.append(current)
        inner = getattr(current, "error", None)  # textual.worker.WorkerFailed
        if isinstance(inner, BaseException):
            current = inner
        elif current.__cause__ is not None:
            current = current.__cause__
        elif not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
    return seen


def report_text(error: BaseException, when: _dt.datetime | None = None) -> str:
    when = when or clock.now()
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:
        textual = "unknown"
    lines = [
        "lrf crash report (no case content: exception types and code locations only)",
        f"time: {when.isoformat(timespec='seconds')}",
        f"lrf {__version__}; Python {platform.python_version()}; Textual {textual}; "
        f"SQLite {sqlite3.sqlite_version}; {platform.system()} {platform.machine()}",
    ]
    for depth, err in enumerate(_chain(error)):
        lines.append("")
        lines.append(("error: " if depth == 0 else "which came from: ") + _type_name(err))
        lines.append("where (most recent call last):")
        lines.extend(_frames(err.__traceback__) or ["  (no code locations)"])
    return "\n".join(lines) + "\n"


def write_report(error: BaseException, folder: Path | None = None) -> Path | None:
    """Write the report; its path, or None when it could not be written (a full disk…)."""
    try:
        folder = folder or reports_folder()
        if not folder.is_dir():
            if not folder.parent.is_dir():
                folder.parent.mkdir(parents=True, mode=0o700)
                os.chmod(folder.parent, 0o700)
            folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)
        now = clock.now()
        path = folder / f"crash-{now.strftime('%Y%m%dT%H%M%SZ')}-{os.getpid()}.txt"
        data = report_text(error, now).encode("utf-8")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        os.close(fd)
        return path
    except Exception:
        return None


def database_unusable(error: BaseException) -> bool:
    """Did the database itself fail (damaged, unreadable disk), rather than lrf's own code?"""
    from .writes import is_write_failure

    return any(isinstance(e, sqlite3.Error) and is_write_failure(e) for e in _chain(error))


def message(error: BaseException, report: Path | None) -> str:
    """The one line printed after the terminal is restored."""
    if database_unusable(error):
        from .writes import describe_sqlite_error

        failed = next(e for e in _chain(error) if isinstance(e, sqlite3.Error))
        said = f"lrf stopped: {describe_sqlite_error(failed).replace(' written', ' used')}."
    else:
        said = ("lrf stopped after an unexpected error. Notes saved before it are safe, and a "
                "line you were typing is kept for next time.")
    if report is None:
        return said + " (A crash report could not be written.)"
    return f"{said} Report for support (no case content): {report}"


def exit_code(error: BaseException) -> int:
    """2 when the database cannot be used (the design's code for it); 1 otherwise."""
    return 2 if database_unusable(error) else 1


def report_and_explain(error: BaseException) -> tuple[str, int]:
    """For the command line: write the report, return (sentence, exit code)."""
    return message(error, write_report(error)), exit_code(error)
