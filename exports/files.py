"""Writing exported documents: private (0600), whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from facilitation.errors import InputRefused


def write_private(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` created 0600, atomically: a reader never sees half a file.

    An existing file is refused unless ``force``; nothing is written on any failure.
    """
    path = Path(path)
    if path.exists() and not force:
        raise InputRefused(f"{path} already exists; add --force to replace it.")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lrf-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputRefused(f"Cannot write in {folder} ({e.strerror}).") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        if not force and path.exists():
            raise InputRefused(f"{path} already exists; add --force to replace it.")
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise InputRefused(f"Cannot write {path} ({e.strerror}).") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
