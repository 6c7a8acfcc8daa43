"""Typing in Pilot tests as a terminal delivers it: a burst of key events, then one wait.

``pilot.press`` waits for the app to go idle after *every* key (at least two 20 ms sleeps),
which made typing a sentence cost seconds and the suite minutes. A burst of keys is what a
terminal sends for a fast typist, so it exercises the same code: each key is a real
``events.Key`` through the driver, in order, to whatever has focus.
"""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key


def key_event(key: str) -> events.Key:
    """The event Textual makes for a key name (``down``, ``ctrl+s``) or a typed character."""
    if key == " ":
        key = "space"
    if len(key) == 1:
        return events.Key(key if key.isalnum() else _character_to_key(key), key)
    return events.Key(key, " " if key == "space" else None)


async def burst(pilot, *keys: str) -> None:
    """Press ``keys`` one after another without waiting between them, then wait for the app."""
    app = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


async def type_keys(pilot, text: str) -> None:
    """Type ``text`` character by character, as a burst."""
    await burst(pilot, *text)


async def typed(pilot, text: str) -> None:
    """Short text key by key; longer text as the terminal delivers a paste (still no mouse)."""
    if len(text) <= 12:
        await type_keys(pilot, text)
    else:
        pilot.app.post_message(events.Paste(text))
        await pilot.pause()


async def keys(pilot, *names: str) -> None:
    """Each key as the terminal sends it, the app's answer to each awaited before the next (a
    key that opens a screen is answered once that screen is up). ``pilot.press`` does the
    same with a second wait per key, and waits for any animation."""
    for name in names:
        await burst(pilot, name)
