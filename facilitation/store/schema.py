"""Versioned schema migrations, applied in order with ``sqlite_utils.Migrations``.

Each migration is a small named function. Never edit one that has shipped: add the next.
``SCHEMA_VERSION`` is the number of migrations; it is written to ``PRAGMA user_version`` so that
an older lrf can refuse a file written by a newer one before touching it.

sqlite-utils is imported only to migrate (``migrations``, built on first use): a command that
only reads the file judges it by the migrations' names alone, and sqlite-utils' import is a
fifth of such a command's start-up.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "lrf"
_STEPS: list[Callable[[Database], None]] = []


def _migration(step: Callable[[Database], None]) -> Callable[[Database], None]:
    _STEPS.append(step)
    return step


def _run(db: Database, ddl: str) -> None:
    # executescript() would COMMIT the migration's transaction half-way, so run one at a time.
    for statement in ddl.split(";\n"):
        if statement.strip():
            db.execute(statement)


@_migration
def m001_initial(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    methodology TEXT NOT NULL CHECK (methodology IN ('desktop', 'practitioner', 'thematic', 'single_issue')),
    status TEXT NOT NULL DEFAULT 'planning',
    family_label TEXT NOT NULL DEFAULT '',
    theme TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    rapid_review INTEGER NOT NULL DEFAULT 0,
    rapid_review_ref TEXT NOT NULL DEFAULT '',
    rapid_review_date TEXT,
    lead_author TEXT NOT NULL DEFAULT '',
    lead_author_role TEXT NOT NULL DEFAULT '',
    chair TEXT NOT NULL DEFAULT '',
    independence_statement TEXT NOT NULL DEFAULT '',
    info_deadline TEXT,
    report_due TEXT,
    event_date TEXT,
    event_start TEXT,
    event_minutes INTEGER,
    event_venue TEXT NOT NULL DEFAULT '',
    appreciative INTEGER NOT NULL DEFAULT 0,
    family_involvement TEXT NOT NULL DEFAULT 'not yet decided',
    family_involvement_detail TEXT NOT NULL DEFAULT '',
    publication_risks TEXT NOT NULL DEFAULT '',
    contact_before TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE families (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    circumstances TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE kloes (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL
) STRICT;
CREATE TABLE method_items (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    date TEXT
) STRICT;
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    request_sent TEXT,
    request_due TEXT,
    request_received TEXT,
    good_practice TEXT NOT NULL DEFAULT '',
    do_differently TEXT NOT NULL DEFAULT '',
    unexpected TEXT NOT NULL DEFAULT '',
    UNIQUE (review_id, name)
) STRICT;
CREATE TABLE chronology (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    agency TEXT NOT NULL DEFAULT '',
    what TEXT NOT NULL,
    why_it_matters TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    agency TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT 'frontline',
    invited INTEGER NOT NULL DEFAULT 0,
    agenda_sent INTEGER NOT NULL DEFAULT 0,
    offered_conversation INTEGER NOT NULL DEFAULT 0,
    attendance TEXT NOT NULL DEFAULT 'invited',
    attendance_note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    minutes INTEGER NOT NULL DEFAULT 10 CHECK (minutes >= 0),
    prompt_area TEXT CHECK (prompt_area IS NULL OR prompt_area IN ('involvement', 'relationships', 'multi_agency', 'context', 'hypotheses', 'supervision', 'learning', 'family_views'))
) STRICT;
CREATE TABLE ground_rules (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL
) STRICT;
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    prompt_area TEXT CHECK (prompt_area IS NULL OR prompt_area IN ('involvement', 'relationships', 'multi_agency', 'context', 'hypotheses', 'supervision', 'learning', 'family_views')),
    kloe_id INTEGER REFERENCES kloes(id) ON DELETE SET NULL
) STRICT;
CREATE TABLE hypotheses (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number > 0),
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'supported', 'partly supported', 'not supported', 'untested at event')),
    UNIQUE (review_id, number)
) STRICT;
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('observation', 'good_practice', 'do_differently', 'unexpected', 'learning', 'action', 'family_view', 'question', 'parked')),
    body TEXT NOT NULL,
    prompt_area TEXT CHECK (prompt_area IS NULL OR prompt_area IN ('involvement', 'relationships', 'multi_agency', 'context', 'hypotheses', 'supervision', 'learning', 'family_views')),
    hypothesis INTEGER,
    stance TEXT CHECK (stance IS NULL OR stance IN ('supports', 'challenges')),
    speaker TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX notes_review ON notes (review_id, id);
CREATE TABLE recommendations (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    action TEXT NOT NULL,
    person_responsible TEXT NOT NULL DEFAULT '',
    timeframe TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    finding TEXT NOT NULL DEFAULT '',
    source_note_id INTEGER REFERENCES notes(id) ON DELETE SET NULL,
    completed_on TEXT,
    started INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE form_fields (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    drafted INTEGER NOT NULL DEFAULT 0,
    source_note_ids TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (review_id, field)
) STRICT;
CREATE TABLE form_versions (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'circulated', 'final')),
    snapshot TEXT NOT NULL,
    created_at TEXT NOT NULL,
    circulated_on TEXT,
    circulated_to TEXT NOT NULL DEFAULT '',
    finalised_on TEXT,
    sent_to TEXT NOT NULL DEFAULT '',
    UNIQUE (review_id, number)
) STRICT;
CREATE TABLE form_comments (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES form_versions(id) ON DELETE CASCADE,
    person TEXT NOT NULL,
    field TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE dissemination (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    lead TEXT NOT NULL DEFAULT '',
    planned_on TEXT,
    done_on TEXT,
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE pseudonyms (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    real TEXT NOT NULL,
    replacement TEXT NOT NULL,
    UNIQUE (review_id, real)
) STRICT;
CREATE TABLE event_state (
    review_id INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
    current_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    started_at TEXT,
    item_started_at TEXT,
    item_elapsed_seconds REAL NOT NULL DEFAULT 0,
    elapsed_by_item TEXT NOT NULL DEFAULT '{}',
    paused INTEGER NOT NULL DEFAULT 0
) STRICT
""",
    )
    # The full-text index over notes, as sqlite-utils 4.2's enable_fts() wrote it, frozen here.
    db.execute(
        'CREATE VIRTUAL TABLE "notes_fts" USING FTS5 (\n    "body", "speaker",\n    content="notes"\n)'
    )
    db.execute(
        'CREATE TRIGGER "notes_ai" AFTER INSERT ON "notes" BEGIN\n'
        '  INSERT INTO "notes_fts" (rowid, "body", "speaker") VALUES (new.rowid, new."body", '
        'new."speaker");\nEND'
    )
    db.execute(
        'CREATE TRIGGER "notes_ad" AFTER DELETE ON "notes" BEGIN\n'
        '  INSERT INTO "notes_fts" ("notes_fts", rowid, "body", "speaker") VALUES(\'delete\', '
        'old.rowid, old."body", old."speaker");\nEND'
    )
    db.execute(
        'CREATE TRIGGER "notes_au" AFTER UPDATE ON "notes" BEGIN\n'
        '  INSERT INTO "notes_fts" ("notes_fts", rowid, "body", "speaker") VALUES(\'delete\', '
        'old.rowid, old."body", old."speaker");\n'
        '  INSERT INTO "notes_fts" (rowid, "body", "speaker") VALUES (new.rowid, new."body", '
        'new."speaker");\nEND'
    )


