"""The Learning Methodology Framework's content, as data, in one place.

Everything a chair sees that comes from the framework is written here in the project's own
words. The only text used exactly as the framework spells it is the sixteen field names of the
Learning Review Outcomes Form (``FORM_FIELDS``), because recipients recognise the form by them.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- methodologies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Methodology:
    key: str
    name: str
    explanation: str
    fits_when: str


METHODOLOGIES: tuple[Methodology, ...] = (
    Methodology(
        "desktop",
        "Desktop review",
        "Staff read the relevant written records, then meet to agree what can be learned.",
        "the records tell the story and practitioners do not need to meet as a group",
    ),
    Methodology(
        "practitioner",
        "Practitioner learning review",
        "The practitioners who worked with the family meet at an event to reflect on that work.",
        "one family, and the people who worked with them can say why things happened as they did",
    ),
    Methodology(
        "thematic",
        "Thematic review",
        "Several families with similar circumstances are looked at together to find wider learning.",
        "several families with similar circumstances",
    ),
    Methodology(
        "single_issue",
        "Single issue review",
        "One distinct issue, seen with one or more families, is looked at across the partnership.",
        "one distinct issue, such as a policy or a handover, across one or more families",
    ),
)
METHODOLOGY_KEYS = tuple(m.key for m in METHODOLOGIES)
METHODOLOGY_BY_KEY = {m.key: m for m in METHODOLOGIES}


def suggest_methodology(
    *, families: int = 1, single_issue: bool = False, practitioners_can_meet: bool = True
) -> str:
    """A suggestion only: the Learning and Improvement group decides."""
    if families > 1 and not single_issue:
        return "thematic"
    if single_issue:
        return "single_issue"
    return "practitioner" if practitioners_can_meet else "desktop"


# --- review life cycle -------------------------------------------------------------------------

REVIEW_STATUSES = (
    "planning",
    "gathering information",
    "event held",
    "drafting",
    "circulated",
    "final",
)

# Who the final Learning Review Outcomes Form is sent to, by methodology, as the framework says:
# the partnership business manager after a practitioner or single issue review, the Learning and
# Improvement Subgroup after a thematic review. For a desktop review the framework names no one
# (the form is completed within the timescale the Learning and Improvement group agreed), so it
# goes to the business manager, who co-ordinates every review.
FINAL_RECIPIENTS = {
    "desktop": "the partnership business manager",
    "practitioner": "the partnership business manager",
    "thematic": "the Learning and Improvement Subgroup",
    "single_issue": "the partnership business manager",
}

# --- prompt areas of a practitioner event -------------------------------------------------------


@dataclass(frozen=True)
class PromptArea:
    key: str
    label: str
    prompt: str


PROMPT_AREAS: tuple[PromptArea, ...] = (
    PromptArea(
        "involvement",
        "Involvement with the child and family",
        "What was your part in this family's life, and what did you see from where you stood?",
    ),
    PromptArea(
        "relationships",
        "Relationships with the family",
        "How did you get on with the family, and how did that shape the work?",
    ),
    PromptArea(
        "multi_agency",
        "Multi-agency working",
        "How did the agencies work together: what helped, and what got in the way?",
    ),
    PromptArea(
        "context",
        "Context of the work",
        "What around you affected the work: caseloads, procedures, services available?",
    ),
    PromptArea(
        "hypotheses",
        "Testing hypotheses",
        "Do the ideas formed while gathering information hold up against your experience?",
    ),
    PromptArea(
        "supervision",
        "Supervision and support",
        "What supervision and support did you have, and did it help with this family?",
    ),
    PromptArea(
        "learning",
        "Learning gained",
        "What have you learned, and what would you do the same or differently now?",
    ),
    PromptArea(
        "family_views",
        "The family's views",
        "What has the family told us, and how does it sit with what we have heard?",
    ),
)
PROMPT_AREA_KEYS = tuple(p.key for p in PROMPT_AREAS)
PROMPT_AREA_BY_KEY = {p.key: p for p in PROMPT_AREAS}

# Appreciative inquiry (the framework: an event "held to specifically explore good practice")
# explores the same eight areas, asked about what went well so that it can be repeated.
APPRECIATIVE_PROMPTS: dict[str, str] = {
    "involvement": "When did your work make the most difference to the child, and what made "
                   "that possible?",
    "relationships": "How did you build trust with the family, and what kept it going?",
    "multi_agency": "When did working together go best, and what did each agency bring?",
    "context": "What around you helped good work happen: time, procedures, services, "
               "leadership?",
    "hypotheses": "Do the ideas formed while gathering information explain why this went well?",
    "supervision": "What supervision and support helped you do your best work with this family?",
    "learning": "What would it take for this to be how we always work, and who will make it so?",
    "family_views": "What has the family told us they valued, and what does it teach us?",
}


def area_prompt(key: str, appreciative: bool = False) -> str:
    """The question asked under a prompt area: the framework's, or its appreciative wording."""
    if appreciative:
        return APPRECIATIVE_PROMPTS[key]
    return PROMPT_AREA_BY_KEY[key].prompt

