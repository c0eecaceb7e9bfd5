import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../src/services/import/csvRows.js';
import type { FieldValues, ImportField } from '../../src/services/import/importColumns.js';
import { jsonFieldValues } from '../../src/services/import/importColumns.js';
import { checkImportedRow } from '../../src/services/import/importedCourse.js';
import { formatOf, sniffFormat } from '../../src/services/import/importFormat.js';
import type { ImportProblem } from '../../src/services/import/importProblem.js';
import { readJsonArrayRows, readNdjsonRows } from '../../src/services/import/jsonRows.js';
import { MAX_ROW_BYTES } from '../../src/services/import/rowSink.js';
import type { RowSink } from '../../src/services/import/rowSink.js';
import { Utf8Guard } from '../../src/services/import/utf8Guard.js';
import { SOURDOUGH_AT_HOME } from '../support/courseFactory.js';

/** Feeds `chunks` as separate reads, so boundaries fall where the test puts them. */
function source(...chunks: (string | Buffer)[]): Readable {
  return Readable.from(
    chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)),
    { objectMode: false },
  );
}

function collect() {
  const rows: { row: FieldValues; lastLine: number }[] = [];
  const bad: ImportProblem[] = [];
  const file: ImportProblem[] = [];
  let missing: ReadonlySet<ImportField> = new Set();
  const sink: RowSink = {
    row: (row, lastLine) => rows.push({ row, lastLine }),
    badRow: (p) => bad.push(p),
    fileProblem: (p) => file.push(p),
    missingColumns: (m) => (missing = m),
  };
  return { sink, rows, bad, file, missing: () => missing };
}

async function guarded(...chunks: (string | Buffer)[]): Promise<{ guard: Utf8Guard; text: string }> {
  const guard = new Utf8Guard();
  const out: Buffer[] = [];
  source(...chunks).pipe(guard);
  for await (const chunk of guard) out.push(chunk as Buffer);
  return { guard, text: Buffer.concat(out).toString('utf8') };
}

const HEADER = 'title,description,teacher,category,price,start,end,seats,external_id\n';
const ROW = (n: number) => `Course ${n},About ${n},Meera Iyer,baking,799,2027-10-04,2027-10-08,12,X-${n}\n`;

describe('Utf8Guard', () => {
  it('passes UTF-8 through, even when a character is split across reads, and strips a split BOM', async () => {
    const bytes = Buffer.from('\uFEFFCafé ₹599\nZoë\n');
    const { guard, text } = await guarded(bytes.subarray(0, 1), bytes.subarray(1, 8), bytes.subarray(8, 11), bytes.subarray(11));
    expect(text).toBe('Café ₹599\nZoë\n');
    expect(guard.leftoverInvalidLines()).toEqual([]);
    expect(guard.hasContent).toBe(true);
  });

  it('notes the lines that hold invalid bytes (Latin-1, a stray continuation byte, a cut-off sequence)', async () => {
    const { guard } = await guarded(
      Buffer.from('ok\nCaf\xe9\n', 'latin1'),
      Buffer.from([0x6f, 0x6b, 0x0a, 0x80, 0x0a, 0x6f, 0x6b, 0x0a, 0xe2, 0x82]),
    );
    expect(guard.takeInvalidLines(1, 1)).toEqual([]);
    expect(guard.takeInvalidLines(2, 3)).toEqual([2]);
    expect(guard.leftoverInvalidLines()).toEqual([4, 6]);
  });

  it('rejects overlong forms and UTF-16 surrogates encoded as UTF-8', async () => {
    const { guard } = await guarded(Buffer.from([0xc0, 0xaf, 0x0a, 0xed, 0xa0, 0x80, 0x0a, 0x41]));
    expect(guard.leftoverInvalidLines()).toEqual([1, 2]);
  });

  it('tells a file of only whitespace from one with content', async () => {
    expect((await guarded(' \r\n\t\n')).guard.hasContent).toBe(false);
    expect((await guarded('\uFEFF')).guard.hasContent).toBe(false);
  });
});

