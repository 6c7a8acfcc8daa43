"""What the notes give the form, read in one pass over a review's notes (:class:`NotesDrafts`).

Every kind of note reaches its place in the form, once in each field:

- a note on a hypothesis (``h2+``/``h2-``) is quoted under that hypothesis in Findings, as a
  supporting or challenging point, marked with its kind when that is good practice, to do
  differently, unexpected or learning; good practice and points to do better are listed in
  their own fields as well;
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

import gc
import re
from dataclasses import dataclass

from ..store import Store
from ..store.rows import read_decoded
from .action_notes import parse_action
from .fields import DraftLine


@dataclass(slots=True)
class ActionLine(DraftLine):
    """A candidate recommendation: the action, with the owner and timeframe read from it."""

    person_responsible: str = ""
    timeframe: str = ""


class Point(DraftLine):
    """One line to be: until :meth:`NotesDrafts.lines` makes it a line, ``text`` is the note's
    own text; who said it (role and agency) and its kind are kept beside it."""

    __slots__ = ("who", "kind")

    def __init__(self, text: str, who: str, nid: int | None, kind: str):
        self.text = text
        self.notes = [nid] if nid is not None else []
        self.who = who  # 'Role, Agency', several joined by '; ', or ''
        self.kind = kind

    def also(self, who: str, nid: int | None) -> None:
        if who and who not in self.who.split("; "):
            self.who = f"{self.who}; {who}" if self.who else who
        if nid is not None:
            self.notes.append(nid)


def normal(text: str) -> str:
    """The form two texts (white space already made single) are the same in: case and closing
    stops ignored."""
    return text.casefold().rstrip(" .;,")


def said(text: str, who: str, prefix: str = "") -> str:
    """``Text (Role, Agency).`` as a list item: what was said and by whom, one sentence."""
    if not who:
        return f"- {prefix}{text}"
    body = text[:-1] if text.endswith(".") else text
    return f"- {prefix}{body} ({who})."


class Speakers:
    """A note's speaker as the form names them: role and agency, never the person."""

    def __init__(self, participants: list[dict], agencies: set[str]):
        self._participants = participants
        self._agencies = agencies
        self._cache: dict[str, str] = {}
        by_name = {p["name"].strip().casefold(): p for p in participants if p["name"].strip()}
        self._roles = {n: _as_role(p) for n, p in by_name.items()}
        # Longest first; a one-word name ('Will', 'Hope') only as written, capital and all, so
        # that the word 'will' stays a word.
        names = sorted((p["name"].strip() for p in by_name.values()), key=len, reverse=True)
        self._names = (re.compile(r"(?<!\w)(" + "|".join(
            re.escape(n) if len(n.split()) > 1 else f"(?-i:{re.escape(n)})" for n in names)
            + r")(?!\w)", re.IGNORECASE) if names else None)

    @property
    def names_any(self) -> bool:
        """Whether any participant has a name to write as their role."""
        return self._names is not None

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
PLACE = {"good_practice": "strengths", "do_differently": "do_better", "unexpected": "unexpected",
         "learning": "learning", "family_view": "voice", "observation": "background",
         "question": "questions"}
# Kinds that stay in their own place even when noted against a hypothesis.
OWN_PLACE = frozenset({"family_view", "question"})
# Kinds quoted under their hypothesis in Findings and listed in their own field as well
# (learning is in Findings already, so once is enough).
ALSO_OWN_PLACE = frozenset({"good_practice", "do_differently", "unexpected"})
MARKS = {"good_practice": "good practice", "do_differently": "to do differently",
         "unexpected": "unexpected", "learning": "learning"}
# Kinds as the query gives them (small numbers: no text to decode for each of 200,000 notes).
KINDS = ("observation", "good_practice", "do_differently", "unexpected", "learning", "action",
         "family_view", "question")
_KIND_SQL = "CASE kind " + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS)) + " END"
_ACTION = KINDS.index("action")
_QUERY = (f"SELECT id, {_KIND_SQL}, body, hypothesis, "
          "CASE stance WHEN 'supports' THEN 1 WHEN 'challenges' THEN 2 ELSE 0 END, speaker, "
          f"CASE WHEN kind = 'action' THEN created_at END FROM notes "
          "WHERE review_id = ? AND deleted = 0 AND kind != 'parked' ORDER BY id")
STANCES = ((1, "Supporting"), (2, "Challenging"), (0, "Also said"))


