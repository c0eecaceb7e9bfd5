import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import type { SearchRequest } from '../../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../../src/search/sqliteSearchClient.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { archiveCourse, resumeSale, stopSale } from '../../src/services/courseAvailability.js';
import { cancelSale, setListPrice, startSale } from '../../src/services/coursePricing.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import { CourseFactsMirror } from '../../src/store/courseFactsMirror.js';
import { searchCourseRows } from '../../src/store/courseSearch.js';
import { mirroredFacets } from '../../src/store/mirroredFacets.js';
import { searchFacets } from '../../src/store/searchFacets.js';
import type { CatalogDatabase } from '../../src/store/database.js';
import { openDatabase } from '../../src/store/database.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';

/**
 * The web server keeps course_facts in memory (courseFactsMirror.ts) and brings the copy up to
 * date from the change log at each search. After every kind of write, from this connection or
 * another one, sorted text searches and facet counts answered from the copy must equal the same in SQL,
 * and the copy must have caught up by re-reading the changed courses, not by loading again.
 */

const WORDS = ['python', 'yoga', 'baking', 'guitar', 'pyth', 'zither', ''];
const REQUESTS: SearchRequest[] = [
  { sort: 'price' },
  { sort: 'price', order: 'desc', maxPrice: '2999', page: 2, limit: 5 },
  { sort: 'registrations', order: 'desc', available: true },
  { sort: 'start', month: 'mar' },
  { sort: 'price', all: true, minPrice: '500' },
  { sort: 'price', free: true },
  { sort: 'start', freeStart: true, all: true },
  { sort: 'registrations', category: 'music', limit: 50 },
  { sort: 'price', teacher: 'ZITHER TEACHER' },
];

