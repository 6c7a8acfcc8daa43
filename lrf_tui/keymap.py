"""The user's keymap file: binding id -> keys, e.g. ``"event.find" = "f10"``, read from
``keymap.toml`` in the user config folder and applied with Textual's keymap support
(``App.set_keymap``). A file that cannot be used is named in one sentence and ignored: the
default keys stay, nothing crashes.

Hints a screen draws itself ("clock not started (F5)") ask ``key_for`` for the key in use, so
that a remapped key shows where the default one did.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.app import App

FILE_NAME = "keymap.toml"
# One key: a letter or a name such as f10, ctrl+f, shift+up, question_mark.
_KEY = re.compile(r"^(?:[a-z]+\+)*(?:[a-z0-9_]+|[^\s,])$", re.IGNORECASE)


def key_name(key: str) -> str:
    """A key as the hints and the F1 card write it: F9, Esc, ↑, ctrl+r."""
    key = key.split(",")[0]
    names = {"up": "↑", "escape": "Esc", "enter": "Enter", "pageup": "PgUp", "pagedown": "PgDn"}
    if key in names:
        return names[key]
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    return key


def keymap_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("lrf", appauthor=False) / FILE_NAME


def binding_ids() -> set[str]:
    """Every binding id in lrf_tui (imports every screen: only paid when a keymap file exists)."""
    import lrf_tui

    ids: set[str] = set()
    for info in pkgutil.walk_packages(lrf_tui.__path__, "lrf_tui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and "BINDINGS" in vars(cls):
                ids.update(b.id for b in cls.BINDINGS if isinstance(b, Binding) and b.id)
    return ids


def read_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """(keymap, None) for a usable file or none at all; ({}, one sentence) for a file that
    cannot be used, which is then ignored as a whole."""
    where = f"The keymap file {path} is ignored (default keys in use)"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as e:
        return {}, f"{where}: it cannot be read ({e.strerror or 'error'})."
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return {}, f"{where}: it is not UTF-8 text."
    except tomllib.TOMLDecodeError as e:
        return {}, f"{where}: it is not valid TOML ({e})."
    bad = sorted(k for k, v in data.items()
                 if not isinstance(v, str) or not v.strip()
                 or not all(_KEY.match(key.strip()) for key in v.split(",")))
    if bad:
        return {}, f"{where}: give each id a key such as \"f10\" or \"ctrl+f\" ({', '.join(bad)})."
    unknown = sorted(set(data) - binding_ids())
    if unknown:
        return {}, f"{where}: no key has the id {', '.join(unknown)}."
    return {k: ",".join(key.strip() for key in v.split(",")) for k, v in data.items()}, None


def apply_keymap_file(app: App, path: Path | None = None) -> None:
    """Read the keymap file and hand it to Textual; a bad one gets one line on screen."""
    keymap, problem = read_keymap(path or keymap_path())
    if problem:
        app.notify(problem, severity="warning", markup=False, timeout=15)
    elif keymap:
        app.set_keymap(keymap)


def active_keys(app: App, binding: Binding) -> list[str]:
    """The keys that run ``binding`` now: the keymap's, else the binding's own."""
    keymap = getattr(app, "_keymap", {}) or {}
    keys = keymap.get(binding.id, "") if binding.id else ""
    return [k.strip() for k in (keys or binding.key).split(",")]


def with_keys(app: App, bindings: list[Binding], template: str) -> str:
    """A hint line with each ``{binding.id}`` replaced by the key now bound to it:
    ``"{hypotheses.close} closes"`` reads "Esc closes", or "F10 closes" once the keymap moves it."""
    ids = {b.id for b in bindings if b.id}
    return re.sub(r"\{([a-z0-9_]+\.[a-z0-9_]+)\}",
                  lambda m: key_for(app, bindings, m.group(1)) if m.group(1) in ids
                  else m.group(0), template)


def key_for(app: App, bindings: list[Binding], binding_id: str) -> str:
    """The first key now bound to ``binding_id`` (out of ``bindings``), as the hints name it."""
    binding = next(b for b in bindings if b.id == binding_id)
    return key_name(active_keys(app, binding)[0])
