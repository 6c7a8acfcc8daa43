"""Word versions of the exports that are documents of headings, lists and tables (the event pack,
the requests for information, the action plan, the partnership report): their Markdown, read by
the parser every export is checked with (:func:`exports.markdown.parser`), set as Word.

Reading the Markdown rather than building each document twice keeps one source of their words.
It is safe because the Markdown escaping is made for exactly this: whatever a person typed reads
back from the parser as the literal text, never a heading, a list, a link or HTML (tested with
hypothesis in tests/test_markdown_escaping.py). Words come out of the parser as text runs, so
python-docx escapes them; characters XML cannot hold are shown as U+FFFD (exports/docx.py).

The outcome form has its own layout, the framework's (exports/docx.py).
"""

from __future__ import annotations

import io

from facilitation.store import Store

from .docx import xml_text
from .markdown import parser

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}


def markdown_to_docx(md: str) -> bytes:
    """The Markdown an lrf export makes, as a .docx file's bytes."""
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    props = doc.core_properties
    props.author = props.last_modified_by = props.comments = props.keywords = ""
    props.title = ""
    tokens = parser().parse(md)
    lists: list[str] = []  # "bullet" / "number", innermost last
    style = None
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type == "heading_open":
            p = doc.add_heading(level=HEADINGS.get(t.tag, 4))
            _inline(p, tokens[i + 1])
            i += 3
            continue
        if t.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("bullet" if t.type == "bullet_list_open" else "number")
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t.type == "list_item_open":
            style = _list_style(lists)
        elif t.type == "inline":
            p = doc.add_paragraph(style=style)
            style = None  # a second paragraph of the same item is not a new bullet
            _inline(p, t)
        elif t.type == "table_open":
            i = _table(doc, tokens, i)
            continue
        elif t.type in ("code_block", "fence"):
            doc.add_paragraph(xml_text(t.content.rstrip("\n")))
        elif t.type == "hr":
            doc.add_paragraph("")
        i += 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _list_style(lists: list[str]) -> str:
    base = "List Bullet" if lists[-1] == "bullet" else "List Number"
    depth = min(len(lists), 3)
    return base if depth == 1 else f"{base} {depth}"


def _inline(paragraph, token) -> None:
    """Text, bold, italics and line breaks; anything else as its plain words."""
    bold = italic = False
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind in ("text", "code_inline", "html_inline"):
            if child.content:
                run = paragraph.add_run(xml_text(child.content))
                run.bold = bold or None
                run.italic = italic or None


def _table(doc, tokens, i: int) -> int:
    """A pipe table as a Word table, its heading row bold and repeated on every page; returns
    the index after the table."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rows: list[list] = []
    heads = 0
    while tokens[i].type != "table_close":
        t = tokens[i]
        if t.type == "tr_open":
            rows.append([])
        elif t.type in ("th_open", "td_open"):
            rows[-1].append(tokens[i + 1] if tokens[i + 1].type == "inline" else None)
        elif t.type == "thead_close":
            heads = len(rows)
        i += 1
    width = max((len(r) for r in rows), default=1)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, inline in enumerate(cells):
            paragraph = table.rows[r].cells[c].paragraphs[0]
            if inline is not None:
                _inline(paragraph, inline)
            if r < heads:
                for run in paragraph.runs:
                    run.bold = True
        if r < heads:
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            table.rows[r]._tr.get_or_add_trPr().append(flag)
    doc.add_paragraph("")
    return i + 1


# -- the exports, as Word ------------------------------------------------------------------------


def render_pack(store: Store, ref: str, **options) -> bytes:
    from .pack import render_pack as markdown

    return markdown_to_docx(markdown(store, ref, **options))


def render_requests(store: Store, ref: str, **options) -> bytes:
    from .pack import render_requests as markdown

    return markdown_to_docx(markdown(store, ref, **options))


def render_follow_up(store: Store, ref: str, **options) -> bytes:
    from .follow_up import render_follow_up as markdown

    return markdown_to_docx(markdown(store, ref, **options))


def render_actions(store: Store, ref: str, **options) -> bytes:
    from .outcome import render_actions as markdown

    return markdown_to_docx(markdown(store, ref, **options))


def render_partnership(store: Store, **options) -> bytes:
    from .partnership import render_partnership as markdown

    return markdown_to_docx(markdown(store, **{**options, "fmt": "md"}))


def render_all_actions(store: Store, **options) -> bytes:
    from .partnership import render_actions as markdown

    return markdown_to_docx(markdown(store, **{**options, "fmt": "md"}))
