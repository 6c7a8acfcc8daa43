"""What each field of the form would say if it were drafted now from what the review holds:
its notes (read once, by :class:`.note_lines.NotesDrafts`: which note goes where is said
there), agencies' written returns, participants and attendance, the chronology, reviews that
share a theme, dissemination plans and the decisions about the family. Nothing here writes;
drafts name agencies and roles, never the people who spoke.

Synopsis: who the family are (their pseudonym), why they were reviewed, the scope, the agencies
involved and the key episodes of the chronology in order, kept within the field's 300 words:
episodes that do not fit go on in Background, so none is left out.
"""

from __future__ import annotations

from ..framework import FORM_FIELD_BY_KEY, METHODOLOGY_BY_KEY
from ..reviews import children
from ..store import Store
from ..method_records import method_lines, records
from ..process import rapid_review_lines
from .fields import DraftLine, long_date, word_count
from .note_lines import NotesDrafts

PRESENT = ("present", "late", "left early")
UNABLE = ("absent", "unable to contribute")


def _person(p: dict) -> str:
    bits = [b for b in (p["role"], p["agency"]) if b]
    return ", ".join(bits) or "A participant"


def compute_drafts(store: Store, review: dict) -> dict[str, list[DraftLine]]:
    """What each field would say if drafted now from the stored review, notes and plans."""
    rid = review["id"]
    participants = children(store, "participants", rid, order="id")
    agency_rows = children(store, "agencies", rid, order="name")
    agencies = {a["name"] for a in agency_rows}
    hypotheses = children(store, "hypotheses", rid, order="number")
    notes = NotesDrafts(store, rid, participants, agencies, {h["number"] for h in hypotheses})
    for a in agency_rows:  # the agencies' written returns, after the notes they may repeat
        for key, place in (("good_practice", "strengths"), ("do_differently", "do_better"),
                           ("unexpected", "do_better")):
            for line in _return_lines(a[key]):
                notes.add("unexpected" if key == "unexpected" else place, line,
                          f"{a['name']}, written return", key)
    notes.finish()
    d: dict[str, list[DraftLine]] = {}

    families = children(store, "families", rid)
    fam = []
    if review["family_label"] and review["family_label"] not in {f["label"] for f in families}:
        fam.append(DraftLine(review["family_label"]))
    for f in families:  # each family compared: its pseudonym, then how its circumstances differ
        text = f["label"]
        if f["circumstances"]:
            text = f"{text}: {f['circumstances']}" if text else f["circumstances"]
        if text:
            fam.append(DraftLine(text))
    d["family"] = fam

    if review["lead_author"]:
        d["lead_author"] = [
            DraftLine(", ".join(b for b in (review["lead_author"], review["lead_author_role"]) if b))
        ]
    d["method"] = _method(review) + [DraftLine(line) for line in method_lines(store, review)]
    meetings = records(store, rid, "meeting")

    came = [p for p in participants if p["attendance"] in PRESENT]
    # Arriving late or leaving early is not the form's business: everyone who came is listed.
    d["attendees"] = [DraftLine(f"- {_person(p)}") for p in came]
    represented = {p["agency"] for p in came}
    for a in agency_rows:
        if a["request_received"] and a["name"] not in represented:
            d["attendees"].append(DraftLine(f"- {a['name']} (sent information)"))
    if review["methodology"] == "desktop":
        # A desktop review's contributors are the staff who met to consider the records.
        for m in meetings:
            d["attendees"].append(DraftLine(f"- Meeting of {long_date(m['date'])}: "
                                            + " ".join(m["people"].split())))
    all_records = records(store, rid)
    for r in all_records:
        # Those interviewed or consulted took part; an agency audited for the review sent
        # information. Roles and agencies, as the records hold them.
        if r["kind"] in ("interview", "consultation"):
            who = ", ".join(b for b in (" ".join(r["people"].split()), r["agency"]) if b)
            how = "interviewed" if r["kind"] == "interview" else "consulted"
            d["attendees"].append(DraftLine(f"- {who} ({how} on {long_date(r['date'])})"
                                            if r["date"] else f"- {who} ({how})"))
        elif r["kind"] == "audit" and r["agency"]:
            d["attendees"].append(DraftLine(f"- {r['agency']} (audit of its own cases)"))
    d["unable"] = [
        DraftLine(f"- {_person(p)}" + (f": {p['attendance_note']}" if p["attendance_note"] else ""))
        for p in participants
        if p["attendance"] in UNABLE
    ]

    met = sorted(m["date"] for m in meetings if m["date"])
    if review["methodology"] == "desktop" and met:
        # The review was undertaken at its meetings: the first, and the last when there were more.
        d["date"] = [DraftLine(long_date(met[0]) if len(met) == 1 else
                               f"{long_date(met[0])} to {long_date(met[-1])} "
                               f"({len(met)} meetings)")]
    elif review["event_date"]:
        d["date"] = [DraftLine(long_date(review["event_date"]))]
    else:
        # Undertaken over the dates its own records were made (interviews, audits, ...).
        days = sorted({r["date"] for r in all_records if r["date"]}
                      | {r["date"] for r in children(store, "method_items", rid) if r.get("date")})
        if days:
            d["date"] = [DraftLine(long_date(days[0]) if len(days) == 1 else
                                   f"{long_date(days[0])} to {long_date(days[-1])}")]

    chronology = children(store, "chronology", rid, order="date")
    d["synopsis"], overflow = _synopsis(review, families, agency_rows, chronology)

    voice = notes.note_ids("voice")
    findings: list[DraftLine] = []
    for h in hypotheses:
        findings += notes.hypothesis_lines(h) + [DraftLine("")]
    for title, place in (("Key learning points:", "learning"),
                         ("The child's and family's voice:", "voice")):
        lines = notes.lines(place, speakers=False)  # the review's learning, the family's words
        if lines:
            findings += [DraftLine(title)] + lines + [DraftLine("")]
    d["findings"] = _paragraphs(findings)

    background = notes.lines("background")
    if overflow:
        background += [DraftLine(""), DraftLine("Further episodes from the chronology:")]
        background += overflow
    questions = notes.lines("questions")
    if questions:
        background += [DraftLine(""),
                       DraftLine("Questions left open, for the author to resolve:")]
        background += questions
    d["background"] = _paragraphs(background)
    d["strengths"] = notes.lines("strengths")
    d["do_better"] = notes.lines("do_better") + notes.lines("unexpected")
    d["broader_learning"] = _see_also(store, rid)
    d["recommendation_rows"] = notes.actions
    d["dissemination"] = _dissemination(children(store, "dissemination", rid, order="id"))
    fd = []
    if review["family_involvement"] and review["family_involvement"] != "not yet decided":
        fd.append(DraftLine(f"Family involvement: {review['family_involvement']}."))
    if review["family_involvement_detail"]:
        fd.append(DraftLine(review["family_involvement_detail"]))
    if voice:
        fd.append(DraftLine("What the family said, as practitioners shared it, is quoted in "
                            "Findings (the child's and family's voice).", voice))
    if review["publication_risks"]:
        fd.append(DraftLine(f"Risks around publication: {review['publication_risks']}"))
    d["family_decisions"] = fd
    return d


