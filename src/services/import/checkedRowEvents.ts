import type { Sale } from '../../domain/course.js';
import type { NewCourse } from '../../store/courseStore.js';
import type { CheckedRowSink } from './checkedRows.js';
import type { RowColumns } from './courseImporter.js';
import type { ImportedCourse } from './importedCourse.js';
import type { ImportProblem } from './importProblem.js';

/**
 * How the calls on a CheckedRowSink travel from the reading thread: a JSON array of events per
 * batch, a course as a flat array of its values: cheaper on both threads than JSON objects with
 * keys, which were cheaper than a structured clone (bench/results/decisions.md).
 * A course's column names travel only when they differ from the previous course's in the batch
 * (a CSV names them once in its header; a JSON row may spell a key its own way).
 */
export type CheckedRowEvent =
  | [kind: 'c', ...values: unknown[]]
  | [kind: 'r', problem: ImportProblem]
  | [kind: 'f', problem: ImportProblem]
  | [kind: 'p', rows: number, bytes: number];

/**
 * The course fields in wire order; a field left out (its column missing from the file) travels
 * as false, which no field holds (null is a value: no seat limit, no free start).
 */
const FIELDS = [
  'title',
  'description',
  'teacher',
  'category',
  'pricePaise',
  'startDate',
  'endDate',
  'seats',
  'freeDays',
  'upgradeUntilDay',
  'status',
] as const;

/** The column names a course event carries, in wire order. */
const COLUMN_KEYS = [
  'id',
  'externalId',
  'seats',
  'status',
  'price',
  'start',
  'salePrice',
  'freeDays',
  'upgradeUntilDay',
] as const satisfies readonly (keyof RowColumns)[];

/** Column names as a course event carries them: 0 when they are the previous course's. */
type WireColumns = 0 | string[];

function sameColumns(a: RowColumns, b: RowColumns): boolean {
  return COLUMN_KEYS.every((key) => a[key] === b[key]);
}

/**
 * The reading thread's sink: gathers the calls as events, and calls `whenFull` once a batch
 * holds `size` of them; `take` hands the batch over and starts the next.
 */
export class CheckedRowBatch implements CheckedRowSink {
  private events: CheckedRowEvent[] = [];
  private previousColumns: RowColumns | undefined;

  constructor(
    private readonly size: number,
    private readonly whenFull: () => void,
  ) {}

  get length(): number {
    return this.events.length;
  }

  course(course: ImportedCourse, columns: RowColumns): void {
    const same = this.previousColumns !== undefined && sameColumns(this.previousColumns, columns);
    this.previousColumns = columns;
    this.add(courseEvent(course, same ? 0 : COLUMN_KEYS.map((key) => columns[key])));
  }

  rowProblem(problem: ImportProblem): void {
    this.add(['r', problem]);
  }

  fileProblem(problem: ImportProblem): void {
    this.add(['f', problem]);
  }

  progress(rows: number, bytes: number): void {
    this.add(['p', rows, bytes]);
  }

  private add(event: CheckedRowEvent): void {
    this.events.push(event);
    if (this.events.length >= this.size) this.whenFull();
  }

  /** The batch as its message, and an empty batch in its place. */
  take(): string {
    const message = JSON.stringify(this.events);
    this.events = [];
    this.previousColumns = undefined;
    return message;
  }
}

function courseEvent(course: ImportedCourse, columns: WireColumns): CheckedRowEvent {
  const { fields, sale } = course;
  return [
    'c',
    course.line,
    ...FIELDS.map((field) => (fields[field] === undefined ? false : fields[field])),
    fields.externalId,
    course.statusGiven,
    course.id,
    course.registrations,
    [course.enrolmentCounts.freeEnrolments, course.enrolmentCounts.freeStarts, course.enrolmentCounts.upgrades],
    sale === undefined ? 0 : sale === null ? null : [sale.pricePaise, sale.startsAt, sale.endsAt],
    course.stopReason,
    columns,
  ];
}

function courseOf(values: unknown[], previousColumns: RowColumns | undefined): { course: ImportedCourse; columns: RowColumns } {
  const fields: Record<string, unknown> = {};
  let at = 1;
  for (const field of FIELDS) {
    const value = values[at++];
    if (value !== false) fields[field] = value;
  }
  fields.externalId = values[at++];
  const [statusGiven, id, registrations, counts, sale, stopReason, wireColumns] = values.slice(at) as [
    boolean,
    string | null,
    number,
    [number, number, number],
    0 | null | [number, number | null, number],
    string | null,
    WireColumns,
  ];
  const columns =
    wireColumns === 0 ? previousColumns : (Object.fromEntries(COLUMN_KEYS.map((key, i) => [key, wireColumns[i]])) as unknown as RowColumns);
  if (!columns) throw new Error('a course event refers to the column names of a course before it, and there is none in its batch');
  return {
    course: {
      line: values[0] as number,
      fields: fields as unknown as NewCourse,
      statusGiven,
      id,
      registrations,
      enrolmentCounts: { freeEnrolments: counts[0], freeStarts: counts[1], upgrades: counts[2] },
      sale: sale === 0 ? undefined : sale === null ? null : ({ pricePaise: sale[0], startsAt: sale[1], endsAt: sale[2] } satisfies Sale),
      stopReason,
    },
    columns,
  };
}

/** Calls the sink for each event of a batch, in order. */
export function replayCheckedRows(batch: string, sink: CheckedRowSink): void {
  let previousColumns: RowColumns | undefined;
  for (const event of JSON.parse(batch) as CheckedRowEvent[]) {
    switch (event[0]) {
      case 'c': {
        const { course, columns } = courseOf(event.slice(1), previousColumns);
        previousColumns = columns;
        sink.course(course, columns);
        break;
      }
      case 'r':
        sink.rowProblem(event[1]);
        break;
      case 'f':
        sink.fileProblem(event[1]);
        break;
      case 'p':
        sink.progress(event[1], event[2]);
        break;
    }
  }
}