# --- notes ----------------------------------------------------------------------------------------

NOTE_KINDS = (
    "observation",
    "good_practice",
    "do_differently",
    "unexpected",
    "learning",
    "action",
    "family_view",
    "question",
    "parked",
)
NOTE_KIND_LABELS = {
    "observation": "observation",
    "good_practice": "good practice",
    "do_differently": "do differently",
    "unexpected": "unexpected",
    "learning": "learning",
    "action": "action",
    "family_view": "family's view",
    "question": "question",
    "parked": "parked",
}
STANCES = ("supports", "challenges")

# --- hypotheses -----------------------------------------------------------------------------------

HYPOTHESIS_STATUSES = ("open", "supported", "partly supported", "not supported", "untested at event")

# --- people ---------------------------------------------------------------------------------------

LEVELS = ("frontline", "manager", "senior manager")
ATTENDANCE = ("invited", "present", "late", "left early", "absent", "unable to contribute")

# --- ground rules ---------------------------------------------------------------------------------

DEFAULT_GROUND_RULES = (
    "We respect each other's views, including the ones we do not share.",
    "We are here to reflect on our work with a family and learn from it, not to find someone to blame.",
    "This is not a care-planning meeting: decisions about the family's care are made elsewhere.",
    "What is said here stays here; the family is discussed only under the name agreed for the review.",
    "One person speaks at a time, and everyone has a chance to be heard.",
    "If this is hard to talk about, say so or step out; your own agency will support you afterwards.",
)

# --- what agencies are asked for ------------------------------------------------------------------

AGENCY_ASKS = (
    ("good_practice", "Good practice", "What went well in your agency's work with this family?"),
    (
        "do_differently",
        "To do differently",
        "What should have been done differently, by your agency or with others?",
    ),
    (
        "unexpected",
        "Unexpected practice or issues of note",
        "Anything that surprised you or that others should know about?",
    ),
)

# --- involving the family -------------------------------------------------------------------------

FAMILY_INVOLVEMENT = (
    "not yet decided",
    "declined to take part",
    "met by a lay member or someone independent",
    "views to be shared at the event",
    "informed of the review only",
    "not approached (reasons recorded)",
)

FAMILY_AREAS = (
    "Which services or ways of working helped you most, and was any of it good practice?",
    "Why did you think professionals were involved, and what help was offered?",
    "Is there anything you would have liked done differently?",
    "Did professionals listen to your child and take account of what they said and lived through?",
    "What would you tell services about working with families in future?",
)

# --- dissemination --------------------------------------------------------------------------------

DISSEMINATION_METHODS = (
    "Learning bulletin",
    "Workforce development (training plans, supervision policy, recruitment, induction, performance)",
    "Single-agency training",
    "Multi-agency training event",
    "Workplace shadowing",
    "Individual or group supervision",
    "Review of policies and guidance",
    "Social media awareness campaign",
    "Multi-agency practitioner information group",
    "Consultation or co-production with people who use services",
    "Briefing for the Learning and Improvement subgroup",
)

# --- practice themes (for the Learning and Improvement view) --------------------------------------

STARTER_THEMES = (
    "information sharing",
    "escalation and professional challenge",
    "voice of the child",
    "neglect",
    "domestic abuse",
    "parental mental health",
    "substance misuse",
    "transitions",
    "supervision",
    "working with fathers and male carers",
)