@_migration
def m002_partnership(db: Database) -> None:
    """Themes across reviews, and the evidence that an action led to change."""
    _run(
        db,
        """
CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    normalised TEXT NOT NULL UNIQUE CHECK (length(normalised) > 0),
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE review_themes (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    tagged_at TEXT NOT NULL,
    PRIMARY KEY (review_id, theme_id)
) STRICT;
CREATE INDEX review_themes_theme ON review_themes (theme_id, review_id);
CREATE TABLE impact_evidence (
    id INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    what_changed TEXT NOT NULL CHECK (length(trim(what_changed)) > 0),
    how_measured TEXT NOT NULL DEFAULT '',
    observed_on TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX impact_evidence_recommendation ON impact_evidence (recommendation_id, observed_on);
CREATE INDEX recommendations_review ON recommendations (review_id, position);
CREATE INDEX dissemination_review ON dissemination (review_id)
""",
    )
    # The starter themes as they shipped with this migration (name, normalised form).
    for name in (
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
    ):
        db.execute(
            "INSERT OR IGNORE INTO themes (name, normalised, created_at) VALUES "
            "(?, ?, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))",
            [name, name],
        )


@_migration
def m003_recommendation_agreed(db: Database) -> None:
    """A recommendation drafted from an action note stays a candidate until the chair agrees
    it; agreeing one no longer turns every other candidate into an agreed row."""
    db.execute("ALTER TABLE recommendations ADD COLUMN agreed INTEGER NOT NULL DEFAULT 1")
    # Rows of a form whose recommendations were still wholly drafted are candidates.
    db.execute(
        "UPDATE recommendations SET agreed = 0 WHERE review_id IN (SELECT review_id FROM "
        "form_fields WHERE field = 'recommendations' AND drafted = 1)"
    )


