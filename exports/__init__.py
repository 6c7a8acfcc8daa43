"""Renderings of reviews for people outside lrf (Markdown; Word for the form; CSV for trackers).

Never imports Textual or ``lrf_tui``. ``RENDERERS`` maps each ``lrf export --what`` value for a
single review to ``"module:function"``; the function takes ``(store, ref, **options)`` and returns
the document as a string. ``DOCX_RENDERERS`` are the ones ``--format docx`` can make; those
return the file's bytes. Renderers are imported only when used, so `lrf export` stays fast.
"""

RENDERERS: dict[str, str] = {
    "outcome": "exports.outcome:render",
    "actions": "exports.outcome:render_actions",
    "pack": "exports.pack:render_pack",
    "requests": "exports.pack:render_requests",
}
ALL_RENDERERS: dict[str, str] = {
    "partnership": "exports.partnership:render_partnership",
    "actions": "exports.partnership:render_actions",
}
DOCX_RENDERERS: dict[str, str] = {
    "outcome": "exports.docx:render_outcome",
}