# --- agendas --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaTemplateItem:
    title: str
    minutes: int
    prompt_area: str | None = None


PRACTITIONER_AGENDA: tuple[AgendaTemplateItem, ...] = (
    AgendaTemplateItem("Welcome, introductions and ground rules", 10),
    AgendaTemplateItem("Why we are reviewing this family's case", 10),
    AgendaTemplateItem("Our involvement with the child and family", 20, "involvement"),
    AgendaTemplateItem("Working relationships with the family", 15, "relationships"),
    AgendaTemplateItem("Working together across agencies", 20, "multi_agency"),
    AgendaTemplateItem("What around us affected the work", 15, "context"),
    AgendaTemplateItem("Testing the hypotheses", 20, "hypotheses"),
    AgendaTemplateItem("Supervision and support", 10, "supervision"),
    AgendaTemplateItem("The family's views", 10, "family_views"),
    AgendaTemplateItem("What we have learned", 15, "learning"),
    AgendaTemplateItem("Next steps and support after today", 5),
)

# Appreciative inquiry: for an event held to explore good practice. Discover what worked, imagine
# it working everywhere, agree how to make that happen, and commit to it.
APPRECIATIVE_AGENDA: tuple[AgendaTemplateItem, ...] = (
    AgendaTemplateItem("Welcome, introductions and ground rules", 10),
    AgendaTemplateItem("Why this work is being celebrated and studied", 10),
    AgendaTemplateItem("Discover: the moments that worked for the child", 25, "involvement"),
    AgendaTemplateItem("Discover: how we built trust with the family", 15, "relationships"),
    AgendaTemplateItem("Discover: what made working together succeed", 20, "multi_agency"),
    AgendaTemplateItem("What around us helped good work happen", 10, "context"),
    AgendaTemplateItem("What helped: support and supervision", 10, "supervision"),
    AgendaTemplateItem("Testing the hypotheses", 15, "hypotheses"),
    AgendaTemplateItem("What the family valued", 10, "family_views"),
    AgendaTemplateItem("Dream: if this were how we always worked", 15, "learning"),
    AgendaTemplateItem("Design and commit: how we spread it", 10, "learning"),
    AgendaTemplateItem("Next steps and support after today", 5),
)

DESKTOP_AGENDA: tuple[AgendaTemplateItem, ...] = (
    AgendaTemplateItem("Welcome and purpose of the meeting", 5),
    AgendaTemplateItem("What the records show, agency by agency", 30, "involvement"),
    AgendaTemplateItem("Working together across agencies", 15, "multi_agency"),
    AgendaTemplateItem("Gaps and further information needed", 10),
    AgendaTemplateItem("Learning identified", 15, "learning"),
    AgendaTemplateItem("Actions and who will write the form", 10),
)

THEMATIC_AGENDA: tuple[AgendaTemplateItem, ...] = (
    AgendaTemplateItem("Welcome, ground rules and confidentiality across families", 10),
    AgendaTemplateItem("The themes and how the families' circumstances differ", 15),
    AgendaTemplateItem("What the background information shows", 20, "involvement"),
    AgendaTemplateItem("Working together across agencies", 20, "multi_agency"),
    AgendaTemplateItem("What around us affected the work", 15, "context"),
    AgendaTemplateItem("Learning across the families", 20, "learning"),
    AgendaTemplateItem("Next steps", 10),
)

SINGLE_ISSUE_AGENDA: tuple[AgendaTemplateItem, ...] = (
    AgendaTemplateItem("Welcome and the issue under review", 10),
    AgendaTemplateItem("What the records and policies say", 20, "context"),
    AgendaTemplateItem("What practitioners and managers tell us", 20, "involvement"),
    AgendaTemplateItem("Learning about the issue", 15, "learning"),
    AgendaTemplateItem("Next steps", 5),
)

AGENDA_TEMPLATES: dict[str, tuple[AgendaTemplateItem, ...]] = {
    "practitioner": PRACTITIONER_AGENDA,
    "desktop": DESKTOP_AGENDA,
    "thematic": THEMATIC_AGENDA,
    "single_issue": SINGLE_ISSUE_AGENDA,
}


