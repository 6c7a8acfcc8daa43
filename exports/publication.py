"""The published version of the outcome form, as Markdown or as one self-contained HTML page.

Made only from the approved publication texts (facilitation/outcome/publication_text.py) of the
form the lead author marked final: never the internal text. Refused, with every reason listed
and nothing written, while a part is unapproved, a flag unresolved or a part over its word
limit; then the checker runs once more over the whole document as it would be written
(headings, status line, table cells), and refuses on anything it still finds. The document
carries its publication date and form version and no draft markers.
"""

from __future__ import annotations

import html as _html
from typing import Iterator

from facilitation import clock
from facilitation.errors import InputRefused
from facilitation.framework import (
    FORM_FIELDS,
    FORM_TITLE,
    NOT_PUBLISHED_FIELDS,
    RECOMMENDATION_COLUMNS,
)
from facilitation.outcome import (
    SUMMARY,
    document_flags,
    long_date,
    published_parts,
    table_rows,
)
from facilitation.store import Store

from .markdown import emphasis, inline, paragraph, table

UNPUBLISHED_TEXT = "Not included in the published version."
NOTHING_TEXT = "Nothing recorded."


def status_line(ref: str, version: int, on: str) -> str:
    return (f"Published version of review {ref}, form version {version}, published on {on}. "
            "Names and places have been replaced, and some fields left out, to protect the "
            "family and the practitioners.")


def _blocks(state, parts) -> tuple[list[str], str]:
    version = [v["number"] for v in state.versions if v["state"] == "final"][-1]
    today = clock.today()
    by_key = {p.key: p for p in parts}
    title = FORM_TITLE + (": summary of the key findings" if SUMMARY in by_key else "")
    on = long_date(today.isoformat())
    out = [f"# {title}", f"**Status:** {inline(status_line(state.review['ref'], version, on))}"]
    if SUMMARY in by_key:
        p = by_key[SUMMARY]
        out += [f"## {p.name}", paragraph(p.public) or NOTHING_TEXT]
        return out, today.isoformat()
    for f in FORM_FIELDS:
        out.append(f"## {f.name}")
        if f.key in NOT_PUBLISHED_FIELDS:
            out.append(emphasis(UNPUBLISHED_TEXT))
        elif f.key == "recommendations":
            rows = table_rows(by_key[f.key].public)
            out.append(table(RECOMMENDATION_COLUMNS, rows) if rows else NOTHING_TEXT)
        else:
            out.append(paragraph(by_key[f.key].public) or NOTHING_TEXT)
    return out, today.isoformat()


def render_markdown(store: Store, ref: str) -> str:
    state, parts = published_parts(store, ref)
    return checked_markdown(store, ref, state, parts)


def checked_markdown(store: Store, ref: str, state, parts) -> str:
    """The document made from ``parts`` (already found publishable), after the checker has run
    over all of it as it would be written."""
    blocks, today = _blocks(state, parts)
    text = "\n\n".join(blocks) + "\n"
    left = document_flags(store, ref, text, extra_days=[today])
    if left:
        raise InputRefused(
            f"Not published: the checker still finds {len(left)} thing(s) in the document as it "
            "would be written (nothing was written):\n" + "\n".join(f"  - {x}" for x in left))
    return text


_CSS = ("body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;color:#111}table{border-collapse:collapse;width:100%}"
        "th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}"
        "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.6rem}")


def render_html(store: Store, ref: str) -> str:
    """One self-contained page (inline CSS, no external links), rendered from the Markdown by
    markdown-it-py with raw HTML off: every piece of user text comes out escaped."""
    from markdown_it import MarkdownIt

    md = render_markdown(store, ref)
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(md)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{_html.escape(FORM_TITLE)}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n{body}</body>\n</html>\n")


def render_publication(store: Store, ref: str, fmt: str = "md") -> Iterator[str]:
    text = render_html(store, ref) if fmt == "html" else render_markdown(store, ref)
    return iter([text])
