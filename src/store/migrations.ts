import type { CatalogDatabase } from './database.js';
import { rebuildTable } from './tableRebuild.js';

/**
 * A schema change: SQL, or — for a change SQL alone cannot make safely, such as rebuilding a
 * table others refer to — a function run with foreign keys off, whose references are checked
 * before it commits (see migrate in database.ts).
 */
export type Migration = string | { withoutForeignKeys: (db: CatalogDatabase) => void };

/**
 * Versioned schema changes, applied in order inside one transaction each; PRAGMA user_version
 * records how far a database has come. Append new migrations, never edit a shipped one.
 */
export const MIGRATIONS: Migration[] = [
  /* 1: courses, teachers, the embedded full-text index and the outbox */ `
  CREATE TABLE teachers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
  );

  CREATE TABLE courses (
    seq INTEGER PRIMARY KEY,              -- stable integer key the full-text index points at
    id TEXT NOT NULL UNIQUE,
    external_id TEXT UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    teacher_id INTEGER NOT NULL REFERENCES teachers(id),
    category TEXT NOT NULL,
    price_paise INTEGER NOT NULL CHECK (price_paise > 0),
    sale_price_paise INTEGER CHECK (sale_price_paise > 0),
    sale_starts_at INTEGER,
    sale_ends_at INTEGER,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL CHECK (end_date >= start_date),
    seats INTEGER NOT NULL CHECK (seats > 0),
    registrations INTEGER NOT NULL DEFAULT 0 CHECK (registrations >= 0 AND registrations <= seats),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'stopped', 'archived')),
    stop_reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((sale_price_paise IS NULL) = (sale_ends_at IS NULL))
  );
  CREATE INDEX courses_by_status_start ON courses (status, start_date, id);
  CREATE INDEX courses_by_teacher ON courses (teacher_id);

  -- External-content FTS5: the text lives once, in courses; triggers keep the index current
  -- inside the same transaction as every write.
  CREATE VIRTUAL TABLE course_text USING fts5(
    title, description,
    content = 'courses', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER course_text_insert AFTER INSERT ON courses BEGIN
    INSERT INTO course_text (rowid, title, description) VALUES (new.seq, new.title, new.description);
  END;
  CREATE TRIGGER course_text_delete AFTER DELETE ON courses BEGIN
    INSERT INTO course_text (course_text, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
  END;
  CREATE TRIGGER course_text_update AFTER UPDATE OF title, description ON courses BEGIN
    INSERT INTO course_text (course_text, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
    INSERT INTO course_text (rowid, title, description) VALUES (new.seq, new.title, new.description);
  END;

  -- Every course change appends here in its own transaction; the sync worker drains it.
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    course_id TEXT NOT NULL,
    course_version INTEGER NOT NULL,
    change TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    failed_at INTEGER,
    done_at INTEGER
  );
  CREATE INDEX outbox_pending ON outbox (id) WHERE done_at IS NULL;
  `,
  /* 2: students, payments, registrations and access grants (issue 4) */ `
  CREATE TABLE students (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,           -- normalised to lower case before it gets here
    name TEXT,
    created_at INTEGER NOT NULL
  );

  -- A payment reference is spent once, whatever it paid for.
  CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    student_id INTEGER NOT NULL REFERENCES students(id),
    course_id TEXT NOT NULL REFERENCES courses(id),
    amount_paise INTEGER NOT NULL CHECK (amount_paise > 0),
    received_at INTEGER NOT NULL
  );

  CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    course_id TEXT NOT NULL REFERENCES courses(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    payment_id INTEGER NOT NULL UNIQUE REFERENCES payments(id),
    registered_at INTEGER NOT NULL,
    UNIQUE (course_id, student_id)
  );
  CREATE INDEX registrations_by_student ON registrations (student_id);

  -- Only a hash of the access code is kept: the code is shown once and cannot be read back.
  CREATE TABLE access_grants (
    id INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL UNIQUE REFERENCES registrations(id),
    code_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  );
  `,
  /* 3: what the sync worker keeps between runs (issue 3) */ `
  -- When each outbox entry was last tried, so \`sync status\` can say how fresh an error is.
  ALTER TABLE outbox ADD COLUMN last_attempt_at INTEGER;
  -- Marking a course's entries done by (course, version) once Elasticsearch holds that version.
  CREATE INDEX outbox_pending_by_course ON outbox (course_id, course_version) WHERE done_at IS NULL;

  -- Small named facts the worker remembers, e.g. up to when sale and start boundaries were re-published.
  CREATE TABLE sync_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  -- Finding the courses whose sale starts or ends between two instants without a scan.
  CREATE INDEX courses_by_sale_start ON courses (sale_starts_at) WHERE sale_starts_at IS NOT NULL;
  CREATE INDEX courses_by_sale_end ON courses (sale_ends_at) WHERE sale_ends_at IS NOT NULL;
  `,
  /* 4: the sync marks entries by id (issue 3) */ `
  -- Marking by (course, version) through this index cost six times more than marking by id at
  -- 100,000 entries: entries are now marked by id, and only refused ones are looked up by course
  -- (when a newer version of the course gets through, they are settled too).
  DROP INDEX outbox_pending_by_course;
  CREATE INDEX outbox_refused_by_course ON outbox (course_id, course_version) WHERE failed_at IS NOT NULL AND done_at IS NULL;
  `,
  /* 5: narrow copies of the filter and sort columns, so searches never read the wide rows
        (descriptions) of courses they do not show: one in listing order, one by seq for the
        full-text matches */ `
  CREATE INDEX courses_listing_cover ON courses (
    status, start_date, price_paise, sale_price_paise, sale_starts_at, sale_ends_at,
    registrations, seats, category, teacher_id, id
  );
  -- The listing cover starts with (status, start_date) too, so the older index only cost writes.
  DROP INDEX courses_by_status_start;
  CREATE INDEX courses_match_cover ON courses (
    seq, status, start_date, price_paise, sale_price_paise, sale_starts_at, sale_ends_at,
    registrations, seats, category, teacher_id, id
  );
  `,
  /* 6: cancelling registrations, re-issuing access codes, slowing wrong codes (issue 12) */ `
  -- A cancelled registration keeps its row (and its payment): it no longer holds a seat or opens anything.
  ALTER TABLE registrations ADD COLUMN cancelled_at INTEGER;
  -- The provider's refund reference, kept with the payment it refunds.
  ALTER TABLE payments ADD COLUMN refund_ref TEXT;
  -- When the code was last replaced; created_at stays the moment access was first granted.
  ALTER TABLE access_grants ADD COLUMN reissued_at INTEGER;

  -- Wrong access codes per requester (the CLI is one requester; the website will pass a client's
  -- address), so a guessing loop is slowed across processes.
  CREATE TABLE access_code_failures (
    requester TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL
  );
  `,
  /* 7: assessments, their attempts and per-student extensions (issue 13). Needs only courses and
        students (migrations 1–2), not on 6; a module is kept by the name the file gives until the modules
        table (issue 12) can resolve it. */ `
  CREATE TABLE assessments (
    seq INTEGER PRIMARY KEY,              -- compact key the attempts point at
    id TEXT NOT NULL UNIQUE,
    course_id TEXT NOT NULL REFERENCES courses(id),
    title TEXT NOT NULL,
    module TEXT,
    definition TEXT NOT NULL,             -- the checked file as JSON (src/domain/assessment/assessment.ts)
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX assessments_by_course ON assessments (course_id, seq);

  -- An attempt counts from the moment it starts; submitted_at stays NULL while it is open.
  CREATE TABLE assessment_attempts (
    id INTEGER PRIMARY KEY,
    assessment_seq INTEGER NOT NULL REFERENCES assessments(seq),
    student_id INTEGER NOT NULL REFERENCES students(id),
    number INTEGER NOT NULL CHECK (number >= 1),
    seed INTEGER NOT NULL,                -- the attempt's question and choice order
    started_at INTEGER NOT NULL,
    answers TEXT NOT NULL DEFAULT '{}',   -- {"q1": {"answer": ..., "at": epoch ms}}
    submitted_at INTEGER,                 -- when it counts as handed in (never after its deadline)
    score REAL,
    max_score REAL,
    late INTEGER,
    UNIQUE (assessment_seq, student_id, number)
  );
  CREATE INDEX assessment_attempts_by_student ON assessment_attempts (student_id, assessment_seq);

  CREATE TABLE assessment_extensions (
    assessment_seq INTEGER NOT NULL REFERENCES assessments(seq),
    student_id INTEGER NOT NULL REFERENCES students(id),
    due_at INTEGER,
    extra_attempts INTEGER NOT NULL DEFAULT 0 CHECK (extra_attempts >= 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (assessment_seq, student_id)
  ) WITHOUT ROWID;
  `,
  /* 8: modules, materials and their files (issue 12) */ `
  CREATE TABLE course_modules (
    id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL REFERENCES courses(id),
    title TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX course_modules_by_course ON course_modules (course_id, position);

  -- One row per stored content (by SHA-256), however many materials use it.
  CREATE TABLE material_files (
    sha256 TEXT PRIMARY KEY,
    bytes INTEGER NOT NULL CHECK (bytes > 0),
    media_type TEXT NOT NULL,
    stored_at INTEGER NOT NULL
  );

  CREATE TABLE materials (
    id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL REFERENCES courses(id),
    module_id TEXT REFERENCES course_modules(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('file', 'link', 'note')),
    opens_day INTEGER,                    -- a day of the course (kept as a day: moving the course moves it)
    opens_at INTEGER,                     -- or an exact instant
    preview INTEGER NOT NULL DEFAULT 0 CHECK (preview IN (0, 1)),
    file_sha256 TEXT REFERENCES material_files(sha256),
    file_name TEXT,
    url TEXT,
    note TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((opens_day IS NULL) <> (opens_at IS NULL)),
    CHECK ((kind = 'file') = (file_sha256 IS NOT NULL AND file_name IS NOT NULL)),
    CHECK ((kind = 'link') = (url IS NOT NULL)),
    CHECK ((kind = 'note') = (note IS NOT NULL))
  );
  CREATE INDEX materials_by_course ON materials (course_id, module_id, position);
  CREATE INDEX materials_by_file ON materials (file_sha256) WHERE file_sha256 IS NOT NULL;

  -- Kept on the course, so course show and its search document carry them without a join.
  ALTER TABLE courses ADD COLUMN module_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE courses ADD COLUMN material_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE courses ADD COLUMN preview_count INTEGER NOT NULL DEFAULT 0;
  `,
  /* 9: the full-text index holds the terms of the one analysis in src/domain/text/ (issue 11):
        the same terms Elasticsearch indexes, so both backends find the same courses. The
        index is contentless (the text is in courses; highlights are made from there) and
        keeps which column a term is in but not its positions (matching never asks for
        phrases). Its tokenizer only splits the pre-analysed text on spaces: letters, marks,
        digits and the marks of technology names (c++, c#, .net) are all term characters.
        course_terms is the vocabulary typo matching looks words up in; it only grows (a term
        whose courses are gone matches nothing). Needs catalog_terms() and catalog_new_terms()
        (textAnalysisFunctions.ts). Depends on migrations 1 and 5 only. */ `
  DROP TRIGGER course_text_insert;
  DROP TRIGGER course_text_delete;
  DROP TRIGGER course_text_update;
  DROP TABLE course_text;
  CREATE VIRTUAL TABLE course_text USING fts5(
    title, description,
    content = '', contentless_delete = 1, detail = 'column',
    tokenize = "unicode61 remove_diacritics 0 categories 'L* M* N* Co Cn' tokenchars '+#.'"
  );
  CREATE TABLE course_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
  INSERT INTO course_text (rowid, title, description) SELECT seq, catalog_terms(title), catalog_terms(description) FROM courses;
  INSERT OR IGNORE INTO course_terms (term) SELECT value FROM json_each(catalog_new_terms());
  CREATE TRIGGER course_text_insert AFTER INSERT ON courses BEGIN
    INSERT INTO course_text (rowid, title, description) VALUES (new.seq, catalog_terms(new.title), catalog_terms(new.description));
    INSERT OR IGNORE INTO course_terms (term) SELECT value FROM json_each(catalog_new_terms());
  END;
  CREATE TRIGGER course_text_delete AFTER DELETE ON courses BEGIN
    DELETE FROM course_text WHERE rowid = old.seq;
  END;
  CREATE TRIGGER course_text_update AFTER UPDATE OF title, description ON courses BEGIN
    DELETE FROM course_text WHERE rowid = old.seq;
    INSERT INTO course_text (rowid, title, description) VALUES (new.seq, catalog_terms(new.title), catalog_terms(new.description));
    INSERT OR IGNORE INTO course_terms (term) SELECT value FROM json_each(catalog_new_terms());
  END;
  `,
  /* 10: an assessment's module resolved to the course's module (issue 13, after issue 12's modules
        in 8); names written before modules existed are matched by title where one fits */ `
  ALTER TABLE assessments ADD COLUMN module_id TEXT REFERENCES course_modules(id);
  UPDATE assessments SET module_id = (
    SELECT m.id FROM course_modules m
    WHERE m.course_id = assessments.course_id AND lower(m.title) = lower(assessments.module)
    ORDER BY m.position LIMIT 1
  ) WHERE module IS NOT NULL;
  `,
  /* 11: the outbox is pruned (issue 10): remember which databases feed a search index */ `
  -- Pending entries of a database that feeds Elasticsearch are the sync's work and are never
  -- pruned; a database that never synced keeps only a window of recent changes. A database
  -- that synced before this version (some entry is done) keeps feeding its index.
  INSERT OR IGNORE INTO sync_state (name, value)
    SELECT 'synced_since', CAST(min(done_at) AS TEXT) FROM outbox WHERE done_at IS NOT NULL HAVING count(*) > 0;
  `,
  /* 12: checkout orders, payment notices and the student area's sessions (issue 16). Needs
        courses and students (1-2) only; registration ids are kept as plain numbers, without a
        foreign key, so the rebuild of registrations (issue 14) touches nothing here. */ `
  -- A checkout: the price held for one student for a while, and what became of the payment.
  CREATE TABLE checkout_orders (
    id TEXT PRIMARY KEY,                  -- ord_..., random: the confirmation page's address
    course_id TEXT NOT NULL REFERENCES courses(id),
    email TEXT NOT NULL,                  -- normalised like students.email
    name TEXT,
    amount_paise INTEGER NOT NULL CHECK (amount_paise > 0),
    currency TEXT NOT NULL CHECK (currency = 'INR'),
    provider TEXT NOT NULL CHECK (provider IN ('test', 'razorpay')),
    provider_order_id TEXT UNIQUE,        -- Razorpay's order_...; the test provider's is the order's own id
    created_at INTEGER NOT NULL,
    held_until INTEGER NOT NULL,          -- the price holds for payments made before this instant
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'failed', 'refund_due', 'refunded')),
    payment_ref TEXT,                     -- the provider's payment id, once a payment was captured
    paid_at INTEGER,
    registration_id INTEGER,              -- the registration the payment became
    problem TEXT,                         -- why a captured payment did not become a registration
    refund_ref TEXT,
    claim_key TEXT NOT NULL,              -- public half of the buyer's key: the access code is sealed to it
    sealed_code TEXT,                     -- the access code, readable only with the buyer's key, until shown once
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX checkout_orders_refunds_due ON checkout_orders (paid_at) WHERE status = 'refund_due';
  CREATE INDEX checkout_orders_by_email ON checkout_orders (email, status);

  -- Every verified notice from a payment provider, once: a repeated delivery is answered from here.
  CREATE TABLE payment_notices (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    event_key TEXT NOT NULL UNIQUE,       -- the provider's event id, else the event and payment id
    event TEXT NOT NULL,
    payment_ref TEXT,
    provider_order_id TEXT,
    amount_paise INTEGER,
    currency TEXT,
    received_at INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT
  );
  CREATE INDEX payment_notices_by_payment ON payment_notices (payment_ref);

  -- A signed-in browser: only a hash of its token is kept. It opens the enrolments whose access
  -- codes were given in it (code_hash as access_grants has it: a re-issued code closes it).
  CREATE TABLE student_sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    student_id INTEGER NOT NULL REFERENCES students(id),
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX student_sessions_by_expiry ON student_sessions (expires_at);
  CREATE TABLE student_session_grants (
    session_id INTEGER NOT NULL REFERENCES student_sessions(id) ON DELETE CASCADE,
    registration_id INTEGER NOT NULL,
    code_hash TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, registration_id)
  ) WITHOUT ROWID;
  `,
  /* 13: free courses, unlimited seats and free starts (issue 14). Rebuilds courses and
        registrations from their stored SQL (tableRebuild.ts), so it keeps whatever migrations
        1–12 added to them; it needs the listing and match covers of migration 5. Tables that
        refer to courses (checkout_orders of 12, among others) keep their references: the
        rebuilt table takes the same name, and every reference is checked before it commits. */ {
    withoutForeignKeys(db) {
      const coverEdit = [{ from: 'teacher_id, id', to: 'teacher_id, free_days, id' }];
      rebuildTable(db, {
        table: 'courses',
        edits: [
          // A free course costs ₹0; a sale may go down to ₹0 (free for a while).
          { from: 'CHECK (price_paise > 0)', to: 'CHECK (price_paise >= 0)' },
          { from: 'CHECK (sale_price_paise > 0)', to: 'CHECK (sale_price_paise >= 0)' },
          // No seat limit is NULL: registrations then never run out.
          { from: 'seats INTEGER NOT NULL CHECK (seats > 0)', to: 'seats INTEGER CHECK (seats IS NULL OR seats > 0)' },
          { from: 'registrations <= seats', to: '(seats IS NULL OR registrations <= seats)' },
        ],
        addColumns: [
          // A free start: free enrolment opens the first free_days days; the upgrade is open until
          // the end of upgrade_until_day (NULL: the day after the free days).
          'free_days INTEGER CHECK (free_days IS NULL OR free_days >= 1)',
          'upgrade_until_day INTEGER CHECK (upgrade_until_day IS NULL OR upgrade_until_day >= 1)',
          // Counted in the transactions that enrol, upgrade and cancel, like registrations (which
          // stays the seats taken): free enrolments now, and every free start and upgrade so far.
          'free_enrolments INTEGER NOT NULL DEFAULT 0 CHECK (free_enrolments >= 0)',
          'free_starts INTEGER NOT NULL DEFAULT 0 CHECK (free_starts >= 0)',
          'upgrades INTEGER NOT NULL DEFAULT 0 CHECK (upgrades >= 0)',
        ],
        // --free-start filters on free_days: the covers keep searches off the wide rows.
        indexEdits: { courses_listing_cover: coverEdit, courses_match_cover: coverEdit },
      });
      rebuildTable(db, {
        table: 'registrations',
        // A free enrolment, or a registration for ₹0, has no payment.
        edits: [{ from: 'payment_id INTEGER NOT NULL UNIQUE', to: 'payment_id INTEGER UNIQUE' }],
        addColumns: [
          // 'free': a free start, limited to its free days and holding no seat until it is upgraded.
          `mode TEXT NOT NULL DEFAULT 'paid' CHECK (mode IN ('paid', 'free') AND (mode = 'paid' OR payment_id IS NULL))`,
          'upgraded_at INTEGER',
        ],
      });
    },
  },
  /* 14: the filter and sort columns of every course in a table of their own, keyed by seq (issue
        11). A text search looks up each full-text match's columns: in a rowid table that is a
        descent through interior pages of bare integer keys, where the index
        courses_match_cover's interior pages held whole 13-column records (several times as
        many pages) and each step compared records.
        Triggers keep each row equal to its course's columns in the write's own transaction
        (BulkLoad fills it by seq ranges instead for seed and import). No constraints: the
        course's own checked them. Depends on migrations 1, 5 and 13 (free_days) only. */ `
  CREATE TABLE course_facts (
    seq INTEGER PRIMARY KEY,
    status TEXT,
    start_date TEXT,
    price_paise INTEGER,
    sale_price_paise INTEGER,
    sale_starts_at INTEGER,
    sale_ends_at INTEGER,
    registrations INTEGER,
    seats INTEGER,
    category TEXT,
    teacher_id INTEGER,
    free_days INTEGER,
    id TEXT
  );
  INSERT INTO course_facts
    SELECT seq, status, start_date, price_paise, sale_price_paise, sale_starts_at, sale_ends_at, registrations, seats, category, teacher_id, free_days, id
    FROM courses ORDER BY seq;
  CREATE TRIGGER course_facts_insert AFTER INSERT ON courses BEGIN
    INSERT INTO course_facts VALUES (new.seq, new.status, new.start_date, new.price_paise, new.sale_price_paise, new.sale_starts_at,
      new.sale_ends_at, new.registrations, new.seats, new.category, new.teacher_id, new.free_days, new.id);
  END;
  -- seq is in the list: nothing changes it today, but a write that did would move the row.
  CREATE TRIGGER course_facts_update AFTER UPDATE OF seq, status, start_date, price_paise, sale_price_paise, sale_starts_at,
    sale_ends_at, registrations, seats, category, teacher_id, free_days, id ON courses BEGIN
    UPDATE course_facts SET seq = new.seq, status = new.status, start_date = new.start_date, price_paise = new.price_paise,
      sale_price_paise = new.sale_price_paise, sale_starts_at = new.sale_starts_at, sale_ends_at = new.sale_ends_at,
      registrations = new.registrations, seats = new.seats, category = new.category, teacher_id = new.teacher_id,
      free_days = new.free_days, id = new.id
    WHERE seq = old.seq;
  END;
  CREATE TRIGGER course_facts_delete AFTER DELETE ON courses BEGIN
    DELETE FROM course_facts WHERE seq = old.seq;
  END;
  -- Searches read the facts now; the index only cost every write.
  DROP INDEX courses_match_cover;
  `,
  /* 15: the full-text index gains a `listing` column (issue 11): each course's status and start
        month as tokens (listingTokens.ts), so a search narrows its matches to a month, and
        counts those of a status, inside the index. A change of status or start date re-writes
        the course's entry. Needs catalog_terms(), catalog_new_terms() and catalog_listing()
        (textAnalysisFunctions.ts) and the tables of 9 only. */ `
  DROP TRIGGER course_text_insert;
  DROP TRIGGER course_text_delete;
  DROP TRIGGER course_text_update;
  DROP TABLE course_text;
  CREATE VIRTUAL TABLE course_text USING fts5(
    title, description, listing,
    content = '', contentless_delete = 1, detail = 'column',
    tokenize = "unicode61 remove_diacritics 0 categories 'L* M* N* Co Cn' tokenchars '+#.'"
  );
  INSERT INTO course_text (rowid, title, description, listing)
    SELECT seq, catalog_terms(title), catalog_terms(description), catalog_listing(status, start_date) FROM courses;
  INSERT OR IGNORE INTO course_terms (term) SELECT value FROM json_each(catalog_new_terms());
  CREATE TRIGGER course_text_insert AFTER INSERT ON courses BEGIN
    INSERT INTO course_text (rowid, title, description, listing)
      VALUES (new.seq, catalog_terms(new.title), catalog_terms(new.description), catalog_listing(new.status, new.start_date));
    INSERT OR IGNORE INTO course_terms (term) SELECT value FROM json_each(catalog_new_terms());
  END;
  CREATE TRIGGER course_text_delete AFTER DELETE ON courses BEGIN
    DELETE FROM course_text WHERE rowid = old.seq;
  END;
  CREATE TRIGGER course_text_update AFTER UPDATE OF title, description, status, start_date ON courses BEGIN
    DELETE FROM course_text WHERE rowid = old.seq;
    INSERT INTO course_text (rowid, title, description, listing)
      VALUES (new.seq, catalog_terms(new.title), catalog_terms(new.description), catalog_listing(new.status, new.start_date));
    INSERT OR IGNORE INTO course_terms (term) SELECT value FROM json_each(catalog_new_terms());
  END;
  `,
  /* 16: a log of the courses whose facts changed (issue 11), so that a long-lived process that
        holds course_facts in memory (courseFactsMirror.ts) re-reads only those. Each entry is a
        range of seqs: one course from the triggers, a whole batch from BulkLoad's flush (which
        drops course_facts_insert while it loads). Each trigger also drops the entries 10,000 or
        more behind the newest; a reader that far behind loads the whole table again. (A trigger
        on the log itself would do the same, but a nested trigger makes every course write keep
        a statement journal: 4× the time of a single-course update, bench/results/decisions.md.)
        A later migration that rewrites course_facts must log the range it rewrote. Depends on
        14. */ `
  CREATE TABLE course_facts_changes (
    id INTEGER PRIMARY KEY,
    from_seq INTEGER NOT NULL,
    to_seq INTEGER NOT NULL
  );
  DROP TRIGGER course_facts_insert;
  DROP TRIGGER course_facts_update;
  DROP TRIGGER course_facts_delete;
  CREATE TRIGGER course_facts_insert AFTER INSERT ON courses BEGIN
    INSERT INTO course_facts VALUES (new.seq, new.status, new.start_date, new.price_paise, new.sale_price_paise, new.sale_starts_at,
      new.sale_ends_at, new.registrations, new.seats, new.category, new.teacher_id, new.free_days, new.id);
    INSERT INTO course_facts_changes (from_seq, to_seq) VALUES (new.seq, new.seq);
    DELETE FROM course_facts_changes WHERE id <= (SELECT max(id) FROM course_facts_changes) - 10000;
  END;
  CREATE TRIGGER course_facts_update AFTER UPDATE OF seq, status, start_date, price_paise, sale_price_paise, sale_starts_at,
    sale_ends_at, registrations, seats, category, teacher_id, free_days, id ON courses BEGIN
    UPDATE course_facts SET seq = new.seq, status = new.status, start_date = new.start_date, price_paise = new.price_paise,
      sale_price_paise = new.sale_price_paise, sale_starts_at = new.sale_starts_at, sale_ends_at = new.sale_ends_at,
      registrations = new.registrations, seats = new.seats, category = new.category, teacher_id = new.teacher_id,
      free_days = new.free_days, id = new.id
    WHERE seq = old.seq;
    INSERT INTO course_facts_changes (from_seq, to_seq) VALUES (old.seq, old.seq);
    INSERT INTO course_facts_changes (from_seq, to_seq) SELECT new.seq, new.seq WHERE new.seq <> old.seq;
    DELETE FROM course_facts_changes WHERE id <= (SELECT max(id) FROM course_facts_changes) - 10000;
  END;
  CREATE TRIGGER course_facts_delete AFTER DELETE ON courses BEGIN
    DELETE FROM course_facts WHERE seq = old.seq;
    INSERT INTO course_facts_changes (from_seq, to_seq) VALUES (old.seq, old.seq);
    DELETE FROM course_facts_changes WHERE id <= (SELECT max(id) FROM course_facts_changes) - 10000;
  END;
  `,
];