def _return_lines(text: str) -> list[str]:
    """An agency's written answer to one ask, one point a line (list markers dropped)."""
    return [line.strip().lstrip("-*• ").strip() for line in (text or "").splitlines()
            if line.strip().lstrip("-*• ").strip()]


def _paragraphs(lines: list[DraftLine]) -> list[DraftLine]:
    """Blank lines only between paragraphs: none first, last, or twice."""
    out: list[DraftLine] = []
    for line in lines:
        if not line.text and (not out or not out[-1].text):
            continue
        out.append(line)
    while out and not out[-1].text:
        out.pop()
    return out


def _method(review: dict) -> list[DraftLine]:
    method = METHODOLOGY_BY_KEY.get(review["methodology"])
    m = []
    if review["methodology"] == "practitioner":
        how = "Practitioner learning review: the practitioners who worked with the family met"
        how += " at a learning event"
        if review["event_venue"]:
            how += f" ({review['event_venue']})"
        if review["event_minutes"]:
            h, mins = divmod(int(review["event_minutes"]), 60)
            span = " ".join(b for b in (f"{h} h" if h else "", f"{mins} min" if mins else "") if b)
            how += f" lasting {span}"
        m.append(DraftLine(how + " to reflect on that work."))
    elif method:
        m.append(DraftLine(f"{method.name}: {method.explanation[:1].lower()}{method.explanation[1:]}"))
    m += [DraftLine(line) for line in rapid_review_lines(review)]
    return m


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _synopsis(review: dict, families: list[dict], agency_rows: list[dict],
              chronology: list[dict]) -> tuple[list[DraftLine], list[DraftLine]]:
    """The synopsis within its word limit, and the episodes that did not fit in it."""
    labels = [review["family_label"]] if review["family_label"] else []
    labels += [f["label"] for f in families if f["label"] and f["label"] not in labels]
    out = []
    theme = " ".join(review["theme"].split()).rstrip(".")
    if labels:
        out.append(DraftLine(f"This review concerns {_and(labels)}"
                             + (f", and looks at {_lower_first(theme)}." if theme else ".")))
    elif theme:
        out.append(DraftLine(f"This review looks at {_lower_first(theme)}."))
    if review["scope"]:
        out.append(DraftLine(f"Scope: {review['scope']}"))
    involved = [a["name"] for a in agency_rows]
    for c in chronology:
        if c["agency"] and c["agency"] not in involved:
            involved.append(c["agency"])
    if involved:
        out.append(DraftLine(f"Agencies involved: {_and(involved)}."))
    episodes = [DraftLine(f"- {long_date(c['date'])}" + (f", {c['agency']}" if c["agency"] else "")
                          + f": {c['what']}") for c in chronology]
    if not episodes:
        return out, []
    limit = FORM_FIELD_BY_KEY["synopsis"].word_limit or 300
    words = sum(word_count(line.text) for line in out) + 4  # and 'Key episodes, in order:'
    fit = 0
    while fit < len(episodes) and words + word_count(episodes[fit].text) <= limit:
        words += word_count(episodes[fit].text)
        fit += 1
    if fit:
        out += [DraftLine(""), DraftLine("Key episodes, in order:")] + episodes[:fit]
    return out, episodes[fit:]


