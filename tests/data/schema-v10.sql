-- The schema every lrf database has after migrations m001-m010, pinned: a shipped
-- migration must never change (add a new one instead). Regenerate only with a new migration.
CREATE INDEX dissemination_review ON dissemination (review_id);

CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");

CREATE INDEX impact_evidence_recommendation ON impact_evidence (recommendation_id, observed_on);

CREATE INDEX method_records_review ON method_records (review_id, kind);

CREATE INDEX notes_review ON notes (review_id, id);

CREATE INDEX recommendations_review ON recommendations (review_id, position);

CREATE INDEX review_imports_review ON review_imports (review_id, imported_at);

CREATE INDEX review_themes_theme ON review_themes (theme_id, review_id);

CREATE UNIQUE INDEX reviews_uid ON reviews (uid) WHERE uid != '';

CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
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
    unexpected TEXT NOT NULL DEFAULT '', out_of_county INTEGER NOT NULL DEFAULT 0,
    UNIQUE (review_id, name)
) STRICT;

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    minutes INTEGER NOT NULL DEFAULT 10 CHECK (minutes >= 0),
    prompt_area TEXT CHECK (prompt_area IS NULL OR prompt_area IN ('involvement', 'relationships', 'multi_agency', 'context', 'hypotheses', 'supervision', 'learning', 'family_views'))
) STRICT;

CREATE TABLE capture_drafts (
    review_id INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    editing_note_id INTEGER REFERENCES notes(id) ON DELETE SET NULL,
    saved_at TEXT NOT NULL
) STRICT;

CREATE TABLE chronology (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    agency TEXT NOT NULL DEFAULT '',
    what TEXT NOT NULL,
    why_it_matters TEXT NOT NULL DEFAULT ''
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

CREATE TABLE event_state (
    review_id INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
    current_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    started_at TEXT,
    item_started_at TEXT,
    item_elapsed_seconds REAL NOT NULL DEFAULT 0,
    elapsed_by_item TEXT NOT NULL DEFAULT '{}',
    paused INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE families (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    circumstances TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE form_comments (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES form_versions(id) ON DELETE CASCADE,
    person TEXT NOT NULL,
    field TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_at TEXT NOT NULL
, response TEXT NOT NULL DEFAULT '', responded_at TEXT) STRICT;

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
    sent_to TEXT NOT NULL DEFAULT '', override_reason TEXT NOT NULL DEFAULT '', override_by TEXT NOT NULL DEFAULT '', overridden TEXT NOT NULL DEFAULT '[]',
    UNIQUE (review_id, number)
) STRICT;

CREATE TABLE ground_rules (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL
) STRICT;

CREATE TABLE hypotheses (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number > 0),
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'supported', 'partly supported', 'not supported', 'untested at event')),
    UNIQUE (review_id, number)
) STRICT;

CREATE TABLE identifier_register (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('name', 'address', 'school', 'surgery', 'locality', 'participant', 'contact', 'other')),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    replacement TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (review_id, text)
) STRICT;

CREATE TABLE impact_evidence (
    id INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    what_changed TEXT NOT NULL CHECK (length(trim(what_changed)) > 0),
    how_measured TEXT NOT NULL DEFAULT '',
    observed_on TEXT NOT NULL,
    created_at TEXT NOT NULL
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

CREATE VIRTUAL TABLE "notes_fts" USING FTS5 (
    "body", "speaker",
    content="notes", prefix='1 2 3'
);

CREATE TABLE 'notes_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'notes_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'notes_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'notes_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE parked_follow_ups (
    note_id INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
    owner TEXT NOT NULL DEFAULT '',
    follow_up TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
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

CREATE TABLE proceedings (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('criminal', 'care')),
    court TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    effect TEXT NOT NULL CHECK (effect IN ('publication held', 'parts delayed', 'none')),
    detail TEXT NOT NULL DEFAULT ''
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

CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    prompt_area TEXT CHECK (prompt_area IS NULL OR prompt_area IN ('involvement', 'relationships', 'multi_agency', 'context', 'hypotheses', 'supervision', 'learning', 'family_views')),
    kloe_id INTEGER REFERENCES kloes(id) ON DELETE SET NULL
) STRICT;

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
, agreed INTEGER NOT NULL DEFAULT 1) STRICT;

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

CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    line TEXT NOT NULL
) STRICT;

CREATE TABLE review_themes (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    tagged_at TEXT NOT NULL,
    PRIMARY KEY (review_id, theme_id)
) STRICT;

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
, publication_scope TEXT NOT NULL DEFAULT 'whole' CHECK (publication_scope IN ('whole', 'summary')), scope_agreed TEXT, briefing_date TEXT, briefing_who TEXT NOT NULL DEFAULT '', incident_notified TEXT, rapid_review_decision TEXT NOT NULL DEFAULT '', uid TEXT NOT NULL DEFAULT '') STRICT;

CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    normalised TEXT NOT NULL UNIQUE CHECK (length(normalised) > 0),
    created_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER "notes_ad" AFTER DELETE ON "notes" BEGIN
  INSERT INTO "notes_fts" ("notes_fts", rowid, "body", "speaker") VALUES('delete', old.rowid, old."body", old."speaker");
END;

CREATE TRIGGER "notes_ai" AFTER INSERT ON "notes" BEGIN
  INSERT INTO "notes_fts" (rowid, "body", "speaker") VALUES (new.rowid, new."body", new."speaker");
END;

CREATE TRIGGER "notes_au" AFTER UPDATE ON "notes" BEGIN
  INSERT INTO "notes_fts" ("notes_fts", rowid, "body", "speaker") VALUES('delete', old.rowid, old."body", old."speaker");
  INSERT INTO "notes_fts" (rowid, "body", "speaker") VALUES (new.rowid, new."body", new."speaker");
END;

CREATE TRIGGER reviews_uid_given AFTER INSERT ON reviews WHEN new.uid = '' BEGIN
  UPDATE reviews SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;

