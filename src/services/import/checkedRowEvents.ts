import type { Sale } from '../../domain/course.js';
import type { NewCourse } from '../../store/courseStore.js';
import type { CheckedRowSink } from './checkedRows.js';
import type { RowColumns } from './courseImporter.js';
import type { ImportedCourse } from './importedCourse.js';
import type { ImportProblem } from './importProblem.js';

/**
 * How the calls on a CheckedRowSink travel from the reading thread: a JSON array of events per
 * batch, a course as a flat array of its values. For 100,000 rows this cost half the time of
 * JSON objects with keys, which in turn cost a third of a structured clone, on both threads.
 */
export type CheckedRowEvent =
  | [kind: 'c', ...values: unknown[]]
  | [kind: 'r', problem: ImportProblem]
  | [kind: 'f', problem: ImportProblem]
  | [kind: 'p', rows: number, bytes: number];

/** The course fields in wire order; a field left out (its column missing from the file) travels as null. */
const FIELDS = ['title', 'description', 'teacher', 'category', 'pricePaise', 'startDate', 'endDate', 'seats', 'status'] as const;

export function courseEvent(course: ImportedCourse, columns: RowColumns): CheckedRowEvent {
  const { fields, sale } = course;
  return [
    'c',
    course.line,
    ...FIELDS.map((field) => fields[field] ?? null),
    fields.externalId,
    course.statusGiven,
    course.id,
    course.registrations,
    sale === undefined ? 0 : sale === null ? null : [sale.pricePaise, sale.startsAt, sale.endsAt],
    course.stopReason,
    columns.id,
    columns.externalId,
    columns.seats,
    columns.status,
  ];
}

function courseOf(values: unknown[]): { course: ImportedCourse; columns: RowColumns } {
  const fields: Record<string, unknown> = {};
  let at = 1;
  for (const field of FIELDS) {
    const value = values[at++];
    if (value !== null) fields[field] = value;
  }
  fields.externalId = values[at++];
  const [statusGiven, id, registrations, sale, stopReason, columnId, columnExternalId, columnSeats, columnStatus] = values.slice(at) as [
    boolean, string | null, number, 0 | null | [number, number | null, number], string | null, string, string, string, string,
  ];
  return {
    course: {
      line: values[0] as number,
      fields: fields as unknown as NewCourse,
      statusGiven,
      id,
      registrations,
      sale: sale === 0 ? undefined : sale === null ? null : ({ pricePaise: sale[0], startsAt: sale[1], endsAt: sale[2] } satisfies Sale),
      stopReason,
    },
    columns: { id: columnId, externalId: columnExternalId, seats: columnSeats, status: columnStatus },
  };
}

/** Calls the sink for each event of a batch, in order. */
export function replayCheckedRows(batch: string, sink: CheckedRowSink): void {
  for (const event of JSON.parse(batch) as CheckedRowEvent[]) {
    switch (event[0]) {
      case 'c': {
        const { course, columns } = courseOf(event.slice(1));
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
