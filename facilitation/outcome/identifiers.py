"""The identifier checker for publication: what in a text could identify a child, a family or a
practitioner, and the text with the review's identifier register applied.

Pure functions on strings: no store, no Textual, no I/O. The identifiers found without the
register (postcodes, telephone numbers, dates...) are in :mod:`.identifier_patterns`. The checker
errs toward flagging, because a miss is a leak and a false flag costs the author one decision.

Register entries (the chair's :class:`Entry` list) are matched after folding both sides: Unicode
compatibility decomposition, accents dropped, every apostrophe form (' ’ ‘ ʼ ` ´ ′) and dash form
made one, case folded. Matches are whole words; a possessive (O'Connor's, James') counts; words may
be split by any spaces or a line break. For a name ("name", "participant", "contact") every word
alone counts too (the surname alone, the first name alone), initials before a later word
("J. O'Connor", "J O'Connor"), and a title before any of these goes with it (Ms/Mr/Mrs/Miss/Dr/Mx,
full stop or not). Other kinds (address, school, ...) match as whole phrases with the same folding
and spacing; an address also matches without its house number ("Elm Road").

Decisions the checker makes, each tested:

- **Near misses** (edit distance 1 on words of five or more letters, a swap of two letters
  counting as one edit: "Jaydon", "Jaydne", "O'Conor") are flagged as "near miss of a register
  entry" but never replaced: a near miss written in lower case ("parked" for a surname "Parker")
  is ordinary English, so near misses count only when they begin with a capital letter. (An
  apostrophe left out, "OConnor", is not a near miss: it is the entry, found and replaced.)
- **Months that are names** (May, June, April, August): beside a number ("May 2020", "3 June",
  "the 3rd of April") they are the month, never a name.
- **Common words that are also names** (Mark, Rose, Faith, Hope, Will, Bill, Grace, May, Brown,
  Green, ...): in lower case they are never flagged and never changed. Capitalised mid-sentence
  they are the name (flagged and replaced). Capitalised at the start of a sentence ("Will the
  school attend?", "May they stay?") they are ambiguous: flagged, so the author decides, but not
  replaced - unless another word of the same name or a title is with it ("Will Smith said").
- **NHS numbers**: ten digits written as one run or 3-3-4 (spaces or hyphens) not starting with 0
  are flagged as "NHS number" whether or not the mod-11 check digit is right: a mistyped NHS
  number still identifies the child. Ten or eleven digits starting with 0 are telephone numbers.
- **Dates**: a complete date (day, month and year) in any common writing is flagged unless it is
  in ``publishable_dates``; a month and year alone is not a complete date. A numeric date is read
  day first (UK); if that is impossible but month first is possible (04/13/2019), it is still a
  date.
- **Shared words**: a surname shared by two entries is replaced by the first entry (in the
  register's order) that has it.
- **Email addresses** are flagged whole; a register word inside one is not replaced (the address
  would be half-changed and still readable).
"""

from __future__ import annotations

import bisect
import datetime
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from .identifier_patterns import (  # the kinds, in the words the author reads
    _EMAIL, _MONTHS, ADDRESS, DATE, EMAIL, NHS, PHONE, PLACE, POSTCODE, TITLED, date_in,
    pattern_hits,
)

__all__ = ["Entry", "Hit", "apply_register", "date_in", "find_identifiers"]

NAME_KINDS = frozenset({"name", "participant", "contact"})

REGISTER = "register entry"
NEAR_MISS = "near miss of a register entry"
# When two candidate hits have the same length, the first kind here wins.
_PRIORITY = {k: i for i, k in enumerate(
    (REGISTER, NEAR_MISS, EMAIL, NHS, PHONE, POSTCODE, DATE, ADDRESS, PLACE, TITLED))}


@dataclass(frozen=True)
class Entry:
    """One identifier register entry: its kind, the text as the chair typed it, and what the
    publication says instead."""

    kind: str
    text: str
    replacement: str


@dataclass(frozen=True)
class Hit:
    """One identifier found: offsets into the checked text (end exclusive), a kind in plain words
    for the author, and the register entry matched when there is one."""

    start: int
    end: int
    kind: str
    entry: Entry | None = None

    def position(self, text: str) -> tuple[int, int]:
        """1-based (line, column) of the hit's start in ``text``."""
        line = text.count("\n", 0, self.start) + 1
        column = self.start - (text.rfind("\n", 0, self.start) + 1) + 1
        return line, column


# --- folding -------------------------------------------------------------------------------

_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4\u2032\u02b9\u02bb\u2035\uff07"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_FOLD_CHAR = {**{c: "'" for c in _APOSTROPHES}, **{c: "-" for c in _DASHES}}


