"""The identifier register editor, mixed into the publication screen: the chair's entries (add,
change, remove, each with a kind and a replacement) and, listed below them, the participants,
invitees and agencies that join the register by themselves. The chair's own register, shown to
the chair: its words are shown literally, and never reach a message or a log."""

from __future__ import annotations

from facilitation import outcome as oc

from ..form.dialogs import PickIndexScreen, PromptScreen

KIND_HELP = "kind: " + ", ".join(oc.CHAIR_KINDS)


class RegisterMixin:
    """ctrl+g on the publication screen."""

    def action_register(self) -> None:
        own = oc.register(self.store, self.ref)
        auto = oc.automatic_entries(self.store, self.ref)
        choices = ["Add an identifier"]
        choices += [f"Change: {e['text']} ({e['kind']}) → {e['replacement']}" for e in own]
        choices += [f"Remove: {e['text']} ({e['kind']})" for e in own]
        choices += [f"Joined by itself: {e.text} ({e.kind}) → {e.replacement}" for e in auto]
        n = len(own)

        def picked(index: int | None) -> None:
            if index is None:
                return
            if index == 0:
                self._entry_prompt("Add an identifier", None, "name", "", "")
            elif index <= n:
                e = own[index - 1]
                self._entry_prompt("Change the entry", e["id"], e["kind"], e["text"],
                                   e["replacement"])
            elif index <= 2 * n:
                e = own[index - 1 - n]
                if self._do(oc.remove_identifier, e["id"], ok="Entry removed from the register."):
                    self.reload()
            else:
                self.notify("Participants, invitees and agencies join the register by "
                            "themselves; change them where they are kept.", markup=False)

        self.app.push_screen(PickIndexScreen(
            f"Identifier register ({n} entries, {len(auto)} joined by themselves)", choices),
            picked)

    def _entry_prompt(self, title: str, entry_id: int | None, kind: str, text: str,
                      replacement: str) -> None:
        def submit(v: dict) -> bool:
            k = " ".join(v["kind"].split()).lower()
            if entry_id is None:
                ok = self._do(oc.add_identifier, k, v["text"], v["replacement"],
                              ok="Entry added to the register.")
            else:
                ok = self._do(oc.update_identifier, entry_id, k, v["text"], v["replacement"],
                              ok="Entry changed.")
            if ok:
                self.reload()
            return ok

        self.app.push_screen(PromptScreen(
            title, [("kind", "Kind", kind), ("text", "The words, as they would be written", text),
                    ("replacement", "Replace with", replacement)],
            hint=f"Never exported; {KIND_HELP}.", submit=submit))
