import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashAccessCode } from '../../src/security/accessCodes.js';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../../src/search/sqliteSearchClient.js';
import { resolveAccess } from '../../src/services/access/resolveAccess.js';
import { contextFor } from '../../src/services/catalogContext.js';
import { enrolFree } from '../../src/services/enrolFree.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { openDatabase, schemaVersion } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { defineTextFunctions } from '../../src/store/textAnalysisFunctions.js';
import { manualClock, testConfig } from '../support/tempCatalog.js';
import { tempDirectory } from '../support/tempDirectory.js';

const NOW = Date.parse('2026-11-25T06:30:00Z');
const COURSES = 3_000;
/** The migrations before the one that rebuilds courses for free courses (the first that is not plain SQL). */
const BEFORE_FREEMIUM = MIGRATIONS.findIndex((migration) => typeof migration !== 'string');

/**
 * A catalogue as the schema before free courses left it, with courses, students, payments,
 * registrations and grants, and a checkout order and a signed-in session that refer to them
 * (issue 16's tables, which the rebuild of courses must leave pointing at the same rows).
 */
function catalogueBeforeFreemium(file: string): void {
  const old = new Database(file);
  old.pragma('foreign_keys = ON');
  defineTextFunctions(old);
  old.transaction(() => {
    for (const sql of MIGRATIONS.slice(0, BEFORE_FREEMIUM)) old.exec(sql as string);
    old.pragma(`user_version = ${BEFORE_FREEMIUM}`);
    old.prepare(`INSERT INTO teachers (id, name) VALUES (1, 'Priya Sharma'), (2, 'Meera Iyer')`).run();
    const course = old.prepare(
      `INSERT INTO courses (seq, id, title, description, teacher_id, category, price_paise, sale_price_paise, sale_starts_at, sale_ends_at,
         start_date, end_date, seats, registrations, status, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, 'programming', ?, ?, NULL, ?, '2027-01-10', '2027-01-20', 20, ?, 'published', 0, 0, 3)`,
    );
    // Gaps in seq, as deletes or a failed import leave them: the full-text index points at these numbers.
    for (let i = 0; i < COURSES; i++) {
      const onSale = i % 7 === 0;
      course.run(
        i * 3 + 5,
        `crs_${String(i).padStart(10, '0')}`,
        i % 2 ? `Python Basics ${i}` : `Sourdough Baking ${i}`,
        i % 2 ? 'Loops and functions.' : 'Starter and shaping.',
        (i % 2) + 1,
        59900 + i,
        onSale ? 49900 : null,
        onSale ? NOW + 86_400_000 : null,
        i % 3,
      );
    }
    old
      .prepare(
        `INSERT INTO students (id, email, name, created_at) VALUES (1, 'asha@example.in', 'Asha', 0), (2, 'ravi@example.in', NULL, 0)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO payments (id, reference, student_id, course_id, amount_paise, received_at) VALUES (1, 'pay_1', 1, 'crs_0000000001', 59901, 1)`,
      )
      .run();
    old
      .prepare(`INSERT INTO registrations (id, course_id, student_id, payment_id, registered_at) VALUES (1, 'crs_0000000001', 1, 1, 1)`)
      .run();
    old
      .prepare(`INSERT INTO access_grants (registration_id, code_hash, created_at) VALUES (1, ?, 1)`)
      .run(hashAccessCode('acc_0000000000000000000000aa'));
    old
      .prepare(
        `INSERT INTO checkout_orders (id, course_id, email, name, amount_paise, currency, provider, provider_order_id, created_at,
           held_until, status, payment_ref, paid_at, registration_id, claim_key, updated_at)
         VALUES ('ord_1', 'crs_0000000001', 'asha@example.in', 'Asha', 59901, 'INR', 'test', 'ord_1', 1, 2, 'paid', 'pay_1', 1, 1, 'key', 1)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO student_sessions (id, token_hash, student_id, created_at, last_seen_at, expires_at) VALUES (1, 'h', 1, 1, 1, 9)`,
      )
      .run();
    old
      .prepare(`INSERT INTO student_session_grants (session_id, registration_id, code_hash, added_at) VALUES (1, 1, ?, 1)`)
      .run(hashAccessCode('acc_0000000000000000000000aa'));
  })();
  old.close();
}

