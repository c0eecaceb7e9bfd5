import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../../src/search/sqliteSearchClient.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { archiveCourse, resumeSale, stopSale } from '../../src/services/courseAvailability.js';
import { cancelSale, setListPrice, startSale } from '../../src/services/coursePricing.js';
import { enrolFree } from '../../src/services/enrolFree.js';
import { importCatalogue } from '../../src/services/import/importCatalogue.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { cancelRegistration } from '../../src/services/registrations/cancelRegistration.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import type { CatalogDatabase } from '../../src/store/database.js';
import { openDatabase, schemaVersion } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { rebuildTable } from '../../src/store/tableRebuild.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';
import { tempDirectory } from '../support/tempDirectory.js';

/**
 * course_facts (migration 14) is the copy of every course's filter and sort columns that text
 * searches read instead of the course row. Triggers keep it equal to courses; a bulk load
 * (seed, import) fills it itself. After every kind of write the whole table must equal the
 * projection of courses, row for row.
 */

const FACT_COLUMNS =
  'seq, status, start_date, price_paise, sale_price_paise, sale_starts_at, sale_ends_at, registrations, seats, category, teacher_id, free_days, id';

/** The filter columns as a table holds them, with their SQLite types: the copy must hold the same values, not just values that compare equal in JS. */
function columnsOf(db: CatalogDatabase, table: 'course_facts' | 'courses') {
  return {
    facts: db.prepare(`SELECT ${FACT_COLUMNS} FROM ${table} ORDER BY seq`).all(),
    factTypes: db
      .prepare(`SELECT typeof(status) || typeof(price_paise) || typeof(seats) || typeof(free_days) AS t FROM ${table} ORDER BY seq`)
      .all(),
  };
}

const facts = (db: CatalogDatabase) => columnsOf(db, 'course_facts');
const projection = (db: CatalogDatabase) => columnsOf(db, 'courses');

/** The facts equal the courses' columns, and there are `courses` of them. */
function expectFactsOfCourses(db: CatalogDatabase, courses: number): void {
  const actual = facts(db);
  expect(actual.facts).toHaveLength(courses);
  expect(actual).toEqual(projection(db));
}

function writeImportFile(dir: string, name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `title,description,teacher,category,price,start,end,seats,external_id\n${rows.join('\n')}\n`);
  return file;
}