describe('the in-memory copy of course_facts answers as SQL does after every write', () => {
  const catalog = tempCatalog();
  let mirror: CourseFactsMirror;
  let paymentRef = 0;

  /** Every request with every word, from the copy (refreshed as a search would) and in SQL. */
  function expectSameAnswers(db: CatalogDatabase = catalog.db): void {
    const answers = db.transaction(() => {
      mirror.refresh();
      return WORDS.flatMap((text) =>
        REQUESTS.map((request) => {
          const query = buildSearchQuery({ text, ...request }, { now: catalog.time.now(), timeZone: 'Asia/Kolkata' });
          const ids = (result: ReturnType<typeof searchCourseRows>) => ({ total: result.total, ids: result.rows.map((row) => row.id) });
          return {
            text,
            request,
            copy: { ...ids(searchCourseRows(db, query, mirror)), facets: mirroredFacets(db, mirror, query) },
            sql: { ...ids(searchCourseRows(db, query)), facets: searchFacets(db, query) },
          };
        }),
      );
    })();
    for (const { text, request, copy, sql } of answers) expect({ text, request, ...copy }).toEqual({ text, request, ...sql });
    // Some searches find courses, so a copy that found none would not pass.
    expect(answers.filter((answer) => answer.sql.total > 0).length).toBeGreaterThan(20);
  }

  beforeAll(() => {
    seedCatalogue(catalog, { courses: 400, seed: 7 });
    mirror = new CourseFactsMirror(catalog.db);
    expectSameAnswers();
    expect(mirror.loads).toBe(1);
  });

  it('course add and edit of each filter column', () => {
    const { id } = addCourse(catalog, courseInput({ title: 'Zither for beginners', teacher: 'Zither Teacher', category: 'music' }));
    expectSameAnswers();
    const edits = [
      { category: 'yoga' },
      { teacher: 'Someone Else' },
      { start: '2027-03-04', end: '2027-03-10' },
      { seats: '1' },
      { seats: 'unlimited' },
      { freeDays: '2' },
      { price: '0', freeDays: 'none' },
      { price: '1499', teacher: 'Zither Teacher', category: 'music' },
    ];
    for (const edit of edits) {
      editCourse(catalog, id, edit);
      expectSameAnswers();
    }
    expect(mirror.loads).toBe(1);
  });

  it('prices and sales, registrations, stop, resume and archive', async () => {
    const { id } = addCourse(catalog, courseInput({ title: 'Zither evenings', seats: '1', teacher: 'Zither Teacher' }));
    setListPrice(catalog, id, '2999');
    expectSameAnswers();
    startSale(catalog, id, { price: '0', until: '2026-12-20' });
    expectSameAnswers();
    catalog.time.set('2026-12-21T00:00:00Z'); // the sale has ended: no write, the copy judges it at the search's instant
    expectSameAnswers();
    catalog.time.set('2026-11-25T06:30:00Z');
    cancelSale(catalog, id);
    expectSameAnswers();
    await registerStudent(catalog, { courseId: id, student: 'asha@example.in', amount: '2999', paymentRef: `pay_${++paymentRef}` });
    expectSameAnswers();
    for (const change of [stopSale, resumeSale, archiveCourse]) {
      change(catalog, id);
      expectSameAnswers();
    }
    expect(mirror.loads).toBe(1);
  });

  it('a delete, and a course moved to a new seq', () => {
    const gone = addCourse(catalog, courseInput({ title: 'Zither duets' }));
    const moved = addCourse(catalog, courseInput({ title: 'Zither trios' }));
    expectSameAnswers();
    catalog.db.prepare('DELETE FROM courses WHERE id = ?').run(gone.id);
    catalog.db.prepare('UPDATE courses SET seq = (SELECT max(seq) + 5000 FROM courses) WHERE id = ?').run(moved.id);
    expectSameAnswers();
    // The arrays grew past the moved course's seq instead of loading again.
    expect(mirror.size).toBeGreaterThan(5000);
    expect(mirror.loads).toBe(1);
  });

  it('a write from another connection (another process: the CLI beside the server)', () => {
    const other = openDatabase(path.join(catalog.dir, 'catalog.db'));
    try {
      const [seq, id] = catalog.db.prepare(`SELECT seq, id FROM courses WHERE title LIKE '%python%' LIMIT 1`).raw().get() as [
        number,
        string,
      ];
      other.prepare('UPDATE courses SET price_paise = 1, status = ? WHERE id = ?').run('published', id);
      expectSameAnswers();
      expect(catalog.db.prepare('SELECT price_paise FROM course_facts WHERE seq = ?').pluck().get(seq)).toBe(1);
    } finally {
      other.close();
    }
    expect(mirror.loads).toBe(1);
  });

  it('a seed into the full catalogue: one logged range, re-read at once', () => {
    seedCatalogue(catalog, { courses: 60, seed: 8 });
    expectSameAnswers();
    expect(mirror.loads).toBe(1);
  });

  it('a change log pruned past the copy loads the whole table again', () => {
    // Every course updated 30 times over: more entries than the log keeps.
    for (let i = 0; i < 30; i++) catalog.db.exec('UPDATE courses SET registrations = registrations');
    expect(catalog.db.prepare('SELECT count(*) FROM course_facts_changes').pluck().get()).toBeLessThanOrEqual(10_000);
    expectSameAnswers();
    expect(mirror.loads).toBe(2);
  });
});

describe('the web server’s client', () => {
  it('answers from SQL inside a transaction its own connection opened, and the copy stays right after a rollback', () => {
    const catalog = tempCatalog();
    seedCatalogue(catalog, { courses: 200, seed: 9 });
    const copy = new SqliteSearchClient(catalog.db, { factsInMemory: true });
    const sql = new SqliteSearchClient(catalog.db);
    const query = () => buildSearchQuery({ text: 'yoga', sort: 'price' }, { now: catalog.time.now(), timeZone: 'Asia/Kolkata' });
    const cheapest = (client: SqliteSearchClient) => client.searchNow(query()).results.map((r) => [r.id, r.price]);
    const before = cheapest(sql);
    expect(before.length).toBeGreaterThan(0);
    const [lastId] = before.at(-1)!;
    catalog.db.exec('BEGIN');
    catalog.db
      .prepare('UPDATE courses SET price_paise = 0, sale_price_paise = NULL, sale_starts_at = NULL, sale_ends_at = NULL WHERE id = ?')
      .run(lastId);
    expect(cheapest(copy)[0]).toEqual([lastId, 0]);
    catalog.db.exec('ROLLBACK');
    expect(cheapest(copy)).toEqual(before);
  });
});