describe('CSV rows', () => {
  it('gives each row the line it starts on, across quoted line breaks, blank lines and CRLF', async () => {
    const c = collect();
    await readCsvRows(
      source(
        HEADER.replace('\n', '\r\n'),
        'One Course,"two\r\nline\r\ndescription",Meera Iyer,baking,799,2027-10-04,2027-10-08,12,A\r\n\r\n\r\n',
        ROW(2),
      ),
      c.sink,
    );
    expect(c.rows.map(({ row, lastLine }) => [row.line, lastLine])).toEqual([
      [2, 4],
      [7, 7],
    ]);
    expect(c.rows[0]!.row.values).toMatchObject({ title: 'One Course', description: 'two\r\nline\r\ndescription', externalId: 'A' });
    expect(c.rows[0]!.row.columns.externalId).toBe('external_id');
  });

  it('reports header problems once and names the missing columns', async () => {
    const c = collect();
    await readCsvRows(
      source('Title,Description,Category,Price,Start,End,Level,title\n', 'A,B,baking,1,2027-01-01,2027-01-02,x,again\n'),
      c.sink,
    );
    expect(c.file.map((p) => [p.line, p.column, p.message])).toEqual([
      [1, 'Level', 'unknown column "Level"'],
      [1, 'title', 'column "title" repeats "Title"'],
      [1, 'teacher', 'the header has no "teacher" column'],
      [1, 'seats', 'the header has no "seats" column'],
    ]);
    expect([...c.missing()]).toEqual(['teacher', 'seats']);
    expect(c.rows).toHaveLength(1);
  });

  it('reports a row with the wrong number of cells and reads on', async () => {
    const c = collect();
    await readCsvRows(source(HEADER, ROW(1).replace('About 1', 'About, 1'), ROW(2)), c.sink);
    expect(c.bad).toEqual([expect.objectContaining({ line: 2, message: 'this row has 10 cells but the header has 9' })]);
    expect(c.rows.map((r) => r.row.line)).toEqual([3]);
  });

  it('stops at broken quoting, having delivered every row before it, and says where', async () => {
    const c = collect();
    await readCsvRows(
      source(HEADER, ROW(1), ROW(2), 'Broken,"a "b" c",Meera Iyer,baking,799,2027-10-04,2027-10-08,12,Q\n', ROW(4)),
      c.sink,
    );
    expect(c.rows.map((r) => r.row.line)).toEqual([2, 3]);
    expect(c.file).toEqual([
      expect.objectContaining({ line: 4, column: null, message: expect.stringContaining('the rows after it were not read') }),
    ]);
  });

  it('refuses a row larger than 1 MiB instead of buffering it', async () => {
    const c = collect();
    await readCsvRows(source(HEADER, `Big,"${'x'.repeat(MAX_ROW_BYTES + 10)}`), c.sink);
    expect(c.file).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('larger than 1 MiB') })]);
  });
});

