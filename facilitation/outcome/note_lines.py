"""What the notes give the form, read in one pass over a review's notes (:class:`NotesDrafts`).

Every kind of note reaches one place in the form, once:

- a note on a hypothesis (``h2+``/``h2-``) is quoted under that hypothesis in Findings, as a
  supporting or challenging point, marked with its kind when that is good practice, to do
  differently, unexpected or learning (the fields of those kinds say where to find it);
- ``+`` good practice: Strengths; ``-`` to do differently and ``!`` unexpected (marked so): Areas
  where we would like to do better; ``*`` learning: the key learning points in Findings; ``~``
  the family's view: the child's and family's voice in Findings; a plain observation: Background,
  and a ``?`` question there too, listed for the author to resolve; ``>`` an action: a candidate
  recommendation, with its owner and timeframe read from its words; ``^`` parked: nowhere.

The same text noted twice is one line that links both notes. Speakers are named by role and
agency, never by name, and a participant's name inside a note is written as their role. Nothing
is held beyond the line a note makes, so 200,000 notes are read without holding 200,000 rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..store import Store
from .action_notes import parse_action
from .fields import DraftLine


@dataclass
class ActionLine(DraftLine):
    """A candidate recommendation: the action, with the owner and timeframe read from it."""

    person_responsible: str = ""
    timeframe: str = ""


class Item:
    """One line to be: the note's text, who said it, and the notes it came from."""

    __slots__ = ("text", "who", "notes", "kind")

    def __init__(self, text: str, who: str, nid: int | None, kind: str):
        self.text = text
        self.who = [who] if who else []
        self.notes = [nid] if nid is not None else []
        self.kind = kind

    def also(self, who: str, nid: int | None) -> None:
        if who and who not in self.who:
            self.who.append(who)
        if nid is not None:
            self.notes.append(nid)


def normal(text: str) -> str:
    """The form two texts are the same in: case, spacing and closing stops ignored."""
    return " ".join(text.split()).casefold().rstrip(" .;,")


def said(text: str, who: list[str], prefix: str = "") -> str:
    """``Text (Role, Agency).`` as a list item: what was said and by whom, one sentence."""
    if not who:
        return f"- {prefix}{text}"
    body = text[:-1] if text.endswith(".") else text
    return f"- {prefix}{body} ({'; '.join(who)})."


def quoted(text: str, who: list[str], mark: str = "") -> str:
    """``"Text" (Role, Agency; mark)``: a point quoted as it was noted."""
    body = text[:-1] if text.endswith(".") else text
    bits = list(who) + ([mark] if mark else [])
    return f"\u201c{body}\u201d" + (f" ({'; '.join(bits)})" if bits else "")


class Speakers:
    """A note's speaker as the form names them: role and agency, never the person."""

    def __init__(self, participants: list[dict], agencies: set[str]):
        self._participants = participants
        self._agencies = agencies
        self._cache: dict[str, str] = {}
        by_name = {p["name"].strip().casefold(): p for p in participants if p["name"].strip()}
        self._roles = {n: _as_role(p) for n, p in by_name.items()}
        names = sorted(by_name, key=len, reverse=True)
        self._names = (re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)",
                                  re.IGNORECASE) if names else None)

    def label_of(self, speaker: str | None) -> str:
        """'Role, Agency' of the participant a speaker names, the agency itself, or ''."""
        if not speaker:
            return ""
        got = self._cache.get(speaker)
        if got is None:
            got = self._cache[speaker] = self._label(speaker)
        return got

    def _label(self, speaker: str) -> str:
        s = speaker.strip().lower()
        for p in self._participants:
            name = p["name"].lower()
            if s == name or (len(s) > 2 and (name.endswith(" " + s) or s in name)):
                return ", ".join(b for b in (p["role"], p["agency"]) if b)
        return next((a for a in self._agencies if a.lower() == s), "")

    def unname(self, text: str) -> str:
        """A participant's name inside a note written as their role ('told the social worker')."""
        if self._names is None or not self._names.search(text):
            return text
        return self._names.sub(lambda m: self._roles.get(m.group(1).casefold(), "a participant"),
                               text)


def _as_role(p: dict) -> str:
    """How a participant is named inside a sentence: 'the social worker', else their agency."""
    role = (p["role"] or "").strip()
    if not role:
        return p["agency"] or "a participant"
    return f"the {role[:1].lower()}{role[1:]}" if role[1:2].islower() else f"the {role}"


# Where a note of each kind goes when it is not on a hypothesis.
PLACE = {"good_practice": "strengths", "do_differently": "do_better", "unexpected": "do_better",
         "learning": "learning", "family_view": "voice", "observation": "background",
         "question": "questions"}
# Kinds that stay in their own place even when noted against a hypothesis.
OWN_PLACE = frozenset({"family_view", "question"})
MARKS = {"good_practice": "good practice", "do_differently": "to do differently",
         "unexpected": "unexpected", "learning": "learning"}