@_migration
def m004_capture_draft(db: Database) -> None:
    """The live event's capture line as typed but not yet entered, one per review, so a closed
    window or a crash does not lose a half-typed line. Never a note: nothing that reads notes
    (the JSON, the outcome form, exports) looks at this table."""
    _run(
        db,
        """
CREATE TABLE capture_drafts (
    review_id INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    editing_note_id INTEGER REFERENCES notes(id) ON DELETE SET NULL,
    saved_at TEXT NOT NULL
) STRICT
""",
    )


@_migration
def m005_sign_off(db: Database) -> None:
    """Sign-off that means something: a circulated comment gets the lead author's response,
    and a version marked final keeps who overrode the checks, why, and what they overrode."""
    _run(
        db,
        """
ALTER TABLE form_comments ADD COLUMN response TEXT NOT NULL DEFAULT '';
ALTER TABLE form_comments ADD COLUMN responded_at TEXT;
ALTER TABLE form_versions ADD COLUMN override_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE form_versions ADD COLUMN override_by TEXT NOT NULL DEFAULT '';
ALTER TABLE form_versions ADD COLUMN overridden TEXT NOT NULL DEFAULT '[]'
""",
    )


@_migration
def m006_identifier_register(db: Database) -> None:
    """Publication that cannot leak: the identifier register replaces the pseudonym map (its
    rows are copied in as kind 'other', and the old table is dropped); each published part of
    the form gets its own publication text with the hashes it was approved at; a flag the author
    keeps is a recorded decision with a reason; and the review says whether the partnership
    publishes the whole report or a summary of the key findings."""
    _run(
        db,
        """
CREATE TABLE identifier_register (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('name', 'address', 'school', 'surgery', 'locality', 'participant', 'contact', 'other')),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    replacement TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (review_id, text)
) STRICT;
INSERT INTO identifier_register (review_id, kind, text, replacement, created_at)
    SELECT review_id, 'other', real, replacement, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
    FROM pseudonyms WHERE length(trim(real)) > 0 ORDER BY id;
DROP TABLE pseudonyms;
CREATE TABLE publication_texts (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    part TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    approved_internal TEXT,
    approved_public TEXT,
    approved_at TEXT,
    PRIMARY KEY (review_id, part)
) STRICT;
CREATE TABLE publication_decisions (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    part TEXT NOT NULL,
    kind TEXT NOT NULL,
    matched TEXT NOT NULL,
    day TEXT,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    decided_at TEXT NOT NULL,
    UNIQUE (review_id, part, matched)
) STRICT;
ALTER TABLE reviews ADD COLUMN publication_scope TEXT NOT NULL DEFAULT 'whole' CHECK (publication_scope IN ('whole', 'summary'))
""",
    )