describe('the free-courses schema (unlimited seats, free starts) on a catalogue written before it', () => {
  const file = path.join(tempDirectory(), 'catalog.db');
  catalogueBeforeFreemium(file);
  const before = new Database(file, { readonly: true });
  const seqs = before.prepare('SELECT seq, id, title, price_paise, registrations FROM courses ORDER BY seq').all();
  const outbox = before.prepare('SELECT count(*) FROM outbox').pluck().get();
  before.close();

  const db = openDatabase(file);
  const time = manualClock(NOW);
  const ctx = contextFor(testConfig(file), db, time.clock);

  it('keeps every course with its seq, every index and trigger, and every reference', () => {
    // Every index and trigger a catalogue created at this version has (later migrations add and
    // drop some of their own): the rebuild lost none of those it re-made.
    const created = openDatabase(path.join(tempDirectory(), 'created.db'));
    const indexes = created
      .prepare(
        `SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('courses', 'registrations') ORDER BY name`,
      )
      .pluck()
      .all();
    created.close();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT seq, id, title, price_paise, registrations FROM courses ORDER BY seq').all()).toEqual(seqs);
    expect(
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('courses', 'registrations') ORDER BY name`,
        )
        .pluck()
        .all(),
    ).toEqual(indexes);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(outbox);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Tables of other issues that refer to courses and registrations still find their rows.
    expect(
      db
        .prepare(
          `SELECT c.title, r.id AS registration, g.code_hash = sg.code_hash AS sameCode FROM checkout_orders o
           JOIN courses c ON c.id = o.course_id JOIN registrations r ON r.id = o.registration_id
           JOIN access_grants g ON g.registration_id = r.id JOIN student_session_grants sg ON sg.registration_id = r.id`,
        )
        .all(),
    ).toEqual([{ title: 'Python Basics 1', registration: 1, sameCode: 1 }]);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'checkout_orders'`).pluck().get()).toContain('REFERENCES courses(id)');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The listing cover and the text search's facts (migration 14) still hold every column a
    // search filters on, now with the free start's.
    expect(db.prepare(`SELECT name FROM pragma_index_info('courses_listing_cover')`).pluck().all()).toContain('free_days');
    expect(db.prepare(`SELECT name FROM pragma_table_info('course_facts')`).pluck().all()).toContain('free_days');
  });

  it('the full-text index still points at the right courses, and the triggers still feed it', async () => {
    const client = new SqliteSearchClient(db);
    const search = (text: string) =>
      client.searchNow(buildSearchQuery({ text, all: true, limit: 100 }, { now: NOW, timeZone: 'Asia/Kolkata' }));
    expect(search('sourdough').total).toBe(COURSES / 2);
    expect(search('python basics 2999').results.map((r) => r.id)).toEqual(['crs_0000002999']);
    db.prepare(`UPDATE courses SET title = 'Kombucha Brewing' WHERE id = 'crs_0000000004'`).run();
    expect(search('kombucha').results.map((r) => r.id)).toEqual(['crs_0000000004']);
  });

  it('registrations keep their payment and code, now as paid enrolments', () => {
    expect(resolveAccess(ctx, 'acc_0000000000000000000000aa').enrolment).toMatchObject({
      registrationId: 1,
      mode: 'paid',
      freeStart: null,
    });
  });

  it('takes what the old schema refused: ₹0, no seat limit, a free start; and still refuses what it must', async () => {
    db.prepare(`UPDATE courses SET price_paise = 0, seats = NULL WHERE id = 'crs_0000000002'`).run();
    const { outcome } = await registerStudent(ctx, { courseId: 'crs_0000000002', student: 'ravi@example.in' });
    expect(outcome).toMatchObject({ status: 'registered', registration: { mode: 'paid', paymentRef: null } });
    db.prepare(`UPDATE courses SET free_days = 2 WHERE id = 'crs_0000000006'`).run();
    expect((await enrolFree(ctx, { courseId: 'crs_0000000006', student: 'asha@example.in' })).status).toBe('enrolled');
    expect(() => db.prepare(`UPDATE courses SET price_paise = -1 WHERE id = 'crs_0000000008'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE courses SET registrations = 21 WHERE id = 'crs_0000000008'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE courses SET free_days = 0 WHERE id = 'crs_0000000008'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE registrations SET mode = 'free' WHERE id = 1`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO registrations (course_id, student_id, registered_at) VALUES ('crs_nope', 1, 0)`).run()).toThrow(
      /FOREIGN KEY/,
    );
  });
});
