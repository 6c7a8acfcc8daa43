"""The SQLite store every lrf command and screen reads and writes through.

- :mod:`.opening`: opening a file to read or to write (checks first, then lock and migrate);
- :mod:`.database`: :class:`Store`, an open database, with its backup and integrity check;
- :mod:`.transactions`: ``store.write()``, the one way to write, and the guard that makes SQLite
  refuse a write made anywhere else;
- :mod:`.location`: where the file lives, its folder, the one-writer lock;
- :mod:`.schema`: the frozen migrations (literal DDL, never today's constants);
- :mod:`.file_checks` and :mod:`.sqlite_files`: judging a file without changing it;
- :mod:`.rows`: a query's rows as dictionaries, and the moment stamped on what is written.

The names other packages use are importable from here: ``from facilitation.store import
open_store, Store, now_iso``.
"""

from .database import Store
from .location import APP_NAME, default_db_path, resolve_db_path
from .opening import open_store, open_store_readonly
from .rows import now_iso, rows

__all__ = [
    "APP_NAME",
    "Store",
    "default_db_path",
    "now_iso",
    "open_store",
    "open_store_readonly",
    "resolve_db_path",
    "rows",
]