@_migration
def m007_method_records(db: Database) -> None:
    """The records each method keeps (records reviewed, meetings and their follow-up, interviews,
    audits, consultations, documents reviewed, activities, confidentiality advice), parallel
    proceedings, a log of what happened to the review (a change of method and its reason), and
    the process every method shares: the group's agreement of scope and key lines of enquiry,
    an agency briefing, out-of-county requests and the rapid review before the learning review.
    The records reviewed, meetings held and policies reviewed kept until now as one line of text
    each become records of their own kind, nothing lost."""
    _run(
        db,
        """
CREATE TABLE method_records (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('record', 'meeting', 'activity', 'interview', 'audit', 'advice', 'consultation', 'document')),
    date TEXT,
    agency TEXT NOT NULL DEFAULT '',
    people TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    period TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    further_info TEXT NOT NULL DEFAULT '',
    gathered_on TEXT
) STRICT;
CREATE INDEX method_records_review ON method_records (review_id, kind);
CREATE TABLE proceedings (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('criminal', 'care')),
    court TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    effect TEXT NOT NULL CHECK (effect IN ('publication held', 'parts delayed', 'none')),
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    line TEXT NOT NULL
) STRICT;
ALTER TABLE reviews ADD COLUMN scope_agreed TEXT;
ALTER TABLE reviews ADD COLUMN briefing_date TEXT;
ALTER TABLE reviews ADD COLUMN briefing_who TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN incident_notified TEXT;
ALTER TABLE reviews ADD COLUMN rapid_review_decision TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN out_of_county INTEGER NOT NULL DEFAULT 0;
INSERT INTO method_records (review_id, kind, date, subject)
    SELECT review_id, 'record', date, text FROM method_items WHERE kind = 'record'
    ORDER BY review_id, position, id;
INSERT INTO method_records (review_id, kind, date, outcome)
    SELECT review_id, 'meeting', date, text FROM method_items WHERE kind = 'meeting'
    ORDER BY review_id, position, id;
INSERT INTO method_records (review_id, kind, date, category, subject)
    SELECT review_id, 'document', date, 'policy', text FROM method_items WHERE kind = 'policy'
    ORDER BY review_id, position, id;
DELETE FROM method_items WHERE kind IN ('record', 'meeting', 'policy')
""",
    )


@_migration
def m008_parked_follow_up(db: Database) -> None:
    """A parked note (outside the review's scope, such as care planning) gets an owner and a
    follow-up note, for the chair's follow-up list. Never part of the outcome form."""
    _run(
        db,
        """
CREATE TABLE parked_follow_ups (
    note_id INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
    owner TEXT NOT NULL DEFAULT '',
    follow_up TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
) STRICT
""",
    )


@_migration
def m009_review_identity(db: Database) -> None:
    """Reviews travel between authors and the partnership (``lrf export --what review``,
    ``lrf import``): each review gets a stable id that no reference change or copy between
    databases alters, and each import is recorded (when, from which file, which version)."""
    _run(
        db,
        """
ALTER TABLE reviews ADD COLUMN uid TEXT NOT NULL DEFAULT '';
CREATE TABLE review_imports (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    imported_at TEXT NOT NULL,
    imported_from TEXT NOT NULL DEFAULT '',
    lead_author TEXT NOT NULL DEFAULT '',
    form_version INTEGER NOT NULL DEFAULT 0,
    changed_at TEXT NOT NULL DEFAULT '',
    merged TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX review_imports_review ON review_imports (review_id, imported_at)
""",
    )
    # Every review held already gets its id (uuid4, as hex) here, one by one.
    import uuid

    for (review_id,) in db.execute("SELECT id FROM reviews").fetchall():
        db.execute("UPDATE reviews SET uid = ? WHERE id = ?", [uuid.uuid4().hex, review_id])
    db.execute("CREATE UNIQUE INDEX reviews_uid ON reviews (uid) WHERE uid != ''")
    # A review added by any other path than create_review still gets an id (128 random bits).
    db.execute(
        "CREATE TRIGGER reviews_uid_given AFTER INSERT ON reviews WHEN new.uid = '' BEGIN\n"
        "  UPDATE reviews SET uid = lower(hex(randomblob(16))) WHERE id = new.id;\nEND"
    )


@_migration
def m010_find_prefixes(db: Database) -> None:
    """F9 Find searches as the chair types, so most searches end in a word of one to three
    letters ('s', 'su', 'sup'): the notes' full-text index keeps those prefixes of every word
    too, so such a search reads one list instead of merging every word that starts so (the
    first letter of a word had been the slowest keystroke). Rebuilt from the notes."""
    db.execute('DROP TABLE "notes_fts"')
    db.execute(
        'CREATE VIRTUAL TABLE "notes_fts" USING FTS5 (\n    "body", "speaker",\n'
        '    content="notes", prefix=\'1 2 3\'\n)'
    )
    db.execute('INSERT INTO "notes_fts" ("notes_fts") VALUES (\'rebuild\')')


SCHEMA_VERSION = len(_STEPS)
MIGRATION_NAMES = tuple(step.__name__ for step in _STEPS)


@cache
def _migrations() -> Migrations:
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for step in _STEPS:
        steps()(step)
    return steps


def __getattr__(name: str):
    if name == "migrations":  # sqlite-utils' Migrations of every step, in order
        return _migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def apply(db: Database) -> None:
    _migrations().apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
