"""The domain: reviews, the framework's content, the capture grammar, drafting and checks, and
the SQLite store. Never imports Textual, ``lrf_tui`` or ``exports``."""