describe('JSON rows', () => {
  const course = (n: number) =>
    JSON.stringify(
      {
        title: `Course ${n}`,
        description: 'About {braces} and "quotes" \\ and ]',
        teacher: 'Meera Iyer',
        category: 'baking',
        price: 799,
        start: '2027-10-04',
        end: '2027-10-08',
        seats: 12,
      },
      null,
      2,
    );

  it('splits an array into courses however the reads fall, with their start lines', async () => {
    const text = `[\n${course(1)},\n${course(2)}\n]\n`;
    const c = collect();
    await readJsonArrayRows(source(...text.match(/[\s\S]{1,7}/g)!), c.sink);
    expect(c.file).toEqual([]);
    expect(c.rows.map((r) => [r.row.line, r.row.values.title])).toEqual([
      [2, 'Course 1'],
      [12, 'Course 2'],
    ]);
    expect(c.rows[0]!.row.values.description).toBe('About {braces} and "quotes" \\ and ]');
  });

  it('reports broken JSON per course with its line and column, and structural mistakes for the file', async () => {
    const c = collect();
    await readJsonArrayRows(source(`[\n{"title": "A",,\n"x": 1},\n{"title": "B"}\n] trailing`), c.sink);
    expect(c.bad).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/not valid JSON: .*\(line 2, column 15\)/) }),
    ]);
    expect(c.rows.map((r) => r.row.values.title)).toEqual(['B']);
    expect(c.file).toEqual([expect.objectContaining({ line: 5, message: 'there is text after the closing ] of the array' })]);

    for (const [text, message] of [
      ['{"title": "A"}', 'a JSON import file must hold an array of courses'],
      ['[{"title": "A"} {"title": "B"}]', 'expected a comma or the closing ] here'],
      ['[{"title": "A"},]', 'expected a course object ({…}) here'],
      ['[{"title": "A"}', 'the array is never closed with ]'],
      ['[{"title": "A"', 'this course object is never closed'],
    ]) {
      const d = collect();
      await readJsonArrayRows(source(text!), d.sink);
      expect(d.file.map((p) => p.message)).toEqual([message]);
    }
  });

  it('maps export keys: listPrice over the effective price, the sale object, derived keys ignored, unknown keys reported once', async () => {
    const c = collect();
    const exported = {
      id: 'crs_abc',
      title: 'A',
      price: 499,
      listPrice: 799,
      seatsLeft: 3,
      version: 4,
      createdAt: 'x',
      updatedAt: 'y',
      sale: { price: 499, from: null, until: '2026-12-31T18:30:00.000Z', running: true },
      level: 'x',
    };
    await readNdjsonRows(source(`${JSON.stringify(exported)}\n${JSON.stringify({ ...exported, id: 'crs_def' })}\n`), c.sink);
    expect(c.rows[0]!.row.values).toEqual({
      id: 'crs_abc',
      title: 'A',
      price: 499,
      listPrice: 799,
      sale: true,
      salePrice: 499,
      saleFrom: null,
      saleUntil: '2026-12-31T18:30:00.000Z',
    });
    expect(c.rows[0]!.row.columns.salePrice).toBe('sale.price');
    expect(c.file.map((p) => [p.line, p.column])).toEqual([[1, 'level']]);
  });

  it('NDJSON: blank lines and CRLF are fine, a broken or oversized line is reported and the next ones still read', async () => {
    const c = collect();
    const good = JSON.stringify({ title: 'A' });
    await readNdjsonRows(source(`${good}\r\n\r\n{"title": \n[1]\n`, `{"title": "${'x'.repeat(MAX_ROW_BYTES)}"}\n`, `${good}`), c.sink);
    expect(c.rows.map((r) => r.row.line)).toEqual([1, 6]);
    expect(c.bad.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [3, 'this course is not valid JSON:'],
      [4, 'each course must be a JSON obj'],
      [5, 'this line is larger than 1 MiB'],
    ]);
  });
});

