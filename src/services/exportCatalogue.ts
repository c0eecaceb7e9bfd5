import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { formatInstant } from '../domain/calendar.js';
import { describe } from '../domain/course.js';
import type { Course } from '../domain/course.js';
import { COURSE_FIELD_NAMES } from '../domain/courseInput.js';
import type { CourseFieldName } from '../domain/courseInput.js';
import { rupeesText } from '../domain/money.js';
import type { CatalogContext } from './catalogContext.js';
import { COURSE_FIELD_COLUMNS } from './courseColumns.js';

export const EXPORT_FORMATS = ['ndjson', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Each course field as a CSV cell, in the form `course add` (and so import) reads it back. */
function fieldCells(course: Course): Record<CourseFieldName, string> {
  return {
    title: course.title,
    description: course.description,
    teacher: course.teacher,
    category: course.category,
    price: rupeesText(course.pricePaise),
    start: course.startDate,
    end: course.endDate,
    seats: course.seats === null ? 'unlimited' : String(course.seats),
    freeDays: course.freeDays === null ? '' : String(course.freeDays),
    upgradeUntilDay: course.upgradeUntilDay === null ? '' : String(course.upgradeUntilDay),
    status: course.status,
    externalId: course.externalId ?? '',
  };
}

/** The course fields after the ids, in the order of the `course add` flags. */
const DESCRIBED_FIELDS = COURSE_FIELD_NAMES.filter((field) => field !== 'externalId');

/**
 * CSV columns: the ids, the `course add` flags (what import reads back), then what the catalogue adds.
 * `catalog import` reads every one of them, so an export restores into an empty catalogue.
 */
export const CSV_COLUMNS = [
  'id',
  COURSE_FIELD_COLUMNS.externalId,
  ...DESCRIBED_FIELDS.map((field) => COURSE_FIELD_COLUMNS[field]),
  'registrations',
  'free_enrolments',
  'free_starts',
  'upgrades',
  'sale_price',
  'sale_from',
  'sale_until',
  'stop_reason',
];

function csvRecord(course: Course, timeZone: string): string[] {
  const cells = fieldCells(course);
  return [
    course.id,
    cells.externalId,
    ...DESCRIBED_FIELDS.map((field) => cells[field]),
    String(course.registrations),
    String(course.freeEnrolments),
    String(course.freeStarts),
    String(course.upgrades),
    course.sale ? rupeesText(course.sale.pricePaise) : '',
    course.sale?.startsAt ? formatInstant(course.sale.startsAt, timeZone) : '',
    course.sale ? formatInstant(course.sale.endsAt, timeZone) : '',
    course.stopReason ?? '',
  ];
}

/** Writes every course (archived too: an export is a backup) to `out`, respecting backpressure. */
export async function exportCatalogue(ctx: CatalogContext, format: ExportFormat, out: Writable): Promise<number> {
  const now = ctx.clock();
  const { timeZone } = ctx.config;
  let count = 0;
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  if (format === 'csv') await write(stringify([[...CSV_COLUMNS]]));
  if (format === 'json') await write('[');
  for (const course of ctx.courses.iterate({ includeArchived: true })) {
    if (format === 'csv') await write(stringify([csvRecord(course, timeZone)]));
    else if (format === 'json') await write(`${count ? ',' : ''}\n  ${JSON.stringify(describe(course, now, timeZone))}`);
    else await write(`${JSON.stringify(describe(course, now, timeZone))}\n`);
    count++;
  }
  if (format === 'json') await write(count ? '\n]\n' : ']\n');
  return count;
}
