"""The capture line of a live event, read as a note: a pure function, no I/O, no Textual.

Grammar (DESIGN.md, "Capture line grammar"), with the decisions the design leaves open:

- Leading tokens, in any order, separated by spaces or not (``+! text`` is refused below,
  ``+text`` and ``+ text`` are both good practice): ``+ - ! * > ~ ? ^`` give the kind,
  ``h3+`` / ``h3-`` (``H3+`` too) give evidence for / against hypothesis 3. A hypothesis token
  must be followed by a space, another token or the end of the line (``h2-o`` is text).
- No kind token: an observation (with or without a hypothesis token).
- Two *different* kind tokens (``+ -``) are refused: the preview says so before Enter, and
  nothing guesses which one was meant. The same token twice (``++``) counts once.
- Two different hypothesis tokens (``h1+ h2-``) are refused likewise; a note is evidence about
  one hypothesis. A hypothesis the review does not have (``h99+``) is refused.
- A line of tokens and no text (a lone ``+``) is refused; so is an empty line.
- A backslash just before the first token-like text (``\\+``, ``\\h3+``, ``\\\\+``) is removed
  and the rest is kept as text: ``\\+ sign`` saves ``+ sign`` as an observation. Only that one
  backslash is removed, so ``\\\\server`` (not followed by a token) is kept as typed.
- ``@word`` anywhere (at the start or after a space or punctuation, not inside an e-mail address)
  names the speaker: it matches a participant's or agency's name case-insensitively, on a prefix
  of the whole name or of any word in it (``@jo`` -> "Jo Hartley", ``@police`` -> "Police").
  When several match, one whose word equals the @word exactly wins; otherwise the @word is
  ambiguous, stays in the text and the preview lists the names. The first matched @word is the
  speaker; a matched @word at the start or end of the text is removed, one in the middle is
  written as the name (``told @jo`` -> ``told Jo Hartley``). An unmatched @word stays in the text
  and is reported.
- The text is kept exactly as typed apart from trimming spaces at both ends (a note is one
  line: a tab or line break in it is read as a space); at most ``MAX_BODY`` characters (a huge
  paste is refused whole, never cut). A line holding a control (an escape code, a direction
  override: the rule for characters in :mod:`facilitation.inputs`) is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from . import inputs
from .framework import NOTE_KIND_LABELS

MAX_BODY = inputs.NOTE

KIND_TOKENS: dict[str, str] = {
    "+": "good_practice",
    "-": "do_differently",
    "!": "unexpected",
    "*": "learning",
    ">": "action",
    "~": "family_view",
    "?": "question",
    "^": "parked",
}
TOKEN_FOR_KIND = {kind: token for token, kind in KIND_TOKENS.items()}

_TOKEN_CHARS = re.escape("".join(KIND_TOKENS))
_HYP = re.compile(r"[hH]([0-9]{1,6})([+-])(?=\s|$|[" + _TOKEN_CHARS + r"])")
_ESCAPE = re.compile(r"\\(?=\\*(?:[" + _TOKEN_CHARS + r"]|[hH][0-9]{1,6}[+-]))")
_MENTION = re.compile(r"(?<![\w@])@(\w[\w'\u2019-]*)")
_WORD_SPLIT = re.compile(r"[^\w'\u2019]+")


@dataclass(frozen=True)
class Parsed:
    """How a capture line reads. ``error`` set means it must not be saved."""

    kind: str = "observation"
    body: str = ""
    hypothesis: int | None = None
    stance: str | None = None
    speaker: str | None = None
    unmatched: tuple[str, ...] = ()
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()
    error: str | None = None
    tokens: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.error is None


def _words(name: str) -> list[str]:
    words = (re.sub(r"['\u2019]", "", w) for w in _WORD_SPLIT.split(name.casefold()))
    return [w for w in words if w]


def match_name(word: str, names: Iterable[str]) -> tuple[str | None, tuple[str, ...]]:
    """(the one name ``word`` picks, or None; every name it could mean)."""
    w = re.sub(r"['\u2019-]", "", word.casefold())
    if not w:
        return None, ()
    candidates: list[str] = []
    exact: list[str] = []
    seen: set[str] = set()
    for name in names:
        if not name or not name.strip():
            continue
        key = name.casefold()
        if key in seen:
            continue
        words = _words(name)
        joined = "".join(words)
        if any(x.startswith(w) for x in words) or joined.startswith(w):
            seen.add(key)
            candidates.append(name)
            if w in words or w == joined:
                exact.append(name)
    if len(candidates) == 1:
        return candidates[0], tuple(candidates)
    if len(exact) == 1:
        return exact[0], tuple(candidates)
    return None, tuple(candidates)


def escape(text: str) -> str:
    """Text that :func:`parse` reads back as exactly ``text`` (an observation)."""
    stripped = text.strip()
    if _ESCAPE.match("\\" + stripped):
        return "\\" + stripped
    return stripped


def _leading_tokens(line: str) -> tuple[list[str], list[tuple[int, str]], int]:
    kinds: list[str] = []
    hyps: list[tuple[int, str]] = []
    i, n = 0, len(line)
    while i < n:
        while i < n and line[i].isspace():
            i += 1
        if i >= n:
            break
        m = _HYP.match(line, i)
        if m:
            hyps.append((int(m.group(1)), "supports" if m.group(2) == "+" else "challenges"))
            i = m.end()
            continue
        if line[i] in KIND_TOKENS:
            kinds.append(line[i])
            i += 1
            continue
        break
    return kinds, hyps, i


def parse(
    line: str,
    participants: Iterable[str] = (),
    agencies: Iterable[str] = (),
    hypothesis_numbers: Iterable[int] = (),
) -> Parsed:
    """Read one capture line. Never raises; a refusal comes back in ``Parsed.error``."""
    line = line if isinstance(line, str) else str(line)
    if len(line) > MAX_BODY + 200:
        return Parsed(
            error=f"That is {len(line):,} characters; a note can be at most {MAX_BODY:,}. "
            "Nothing was saved: split it into shorter notes."
        )
    line = inputs.one_line(line)
    if inputs.has_control(line):
        return Parsed(error=inputs.control_message("note"))
    kinds, hyps, pos = _leading_tokens(line)
    rest = line[pos:].strip()
    if _ESCAPE.match(rest):
        rest = rest[1:]
    tokens = tuple(kinds) + tuple(f"h{n}{'+' if s == 'supports' else '-'}" for n, s in hyps)

    distinct_kinds = list(dict.fromkeys(kinds))
    kind = KIND_TOKENS[distinct_kinds[-1]] if distinct_kinds else "observation"
    distinct_hyps = list(dict.fromkeys(hyps))
    hypothesis, stance = distinct_hyps[-1] if distinct_hyps else (None, None)

    names = [p for p in participants if p]
    names += [a for a in agencies if a and a.casefold() not in {p.casefold() for p in names}]
    speaker: str | None = None
    unmatched: list[str] = []
    ambiguous: list[tuple[str, tuple[str, ...]]] = []
    pieces: list[str] = []
    last = 0
    mentions = list(_MENTION.finditer(rest))
    for m in mentions:
        word = m.group(1).rstrip("'\u2019-")
        chosen, could_be = match_name(word, names)
        if chosen is None:
            label = "@" + word
            if could_be:
                if label not in {a for a, _ in ambiguous}:
                    ambiguous.append((label, could_be))
            elif label not in unmatched:
                unmatched.append(label)
            continue
        if speaker is None:
            speaker = chosen
        end = m.start(1) + len(word)
        at_edge = not rest[: m.start()].strip() or not rest[end:].strip()
        pieces.append(rest[last : m.start()])
        if not at_edge:
            pieces.append(chosen)
        last = end
    if pieces:
        pieces.append(rest[last:])
        body = "".join(pieces).strip()  # spaces inside the text are kept as typed
    else:
        body = rest

    def refused(message: str) -> Parsed:
        return Parsed(kind, body, hypothesis, stance, speaker, tuple(unmatched),
                      tuple(ambiguous), message, tokens)

    if len(distinct_kinds) > 1:
        shown = " and ".join(distinct_kinds)
        return refused(
            f"Two kinds given ({shown}): keep one, or put \\ before a symbol meant as text."
        )
    if len({n for n, _ in distinct_hyps}) > 1 or len(distinct_hyps) > 1:
        return refused("A note can be evidence about one hypothesis only: keep one h token.")
    numbers = sorted({int(n) for n in hypothesis_numbers})
    if hypothesis is not None and hypothesis not in numbers:
        have = ", ".join(str(n) for n in numbers) if numbers else "none"
        return refused(f"There is no hypothesis {hypothesis}; this review has: {have}.")
    if not body:
        if tokens:
            return refused("Add the note's text after the symbols (\\ before a symbol saves it as text).")
        return refused("Nothing to save: type the note, then Enter.")
    if len(body) > MAX_BODY:
        return refused(
            f"That is {len(body):,} characters; a note can be at most {MAX_BODY:,}. "
            "Nothing was saved: split it into shorter notes."
        )
    return Parsed(kind, body, hypothesis, stance, speaker, tuple(unmatched), tuple(ambiguous),
                  None, tokens)


def describe(parsed: Parsed) -> str:
    """One line saying how the capture line will be read (plain text, may contain user text)."""
    if parsed.error:
        return "Will not save: " + parsed.error
    parts = [NOTE_KIND_LABELS.get(parsed.kind, parsed.kind)]
    if parsed.hypothesis is not None:
        parts.append(
            f"{'for' if parsed.stance == 'supports' else 'against'} hypothesis {parsed.hypothesis}"
        )
    parts.append(f"speaker {parsed.speaker}" if parsed.speaker else "no speaker")
    for word in parsed.unmatched:
        parts.append(f"{word} matches no one")
    for word, names in parsed.ambiguous:
        shown = ", ".join(names[:4]) + (" …" if len(names) > 4 else "")
        parts.append(f"{word} could be {shown}")
    return " · ".join(parts)


def as_line(note: dict) -> str:
    """A stored note written back as a capture line (for editing the last note).

    The speaker goes first, straight after the kind and hypothesis tokens (``+ h2- @sue text``):
    a chair editing the last note presses End and types on, and an ``@sue`` left at the end
    would then be in the middle of the text and be read as part of it."""
    lead = []
    token = TOKEN_FOR_KIND.get(note.get("kind") or "")
    if token:
        lead.append(token)
    if note.get("hypothesis") is not None:
        lead.append(f"h{note['hypothesis']}{'+' if note.get('stance') == 'supports' else '-'}")
    # A note stored before the rule for characters is edited with its controls shown as U+FFFD.
    raw = inputs.neutralise(note.get("body"), one_line_only=True).strip()
    word = _speaker_word(note["speaker"]) if note.get("speaker") else ""
    if word:
        # Nothing after "@word " is read as a token, so the text needs no escaping.
        return " ".join(lead + [f"@{word}", raw])
    body = escape(raw)
    return " ".join(lead + [body]) if lead else body


def _speaker_word(name: str) -> str:
    """A spelling of @name that matches ``name`` (whole name without spaces or punctuation)."""
    return "".join(_words(name))


_AREA_TOKEN = re.compile(r"(?<!\S)(?:area:|#)(\S+)", re.IGNORECASE)
_HYP_FILTER = re.compile(r"(?<!\S)[hH]([0-9]{1,6})[+-]?(?!\S)")


@dataclass(frozen=True)
class FilterSpec:
    kind: str | None = None
    prompt_area: str | None = None
    hypothesis: int | None = None
    speaker: str | None = None
    words: str = ""
    problems: tuple[str, ...] = ()


def parse_filter(
    line: str,
    participants: Iterable[str] = (),
    agencies: Iterable[str] = (),
    prompt_areas: Iterable[tuple[str, str]] = (),
) -> FilterSpec:
    """A find line in the capture grammar: a kind token, ``h2``, ``@speaker``, ``#area`` (or
    ``area:key``) and words to search for. Never raises; what it cannot read is in ``problems``."""
    line = (line if isinstance(line, str) else str(line))[:2000]
    problems: list[str] = []
    kinds, hyps, pos = _leading_tokens(line)
    rest = line[pos:]
    kind = KIND_TOKENS[kinds[-1]] if kinds else None
    if len(set(kinds)) > 1:
        problems.append("only one kind can be found at a time; using the last")
    hypothesis = hyps[-1][0] if hyps else None
    m = _HYP_FILTER.search(rest)
    if hypothesis is None and m:
        hypothesis = int(m.group(1))
        rest = rest[: m.start()] + rest[m.end():]
    area = None
    areas = list(prompt_areas)
    for m in list(_AREA_TOKEN.finditer(rest)):
        word = m.group(1).casefold()
        hits = [k for k, label in areas if k.startswith(word) or label.casefold().startswith(word)
                or any(w.startswith(word) for w in _words(label))]
        if len(hits) == 1:
            area = hits[0]
        else:
            problems.append(f"#{m.group(1)} is not one prompt area")
        rest = rest.replace(m.group(0), " ", 1)
    names = [p for p in participants if p] + [a for a in agencies if a]
    speaker = None
    for m in list(_MENTION.finditer(rest)):
        chosen, could_be = match_name(m.group(1), names)
        if chosen:
            speaker = chosen
        else:
            problems.append(f"@{m.group(1)} " + ("could be several people" if could_be else "matches no one"))
        rest = rest.replace(m.group(0), " ", 1)
    words = " ".join(rest.split())
    return FilterSpec(kind, area, hypothesis, speaker, words, tuple(problems))
