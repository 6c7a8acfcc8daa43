"""The Learning Review Outcomes Form as a Word document, in the framework's own layout.

Built from the same form state as the Markdown export (:func:`facilitation.outcome.form_state`,
or the publication state), with the same draft markers in the same words (exports/outcome.py):

- a page header, and a heading block, with the review's reference, the form's version and its
  status line;
- one two-column table, field and content, with the sixteen fields in the framework's order and
  spelling (Appendix 1); the field guidance is left out, as the framework's Word form asks;
- in the Recommendations row, the three-column table ``Action | Person Responsible |
  Timeframe``, its heading row repeated on every page.

User text is set as text runs, never parsed: ``[/]``, ``<script>``, emoji and right-to-left
script arrive as typed (python-docx escapes XML). Controls are shown as U+FFFD by the one rule
for characters (facilitation/inputs.py), and the few characters XML cannot hold at all (U+FFFE,
U+FFFF, which an older database may keep) likewise, so nothing stored can stop an export.

python-docx is imported only here and only when a Word document is made, so the Markdown export
does not pay for it.
"""

from __future__ import annotations

import io
import re
import sys
from typing import Callable

from facilitation.errors import InputRefused
from facilitation.framework import FORM_TITLE, NOT_PUBLISHED_FIELDS, RECOMMENDATION_COLUMNS
from facilitation.inputs import REPLACEMENT, neutralise
from facilitation.outcome import (
    FieldState,
    FormState,
    changed_since_latest,
    form_state,
    history,
    status_line,
)
from facilitation.store import Store

from .outcome import (
    CANDIDATES_TEXT,
    DRAFT_TEXT,
    EMPTY_TEXT,
    NO_RECOMMENDATIONS_TEXT,
    UNPUBLISHED_TEXT,
    candidates_line,
    limit_warnings,
    recommendation_rows,
)

# What XML 1.0 cannot hold, after neutralise() has made every control U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ITEM = re.compile(r"^[ \t]*[-*][ \t]+(?=\S)")
FIELD_COLUMN_CM = 5.0
CONTENT_COLUMN_CM = 11.0  # A4 with 2.5 cm margins leaves 16 cm
REC_COLUMNS_CM = (5.2, 3.0, 2.5)  # inside the content cell, less its margins


def _stderr(message: str) -> None:
    print(f"lrf: warning: {message}", file=sys.stderr)


def xml_text(value: object) -> str:
    """Stored text as Word can hold it: controls and XML-illegal characters become U+FFFD."""
    s = neutralise(value)
    return _NOT_XML.sub(REPLACEMENT, s) if _NOT_XML.search(s) else s


def version_label(state: FormState, publication: bool = False) -> str:
    """'3 (draft)', '2 (final)': the version this document is. The published version is the
    one last marked final (publication refuses a form changed since)."""
    finals = [v["number"] for v in state.versions if v["state"] == "final"]
    if publication and finals:
        return f"{finals[-1]} (published)"
    latest = state.latest
    if latest is None:
        return "1 (draft)"
    n = latest["number"]
    if changed_since_latest(state):
        return f"{n + 1} (draft)"
    return f"{n} ({'final' if latest['state'] == 'final' else 'draft'})"


def render_outcome(store: Store, ref: str, *, publication: bool = False,
                   warn: Callable[[str], None] | None = _stderr, **_options) -> bytes:
    """The whole form as a .docx file's bytes (over-limit fields reported through ``warn``)."""
    if publication:  # the published version is made from approved publication texts only
        raise InputRefused("The published version is Markdown or HTML: use --format md or "
                           "--format html with --publication.")
    state = form_state(store, ref)
    if warn is not None:
        for message in limit_warnings(state):
            warn(message)
    return build(state, publication=publication)


def build(state: FormState, *, publication: bool = False) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    review = state.review
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    _properties(doc, review["ref"])

    version = version_label(state, publication)
    status = status_line(state)
    status = status[:1].upper() + status[1:]
    header = f"{FORM_TITLE} · {review['ref']} · version {version}"
    section.header.paragraphs[0].text = xml_text(header)

    doc.add_heading(FORM_TITLE, level=1)
    _labelled(doc.add_paragraph(), "Review: ", review["ref"] if publication
              else f"{review['ref']}, {review['title']}")
    _labelled(doc.add_paragraph(), "Version: ", version)
    _labelled(doc.add_paragraph(), "Status: ", status)
    events = [] if publication else history(state)
    if events:  # as the Markdown form gives it: whom the final went to, any override and why
        doc.add_paragraph().add_run("History:").bold = True
        for event in events:
            doc.add_paragraph(" ".join(xml_text(event).split()), style="List Bullet")

    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    _column_widths(table, (FIELD_COLUMN_CM, CONTENT_COLUMN_CM))
    for f in state.fields:
        row = table.add_row()
        name, content = row.cells
        _width(name, FIELD_COLUMN_CM)
        _width(content, CONTENT_COLUMN_CM)
        name.paragraphs[0].add_run(f.name).bold = True
        _content(content, f, state, publication)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# -- the content cell ----------------------------------------------------------------------------


