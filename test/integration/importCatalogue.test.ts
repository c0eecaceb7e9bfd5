import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { archiveCourse, stopSale } from '../../src/services/courseAvailability.js';
import { setListPrice, startSale } from '../../src/services/coursePricing.js';
import { exportCatalogue } from '../../src/services/exportCatalogue.js';
import { importCatalogue } from '../../src/services/import/importCatalogue.js';
import type { ImportProblem } from '../../src/services/import/importProblem.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';
import { tempDirectory } from '../support/tempDirectory.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
const good = (name: string) => path.join(FIXTURES, 'good', name);
const bad = (name: string) => path.join(FIXTURES, 'bad', name);

type Catalog = ReturnType<typeof tempCatalog>;

/** Everything a user can see of the catalogue, plus the outbox the search index follows. */
async function fingerprint(catalog: Catalog): Promise<string> {
  const hash = createHash('sha256');
  await exportCatalogue(
    catalog,
    'ndjson',
    new Writable({
      write: (chunk, _encoding, done) => {
        hash.update(chunk);
        done();
      },
    }),
  );
  const outbox = catalog.db.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS last FROM outbox').get();
  return `${hash.digest('hex')} ${JSON.stringify(outbox)} ${JSON.stringify(schemaOf(catalog))}`;
}

/** Every table, index and trigger as created: a bulk load drops some for a while and must put them back. */
const schemaOf = (catalog: Catalog) => catalog.db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all();

/** A CSV of `count` valid courses, with a mistake on the 0-based rows in `badRows`. */
function writeCourses(count: number, badRows: number[] = []): string {
  const file = path.join(tempDirectory(), `courses-${count}.csv`);
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `Course number ${i},About pottery ${i}.,Teacher ${i % 7},baking,${badRows.includes(i) ? '-1' : 499 + i},2027-10-04,2027-10-08,12,BULK-${i}`,
  );
  fs.writeFileSync(file, `title,description,teacher,category,price,start,end,seats,external_id\n${rows.join('\n')}\n`);
  return file;
}

const summary = (problems: ImportProblem[]) => problems.map((p) => `${p.line} ${p.column ?? '-'}: ${p.message}`);