def agenda_template(methodology: str, appreciative: bool = False) -> tuple[AgendaTemplateItem, ...]:
    if methodology == "practitioner" and appreciative:
        return APPRECIATIVE_AGENDA
    return AGENDA_TEMPLATES[methodology]


# --- the Learning Review Outcomes Form ------------------------------------------------------------


@dataclass(frozen=True)
class FormField:
    key: str
    name: str  # exactly as the framework spells it
    guidance: str  # in the project's own words
    word_limit: int | None = None


FORM_FIELDS: tuple[FormField, ...] = (
    FormField(
        "family",
        "Details of family being considered",
        "The pseudonym the review uses, and enough about the household to follow the form.",
    ),
    FormField("lead_author", "Lead Author", "Who wrote this form, and their role."),
    FormField(
        "method",
        "How this review was undertaken",
        "Which method was used (practitioner event, desktop review, thematic or single issue) "
        "and what it involved.",
    ),
    FormField(
        "attendees",
        "Attendees or people who contributed to this review",
        "Roles and agencies of those who took part or sent information.",
    ),
    FormField(
        "unable",
        "Any people who were unable to contribute",
        "Roles and agencies of those who could not take part, and why if known.",
    ),
    FormField(
        "date",
        "Date of Practitioner Event or date the review was undertaken",
        "When the event was held or the review carried out.",
    ),
    FormField(
        "synopsis",
        "Synopsis of the case",
        "A short account of the family's situation and why it was reviewed, enough for any "
        "agency to follow. No more than 300 words.",
        300,
    ),
    FormField(
        "findings",
        "Findings and key learning points",
        "The main learning, short and plain so agencies can pass it on. No more than 300 words; "
        "the detail goes in the fields below.",
        300,
    ),
    FormField(
        "background",
        "Background and summary of agency's involvement",
        "The family's circumstances and each agency's part, beyond what the synopsis says.",
    ),
    FormField(
        "strengths",
        "Strengths in agencies response or within multi-agency working with the family",
        "What went well, by one agency or by agencies working together.",
    ),
    FormField(
        "do_better",
        "Areas where we would like to do better",
        "What should have gone better: the learning that the findings and key learning points "
        "above are drawn from.",
    ),
    FormField(
        "family_actions",
        "Any specific actions identified in relation to the family",
        "Rarely needed. If there are any, keep them brief and say who is accountable.",
    ),
    FormField(
        "broader_learning",
        "Any broader learning that has been identified",
        "Links to other reviews, to national reviews, or to research.",
    ),
    FormField(
        "recommendations",
        "Recommendations",
        "Each row an action, the person responsible and a timeframe: specific, measurable and "
        "owned, drawing on the partnership's ways of learning.",
    ),
    FormField(
        "dissemination",
        "How this learning will be disseminated and implemented",
        "How each agency will lead the change in its own house, and what support the Learning "
        "and Improvement subgroup can give to spread it further.",
    ),
    FormField(
        "family_decisions",
        "Decisions around how the family have been involved or informed of this review",
        "How the family's involvement was considered from start to finish, including the risks "
        "of publishing and of involving them.",
    ),
)
FORM_FIELD_BY_KEY = {f.key: f for f in FORM_FIELDS}
RECOMMENDATION_COLUMNS = ("Action", "Person Responsible", "Timeframe")
FORM_TITLE = "Learning Review Outcomes Form"

# Fields left out of a published form: they describe the household, name the people who took
# part, or record decisions about the family. Their headings stay so readers recognise the form.
NOT_PUBLISHED_FIELDS = frozenset(
    {"family", "lead_author", "attendees", "unable", "background", "family_actions",
     "family_decisions"}
)

# Words that make a recommendation sound like action without saying what will change.
VAGUE_ACTION_PHRASES = (
    "consider",
    "raise awareness",
    "promote",
    "encourage",
    "explore",
    "look into",
    "be mindful",
    "reflect on",
    "remind",
    "think about",
    "improve",
    "strengthen",
)

# Words that, aimed at a named person, assign blame rather than describe practice.
BLAME_PHRASES = (
    "failed",
    "failure",
    "fault",
    "to blame",
    "blame",
    "negligent",
    "neglected to",
    "incompetent",
    "careless",
    "could not be bothered",
    "didn't bother",
    "did not bother",
    "ignored",
    "let down",
    "should have known",
)