class NotesDrafts:
    """The one pass over a review's notes: each note becomes (part of) one line of one place."""

    def __init__(self, store: Store, rid: int, participants: list[dict], agencies: set[str],
                 hypotheses: set[int]):
        self.speakers = Speakers(participants, agencies)
        self.places: dict[str, list[Item]] = {p: [] for p in set(PLACE.values())}
        self.evidence: dict[int, list[tuple[str, Item]]] = {h: [] for h in hypotheses}
        self.actions: list[ActionLine] = []
        self._seen: dict[int, list[Item]] = {}
        self._seen_actions: dict[str, ActionLine] = {}
        owners = sorted(agencies | {p["role"] for p in participants if p["role"]})
        cur = store.conn.execute(
            "SELECT id, kind, body, hypothesis, stance, speaker, created_at FROM notes "
            "WHERE review_id = ? AND deleted = 0 ORDER BY id", [rid])
        label_of, unname = self.speakers.label_of, self.speakers.unname
        evidence = self.evidence
        for nid, kind, body, hypothesis, stance, speaker, created_at in cur:
            if kind == "parked":
                continue  # outside the review's scope: the chair's follow-up list, not the form
            text = unname(" ".join(body.split()))
            if not text:
                continue
            if kind == "action":
                self._action(nid, text, created_at, owners)
                continue
            if hypothesis in evidence and kind not in OWN_PLACE:
                item = self._item(text, label_of(speaker), nid, kind)
                if item is not None:
                    evidence[hypothesis].append((stance or "", item))
                continue
            place = PLACE.get(kind)
            if place is not None:
                item = self._item(text, label_of(speaker), nid, kind)
                if item is not None:
                    self.places[place].append(item)

    def _item(self, text: str, who: str, nid: int | None, kind: str) -> Item | None:
        """A new line for ``text``, or None when the same text already has one (now linked)."""
        key = normal(text)
        same = self._seen.get(hash(key))
        if same:
            for item in same:
                if normal(item.text) == key:
                    item.also(who, nid)
                    return None
        item = Item(text, who, nid, kind)
        self._seen.setdefault(hash(key), []).append(item)
        return item

    def add(self, place: str, text: str, who: str, kind: str) -> None:
        """A line from a record other than a note (an agency's written return)."""
        text = self.speakers.unname(" ".join(text.split()))
        if text:
            item = self._item(text, who, None, kind)
            if item is not None:
                self.places[place].append(item)

    def _action(self, nid: int, text: str, created_at: str, owners: list[str]) -> None:
        key = normal(text)
        same = self._seen_actions.get(key)
        if same is not None:
            same.notes.append(nid)  # the same action noted twice is one candidate
            return
        p = parse_action(text, created_at, owners)
        line = self._seen_actions[key] = ActionLine(p.action, [nid], p.person_responsible,
                                                    p.timeframe)
        self.actions.append(line)

    # --- the lines of each field -----------------------------------------------------------

    def lines(self, place: str, speakers: bool = True) -> list[DraftLine]:
        """One line a point, each saying who raised it (``speakers``); unexpected practice
        last, marked as such."""
        items = self.places[place]
        if any(i.kind == "unexpected" for i in items):
            items = sorted(items, key=lambda i: i.kind == "unexpected")
        return [DraftLine(said(i.text, i.who if speakers else [],
                               "Unexpected: " if i.kind == "unexpected" else ""), i.notes)
                for i in items]

    def pointer(self, kinds: tuple[str, ...], what: str) -> list[DraftLine]:
        """Where notes of these kinds that were quoted on a hypothesis are to be found."""
        hyps, ids = [], []
        for h, points in self.evidence.items():
            got = [n for _, item in points if item.kind in kinds for n in item.notes]
            if got:
                hyps.append(h)
                ids += got
        if not hyps:
            return []
        which = (f"hypothesis {hyps[0]}" if len(hyps) == 1 else
                 "hypotheses " + ", ".join(map(str, hyps[:-1])) + f" and {hyps[-1]}")
        return [DraftLine(f"- {what} quoted with the evidence on {which} in Findings.", ids)]

    def hypothesis_lines(self, h: dict) -> list[DraftLine]:
        """A hypothesis, its status, and the points noted for and against it, quoted: one line
        for each stance and speaker, ``- Supporting (Role, Agency): "…"; "…" (unexpected).``"""
        status = "not yet decided" if h["status"] == "open" else h["status"]
        head = f"Hypothesis {h['number']} ({status}): {' '.join(h['text'].split())}"
        points = self.evidence.get(h["number"], [])
        if not points:
            return [DraftLine(head + (" " if head[-1:] in ".?!" else ". ")
                              + "No points for or against it were noted.")]
        out = [DraftLine(head)]
        for stance, label in (("supports", "Supporting"), ("challenges", "Challenging"),
                              ("", "Also said")):
            groups: dict[tuple[str, ...], list[Item]] = {}
            for s, item in points:
                if s == stance:
                    groups.setdefault(tuple(item.who), []).append(item)
            for who, items in groups.items():
                quotes = "; ".join(quoted(i.text, [], MARKS.get(i.kind, "")) for i in items)
                out.append(DraftLine(f"- {label}" + (f" ({'; '.join(who)})" if who else "")
                                     + f": {quotes}.", [n for i in items for n in i.notes]))
        return out