def _see_also(store: Store, rid: int) -> list[DraftLine]:
    """Reviews that share a theme with this one (the partnership's themes), with their findings
    for the author to weigh; or, when none does, the themes this review carries."""
    rows = store.conn.execute(
        "SELECT v.id, v.ref, v.title, t.name FROM review_themes mine "
        "JOIN review_themes other ON other.theme_id = mine.theme_id "
        "AND other.review_id != mine.review_id "
        "JOIN themes t ON t.id = mine.theme_id JOIN reviews v ON v.id = other.review_id "
        "WHERE mine.review_id = ? ORDER BY v.ref, t.normalised", [rid]).fetchall()
    if not rows:
        mine = [r[0] for r in store.conn.execute(
            "SELECT t.name FROM review_themes rt JOIN themes t ON t.id = rt.theme_id "
            "WHERE rt.review_id = ? ORDER BY t.normalised", [rid])]
        if not mine:
            return []
        return [DraftLine(f"Themes: {_and(mine)}. No other review on record shares them yet.")]
    others: dict[int, tuple[str, str, list[str]]] = {}
    for oid, ref, title, theme in rows:
        others.setdefault(oid, (ref, title, []))[2].append(theme)
    out = []
    for oid, (ref, title, themes) in others.items():
        line = (f"- See also {ref}, {title} (shares the theme{'s' if len(themes) > 1 else ''} "
                f"{_and(themes)})")
        found = _findings_of(store, oid)
        out.append(DraftLine(line + (f": {found}" if found else ".")))
    return out


def _findings_of(store: Store, review_id: int, most: int = 60) -> str:
    """Another review's findings in a sentence or two: its written field, else its learning."""
    row = store.conn.execute(
        "SELECT body FROM form_fields WHERE review_id = ? AND field = 'findings'", [review_id]
    ).fetchone()
    if row and row[0].strip():
        text = " ".join(line.strip().lstrip("-* ").strip() for line in row[0].splitlines()
                        if line.strip())
    else:
        text = " ".join(" ".join(r[0].split()) for r in store.conn.execute(
            "SELECT body FROM notes WHERE review_id = ? AND kind = 'learning' AND deleted = 0 "
            "ORDER BY id LIMIT 3", [review_id]))
    words = text.split()
    if len(words) > most:
        return " ".join(words[:most]) + " …"
    return text


def _dissemination(rows: list[dict]) -> list[DraftLine]:
    dis = []
    for r in rows:
        line = f"- {r['method']}"
        if r["lead"]:
            line += f", led by {r['lead']}"
        if r["planned_on"]:
            line += f", planned for {long_date(r['planned_on'])}"
        if r["done_on"]:
            line += f", done {long_date(r['done_on'])}"
        if r["detail"]:
            line += f": {r['detail']}"
        dis.append(DraftLine(line))
    return dis
