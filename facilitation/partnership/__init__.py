"""The Learning and Improvement view: actions, themes, impact and dissemination across reviews.

The framework asks the partnership's Learning and Improvement subgroup to discuss the findings of
all reviews, spot recurring themes, and check that actions lead to change. Everything here reads
the recommendations, themes and dissemination rows of every review; nothing here is typed twice.
One module a part:

- :mod:`.periods`: a checked date range, the day a review counts under, quarters and years;
- :mod:`.tracker`: every action with its derived status and agency; started, done, progress;
- :mod:`.impact`: evidence that an action made a difference;
- :mod:`.themes`: themes, tagging, counts per period, starting a thematic review;
- :mod:`.dissemination`: the one dissemination log (shared with the outcome form).

Callers use the package as one module: ``from facilitation import partnership as p``, then
``p.actions(...)``. What day it is comes from :mod:`facilitation.clock`, which tests fix.
"""

from ..dissemination import in_period
from .tracker import (
    PROGRESS,
    STATUS_ORDER,
    STATUSES,
    Action,
    actions,
    derive_status,
    filter_actions,
    mark_done,
    mark_started,
    set_progress,
)
from .dissemination import (
    add_dissemination,
    delete_dissemination,
    dissemination_log,
    mark_disseminated,
    update_dissemination,
)
from .impact import add_impact, delete_impact, update_impact
from .periods import check_period, period_of, periods_between, review_day, reviews_in_period
from .themes import (
    THEME_NAME_LIMIT,
    ThemeCount,
    add_theme,
    delete_theme,
    findings_of,
    get_theme,
    list_themes,
    normalise_theme,
    rename_theme,
    reviews_with_theme,
    start_thematic_review,
    tag_review,
    theme_counts,
    themes_of,
    untag_review,
)

__all__ = [
    "PROGRESS", "STATUS_ORDER", "STATUSES", "THEME_NAME_LIMIT", "Action", "ThemeCount",
    "actions", "add_dissemination", "add_impact", "add_theme", "check_period",
    "delete_dissemination", "delete_impact", "delete_theme", "derive_status",
    "dissemination_log", "filter_actions", "findings_of", "get_theme", "in_period",
    "list_themes", "mark_disseminated", "mark_done", "mark_started", "normalise_theme",
    "period_of", "periods_between", "rename_theme", "review_day", "reviews_in_period",
    "reviews_with_theme", "set_progress", "start_thematic_review", "tag_review",
    "theme_counts", "themes_of", "untag_review", "update_dissemination",
    "update_impact",
]
