"""The review workspace (everything prepared before the event), as a package: the screen itself
(``screen``: layout, keys, the actions on the focused table), what every table is (``panes``),
the tabs' panes (``details``: the review's fields and key lines of enquiry; ``agencies``:
information requests and the chronology; ``agenda``: agenda, ground rules, questions, hypotheses,
invitees; ``method``: the Method tab) and which tabs a review has with how wide the columns are
drawn (``tabs``). Its dialogs are the app's own (``lrf_tui.dialogs``). The names below are
imported from here by the app and the tests.
"""

from .screen import PrepareScreen
from .tabs import PaneTable, column_widths, tabs_for

__all__ = ["PaneTable", "PrepareScreen", "column_widths", "tabs_for"]