describe('checkImportedRow', () => {
  const values = (extra: Partial<Record<ImportField, unknown>> = {}): FieldValues => ({
    line: 7,
    values: { ...SOURDOUGH_AT_HOME, description: 'Starter.', ...extra },
    columns: {},
  });

  it('accepts a course with the add rules: normalised category, paise, published by default', () => {
    const checked = checkImportedRow(values({ category: ' Baking ' }), 'Asia/Kolkata');
    expect(checked).toEqual({
      course: {
        line: 7,
        fields: expect.objectContaining({ category: 'baking', pricePaise: 79900, status: 'published', externalId: null }),
        statusGiven: false,
        id: null,
        registrations: 0,
        enrolmentCounts: { freeEnrolments: 0, freeStarts: 0, upgrades: 0 },
        sale: undefined,
        stopReason: null,
      },
    });
  });

  it('reads a free start, unlimited seats, and the enrolment counts an export carries (JSON objects or CSV columns)', () => {
    const fromJson = jsonFieldValues(
      {
        title: 'Python in Ten Days',
        description: 'Loops.',
        teacher: 'Arjun Rao',
        category: 'python',
        price: 999,
        start: '2027-10-04',
        end: '2027-10-13',
        seats: null,
        freeDays: 2,
        upgradeUntilDay: null,
        upgradeUntil: '2027-10-06',
        enrolments: { free: 4, paid: 9 },
        conversion: { freeStarts: 7, upgraded: 3, upgradeRate: 0.4286 },
      },
      3,
      () => {
        throw new Error('no key is unknown');
      },
    );
    const checked = checkImportedRow(fromJson, 'Asia/Kolkata');
    expect(checked).toMatchObject({
      course: {
        fields: { seats: null, freeDays: 2, upgradeUntilDay: null },
        enrolmentCounts: { freeEnrolments: 4, freeStarts: 7, upgrades: 3 },
      },
    });
    // CSV: an empty free_days cell is "no free start", so an update from an export can remove one.
    expect(checkImportedRow(values({ freeDays: '', upgradeUntilDay: '' }), 'Asia/Kolkata')).toMatchObject({
      course: { fields: { freeDays: null, upgradeUntilDay: null } },
    });
    expect(checkImportedRow(values(), 'Asia/Kolkata')).not.toHaveProperty('course.fields.freeDays');
    expect(checkImportedRow(values({ freeEnrolments: '5', freeStarts: '4', upgrades: '0' }), 'Asia/Kolkata')).toEqual({
      problems: [
        expect.objectContaining({ column: 'free_starts', message: '4 free starts cannot account for 5 free enrolments and 0 upgrades' }),
      ],
    });
  });

  it('lists every problem of a row with the column named as in the file and a hint without flag names', () => {
    const row = values({ price: '-5', seats: 'ten', start: '2027-10-09' });
    row.columns = { price: 'Price', seats: 'Seats' };
    const checked = checkImportedRow(row, 'Asia/Kolkata');
    expect('problems' in checked && checked.problems).toEqual([
      {
        line: 7,
        column: 'Price',
        message: '"-5" is not an amount in rupees',
        hint: 'give the price in rupees, e.g. 599 or 599.50, or 0 for a free course',
      },
      {
        line: 7,
        column: 'Seats',
        message: expect.stringContaining('whole number'),
        hint: 'give the number of seats, e.g. 25, or unlimited',
      },
      { line: 7, column: 'end', message: 'end 2027-10-08 is before start 2027-10-09', hint: expect.stringContaining('swap') },
    ]);
  });

  it('does not blame rows for a column the header lacks', () => {
    const row = values({ teacher: undefined });
    expect(checkImportedRow(row, 'Asia/Kolkata', new Set(['teacher']))).toHaveProperty('course');
  });

  it('restores what an export carries: lifecycle status, registrations, sale, stop reason', () => {
    const checked = checkImportedRow(
      values({
        status: 'stopped',
        registrations: '12',
        salePrice: '599',
        saleFrom: '',
        saleUntil: '2026-12-31T18:30:00.000Z',
        stopReason: 'oven broke',
      }),
      'Asia/Kolkata',
    );
    expect(checked).toMatchObject({
      course: {
        fields: { status: 'stopped' },
        statusGiven: true,
        registrations: 12,
        sale: { pricePaise: 59900, startsAt: null, endsAt: Date.parse('2026-12-31T18:30:00.000Z') },
        stopReason: 'oven broke',
      },
    });
    // Empty sale columns mean "no sale": an update clears one.
    expect(checkImportedRow(values({ salePrice: '', saleFrom: '', saleUntil: '' }), 'Asia/Kolkata')).toMatchObject({
      course: { sale: null },
    });
  });

  it('checks the import-only columns', () => {
    const checked = checkImportedRow(
      values({ id: 'crs bad!', registrations: '13', salePrice: '899', saleUntil: 'soon', status: 'live' }),
      'Asia/Kolkata',
    );
    expect('problems' in checked && checked.problems.map((p) => [p.column, p.message])).toEqual([
      ['status', 'status must be draft or published'],
      ['id', '"crs bad!" is not a course id'],
      ['sale_until', '"soon" is not a date or date-time'],
    ]);
    // Registrations against seats and a sale against the list price are course rules, judged
    // where the row meets the catalogue (courseImporter; importCatalogue.test.ts).
  });
});

describe('import formats', () => {
  it('come from --format, else the extension; piped input is sniffed', () => {
    expect(formatOf('courses.CSV', undefined)).toBe('csv');
    expect(formatOf('courses.jsonl', undefined)).toBe('ndjson');
    expect(formatOf('courses.txt', 'json')).toBe('json');
    expect(formatOf('-', undefined)).toBe('sniff');
    expect(() => formatOf('courses.txt', undefined)).toThrow(/cannot tell the format/);
    expect(() => formatOf('courses.csv', 'xml')).toThrow(/not an import format/);
    expect(sniffFormat(Buffer.from('\uFEFF  \n[{"title"'))).toBe('json');
    expect(sniffFormat(Buffer.from('{"title": 1}\n'))).toBe('ndjson');
    expect(sniffFormat(Buffer.from('title,description\n'))).toBe('csv');
  });
});