def _fold_char(ch: str) -> str:
    if ch in _FOLD_CHAR:
        return _FOLD_CHAR[ch]
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.combining(c):
            continue
        out.append(_FOLD_CHAR.get(c, c))
    return "".join(out).casefold()


def _fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index in ``text`` it came from (one
    extra item at the end for the end of the text)."""
    if text.isascii() and "`" not in text:
        return text.lower(), [*range(len(text) + 1)]
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch) if not ch.isascii() or ch in _FOLD_CHAR or ch.isupper() else ch
        for c in folded:
            chars.append(c)
            where.append(i)
    where.append(len(text))
    return "".join(chars), where


@dataclass(frozen=True)
class _Token:
    start: int        # offsets in the ORIGINAL text
    end: int
    key: str          # folded, apostrophes removed
    bare: str         # the same with a possessive removed
    possessive: str   # the possessive ending as typed ("'s", "’s", "'"), or ""
    capital: bool     # begins with a capital letter as typed
    initial: bool     # a single letter


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _tokens(text: str) -> list[_Token]:
    folded, where = _fold(text)
    out = []
    for m in _WORD.finditer(folded):
        fs, fe = m.start(), m.end()
        word = m.group()
        possessive_len = 0
        if word.endswith("'s") and len(word) > 2:
            possessive_len = 2
        elif (word.endswith("s") and fe < len(folded) and folded[fe] == "'"
              and not (fe + 1 < len(folded) and (folded[fe + 1].isalnum()))):
            fe += 1  # James' : the apostrophe is part of the word
            word += "'"
            possessive_len = 1
        start, end = where[fs], where[fe - 1] + 1
        bare_word = word[:-possessive_len] if possessive_len else word
        possessive = text[where[fe - possessive_len]:end] if possessive_len else ""
        out.append(_Token(
            start=start, end=end, key=word.replace("'", ""), bare=bare_word.replace("'", ""),
            possessive=possessive, capital=text[start].isupper(),
            initial=len(bare_word) == 1 and bare_word.isalpha()))
    return out


@lru_cache(maxsize=1024)
def _words(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in _tokens(text))


# --- common words, titles, sentence starts ------------------------------------------------

# Words that are also first names or surnames: never matched in lower case.
COMMON_WORDS = frozenset("""
mark rose faith hope will bill grace joy may summer june april august autumn dawn eve ivy holly
iris pat rob sue ruby amber pearl crystal sky river star penny sandy rich frank dean drew gene guy
ray art lily daisy heather violet poppy hazel jade melody honey king brown white green black young
long hill wood field cook baker chase hunter miles victor bell wall hall small little rice page
price rock stone lane street moss marsh reed noble sharp strong wise armstrong love rain storm
storm sunny spring winter robin jay wren hart fox lamb bird nash cash gay fair hale sterling
""".split())
# Capitalised at the start of a sentence these are usually the ordinary word.
TITLES = frozenset({"ms", "mr", "mrs", "miss", "dr", "mx", "prof", "sir", "dame", "lady", "lord"})
PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "la",
                       "le", "el", "al", "bin", "bint", "ibn", "ap", "mac", "st"})

_OPENERS = " \t\r\n\"'“‘([{*•·>-–—"


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` begins a sentence: the start, after . ! ?, a blank line or a bullet."""
    i = pos
    crossed = ""
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
        crossed += text[i]
    if i == 0:
        return True
    if text[i - 1] in ".!?":
        return True
    if crossed.count("\n") >= 2:
        return True
    return "\n" in crossed and any(c in crossed for c in "*•·-–—>")


def _gap_ok(text: str, a: int, b: int, allowed: str = " \t\r\n-") -> bool:
    gap = text[a:b]
    return len(gap) <= 40 and all(c in allowed for c in gap)


def _is_title(text: str, tokens: list[_Token], i: int, next_start: int) -> bool:
    t = tokens[i]
    if t.bare not in TITLES or t.possessive:
        return False
    return _gap_ok(text, t.end, next_start, " \t\r\n.")


# --- register matching ---------------------------------------------------------------------


def _near(a: str, b: str) -> bool:
    return (len(b) >= 5 and len(a) >= 4 and -1 <= len(a) - len(b) <= 1
            and OSA.distance(a, b, score_cutoff=1) <= 1)


def _word_match(tok: _Token, word: str, text: str) -> str | None:
    """'exact', 'ambiguous' (a common word capitalised at a sentence start), 'near' or None."""
    same = tok.key == word or tok.bare == word
    if same and word in _MONTHS and _beside_a_number(text, tok):
        return None  # "May 2020", "3 June": the month, not a name
    if same:
        if word in COMMON_WORDS:
            if not tok.capital:
                return None
            if _sentence_start(text, tok.start):
                return "ambiguous"
        return "exact"
    if word in COMMON_WORDS or not tok.capital or tok.initial:
        return None
    if _near(tok.bare, word) or _near(tok.key, word):
        return "near"
    return None


