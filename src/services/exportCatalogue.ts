import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { formatInstant } from '../domain/calendar.js';
import { describe } from '../domain/course.js';
import type { Course } from '../domain/course.js';
import { rupeesText } from '../domain/money.js';
import type { CatalogContext } from './catalogContext.js';

export const EXPORT_FORMATS = ['ndjson', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * CSV columns: the `course add` flags (what import reads back), then what the catalogue adds.
 * `catalog import` reads every one of them, so an export restores into an empty catalogue.
 */
export const CSV_COLUMNS = [
  'id',
  'external_id',
  'title',
  'description',
  'teacher',
  'category',
  'price',
  'start',
  'end',
  'seats',
  'free_days',
  'upgrade_until_day',
  'status',
  'registrations',
  'free_enrolments',
  'free_starts',
  'upgrades',
  'sale_price',
  'sale_from',
  'sale_until',
  'stop_reason',
] as const;

function csvRecord(course: Course, timeZone: string): string[] {
  return [
    course.id,
    course.externalId ?? '',
    course.title,
    course.description,
    course.teacher,
    course.category,
    rupeesText(course.pricePaise),
    course.startDate,
    course.endDate,
    course.seats === null ? 'unlimited' : String(course.seats),
    course.freeDays === null ? '' : String(course.freeDays),
    course.upgradeUntilDay === null ? '' : String(course.upgradeUntilDay),
    course.status,
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
