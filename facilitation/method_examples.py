"""Fictional method records for the demo (``facilitation.demo`` calls this): a desktop review's
records and meetings with the further-information loop closed, a thematic review's activities,
interview, audit and confidentiality advice, a single issue review's consultation, documents and
audit; and for every method the group's agreement of scope, an agencies' briefing and, on a
review that follows one, the rapid review. Roles and agencies only: no person is named.

Every write goes through :func:`facilitation.preparation.add_item` / ``update_details``, so the
example obeys the same rules as what a user types.
"""

from __future__ import annotations

import datetime as _dt

from . import clock
from . import preparation as prep
from .reviews import get_review
from .store import Store


def _day(today: _dt.date, offset: int) -> str:
    return (today + _dt.timedelta(days=offset)).isoformat()


def add_method_records_example(store: Store, ref: str, methodology: str | None = None,
                               today: _dt.date | None = None) -> None:
    """Fill one review with example records of its method, dated around ``today``."""
    today = today or clock.today()
    review = get_review(store, ref)
    methodology = methodology or review["methodology"]
    d = lambda n: _day(today, n)  # noqa: E731
    prep.update_details(store, ref, scope_agreed=d(-70), briefing_date=d(-65),
                        briefing_who="Children's social care, health, police and the school")
    add = lambda kind, **v: prep.add_item(store, ref, "method_records", kind=kind, **v)  # noqa
    if methodology == "desktop":
        add("record", agency="GP practice", subject="Primary care notes",
            period="The twelve months before the referral")
        add("record", agency="Children's Social Care", subject="Assessments and plans",
            period="The same twelve months")
        add("meeting", date=d(-40), people="Team manager, social care; named nurse, health; "
                                            "detective sergeant, police",
            outcome="The records show late information sharing; the school's view is missing.",
            further_info="The school's attendance and welfare records", gathered_on=d(-33))
        add("meeting", date=d(-26), people="The same staff, with the designated safeguarding "
                                            "lead from the school",
            outcome="Learning agreed: share attendance concerns at the first strategy meeting.")
    elif methodology == "thematic":
        for category, offset in (("analysis of background information", -50),
                                 ("interviews with practitioners or managers", -35),
                                 ("audits within agencies", -30)):
            add("activity", category=category, date=d(offset))
        add("interview", date=d(-34), people="Health visitor", agency="Health",
            outcome="Caseloads were high; neglect was seen visit by visit, not over time.")
        add("audit", agency="Children's Social Care", subject="Twenty assessments where neglect "
                                                              "was the main concern",
            outcome="Fathers were named in half, assessed in a quarter", date=d(-28))
        add("advice", people="Partnership business manager and data protection officer",
            date=d(-55), outcome="Families informed by letter; not interviewed, to keep each "
                                 "family's circumstances from the others.")
    elif methodology == "single_issue":
        add("consultation", date=d(-30), people="Designated safeguarding lead",
            agency="Education", outcome="Escalation felt personal, so it was avoided.")
        add("document", category="protocol", subject="Resolving professional differences",
            agency="Partnership", date=d(-29), outcome="Clear steps; no timescales.")
        add("audit", agency="Police", subject="Referrals where agencies disagreed on threshold",
            outcome="Few were escalated past the first step", date=d(-20))