def _beside_a_number(text: str, tok: _Token) -> bool:
    after = text[tok.end:tok.end + 8].lstrip(" \t\n.,")
    before = text[max(0, tok.start - 12):tok.start].rstrip(" \t\n").removesuffix("of").rstrip()
    return after[:1].isdigit() or before[-1:].isdigit() or before.endswith(("st", "nd", "rd", "th"))


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    entry: Entry
    near: bool
    replace: bool       # an exact match apply_register replaces
    possessive: str     # the possessive ending of the last word, as typed


def _all_marks(text: str, tokens: list[_Token], entries: Sequence[Entry]
               ) -> list[dict[int, tuple[int, str]]]:
    """For each token, the best match to a word of each name entry (by the entry's position in
    ``entries``): (word index, how). Exact words are looked up, near misses tried only for
    capitalised tokens."""
    exact: dict[str, list[tuple[int, int]]] = {}
    nearable: list[tuple[str, int, int]] = []
    for e, entry in enumerate(entries):
        if entry.kind not in NAME_KINDS:
            continue
        for j, w in enumerate(_words(entry.text)):
            exact.setdefault(w, []).append((e, j))
            if len(w) >= 5 and w not in COMMON_WORDS:
                nearable.append((w, e, j))
    out = []
    for tok in tokens:
        best: dict[int, tuple[int, str]] = {}
        for key in {tok.key, tok.bare}:
            for e, j in exact.get(key, ()):
                how = _word_match(tok, key, text)
                if how and (e not in best or (best[e][1] != "exact" and how == "exact")
                            or (best[e][1] == how and j < best[e][0])):
                    best[e] = (j, how)
        if tok.capital and not tok.initial and len(tok.bare) >= 4:
            for w, e, j in nearable:
                if e not in best and (_near(tok.bare, w) or _near(tok.key, w)):
                    best[e] = (j, "near")
        out.append(best)
    return out


def _name_matches(text: str, tokens: list[_Token], entry: Entry,
                  marks: list[tuple[int, str] | None]) -> list[_Match]:
    words = _words(entry.text)
    if not words:
        return []
    alone = {j for j, w in enumerate(words)
             if (len(w) >= 2 and w not in PARTICLES) or len(words) == 1}
    out = []
    i = 0
    n = len(tokens)
    initials = {w[0] for w in words[:-1]}
    while i < n:
        mark = marks[i]
        if mark is None and not (tokens[i].key in initials
                                 and any(marks[i + 1:i + 4])):
            i += 1
            continue
        # Initials before a later word of the name: "J. O'Connor", "J O'Connor", "J. L. O'Connor".
        first = i
        k = i
        while (k - i < 3 and k < n and tokens[k].initial and k + 1 < n
               and _gap_ok(text, tokens[k].end, tokens[k + 1].start, " \t\r\n.")):
            k += 1
        if k > i and marks[k] is not None:
            letters = [tokens[x].key for x in range(i, k)]
            j = marks[k][0]
            firsts = [w[0] for w in words[:j]]
            if j > 0 and all(letter in firsts for letter in letters):
                mark, i = marks[k], k
            else:
                mark, i = marks[first], first
        if mark is None or (mark[0] not in alone and i == first):
            i = first + 1
            continue
        # A run of words of the name, in order, joined by spaces, line breaks or hyphens.
        hows = [mark[1]]
        last_j = mark[0]
        end_i = i
        while (end_i + 1 < n and marks[end_i + 1] is not None and marks[end_i + 1][0] > last_j
               and not tokens[end_i].possessive
               and _gap_ok(text, tokens[end_i].end, tokens[end_i + 1].start)):
            end_i += 1
            last_j = marks[end_i][0]
            hows.append(marks[end_i][1])
        start_tok = first
        titled = first > 0 and _is_title(text, tokens, first - 1, tokens[first].start)
        if titled:
            start_tok = first - 1
        several = end_i > i or first < i or titled
        if several and "ambiguous" in hows:
            hows = ["exact" if h == "ambiguous" else h for h in hows]
        near = "near" in hows
        out.append(_Match(
            start=tokens[start_tok].start, end=tokens[end_i].end, entry=entry, near=near,
            replace=not near and "ambiguous" not in hows, possessive=tokens[end_i].possessive))
        i = end_i + 1
    return out