describe('course_facts follows every write to courses', () => {
  const catalog = tempCatalog();
  let paymentRef = 0;
  const register = (courseId: string, student: string, amount = '999') =>
    registerStudent(catalog, { courseId, student, amount, paymentRef: `pay_${++paymentRef}` });

  it('course add: every kind of course gets its row', () => {
    addCourse(catalog, courseInput());
    addCourse(catalog, courseInput({ price: '0', seats: 'unlimited', category: 'yoga' }));
    addCourse(catalog, courseInput({ freeDays: '2', teacher: 'Meera Iyer' }));
    addCourse(catalog, courseInput({ status: 'draft' }));
    expectFactsOfCourses(catalog.db, 4);
  });

  it('course edit of each filter column, one at a time, and all at once', () => {
    const { id } = addCourse(catalog, courseInput());
    const edits = [
      { category: 'baking' },
      { teacher: 'Anil Kumar' },
      { start: '2027-02-01', end: '2027-02-10' },
      { seats: '35' },
      { seats: 'unlimited' },
      { freeDays: '3' },
      { freeDays: 'none' },
      { price: '1499' },
      { title: 'A title alone changes no fact' },
      { category: 'yoga', teacher: 'Priya Sharma', start: '2027-03-01', end: '2027-03-05', seats: '10', price: '799', freeDays: '1' },
    ];
    for (const edit of edits) {
      editCourse(catalog, id, edit);
      expectFactsOfCourses(catalog.db, 5);
    }
    const draft = addCourse(catalog, courseInput({ status: 'draft' }));
    editCourse(catalog, draft.id, { status: 'published' });
    expectFactsOfCourses(catalog.db, 6);
  });

  it('list price and sales: started, starting later, cancelled', () => {
    const { id } = addCourse(catalog, courseInput({ price: '999' }));
    setListPrice(catalog, id, '1299');
    expectFactsOfCourses(catalog.db, 7);
    startSale(catalog, id, { price: '899', until: '2026-12-20' });
    expectFactsOfCourses(catalog.db, 7);
    startSale(catalog, id, { price: '0', from: '2026-12-01', until: '2026-12-05' });
    expectFactsOfCourses(catalog.db, 7);
    cancelSale(catalog, id);
    expectFactsOfCourses(catalog.db, 7);
    expect(catalog.db.prepare(`SELECT sale_price_paise FROM course_facts WHERE id = ?`).pluck().get(id)).toBeNull();
  });

  it('registration, free enrolment and cancellation change the counts', async () => {
    const { id } = addCourse(catalog, courseInput({ seats: '3', freeDays: '2' }));
    const first = await register(id, 'asha@example.in');
    await register(id, 'ravi@example.in');
    expect(catalog.db.prepare(`SELECT registrations FROM course_facts WHERE id = ?`).pluck().get(id)).toBe(2);
    expectFactsOfCourses(catalog.db, 8);
    await enrolFree(catalog, { courseId: id, student: 'meera@example.in' });
    expectFactsOfCourses(catalog.db, 8);
    if (first.outcome.status !== 'registered') throw new Error(`expected a registration, got ${first.outcome.status}`);
    await cancelRegistration(catalog, { registrationId: String(first.outcome.registration.id) });
    expect(catalog.db.prepare(`SELECT registrations FROM course_facts WHERE id = ?`).pluck().get(id)).toBe(1);
    expectFactsOfCourses(catalog.db, 8);
  });

  it('stop, resume and archive change the status', () => {
    const { id } = addCourse(catalog, courseInput());
    for (const change of [stopSale, resumeSale, archiveCourse]) {
      change(catalog, id);
      expectFactsOfCourses(catalog.db, 9);
    }
    expect(catalog.db.prepare(`SELECT status FROM course_facts WHERE id = ?`).pluck().get(id)).toBe('archived');
  });

  it('a delete (no command deletes courses yet) takes the row away', () => {
    const { id } = addCourse(catalog, courseInput());
    expectFactsOfCourses(catalog.db, 10);
    catalog.db.prepare(`DELETE FROM courses WHERE id = ?`).run(id);
    expectFactsOfCourses(catalog.db, 9);
  });

  it('a new seq (nothing changes one today) moves the row', () => {
    const { id } = addCourse(catalog, courseInput());
    catalog.db.prepare(`UPDATE courses SET seq = (SELECT max(seq) + 100 FROM courses) WHERE id = ?`).run(id);
    expectFactsOfCourses(catalog.db, 10);
  });

  it('a rebuild of courses (tableRebuild.ts, as a migration would run it) keeps the triggers', () => {
    catalog.db.pragma('foreign_keys = OFF');
    try {
      catalog.db.transaction(() => rebuildTable(catalog.db, { table: 'courses', edits: [] })).immediate();
    } finally {
      catalog.db.pragma('foreign_keys = ON');
    }
    const { id } = addCourse(catalog, courseInput());
    editCourse(catalog, id, { category: 'baking', seats: '7' });
    expectFactsOfCourses(catalog.db, 11);
  });
});

