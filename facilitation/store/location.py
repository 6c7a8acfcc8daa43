"""Where an lrf database lives and who may write it: the default file in the user data folder
(``--db`` or ``LRF_DB`` override it), the folder lrf creates for it (0700), and the one-writer
lock an ``lrf`` that writes holds on the file for as long as it runs, so that a second one is
told the file is in use instead of waiting or racing."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ..errors import DatabaseUnusable

APP_NAME = "lrf"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "lrf.db"


def resolve_db_path(explicit: str | os.PathLike | None) -> tuple[Path, bool]:
    """The database to use and whether it is the default one (whose folder lrf may create)."""
    if explicit:
        return Path(explicit).expanduser(), False
    env = os.environ.get("LRF_DB")
    if env:
        return Path(env).expanduser(), False
    return default_db_path(), True


def ensure_folder(folder: Path, create: bool) -> None:
    """The folder exists and lrf may write in it, or (``create``) lrf makes it, private."""
    if folder.is_dir():
        if not os.access(folder, os.W_OK | os.X_OK):
            raise DatabaseUnusable(f"The folder {folder} cannot be written to.")
        return
    if folder.exists():
        raise DatabaseUnusable(f"{folder} is not a folder.")
    if not create:
        raise DatabaseUnusable(f"The folder {folder} does not exist.")
    try:
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)
    except OSError as e:
        raise DatabaseUnusable(f"The folder {folder} cannot be created ({e.strerror}).") from None


def take_lock(path: Path) -> int:
    """The one-writer lock (an flock, which SQLite's own locks never meet), or a refusal."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise DatabaseUnusable(f"{path} is open in another lrf; close that one first.") from None
    return fd