def _phrase_matches(text: str, tokens: list[_Token], entry: Entry) -> list[_Match]:
    variants = [_words(entry.text)]
    if entry.kind == "address":
        w = variants[0]
        k = 0
        while k < len(w) and (any(c.isdigit() for c in w[k]) or w[k] in {"flat", "apartment",
                                                                          "apt", "unit"}):
            k += 1
        if 0 < k and len(w) - k >= 2:
            variants.append(w[k:])
    out = []
    for words in variants:
        m = len(words)
        if not m:
            continue
        w0 = words[0]
        for i in range(len(tokens) - m + 1):
            first = tokens[i]
            if first.key != w0 and first.bare != w0 and not (
                    len(w0) >= 5 and -1 <= len(first.bare) - len(w0) <= 1):
                continue
            hows = []
            for x in range(m):
                tok = tokens[i + x]
                if x and not _gap_ok(text, tokens[i + x - 1].end, tok.start, " \t\r\n-.,/"):
                    break
                if x < m - 1 and tok.possessive and tok.key != words[x]:
                    break
                if m == 1:
                    how = _word_match(tok, words[x], text)
                elif tok.key == words[x] or (x == m - 1 and tok.bare == words[x]):
                    how = "exact"
                elif _near(tok.bare, words[x]) or _near(tok.key, words[x]):
                    how = "near"
                else:
                    how = None
                if how is None:
                    break
                hows.append(how)
            else:
                if m > 1 and "exact" not in hows:
                    continue
                last = tokens[i + m - 1]
                near = "near" in hows
                out.append(_Match(tokens[i].start, last.end, entry, near,
                                  not near and "ambiguous" not in hows,
                                  last.possessive if last.key != words[-1] else ""))
    return out


def _register_matches(text: str, entries: Sequence[Entry]) -> list[_Match]:
    tokens = _tokens(text)
    out: list[_Match] = []
    marks = _all_marks(text, tokens, entries)
    for e, entry in enumerate(entries):
        if entry.kind in NAME_KINDS:
            out.extend(_name_matches(text, tokens, entry, [m.get(e) for m in marks]))
        else:
            out.extend(_phrase_matches(text, tokens, entry))
    return out


# --- the API -------------------------------------------------------------------------------


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, sorted by start: the longest wins, then the kind listed first."""
    return _longest_first(
        sorted(hits, key=lambda h: (-(h.end - h.start), _PRIORITY.get(h.kind, 99), h.start)))


def _longest_first(ordered: list) -> list:
    """Of items with .start and .end, in order of preference, those that overlap none chosen
    before them, sorted by start (kept sorted as they are chosen: long texts stay fast)."""
    starts: list[int] = []
    chosen: list = []
    for item in ordered:
        i = bisect.bisect_left(starts, item.start)
        if i > 0 and chosen[i - 1].end > item.start:
            continue
        if i < len(chosen) and chosen[i].start < item.end:
            continue
        starts.insert(i, item.start)
        chosen.insert(i, item)
    return chosen


def find_identifiers(text: str, entries: Sequence[Entry],
                     publishable_dates: Collection[datetime.date] = ()) -> list[Hit]:
    """Every identifier in ``text``, sorted by start and not overlapping (the longest wins)."""
    hits = [Hit(m.start, m.end, NEAR_MISS if m.near else REGISTER, m.entry)
            for m in _register_matches(text, entries)]
    hits.extend(Hit(a, b, kind)
                for a, b, kind in pattern_hits(text, frozenset(publishable_dates)))
    return _resolve(hits)


def _replacement_for(text: str, m: _Match) -> str:
    words = m.entry.replacement
    if words[:4].casefold() == "the " and text[max(0, m.start - 4):m.start].casefold() == "the ":
        words = words[4:]  # "the O'Connor family" -> "the child's family", not "the the"
    if m.possessive:
        apostrophe = m.possessive[0]
        words += apostrophe if words.endswith("s") else apostrophe + "s"
    if _sentence_start(text, m.start) and words:
        words = words[0].upper() + words[1:]
    return words


def apply_register(text: str, entries: Sequence[Entry]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with every register entry (and every variant of a name: surname alone, first name
    alone, initials, with its title) replaced, longest first, and the (start, end) span of each
    replacement in the NEW text. Near misses and ambiguous sentence-initial common words are left
    for the checker to flag."""
    in_email = bytearray(len(text) + 1)
    for e in _EMAIL.finditer(text):
        in_email[e.start():e.end()] = b"\x01" * (e.end() - e.start())
    matches = [m for m in _register_matches(text, entries)
               if m.replace and not in_email[m.start]]
    chosen: list[_Match] = _longest_first(
        sorted(matches, key=lambda m: (-(m.end - m.start), m.start)))
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for m in chosen:
        out.append(text[pos:m.start])
        length += m.start - pos
        words = _replacement_for(text, m)
        spans.append((length, length + len(words)))
        out.append(words)
        length += len(words)
        pos = m.end
    out.append(text[pos:])
    return "".join(out), spans