describe('bulk loads fill course_facts themselves', () => {
  it('seed into an empty catalogue, then into a full one', () => {
    const ctx = tempCatalog();
    seedCatalogue(ctx, { courses: 400, seed: 7 });
    expectFactsOfCourses(ctx.db, 400);
    // With registrations, sales, free starts and unlimited seats among them: every column is exercised.
    expect(ctx.db.prepare(`SELECT count(*) FROM course_facts WHERE registrations > 0`).pluck().get()).toBeGreaterThan(100);
    expect(ctx.db.prepare(`SELECT count(*) FROM course_facts WHERE sale_price_paise IS NOT NULL`).pluck().get()).toBeGreaterThan(0);
    seedCatalogue(ctx, { courses: 150, seed: 8 });
    expectFactsOfCourses(ctx.db, 550);
    expect(
      ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'course_facts_%' ORDER BY name`).pluck().all(),
    ).toEqual(['course_facts_delete', 'course_facts_insert', 'course_facts_update']);
  });

  it('import into an empty catalogue, an upsert into a full one, and an import that fails', async () => {
    const ctx = tempCatalog();
    const rows = (count: number, price: (i: number) => string) =>
      Array.from(
        { length: count },
        (_, i) =>
          `Course ${i},About pottery ${i}.,Teacher ${i % 7},${i % 2 ? 'baking' : 'yoga'},${price(i)},2027-10-04,2027-10-08,12,BULK-${i}`,
      );
    expect(
      await importCatalogue(
        ctx,
        writeImportFile(
          ctx.dir,
          'first.csv',
          rows(300, (i) => String(499 + i)),
        ),
      ),
    ).toMatchObject({
      ok: true,
      created: 300,
    });
    expectFactsOfCourses(ctx.db, 300);
    // Half of them with a new price (updates through the trigger), and 200 new ones (through the load).
    const upsert = await importCatalogue(
      ctx,
      writeImportFile(
        ctx.dir,
        'second.csv',
        rows(500, (i) => String(i % 2 ? 499 + i : 999)),
      ),
      {
        upsert: true,
      },
    );
    expect(upsert).toMatchObject({ ok: true, created: 200 });
    expectFactsOfCourses(ctx.db, 500);
    const failed = await importCatalogue(
      ctx,
      writeImportFile(ctx.dir, 'bad.csv', [...rows(600, () => '10').slice(500), 'Bad,x,T,yoga,-1,2027-10-04,2027-10-08,12,BAD']),
    );
    expect(failed.ok).toBe(false);
    expectFactsOfCourses(ctx.db, 500);
  });
});

describe('a catalogue from before course_facts', () => {
  it('is filled by the migration, and searched through it', () => {
    const file = path.join(tempDirectory(), 'catalog.db');
    // Schema 5: plain-SQL migrations only, and the match cover that migration 13 still edits.
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 5)) old.exec(sql as string);
    old.pragma('user_version = 5');
    old.prepare(`INSERT INTO teachers (id, name) VALUES (1, 'Priya Sharma'), (2, 'Meera Iyer')`).run();
    const insert = old.prepare(
      `INSERT INTO courses (seq, id, title, description, teacher_id, category, price_paise, sale_price_paise, sale_starts_at, sale_ends_at,
         start_date, end_date, seats, registrations, status, created_at, updated_at)
       VALUES (?, ?, ?, 'Hands on.', ?, ?, ?, ?, NULL, ?, ?, '2027-12-31', 20, ?, ?, 0, 0)`,
    );
    // Gaps in seq, as failed imports leave them.
    for (let i = 0; i < 60; i++) {
      insert.run(
        i * 3 + 2,
        `crs_${String(i).padStart(10, '0')}`,
        i % 2 ? `Python Basics ${i}` : `Sourdough Baking ${i}`,
        (i % 2) + 1,
        i % 2 ? 'programming' : 'baking',
        59900 + i,
        i % 5 ? null : 49900,
        i % 5 ? null : Date.parse('2026-12-31T00:00:00Z'),
        `2027-0${(i % 9) + 1}-10`,
        i % 4,
        i % 6 ? 'published' : 'draft',
      );
    }
    old.close();

    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expectFactsOfCourses(db, 60);
      // Nothing reads the match cover any more: it is gone.
      expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'courses_match_cover'`).pluck().get()).toBe(0);
      const search = new SqliteSearchClient(db).searchNow(
        buildSearchQuery(
          { text: 'python', category: 'programming', maxPrice: '600' },
          { now: Date.parse('2026-11-25T06:30:00Z'), timeZone: 'Asia/Kolkata' },
        ),
      );
      const expected = db
        .prepare(
          `SELECT count(*) FROM courses WHERE title LIKE 'Python%' AND category = 'programming' AND status = 'published' AND start_date > '2026-11-25'
             AND (CASE WHEN sale_price_paise IS NOT NULL AND sale_ends_at > ? THEN sale_price_paise ELSE price_paise END) <= 60000`,
        )
        .pluck()
        .get(Date.parse('2026-11-25T06:30:00Z'));
      expect(search.total).toBe(expected);
      expect(search.total).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
