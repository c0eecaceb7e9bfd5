import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import type { CatalogContext } from '../../src/services/catalogContext.js';
import { importCatalogue } from '../../src/services/import/importCatalogue.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import type { CatalogDatabase } from '../../src/store/database.js';
import { openDatabase } from '../../src/store/database.js';
import { runCatalog } from '../support/cliRunner.js';
import { tempCatalog } from '../support/tempCatalog.js';
import { tempDirectory } from '../support/tempDirectory.js';

/**
 * A bulk load (import, seed) drops the insert trigger and writes the full-text entries and the
 * vocabulary itself, in batches (src/store/bulkLoad.ts). The two paths must never drift: an index
 * built by a bulk load must hold, course by course and column by column, exactly the terms
 * ordinary single-course writes give it, and the vocabulary typo matching reads must hold the
 * same terms. (Whoever changes how a bulk load analyses or writes the text keeps this passing.)
 */

interface FixtureCourse {
  id: string;
  title: string;
  description: string;
  teacher: string;
  category: string;
  price: string;
  start: string;
  end: string;
  seats: string;
}

// 500 courses written to test the analysis: symbols, brand marks, fullwidth, accents, Indic scripts, compounds.
const fixture: FixtureCourse[] = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/search/courses.json'), 'utf8'));
const NOW = '2026-11-25T06:30:00Z';

/** A fixture course's fields, as both an import row and `course add` name them. */
function courseFields(c: FixtureCourse) {
  return {
    title: c.title,
    description: c.description,
    teacher: c.teacher,
    category: c.category,
    price: c.price,
    start: c.start,
    end: c.end,
    seats: c.seats,
  };
}

function importRow(course: FixtureCourse, overrides: Partial<FixtureCourse> = {}): string {
  const c = { ...course, ...overrides };
  return JSON.stringify({ external_id: c.id, ...courseFields(c) });
}

