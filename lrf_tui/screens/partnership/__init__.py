"""Learning and Improvement: every review's actions, themes and dissemination in one place.

Three tabs. The action tracker (actions.py) lists every recommendation of every review, overdue
first, with filters by status, agency, owner and review; actions are marked started or done and
evidence of impact is added against them. Themes (themes.py) counts practice themes across
reviews, shows the trend per quarter (or year) as a chart, lists the reviews and findings behind
each count, and starts a thematic review from reviews selected there. Dissemination
(dissemination.py) logs how each review's learning was shared. The screen that holds the tabs is
screen.py; its dialogs are dialogs.py; drawing.py fits text into fixed space.
"""

from .actions import ActionsPane
from .dialogs import FieldsScreen, PickValueScreen, ReaderScreen
from .dissemination import DisseminationPane
from .drawing import action_text, clipped, short, trend_chart
from .screen import PartnershipScreen
from .themes import ThemesPane

__all__ = [
    "ActionsPane",
    "DisseminationPane",
    "FieldsScreen",
    "PartnershipScreen",
    "PickValueScreen",
    "ReaderScreen",
    "ThemesPane",
    "action_text",
    "clipped",
    "short",
    "trend_chart",
]