describe('importing good files', () => {
  let catalog: Catalog;
  beforeEach(() => {
    catalog = tempCatalog();
  });

  it.each(['courses.csv', 'courses.json', 'courses.ndjson'])('%s creates every course with the add rules applied', async (file) => {
    const report = await importCatalogue(catalog, good(file));
    expect(report).toMatchObject({ ok: true, written: true, rows: 3, created: 3, updated: 0, unchanged: 0, problems: [] });
    expect(catalog.courses.findByExternalId('PY-2027-11')).toMatchObject({
      title: 'Python Fundamentals in 10 Days',
      description: 'Variables, loops and functions.\nBring a laptop; "hands on" from day one.',
      pricePaise: 129950,
      startDate: '2027-11-01',
      seats: 30,
      status: 'published',
      version: 1,
    });
    const outbox = catalog.db.prepare(`SELECT change, course_version AS version FROM outbox`).all();
    expect(outbox).toEqual(Array(3).fill({ change: 'imported', version: 1 }));
  });

  it('reads a BOM and CRLF line ends, keeping non-ASCII text intact', async () => {
    const report = await importCatalogue(catalog, good('bom-crlf.csv'));
    expect(report).toMatchObject({ ok: true, created: 2 });
    expect(catalog.courses.findByExternalId('BAKE-CROISSANT')).toMatchObject({
      title: 'Café Baking: Croissants',
      teacher: "Zoë D'Souza",
      description: 'Lamination, proofing – and patience.',
    });
  });

  it('indexes imported courses for search, and leaves the insert trigger in place', async () => {
    addCourse(catalog, courseInput({ title: 'Existing watercolour course' }));
    await importCatalogue(catalog, good('courses.csv'));
    const found = (word: string) =>
      catalog.db
        .prepare(`SELECT c.external_id AS id FROM course_text JOIN courses c ON c.seq = course_text.rowid WHERE course_text MATCH ?`)
        .all(word);
    expect(found('kneading')).toEqual([]);
    expect(found('loaf')).toEqual([{ id: 'BAKE-2027-10' }]);
    expect(found('watercolour')).toHaveLength(1);
    addCourse(catalog, courseInput({ title: 'Kneading after the import' }));
    expect(found('kneading')).toHaveLength(1);
  });

  it('a large import into an empty catalogue writes every outbox and full-text entry once and restores the schema', async () => {
    const schemaBefore = schemaOf(catalog);
    const connectionSettings = () => [catalog.db.pragma('cache_size', { simple: true }), catalog.db.pragma('mmap_size', { simple: true })];
    const settingsBefore = connectionSettings();
    const count = 10_000; // a flush on the way (every 8,192 inserts) and one at the end
    const report = await importCatalogue(catalog, writeCourses(count));
    expect(report).toMatchObject({ ok: true, created: count });
    expect(schemaOf(catalog)).toEqual(schemaBefore);
    // The import narrows the page cache and the memory map for itself only.
    expect(connectionSettings()).toEqual(settingsBefore);
    expect(catalog.db.prepare(`PRAGMA integrity_check`).pluck().get()).toBe('ok');
    const outbox = catalog.db
      .prepare(
        `SELECT count(*) AS entries, count(DISTINCT course_id) AS courses, min(course_version) AS v1, max(course_version) AS v2 FROM outbox`,
      )
      .get();
    expect(outbox).toEqual({ entries: count, courses: count, v1: 1, v2: 1 });
    // The outbox keeps insertion order, as the sync expects of entries.
    const firstAndLast = catalog.db
      .prepare(`SELECT c.external_id FROM outbox o JOIN courses c ON c.id = o.course_id ORDER BY o.id`)
      .pluck()
      .all();
    expect([firstAndLast[0], firstAndLast.at(-1)]).toEqual(['BULK-0', `BULK-${count - 1}`]);
    const matches = (word: string) => catalog.db.prepare(`SELECT count(*) FROM course_text WHERE course_text MATCH ?`).pluck().get(word);
    expect(matches('pottery')).toBe(count);
    expect(matches('1234')).toBe(1);
    expect(catalog.db.prepare(`SELECT count(*) FROM course_text_docsize`).pluck().get()).toBe(count);
    // The listing index is back and in use: the planner picks it for a listing query.
    const plan = catalog.db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM courses WHERE status = 'published' AND start_date > '2026-01-01'`)
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('courses_listing_cover');
  });

  it('a large import that fails leaves an empty catalogue exactly as it was', async () => {
    const before = await fingerprint(catalog);
    const report = await importCatalogue(catalog, writeCourses(20_000, [19_999]));
    expect(report).toMatchObject({ ok: false, written: false, invalidRows: 1 });
    expect(await fingerprint(catalog)).toBe(before);
  });

  it('into an empty catalogue, still meets a row with the id an earlier row was given, and repeated external ids', async () => {
    // The importer skips the catalogue's external-id lookups here (nothing can exist yet), so
    // both kinds of repeat must still be caught: a generated id is not in the file's own checks.
    const given = { ...catalog, newCourseId: () => 'crs_GIVEN00001' };
    const file = path.join(tempDirectory(), 'repeats.csv');
    const row = (title: string, id: string, externalId: string) =>
      `${id},${title},About pottery.,Asha Rao,baking,499,2027-10-04,2027-10-08,12,${externalId}`;
    fs.writeFileSync(
      file,
      [
        'id,title,description,teacher,category,price,start,end,seats,external_id',
        row('Pottery one', '', 'POT-1'),
        row('Pottery two', 'crs_GIVEN00001', 'POT-2'),
        row('Pottery three', '', 'POT-1'),
      ].join('\n'),
    );
    const before = await fingerprint(catalog);
    const report = await importCatalogue(given, file);
    expect(summary(report.problems)).toEqual([
      '3 id: id crs_GIVEN00001 belongs to a course with external id POT-1',
      '4 external_id: external id POT-1 is also on line 2',
    ]);
    expect(await fingerprint(catalog)).toBe(before);
  });

  it('--dry-run reports what would happen and writes nothing', async () => {
    const before = await fingerprint(catalog);
    const report = await importCatalogue(catalog, good('courses.csv'), { dryRun: true });
    expect(report).toMatchObject({ ok: true, dryRun: true, written: false, created: 3 });
    expect(await fingerprint(catalog)).toBe(before);
  });

  it('reads piped input and recognises its format', async () => {
    for (const file of ['courses.ndjson', 'courses.json', 'courses.csv']) {
      const fresh = tempCatalog();
      const report = await importCatalogue(fresh, '-', { stdin: Readable.from([fs.readFileSync(good(file))]) });
      expect(report).toMatchObject({ ok: true, source: 'stdin', format: path.extname(file).slice(1), created: 3 });
    }
  });
});

describe('--upsert', () => {
  let catalog: Catalog;
  beforeEach(async () => {
    catalog = tempCatalog();
    await importCatalogue(catalog, good('courses.csv'));
  });

  it('without it, a course that exists is an error naming the row, and nothing is written', async () => {
    const before = await fingerprint(catalog);
    const report = await importCatalogue(catalog, good('updates.csv'));
    expect(report.ok).toBe(false);
    expect(summary(report.problems)).toEqual([
      expect.stringMatching(/^2 external_id: a course with external id BAKE-2027-10 already exists/),
      expect.stringMatching(/^3 external_id: a course with external id YOGA-2027-12 already exists/),
    ]);
    expect(report.problems[0]!.hint).toContain('--upsert');
    expect(await fingerprint(catalog)).toBe(before);
  });

  it('updates matched courses through the outbox, counts unchanged ones and creates new ones', async () => {
    const bake = catalog.courses.findByExternalId('BAKE-2027-10')!;
    const report = await importCatalogue(catalog, good('updates.csv'), { upsert: true });
    expect(report).toMatchObject({ ok: true, created: 1, updated: 1, unchanged: 1 });
    expect(catalog.courses.get(bake.id)).toMatchObject({ pricePaise: 84900, seats: 14, version: 2, title: bake.title });
    expect(catalog.courses.findByExternalId('YOGA-2027-12')!.version).toBe(1);
    const changes = catalog.db
      .prepare(`SELECT course_id AS course, course_version AS version, change FROM outbox WHERE id > 3 ORDER BY outbox.id`)
      .all();
    expect(changes).toEqual([
      { course: bake.id, version: 2, change: 'imported' },
      { course: catalog.courses.findByExternalId('ART-2028-01')!.id, version: 1, change: 'imported' },
    ]);
    // The same file again changes nothing at all.
    expect(await importCatalogue(catalog, good('updates.csv'), { upsert: true })).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('refuses changes an edit would refuse: archived courses, seats below registrations, lifecycle status', async () => {
    const yoga = catalog.courses.findByExternalId('YOGA-2027-12')!;
    archiveCourse(catalog, yoga.id);
    const bake = catalog.courses.findByExternalId('BAKE-2027-10')!;
    catalog.courses.applyPatch(bake.id, { registrations: 10 }, 'registration', catalog.clock());
    const py = catalog.courses.findByExternalId('PY-2027-11')!;
    stopSale(catalog, py.id, 'venue closed');
    const dir = tempDirectory();
    const file = path.join(dir, 'changes.csv');
    fs.writeFileSync(
      file,
      'external_id,title,description,teacher,category,price,start,end,seats,status\n' +
        'YOGA-2027-12,Morning Yoga for Beginners,"Breathing, posture and balance.",Kavya Menon,yoga,599,2027-12-06,2027-12-20,25,\n' +
        'BAKE-2027-10,Sourdough at Home,"Starter, shaping and baking: a loaf a day.",Meera Iyer,baking,799,2027-10-04,2027-10-08,8,\n' +
        'PY-2027-11,Python Fundamentals in 10 Days,Loops.,Arjun Rao,python,1299.50,2027-11-01,2027-11-10,30,published\n',
    );
    const before = await fingerprint(catalog);
    const report = await importCatalogue(catalog, file, { upsert: true });
    expect(summary(report.problems)).toEqual([
      expect.stringMatching(/^2 id: course crs_\w+ is archived and cannot change/),
      expect.stringMatching(/^3 seats: 10 students are registered/),
      expect.stringMatching(/^4 status: course crs_\w+ is stopped \(off sale\)$/),
    ]);
    expect(await fingerprint(catalog)).toBe(before);
  });

  it('matches an export row by id, and refuses an id that belongs to another external id', async () => {
    const bake = catalog.courses.findByExternalId('BAKE-2027-10')!;
    const py = catalog.courses.findByExternalId('PY-2027-11')!;
    const dir = tempDirectory();
    const file = path.join(dir, 'ids.ndjson');
    const row = {
      title: 'Sourdough at Home',
      description: 'New text.',
      teacher: 'Meera Iyer',
      category: 'baking',
      price: 799,
      start: '2027-10-04',
      end: '2027-10-08',
      seats: 12,
    };
    fs.writeFileSync(
      file,
      `${JSON.stringify({ id: bake.id, ...row })}\n${JSON.stringify({ id: py.id, externalId: 'BAKE-2027-10', ...row })}\n`,
    );
    const report = await importCatalogue(catalog, file, { upsert: true });
    expect(summary(report.problems)).toEqual([`2 id: external id BAKE-2027-10 belongs to course ${bake.id}, not ${py.id}`]);
    fs.writeFileSync(file, `${JSON.stringify({ id: bake.id, ...row })}\n`);
    expect(await importCatalogue(catalog, file, { upsert: true })).toMatchObject({ ok: true, updated: 1 });
    expect(catalog.courses.get(bake.id).description).toBe('New text.');
  });
});

describe('a bad file changes nothing and names every problem', () => {
  const catalog = tempCatalog();

  const cases: [string, string[]][] = [
    [
      'wrong-types.csv',
      [
        '2 price: "seven hundred" is not an amount in rupees',
        '3 start: start is not a real date in YYYY-MM-DD form',
        '3 seats: seats must be a whole number from 1 to 100000, or unlimited',
      ],
    ],
    ['missing-columns.csv', ['1 teacher: the header has no "teacher" column', '1 seats: the header has no "seats" column']],
    [
      'bad-dates.csv',
      [
        '2 start: start is not a real date in YYYY-MM-DD form',
        '3 end: end 2027-11-01 is before start 2027-11-10',
        '4 start: start is not a real date in YYYY-MM-DD form',
        '5 end: the course would run 547 days',
      ],
    ],
    // Line 4 is a free course (₹0): a price, not a mistake.
    ['negative-price.csv', ['3 price: "-1299" is not an amount in rupees']],
    [
      'free-start.csv',
      [
        '2 free_days: a free course has no free start: all of it is free already',
        '3 free_days: 3 free days would cover the whole 3-day course',
        '4 upgrade_until_day: an upgrade deadline needs a free start',
        '5 seats: seats must be a whole number from 1 to 100000, or unlimited',
        '5 free_days: free days must be a whole number from 1 to 366, or none',
      ],
    ],
    ['duplicate-ids.csv', ['4 external_id: external id DUP-1 is also on line 2']],
    ['broken-quoting.csv', ['3 -: text follows a closing quote inside a cell of this row; the rows after it were not read']],
    ['unclosed-quote.csv', ['3 -: a quoted cell in the row starting here is never closed; the rows after it were not read']],
    ['wrong-cell-count.csv', ['2 -: this row has 10 cells but the header has 9']],
    ['invalid-utf8.csv', ['3 title: this row holds bytes that are not UTF-8']],
    ['empty.csv', ['1 -: the file is empty']],
    ['huge-field.csv', ['2 description: description must be at most 5000 characters']],
    ['unknown-column.csv', ['1 level: unknown column "level"']],
    [
      'broken.json',
      [
        expect.stringMatching(/^3 -: this course is not valid JSON: .*\(line 3, column \d+\)$/) as unknown as string,
        '4 price: price cannot be below ₹0',
        '4 seats: seats must be a whole number from 1 to 100000, or unlimited',
      ],
    ],
    ['not-an-array.json', ['1 -: a JSON import file must hold an array of courses']],
    [
      'broken.ndjson',
      [
        expect.stringMatching(/^2 -: this course is not valid JSON/) as unknown as string,
        '4 -: each course must be a JSON object like {"title": "…", …}',
        '5 seats: seats must be a whole number or unlimited',
      ],
    ],
  ];

  it.each(cases)('%s', async (file, expected) => {
    await importCatalogue(catalog, good('courses.csv'), { upsert: true });
    const before = await fingerprint(catalog);
    for (const options of [{}, { upsert: true }, { dryRun: true }]) {
      const report = await importCatalogue(catalog, bad(file), options);
      expect(report).toMatchObject({ ok: false, written: false, created: 0, updated: 0, unchanged: 0 });
      expect(summary(report.problems)).toEqual(expected);
      for (const problem of report.problems) expect(problem.hint.length).toBeGreaterThan(10);
      expect(await fingerprint(catalog)).toBe(before);
    }
  });

  it('one bad row among many good ones rolls back all the good ones', async () => {
    const dir = tempDirectory();
    const file = path.join(dir, 'late-mistake.csv');
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `Course number ${i},About it.,Meera Iyer,baking,${i === 4321 ? '-1' : '499'},2027-10-04,2027-10-08,12,LATE-${i}`,
    );
    fs.writeFileSync(file, `title,description,teacher,category,price,start,end,seats,external_id\n${rows.join('\n')}\n`);
    const before = await fingerprint(catalog);
    const report = await importCatalogue(catalog, file);
    expect(report).toMatchObject({ ok: false, rows: 5000, invalidRows: 1 });
    expect(summary(report.problems)).toEqual(['4323 price: "-1" is not an amount in rupees']);
    expect(await fingerprint(catalog)).toBe(before);
  });

  it('a cell larger than 1 MiB is refused without reading it into memory whole', async () => {
    const dir = tempDirectory();
    const file = path.join(dir, 'giant.csv');
    fs.writeFileSync(
      file,
      `title,description,teacher,category,price,start,end,seats\nGiant,"${'x'.repeat(3 * 1024 * 1024)}",Meera Iyer,baking,499,2027-10-04,2027-10-08,12\n`,
    );
    const before = await fingerprint(catalog);
    const report = await importCatalogue(catalog, file);
    expect(summary(report.problems)).toEqual(['2 -: this row is larger than 1 MiB; the rows after it were not read']);
    expect(await fingerprint(catalog)).toBe(before);
  });

  it('a file that cannot be read is a usage error before anything starts', async () => {
    await expect(importCatalogue(catalog, bad('no-such-file.csv'))).rejects.toThrow(/no file/);
    await expect(importCatalogue(catalog, FIXTURES, { format: 'csv' })).rejects.toThrow(/not a file/);
    await expect(importCatalogue(catalog, good('courses.csv'), { format: 'xml' })).rejects.toThrow(/not an import format/);
  });
});

describe('round trip: export, then import into an empty catalogue', () => {
  it.each(['csv', 'json', 'ndjson'] as const)('%s gives back the same catalogue', async (format) => {
    const source = tempCatalog();
    await importCatalogue(source, good('courses.csv'));
    const extra = addCourse(source, courseInput({ title: 'Stopped course' }));
    stopSale(source, extra.id, 'teacher unwell');
    archiveCourse(source, addCourse(source, courseInput({ title: 'Archived course' })).id);
    const onSale = source.courses.findByExternalId('YOGA-2027-12')!;
    source.courses.applyPatch(
      onSale.id,
      {
        registrations: 5,
        sale: { pricePaise: 39900, startsAt: Date.parse('2026-12-01T00:00:00Z'), endsAt: Date.parse('2026-12-31T18:30:00Z') },
      },
      'sale-started',
      source.clock(),
    );
    source.courses.applyPatch(source.courses.findByExternalId('PY-2027-11')!.id, { status: 'draft' }, 'edited', source.clock());

    const dir = tempDirectory();
    const file = path.join(dir, `export.${format}`);
    const chunks: Buffer[] = [];
    await exportCatalogue(
      source,
      format,
      new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          chunks.push(chunk);
          done();
        },
      }),
    );
    fs.writeFileSync(file, Buffer.concat(chunks));
    const target = tempCatalog();
    const report = await importCatalogue(target, file);
    expect(report, JSON.stringify(report.problems)).toMatchObject({ ok: true, created: 5 });

    const comparable = (catalog: Catalog) =>
      [...catalog.courses.iterate({ includeArchived: true })].map(({ version: _v, createdAt: _c, updatedAt: _u, ...course }) => course);
    expect(comparable(target)).toEqual(comparable(source));
    // And into the catalogue it came from, with --upsert, it is all unchanged.
    expect(await importCatalogue(source, file, { upsert: true })).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 5 });
  });
});

describe('the course rules on import (issue 10)', () => {
  const header = 'external_id,title,description,teacher,category,price,start,end,seats';
  const write = (lines: string[]) => {
    const file = path.join(tempDirectory(), 'rules.csv');
    fs.writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
    return file;
  };

  it('refuses a decimal comma in a quoted cell instead of reading it as 100×', async () => {
    const catalog = tempCatalog();
    const report = await importCatalogue(catalog, write(['C-1,Comma Bread,Loaves.,Meera Iyer,baking,"599,50",2027-10-04,2027-10-08,12']));
    expect(summary(report.problems)).toEqual(['2 price: "599,50" is not an amount in rupees']);
    expect(report.problems[0]!.hint).toMatch(/write 599\.50; commas only group thousands/);
    expect(catalog.courses.count()).toBe(0);
    const grouped = await importCatalogue(
      catalog,
      write(['C-1,Comma Bread,Loaves.,Meera Iyer,baking,"1,00,000",2027-10-04,2027-10-08,12']),
    );
    expect(grouped).toMatchObject({ ok: true, created: 1 });
    expect(catalog.courses.findByExternalId('C-1')!.pricePaise).toBe(1_00_000_00);
  });

  it('refuses a new course starting today or earlier, naming the row', async () => {
    const catalog = tempCatalog();
    const report = await importCatalogue(
      catalog,
      write([
        'P-1,Past Bread,Loaves.,Meera Iyer,baking,599,2026-11-25,2026-11-28,12',
        'P-2,Next Bread,Loaves.,Meera Iyer,baking,599,2026-11-26,2026-11-28,12',
      ]),
    );
    expect(summary(report.problems)).toEqual(['2 start: start 2026-11-25 is today; a course is sold until the day before it starts']);
    expect(report.problems[0]!.hint).toBe('give a start date from 2026-11-26 on, e.g. 2026-11-26');
    expect(catalog.courses.count()).toBe(0);
  });

  it('refuses an update that puts the list price under a sale that has not ended', async () => {
    const catalog = tempCatalog();
    await importCatalogue(catalog, write(['S-1,Sale Bread,Loaves.,Meera Iyer,baking,999,2027-10-04,2027-10-08,12']));
    const course = catalog.courses.findByExternalId('S-1')!;
    startSale(catalog, course.id, { price: '400', until: '2026-12-31' });
    const before = await fingerprint(catalog);
    const report = await importCatalogue(catalog, write(['S-1,Sale Bread,Loaves.,Meera Iyer,baking,300,2027-10-04,2027-10-08,12']), {
      upsert: true,
    });
    expect(summary(report.problems)).toEqual([
      expect.stringMatching(/^2 price: the list price ₹300 would not be above the sale price ₹400/),
    ]);
    expect(await fingerprint(catalog)).toBe(before);
  });

  it('restores an export holding started courses, and takes the same export back as unchanged', async () => {
    const source = tempCatalog();
    const started = addCourse(source, courseInput({ title: 'Started Pottery', start: '2026-12-01', end: '2026-12-05' }));
    const draft = addCourse(source, courseInput({ title: 'Draft Pottery', start: '2026-12-01', end: '2026-12-05', status: 'draft' }));
    startSale(source, started.id, { price: '499', until: '2026-11-30' });
    // A week later both have started and the sale is over; the list price may now fall under the old sale price.
    source.time.set('2026-12-03T06:30:00Z');
    setListPrice(source, started.id, '450');
    const file = path.join(tempDirectory(), 'export.ndjson');
    const chunks: string[] = [];
    await exportCatalogue(
      source,
      'ndjson',
      new Writable({
        write: (chunk, _encoding, done) => {
          chunks.push(String(chunk));
          done();
        },
      }),
    );
    fs.writeFileSync(file, chunks.join(''));

    const target = tempCatalog({ now: '2026-12-03T06:30:00Z' });
    expect(await importCatalogue(target, file)).toMatchObject({ ok: true, created: 2, problems: [] });
    expect(target.courses.get(started.id)).toMatchObject({ startDate: '2026-12-01', pricePaise: 45000, sale: { pricePaise: 49900 } });
    expect(target.courses.get(draft.id)).toMatchObject({ startDate: '2026-12-01', status: 'draft' });
    expect(await importCatalogue(source, file, { upsert: true })).toMatchObject({ ok: true, unchanged: 2, updated: 0, problems: [] });
  });
});
