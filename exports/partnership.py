"""Across all reviews, for the Learning and Improvement subgroup: the partnership report
(Markdown) and the action tracker (Markdown or CSV, since partnerships keep trackers in
spreadsheets).

All user text goes through ``exports.markdown`` so nothing typed can add a heading, break a
table or inject HTML.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections import Counter, defaultdict

from facilitation import clock
from facilitation import partnership as p
from facilitation.framework import METHODOLOGY_BY_KEY, REVIEW_STATUSES
from facilitation.inputs import neutralise
from facilitation.store import Store

from .markdown import block, bullets, inline, table

REPORT_TITLE = "Learning and Improvement report"
ACTION_COLUMNS = (
    "Review",
    "Review title",
    "Action",
    "Person Responsible",
    "Agency",
    "Timeframe",
    "Due date",
    "Status",
    "Completed on",
    "Finding",
    "Impact evidence",
)
# The reviews-and-themes sheet: one row per review and theme (a review with no theme has one row
# with the theme empty), for the subgroup's spreadsheet beside the action tracker's.
REVIEW_THEME_COLUMNS = ("Review", "Review title", "Methodology", "Status", "Final date", "Theme")
# Excel reads a CSV without a byte order mark in the local code page, so "Zoë" or "Children’s
# Social Care" would come out garbled; with it, every spreadsheet reads UTF-8.
CSV_BOM = "\ufeff"
# A spreadsheet would run a cell that starts like a formula; a leading apostrophe stops that.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _period_line(start: str | None, end: str | None) -> str:
    if start and end:
        return f"Period: {start} to {end}."
    if start:
        return f"Period: from {start} onwards."
    if end:
        return f"Period: up to {end}."
    return "Period: all reviews recorded, whenever they were held."


def _methodology(key: str) -> str:
    m = METHODOLOGY_BY_KEY.get(key)
    return m.name if m else key


def _impact_text(evidence: list[dict]) -> str:
    parts = []
    for ev in evidence:
        text = f"{ev['observed_on']}: {ev['what_changed']}"
        if ev["how_measured"]:
            text += f" (measured by: {ev['how_measured']})"
        parts.append(text)
    return parts


def _imported(origin) -> str:
    """When a review was last imported from a review file, or that it was made here."""
    if origin is None or not origin.imported_at:
        return "made here"
    return f"{origin.imported_on} ({origin.imported_from})"


def _count_phrase(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def render_partnership(
    store: Store, *, date_from=None, date_to=None, fmt: str = "md", **_options
) -> str:
    """The subgroup's report for a period: reviews, themes, overdue actions, completed actions
    with their impact evidence, and dissemination done."""
    if fmt == "csv":
        return render_review_themes(store, date_from=date_from, date_to=date_to)
    start, end = p.check_period(date_from, date_to)
    on = clock.today()
    out = [f"# {REPORT_TITLE}", "", _period_line(start, end), "",
           f"Prepared on {on.isoformat()}; an action's status is worked out from its dates "
           "on that day."]
    total_reviews = store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
    if total_reviews == 0:
        out += ["", "There is nothing to report yet: no reviews are recorded in lrf. Reviews, "
                "their actions, themes and dissemination will appear here once they are "
                "entered.", ""]
        return "\n".join(out)

    reviews = p.reviews_in_period(store, start, end)
    all_actions = p.actions(store, on=on)
    in_period_refs = {r["ref"] for r in reviews}
    period_actions = [a for a in all_actions if a.ref in in_period_refs]
    overdue = [a for a in all_actions if a.status == "overdue"]
    completed = [
        a for a in all_actions if a.status == "done" and p.in_period(a.completed_on, start, end)
    ]
    themes, _periods = p.theme_counts(store, date_from=start, date_to=end, include_unused=False)
    spread = p.dissemination_log(store, date_from=start, date_to=end, done_only=True)

    status_counts = Counter(a.status for a in period_actions)
    out += [
        "",
        "## Summary",
        "",
        bullets(
            [
                _count_phrase(len(reviews), "review") + " in the period.",
                _count_phrase(len(period_actions), "action") + " from those reviews: "
                + ", ".join(f"{status_counts.get(s, 0)} {s}" for s in p.STATUSES) + ".",
                _count_phrase(len(overdue), "action") + " overdue across all reviews today.",
                _count_phrase(len(completed), "action") + " completed in the period, "
                + f"{sum(1 for a in completed if a.impact)} with evidence of impact.",
                _count_phrase(len(themes), "theme") + " seen in the period.",
                _count_phrase(len(spread), "dissemination activity", "dissemination activities")
                + " done in the period.",
            ]
        ),
    ]

    # -- reviews ------------------------------------------------------------------------------
    out += ["", "## Reviews in the period", ""]
    if not reviews:
        out.append("No review was held in this period.")
    else:
        by_method: dict[str, Counter] = defaultdict(Counter)
        for r in reviews:
            by_method[r["methodology"]][r["status"]] += 1
        order = {s: i for i, s in enumerate(REVIEW_STATUSES)}
        rows = []
        for key in sorted(by_method, key=lambda k: _methodology(k)):
            counts = by_method[key]
            rows.append(
                (
                    _methodology(key),
                    sum(counts.values()),
                    ", ".join(
                        f"{n} {s}" for s, n in sorted(counts.items(),
                                                      key=lambda kv: order.get(kv[0], 99))
                    ),
                )
            )
        out += [table(("Methodology", "Reviews", "By status"), rows), ""]
        from facilitation.travel.origins import origins

        came = {o.ref: o for o in origins(store).values()}
        out.append(
            table(
                ("Reference", "Title", "Methodology", "Status", "Date", "Lead author",
                 "Last imported"),
                [(r["ref"], r["title"], _methodology(r["methodology"]), r["status"],
                  p.review_day(r), came[r["ref"]].lead_author if r["ref"] in came else "",
                  _imported(came.get(r["ref"]))) for r in reviews],
            )
        )

    # -- themes -------------------------------------------------------------------------------
    out += ["", "## Themes", ""]
    if not themes:
        out.append("No review in this period has been tagged with a theme yet.")
    else:
        out.append("How many reviews in the period carry each practice theme, which, and in "
                   "which quarter they were held.")
        out += ["", table(("Theme", "Reviews", "Which reviews", "By quarter"),
                          [(t.name, t.count, ", ".join(t.refs),
                            ", ".join(f"{q}: {n}" for q, n in sorted(t.by_period.items())))
                           for t in themes])]

    tagged = {ref for t in themes for ref in t.refs}
    untagged = [r["ref"] for r in reviews if r["ref"] not in tagged]
    if untagged:
        out += ["", "Not tagged with any theme yet: " + ", ".join(untagged) + "."]

    # -- findings -----------------------------------------------------------------------------
    out += ["", "## Findings of reviews finalised or updated in the period", ""]
    found = _findings(store, start, end)
    if not found:
        out.append("No review's Findings and key learning points were finalised or updated in "
                   "this period.")
    else:
        out.append("Each review's Findings and key learning points as its outcome form says them, "
                   "quoted with the review's reference.")
        for f in found:
            when = (f"final on {f['final_on']}" if f["final_on"]
                    else f"updated on {f['updated_on']}, not yet final")
            out += ["", f"### {inline(f['ref'])}: {inline(f['title'])} ({when})", "",
                    _quote(f["findings"])]

    # -- overdue ------------------------------------------------------------------------------
    out += ["", "## Overdue actions", ""]
    if not overdue:
        out.append("No action is overdue.")
    else:
        out.append("Every action past its due date and not yet done, whichever review it came "
                   "from; the oldest first.")
        out += ["", table(("Review", "Action", "Person Responsible", "Agency", "Due date",
                           "Days overdue"),
                          [(a.ref, a.action, a.owner, a.agency, a.due,
                            (on - _dt.date.fromisoformat(a.due)).days) for a in overdue])]

    # -- completed with impact ----------------------------------------------------------------
    out += ["", "## Actions completed, with evidence of impact", ""]
    if not completed:
        out.append("No action was completed in this period.")
    else:
        without = [a for a in completed if not a.impact]
        if without:
            out.append(
                _count_phrase(len(without), "completed action")
                + " has no evidence of impact recorded yet; the subgroup may want to ask for it."
                if len(without) == 1 else
                _count_phrase(len(without), "completed action")
                + " have no evidence of impact recorded yet; the subgroup may want to ask for it."
            )
            out.append("")
        out.append(
            table(
                ("Review", "Action", "Person Responsible", "Completed on", "Evidence of impact"),
                [
                    (a.ref, a.action, a.owner, a.completed_on,
                     "; ".join(_impact_text(a.impact)) or "none recorded yet")
                    for a in sorted(completed, key=lambda a: (a.completed_on, a.ref))
                ],
            )
        )

    # -- dissemination ------------------------------------------------------------------------
    out += ["", "## Dissemination done", ""]
    if not spread:
        out.append("No dissemination of learning is recorded as done in this period.")
    else:
        out.append(
            table(
                ("Review", "Method", "Lead", "Done on", "Detail"),
                [(d["ref"], d["method"], d["lead"], d["done_on"], d["detail"]) for d in spread],
            )
        )
    planned = [d for d in p.dissemination_log(store) if not d["done_on"]]
    if planned:
        out += ["", "Planned but not yet done (whatever the planned date):", "",
                table(("Review", "Method", "Lead", "Planned for", "Detail"),
                      [(d["ref"], d["method"], d["lead"], d["planned_on"] or "no date",
                        d["detail"]) for d in sorted(planned, key=lambda d: d["planned_on"] or "")])]
    out.append("")
    return "\n".join(out)


def _quote(text: str) -> str:
    """User text as a Markdown block quote, escaped as any other block (nothing typed can end
    the quote early or add a heading)."""
    return "\n".join(("> " + line) if line.strip() else ">" for line in block(text).split("\n"))


def _findings(store: Store, start: str | None, end: str | None) -> list[dict]:
    """The written Findings field of every review finalised (first final version) or whose
    findings were updated in the period, by reference."""
    rows = store.conn.execute(
        "SELECT r.ref, r.title, f.body, substr(f.updated_at, 1, 10), "
        "(SELECT min(v.finalised_on) FROM form_versions v WHERE v.review_id = r.id "
        "AND v.state = 'final') FROM reviews r JOIN form_fields f ON f.review_id = r.id "
        "AND f.field = 'findings' WHERE trim(f.body) != '' ORDER BY r.ref").fetchall()
    out = []
    for ref, title, body, updated_on, final_on in rows:
        if p.in_period(final_on, start, end) or p.in_period(updated_on, start, end):
            out.append({"ref": ref, "title": title, "findings": body, "updated_on": updated_on,
                        "final_on": final_on})
    return out


def render_review_themes(store: Store, *, date_from=None, date_to=None, **_options) -> str:
    """CSV, one row per review and theme (``REVIEW_THEME_COLUMNS``): the reviews of the period
    (as the report counts them) with their stage, the date the form was first marked final,
    and each theme they are tagged with; a review with no theme has one row, theme empty."""
    from facilitation import stages

    start, end = p.check_period(date_from, date_to)
    themes: dict[int, list[str]] = defaultdict(list)
    for rid, name in store.conn.execute(
            "SELECT rt.review_id, t.name FROM review_themes rt JOIN themes t ON t.id = "
            "rt.theme_id ORDER BY t.normalised"):
        themes[rid].append(name)
    buf = io.StringIO()
    buf.write(CSV_BOM)
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(REVIEW_THEME_COLUMNS)
    for r in p.reviews_in_period(store, start, end):
        facts = stages.review_facts(store, r)
        for theme in themes.get(r["id"]) or [""]:
            writer.writerow([_csv_cell(v) for v in (
                r["ref"], r["title"], _methodology(r["methodology"]), stages.stage(facts),
                facts["first_final_on"] or "", theme)])
    return buf.getvalue()


def _csv_cell(value: object) -> str:
    text = neutralise(value)  # controls stored before the rule for characters shown as U+FFFD
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_actions(
    store: Store, *, date_from=None, date_to=None, fmt: str = "md", review: str | None = None,
    **_options,
) -> str:
    """The action tracker across all reviews (or one ``review``), overdue first.

    With a period, the actions of the reviews held in it.
    """
    start, end = p.check_period(date_from, date_to)
    rows = p.actions(store, date_from=start, date_to=end, review=review)
    if fmt == "csv":
        buf = io.StringIO()
        buf.write(CSV_BOM)
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(ACTION_COLUMNS)
        for a in rows:
            writer.writerow(
                [_csv_cell(v) for v in (
                    a.ref, a.review_title, a.action, a.owner, a.agency, a.timeframe,
                    a.due or "", a.status, a.completed_on or "", a.finding,
                    "\n".join(_impact_text(a.impact)),
                )]
            )
        return buf.getvalue()
    out = ["# Action tracker", "", _period_line(start, end), "",
           f"Status as of {clock.today().isoformat()}, worked out from each action's dates; "
           "overdue first.", ""]
    if not rows:
        out += ["No actions are recorded yet. They come from the Recommendations of each "
                "review's outcome form.", ""]
        return "\n".join(out)
    counts = Counter(a.status for a in rows)
    out.append(", ".join(f"{counts.get(s, 0)} {s}" for s in p.STATUSES) + ".")
    out += [
        "",
        table(
            ("Review", "Action", "Person Responsible", "Agency", "Timeframe", "Due date",
             "Status", "Evidence of impact"),
            [
                (a.ref, a.action, a.owner, a.agency, a.timeframe, a.due or "", a.status,
                 "; ".join(_impact_text(a.impact)))
                for a in rows
            ],
        ),
        "",
    ]
    return "\n".join(out)

