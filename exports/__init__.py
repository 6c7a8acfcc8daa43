"""Renderings of reviews for people outside lrf (Markdown; Word for the form; CSV for trackers).

Never imports Textual or ``lrf_tui``. ``RENDERERS`` maps each ``lrf export --what`` value for a
single review to ``"module:function"``; the function takes ``(store, ref, **options)`` and returns
the document as a string, or as its pieces in order (an iterator of str, written as they come,
so a form drafted from 200,000 notes is never held whole). ``DOCX_RENDERERS`` and
``ALL_DOCX_RENDERERS`` make the same documents for ``--format docx`` and return the file's
bytes. Renderers are imported only when used, so `lrf export` stays fast.
"""

RENDERERS: dict[str, str] = {
    "outcome": "exports.outcome:render_parts",
    "actions": "exports.outcome:render_actions",
    "pack": "exports.pack:render_pack",
    "requests": "exports.pack:render_requests",
    "follow-up": "exports.follow_up:render_follow_up",
}
ALL_RENDERERS: dict[str, str] = {
    "partnership": "exports.partnership:render_partnership",
    "actions": "exports.partnership:render_actions",
}
DOCX_RENDERERS: dict[str, str] = {
    "outcome": "exports.docx:render_outcome",
    "actions": "exports.docx_markdown:render_actions",
    "pack": "exports.docx_markdown:render_pack",
    "requests": "exports.docx_markdown:render_requests",
    "follow-up": "exports.docx_markdown:render_follow_up",
}
ALL_DOCX_RENDERERS: dict[str, str] = {
    "partnership": "exports.docx_markdown:render_partnership",
    "actions": "exports.docx_markdown:render_all_actions",
}
