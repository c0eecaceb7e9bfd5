import { describe, expect, it } from 'vitest';
import { CheckedRowBatch, replayCheckedRows } from '../../src/services/import/checkedRowEvents.js';
import type { CheckedRowSink } from '../../src/services/import/checkedRows.js';
import type { RowColumns } from '../../src/services/import/courseImporter.js';
import type { ImportedCourse } from '../../src/services/import/importedCourse.js';
import type { ImportProblem } from '../../src/services/import/importProblem.js';

const columns: RowColumns = {
  id: 'id',
  externalId: 'External ID',
  seats: 'seats',
  status: 'status',
  price: 'listPrice',
  start: 'start',
  salePrice: 'sale_price',
  freeDays: 'free_days',
  upgradeUntilDay: 'upgrade_until_day',
};
const none = { freeEnrolments: 0, freeStarts: 0, upgrades: 0 };
const fields = {
  title: 'Sourdough at home',
  description: 'Starter, "folds" and baking,\nwith a comma',
  teacher: "Zoë D'Souza",
  category: 'baking',
  pricePaise: 129950,
  startDate: '2027-10-04',
  endDate: '2027-10-08',
  seats: 12,
  status: 'published' as const,
  externalId: 'BAKE-1',
};

/** What the writing thread receives for the calls the reading thread makes, through the wire format, batch by batch. */
function overTheWire(calls: (sink: CheckedRowSink) => void, batchSize = 500): unknown[] {
  const messages: string[] = [];
  const batch: CheckedRowBatch = new CheckedRowBatch(batchSize, () => messages.push(batch.take()));
  calls(batch);
  if (batch.length) messages.push(batch.take());
  const received: unknown[] = [];
  const sink: CheckedRowSink = {
    course: (course, cols) => received.push({ course, cols }),
    rowProblem: (problem) => received.push({ rowProblem: problem }),
    fileProblem: (problem) => received.push({ fileProblem: problem }),
    progress: (rows, bytes) => received.push({ rows, bytes }),
  };
  for (const message of messages) replayCheckedRows(message, sink);
  return received;
}

describe('the events between the import threads', () => {
  const courses: ImportedCourse[] = [
    { line: 2, fields, statusGiven: false, id: null, registrations: 0, enrolmentCounts: none, sale: undefined, stopReason: null },
    {
      line: 3,
      fields: { ...fields, externalId: null, status: 'draft' },
      statusGiven: true,
      id: 'crs_ABC',
      registrations: 7,
      enrolmentCounts: { freeEnrolments: 3, freeStarts: 5, upgrades: 2 },
      sale: null,
      stopReason: 'teacher unwell',
    },
    {
      line: 9,
      fields,
      statusGiven: false,
      id: null,
      registrations: 0,
      enrolmentCounts: none,
      sale: { pricePaise: 99900, startsAt: null, endsAt: 1_800_000_000_000 },
      stopReason: null,
    },
    {
      line: 11,
      fields,
      statusGiven: false,
      id: null,
      registrations: 0,
      enrolmentCounts: none,
      sale: { pricePaise: 99900, startsAt: 1_790_000_000_000, endsAt: 1_800_000_000_000 },
      stopReason: null,
    },
    {
      // null is a value: no seat limit, no free start, the default upgrade day; a free course.
      line: 12,
      fields: { ...fields, pricePaise: 0, seats: null, freeDays: null, upgradeUntilDay: null },
      statusGiven: false,
      id: null,
      registrations: 0,
      enrolmentCounts: none,
      sale: undefined,
      stopReason: null,
    },
    {
      line: 13,
      fields: { ...fields, freeDays: 3, upgradeUntilDay: 5 },
      statusGiven: false,
      id: null,
      registrations: 0,
      enrolmentCounts: none,
      sale: undefined,
      stopReason: null,
    },
  ];

  it('carry every course exactly, whatever its sale, id and status', () => {
    const received = overTheWire((sink) => {
      for (const course of courses) sink.course(course, columns);
    });
    expect(received).toEqual(courses.map((course) => ({ course, cols: columns })));
    // No sale column means "leave the sale alone": it must stay undefined, not become null.
    expect((received[0] as { course: ImportedCourse }).course).not.toHaveProperty('sale', null);
  });

  it('leave out fields the file had no column for, instead of inventing nulls', () => {
    const { teacher: _teacher, seats: _seats, ...partial } = fields;
    const course = { ...courses[0]!, fields: partial as unknown as ImportedCourse['fields'] };
    const [received] = overTheWire((sink) => sink.course(course, columns)) as { course: ImportedCourse }[];
    expect(Object.keys(received!.course.fields).sort()).toEqual(Object.keys(partial).sort());
  });

  it('give each course its own column names, across batches, when rows spell them differently', () => {
    const spellings: RowColumns[] = [
      columns,
      columns,
      { ...columns, externalId: 'externalId' },
      { ...columns, externalId: 'externalId' },
      columns,
      { ...columns, seats: 'Seats' },
      { ...columns, seats: 'Seats' },
    ];
    // Batches of 3 events: the column names must survive a batch starting with a repeated spelling.
    const received = overTheWire((sink) => {
      for (const [i, cols] of spellings.entries()) sink.course({ ...courses[0]!, line: i + 2 }, cols);
    }, 3) as {
      cols: RowColumns;
    }[];
    expect(received.map((r) => r.cols)).toEqual(spellings);
  });

  it('keep problems and progress in file order among the courses', () => {
    const problem: ImportProblem = {
      line: 4,
      column: 'price',
      message: '"free" is not an amount in rupees',
      hint: 'give the price in rupees',
    };
    const received = overTheWire((sink) => {
      sink.course(courses[0]!, columns);
      sink.rowProblem(problem);
      sink.fileProblem({ ...problem, line: 1, column: null });
      sink.progress(2000, 51_000);
      sink.course(courses[1]!, columns);
    });
    expect(received).toEqual([
      { course: courses[0], cols: columns },
      { rowProblem: problem },
      { fileProblem: { ...problem, line: 1, column: null } },
      { rows: 2000, bytes: 51_000 },
      { course: courses[1], cols: columns },
    ]);
  });

  it('send a full batch as soon as it holds its size', () => {
    const sizes: number[] = [];
    const batch: CheckedRowBatch = new CheckedRowBatch(2, () => sizes.push((JSON.parse(batch.take()) as unknown[]).length));
    for (let i = 0; i < 5; i++) batch.progress(i, i);
    expect(sizes).toEqual([2, 2]);
    expect(batch.length).toBe(1);
  });
});