class NotesDrafts:
    """The one pass over a review's notes: each note becomes (part of) one line of one place.

    Parked notes are not read: outside the review's scope, they are on the chair's follow-up
    list (the live event's Parked list), never in the form. Call :meth:`finish` once the
    agencies' returns are added; each place's lines can then be taken once.
    """

    def __init__(self, store: Store, rid: int, participants: list[dict], agencies: set[str],
                 hypotheses: set[int]):
        owners = sorted(agencies | {p["role"] for p in participants if p["role"]})

        def read() -> None:  # from the start (again, for a review holding a damaged byte)
            self._start(participants, agencies, hypotheses)
            self._read(store.conn.execute(_QUERY, [rid]), owners)

        gc_was_on = gc.isenabled()
        gc.disable()  # a line a note makes no cycles; 200,000 of them would wake it often
        try:
            read_decoded(store, read)
        finally:
            if gc_was_on:
                gc.enable()

    def _start(self, participants: list[dict], agencies: set[str], hypotheses: set[int]) -> None:
        """Nothing read yet."""
        self.speakers = Speakers(participants, agencies)
        self.places: dict[str, list[Point]] = {p: [] for p in set(PLACE.values())}
        # hypothesis -> stance (1 supports, 2 challenges, 0 neither) -> items
        self.evidence: dict[int, dict[int, list[Point]]] = {h: {1: [], 2: [], 0: []}
                                                           for h in hypotheses}
        self.actions: list[ActionLine] = []
        self._seen: dict[int, Point] = {}  # hash of the normal text -> its line
        self._clash: dict[str, Point] = {}  # the rare different text with the same hash
        self._seen_actions: dict[str, ActionLine] = {}

    def _read(self, rows, owners: list[str]) -> None:
        label_of, evidence, item_of, seen = (
            self.speakers.label_of, self.evidence, self._item, self._seen)
        # No participant named: no name to look for in each note.
        unname = self.speakers.unname if self.speakers.names_any else None
        places = [self.places.get(PLACE.get(k, "")) for k in KINDS]
        own = [k in OWN_PLACE for k in KINDS]
        also_own = [k in ALSO_OWN_PLACE for k in KINDS]
        for nid, kind, body, hypothesis, stance, speaker, created_at in rows:
            if body.isprintable() and "  " not in body and body[:1] != " " != body[-1:]:
                text = body  # already one line with single spaces: no copy made
            else:
                text = " ".join(body.split())
            if unname is not None:
                text = unname(text)
            if not text:
                continue
            if kind == _ACTION:
                self._action(nid, text, created_at, owners)
                continue
            who = label_of(speaker) if speaker else ""
            key = text.casefold().rstrip(" .;,")
            h = hash(key)
            item = seen.get(h)
            if item is None:
                item = seen[h] = Point(text, who, nid, KINDS[kind])
            else:
                item = item_of(text, who, nid, KINDS[kind], key, item)
                if item is None:
                    continue  # the same text as a line already made: linked to it
            if hypothesis in evidence and not own[kind]:
                evidence[hypothesis][stance].append(item)
                if also_own[kind]:
                    # a strength or a point to do better is listed in its own field too: a
                    # reader of that field should not have to look for it in Findings
                    places[kind].append(Point(item.text, item.who, nid, item.kind))
            else:
                places[kind].append(item)

    def _item(self, text: str, who: str, nid: int | None, kind: str, key: str | None = None,
              got: Point | None = None) -> Point | None:
        """A new line for ``text``, or None when the same text already has one (now linked).
        ``got`` is the line whose text has the same hash as ``key``, when the caller looked."""
        if key is None:
            key = normal(text)
            got = self._seen.get(hash(key))
            if got is None:
                item = self._seen[hash(key)] = Point(text, who, nid, kind)
                return item
        if got is not None and normal(got.text) != key:
            got = self._clash.get(key)  # a different text whose hash is the same
            if got is None:
                item = self._clash[key] = Point(text, who, nid, kind)
                return item
        got.also(who, nid)
        return None

    def add(self, place: str, text: str, who: str, kind: str) -> None:
        """A line from a record other than a note (an agency's written return)."""
        text = self.speakers.unname(" ".join(text.split()))
        if text:
            item = self._item(text, who, None, kind)
            if item is not None:
                self.places[place].append(item)

    def finish(self) -> None:
        """No more lines to add: what was kept to find repeated texts is let go."""
        self._seen = {}
        self._clash = {}
        self._seen_actions = {}

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

    # --- the lines of each field, each taken once -------------------------------------------

    def lines(self, place: str, speakers: bool = True) -> list[DraftLine]:
        """One line a point, each saying who raised it (``speakers``); unexpected practice is
        marked as such. Each point becomes its line in place (no second copy of every note)."""
        points = self.places.pop(place, [])
        for p in points:
            p.text = said(p.text, p.who if speakers else "",
                          "Unexpected: " if p.kind == "unexpected" else "")
        return points  # type: ignore[return-value]

    def note_ids(self, place: str) -> list[int]:
        return [n for item in self.places.get(place, []) for n in item.notes]

    def hypothesis_lines(self, h: dict) -> list[DraftLine]:
        """A hypothesis, its status, and the points noted for and against it, quoted: one line
        for each stance and speaker, ``- Supporting (Role, Agency): "…"; "…" (unexpected).``"""
        status = "not yet decided" if h["status"] == "open" else h["status"]
        head = f"Hypothesis {h['number']} ({status}): {' '.join(h['text'].split())}"
        points = self.evidence.pop(h["number"], None) or {}
        if not any(points.values()):
            return [DraftLine(head + (" " if head[-1:] in ".?!" else ". ")
                              + "No points for or against it were noted.")]
        out = [DraftLine(head)]
        mark_of = MARKS.get
        for stance, label in STANCES:
            groups: dict[str, tuple[list[str], list[int]]] = {}
            items = points.get(stance, [])
            items.reverse()
            pop = items.pop
            while items:  # each point let go once quoted (200,000 notes are not held twice)
                i = pop()
                group = groups.get(i.who)
                if group is None:
                    group = groups[i.who] = ([], [])
                text, mark = i.text, mark_of(i.kind)
                if text[-1:] == ".":
                    text = text[:-1]
                # Quoted as noted. Straight quotes: one curly quote would make Python hold the
                # whole field (and the exported form) at two bytes a character.
                group[0].append(f'"{text}" ({mark})' if mark else f'"{text}"')
                group[1].extend(i.notes)
            for who, (quotes, ids) in groups.items():
                out.append(DraftLine(f"- {label}" + (f" ({who})" if who else "")
                                     + f": {'; '.join(quotes)}.", ids))
        return out