function writeImportFile(dir: string, rows: string[]): string {
  const file = path.join(dir, 'courses.ndjson');
  fs.writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

/** Every course's terms as the index holds them, by external id (else id): "column:term", sorted. */
function indexedTermsByCourse(db: CatalogDatabase): Map<string, string[]> {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.indexed_terms USING fts5vocab(main, course_text, 'instance')`);
  const byCourse = new Map<string, string[]>();
  for (const row of db
    .prepare<[], { course: string; col: string; term: string }>(
      `SELECT coalesce(c.external_id, c.id) AS course, v.col AS col, v.term AS term FROM temp.indexed_terms v JOIN courses c ON c.seq = v.doc`,
    )
    .all()) {
    const terms = byCourse.get(row.course) ?? [];
    terms.push(`${row.col}:${row.term}`);
    byCourse.set(row.course, terms);
  }
  for (const terms of byCourse.values()) terms.sort();
  return byCourse;
}

function vocabulary(db: CatalogDatabase): string[] {
  return db
    .prepare<[], { term: string }>('SELECT term FROM course_terms ORDER BY term')
    .all()
    .map((row) => row.term);
}

function indexedCourseCount(db: CatalogDatabase): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM course_text').get()!.n;
}

/**
 * The index and vocabulary as they are, and as the update trigger makes them when every course's
 * text is written again through `catalog_terms` (rolled back: the catalogue is left as it was).
 */
function asWrittenAndThroughTheTrigger(db: CatalogDatabase) {
  const written = { terms: indexedTermsByCourse(db), vocabulary: vocabulary(db), entries: indexedCourseCount(db) };
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('UPDATE courses SET title = title, description = description');
    return { written, throughTrigger: { terms: indexedTermsByCourse(db), vocabulary: vocabulary(db), entries: indexedCourseCount(db) } };
  } finally {
    db.exec('ROLLBACK');
  }
}

/** One fixture course written as `course add` writes it (the insert trigger). */
function addFixtureCourse(ctx: CatalogContext, c: FixtureCourse): void {
  addCourse(ctx, { externalId: c.id, ...courseFields(c) });
}

/** The same courses written one at a time, as `course add` writes them (the insert trigger). */
function singleWrites(courses: FixtureCourse[]): CatalogContext {
  const ctx = tempCatalog({ now: NOW });
  for (const c of courses) addFixtureCourse(ctx, c);
  return ctx;
}

describe('a bulk load indexes exactly as single-course writes do', () => {
  let expected: CatalogContext;
  beforeAll(() => {
    expected = singleWrites(fixture);
  });

  function expectSameIndex(db: CatalogDatabase, reference: CatalogDatabase, courses: number): void {
    const actual = indexedTermsByCourse(db);
    const wanted = indexedTermsByCourse(reference);
    expect(actual.size).toBe(courses);
    expect(indexedCourseCount(db)).toBe(courses);
    for (const [course, terms] of wanted) expect(actual.get(course), course).toEqual(terms);
    expect(vocabulary(db)).toEqual(vocabulary(reference));
  }

  it('catalog import (the built CLI, reading on its worker thread) gives the index course add gives, term by term', () => {
    const dir = tempDirectory();
    const file = writeImportFile(
      dir,
      fixture.map((c) => importRow(c)),
    );
    const result = runCatalog(['import', file, '--json', '--db', path.join(dir, 'catalog.db')], { cwd: dir, env: { CATALOG_NOW: NOW } });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, created: fixture.length });
    const db = openDatabase(path.join(dir, 'catalog.db'));
    try {
      expectSameIndex(db, expected.db, fixture.length);
      const { written, throughTrigger } = asWrittenAndThroughTheTrigger(db);
      expect(written).toEqual(throughTrigger);
    } finally {
      db.close();
    }
  });

  it('the import service, reading on its own thread, gives the same index', async () => {
    const ctx = tempCatalog({ now: NOW });
    const file = writeImportFile(
      ctx.dir,
      fixture.map((c) => importRow(c)),
    );
    const report = await importCatalogue(ctx, file);
    expect(report).toMatchObject({ ok: true, created: fixture.length });
    expectSameIndex(ctx.db, expected.db, fixture.length);
  });

  it('an upsert into a full catalogue (updates through the update trigger, new courses through the load) gives the index single writes give', async () => {
    const [first, second] = [fixture.slice(0, 300), fixture.slice(300)];
    // The catalogue holds the first 300 with other texts; the file changes half of them back and brings 200 new ones.
    const renamed = (c: FixtureCourse, i: number) =>
      i % 2 ? c : { ...c, title: `${c.title} — Edición Ⅱ`, description: `Kurs für Anfänger: ${c.description} C# & F#` };
    const ctx = tempCatalog({ now: NOW });
    const reference = singleWrites(first.map(renamed));
    const file = writeImportFile(
      ctx.dir,
      first.map(renamed).map((c) => importRow(c)),
    );
    expect(await importCatalogue(ctx, file)).toMatchObject({ ok: true, created: 300 });

    const upsert = writeImportFile(
      ctx.dir,
      [...first, ...second].map((c) => importRow(c)),
    );
    expect(await importCatalogue(ctx, upsert, { upsert: true })).toMatchObject({ ok: true, created: 200, updated: 150, unchanged: 150 });
    for (const [i, c] of first.entries()) {
      if (i % 2) continue;
      const course = reference.courses.findByExternalId(c.id)!;
      editCourse(reference, course.id, { title: c.title, description: c.description });
    }
    for (const c of second) addFixtureCourse(reference, c);
    expectSameIndex(ctx.db, reference.db, fixture.length);
    const { written, throughTrigger } = asWrittenAndThroughTheTrigger(ctx.db);
    expect(written).toEqual(throughTrigger);
  });

  it('catalog seed indexes as the trigger does', () => {
    const ctx = tempCatalog({ now: NOW });
    seedCatalogue(ctx, { courses: 400, seed: 7 });
    const { written, throughTrigger } = asWrittenAndThroughTheTrigger(ctx.db);
    expect(written.entries).toBe(400);
    expect(written.vocabulary.length).toBeGreaterThan(100);
    expect(written).toEqual(throughTrigger);
  });

  it('a rolled-back import leaves neither index entries nor vocabulary behind', async () => {
    const ctx = tempCatalog({ now: NOW });
    const before = { terms: indexedTermsByCourse(ctx.db), vocabulary: vocabulary(ctx.db) };
    const file = writeImportFile(ctx.dir, [...fixture.slice(0, 50).map((c) => importRow(c)), importRow(fixture[50]!, { price: 'free' })]);
    const report = await importCatalogue(ctx, file);
    expect(report.ok).toBe(false);
    expect({ terms: indexedTermsByCourse(ctx.db), vocabulary: vocabulary(ctx.db) }).toEqual(before);
    expect(indexedCourseCount(ctx.db)).toBe(0);
  });
});