def _content(cell, f: FieldState, state: FormState, publication: bool) -> None:
    first = cell.paragraphs[0]
    if publication and f.key in NOT_PUBLISHED_FIELDS:
        _note(first, UNPUBLISHED_TEXT)
        return
    if f.key == "recommendations":
        _recommendations(cell, state)
        return
    if not f.body.strip():
        _note(first, EMPTY_TEXT)
        return
    if f.drafted:
        _note(first, DRAFT_TEXT)
        first = None
    _body(cell, f.body, first)


def _body(cell, text: str, first) -> None:
    """Paragraphs (blank lines between), their single line breaks kept; a line typed as
    ``- item`` or ``* item`` is a bulleted paragraph, as the Markdown export makes it."""
    for para in re.split(r"\n\s*\n", xml_text(text)):
        lines: list[str] = []
        for raw in para.split("\n"):
            if not raw.strip():
                continue
            item = _ITEM.match(raw)
            if item:
                first = _flush(cell, lines, first)
                p = first if first is not None else cell.add_paragraph()
                first = None
                p.style = "List Bullet"
                p.add_run(raw[item.end():].strip())
            else:
                lines.append(raw.strip())
        first = _flush(cell, lines, first)


def _flush(cell, lines: list[str], first):
    if not lines:
        return first
    p = first if first is not None else cell.add_paragraph()
    run = p.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run = p.add_run(line)
    lines.clear()
    return None


def _recommendations(cell, state: FormState) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    pending = candidates_line(state, "Row", CANDIDATES_TEXT)
    if pending:
        _note(cell.paragraphs[0], pending)
    elif not state.recommendations:
        _note(cell.paragraphs[0], NO_RECOMMENDATIONS_TEXT)
    rows = recommendation_rows(state)
    recs = cell.add_table(rows=1 + len(rows), cols=len(RECOMMENDATION_COLUMNS))
    recs.style = "Table Grid"
    recs.autofit = False
    head = recs.rows[0]
    flag = OxmlElement("w:tblHeader")  # the heading row repeats on every page
    flag.set(qn("w:val"), "true")
    head._tr.get_or_add_trPr().append(flag)
    for c, heading in enumerate(RECOMMENDATION_COLUMNS):
        head.cells[c].paragraphs[0].add_run(heading).bold = True
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            recs.rows[r].cells[c].paragraphs[0].add_run(" ".join(xml_text(value).split()))
    _column_widths(recs, REC_COLUMNS_CM)
    for c, width in enumerate(REC_COLUMNS_CM):
        for row in recs.rows:
            _width(row.cells[c], width)
    # Word wants a paragraph after a table in a cell; python-docx leaves the empty one first.
    if not cell.paragraphs[0].text and len(cell.paragraphs) > 1:
        empty = cell.paragraphs[0]._p
        empty.getparent().remove(empty)


# -- small pieces --------------------------------------------------------------------------------


def _note(paragraph, words: str) -> None:
    """The project's own words about a field (a draft marker), in italics."""
    paragraph.add_run(words).italic = True


def _labelled(paragraph, label: str, value: str) -> None:
    paragraph.add_run(label).bold = True
    paragraph.add_run(" ".join(xml_text(value).split()))


def _width(cell, cm: float) -> None:
    from docx.shared import Cm

    cell.width = Cm(cm)


def _column_widths(table, widths_cm) -> None:
    """The table's grid (LibreOffice lays a table out by it; Word by each cell's width)."""
    from docx.shared import Cm

    for column, cm in zip(table.columns, widths_cm):
        column.width = Cm(cm)


def _properties(doc, ref: str) -> None:
    """The file's own properties say what it is, and nothing of the family or the author."""
    props = doc.core_properties
    props.title = FORM_TITLE
    props.subject = xml_text(ref)
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
