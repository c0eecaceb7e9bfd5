import { parseSaleInstant } from '../../domain/calendar.js';
import type { CourseStatus, Sale } from '../../domain/course.js';
import { COURSE_FIELD_NAMES, collectCourseProblems, hintFor, isBlank } from '../../domain/courseInput.js';
import type { CourseFieldName, CourseFields, CourseFieldsInput } from '../../domain/courseInput.js';
import { readPrice } from '../../domain/courseRules.js';
import type { NewCourse } from '../../store/courseStore.js';
import { COURSE_FIELD_COLUMNS } from '../courseColumns.js';
import type { FieldValues, ImportField } from './importColumns.js';
import { columnHint } from './importProblem.js';
import type { ImportProblem } from './importProblem.js';

/** One valid row: a course as the file describes it, before it meets the catalogue. */
export interface ImportedCourse {
  line: number;
  /** The checked fields; the importer completes them into the row it inserts. */
  fields: NewCourse;
  /** Whether the row says the status; otherwise a new course is published and an existing one keeps its status. */
  statusGiven: boolean;
  id: string | null;
  /** Restored on create (a backup); the catalogue counts registrations itself, so updates ignore it. */
  registrations: number;
  /** The same for free starts: free enrolments now, free starts and upgrades so far. */
  enrolmentCounts: EnrolmentCounts;
  /** undefined: the file has no sale columns, so an update leaves the sale alone. */
  sale: Sale | null | undefined;
  stopReason: string | null;
}

export interface EnrolmentCounts {
  freeEnrolments: number;
  freeStarts: number;
  upgrades: number;
}

/** States only a restore may set: stopping and archiving have their own commands. */
const LIFECYCLE_STATUSES: CourseStatus[] = ['stopped', 'archived'];
const COURSE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** An instant as export writes it (toISOString), which parseSaleInstant's typed form does not cover. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Column names for fields the file lacks, matching the CSV header that export writes. */
const DEFAULT_COLUMN: Record<ImportField, string> = {
  ...COURSE_FIELD_COLUMNS,
  listPrice: 'listPrice',
  id: 'id',
  registrations: 'registrations',
  freeEnrolments: 'free_enrolments',
  freeStarts: 'free_starts',
  upgrades: 'upgrades',
  enrolments: 'enrolments',
  conversion: 'conversion',
  salePrice: 'sale_price',
  saleFrom: 'sale_from',
  saleUntil: 'sale_until',
  sale: 'sale',
  stopReason: 'stop_reason',
};

function saleInstant(value: unknown, timeZone: string, edge: 'start' | 'end'): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (ISO_INSTANT.test(text)) {
    const instant = Date.parse(text);
    return Number.isNaN(instant) ? undefined : instant;
  }
  return parseSaleInstant(text, timeZone, edge);
}

/**
 * Validates one row with the same rules as `course add` (collectCourseProblems), plus the
 * columns only an import has. Returns the course, or every problem of the row.
 * `missing` holds fields whose column the header lacks: already reported once for the file.
 */
export function checkImportedRow(
  row: FieldValues,
  timeZone: string,
  missing: ReadonlySet<ImportField> = new Set(),
): { course: ImportedCourse } | { problems: ImportProblem[] } {
  const { values, line } = row;
  const column = (field: ImportField) => row.columns[field] ?? DEFAULT_COLUMN[field];
  const problems: ImportProblem[] = [];
  const problem = (field: ImportField, message: string, hint: string) => problems.push({ line, column: column(field), message, hint });

  const input: CourseFieldsInput = {};
  for (const field of COURSE_FIELD_NAMES) if (values[field] !== undefined) input[field] = values[field];
  // Like the sale columns: present but empty means none (no free start, the default upgrade day), so an export round-trips.
  for (const field of ['freeDays', 'upgradeUntilDay'] as const)
    if (values[field] !== undefined && isBlank(values[field])) input[field] = null;
  // An export's JSON `price` is what a student pays now; its list price is `listPrice`.
  if (values.listPrice !== undefined) {
    input.price = values.listPrice;
    row.columns.price = column('listPrice');
  }
  const status = typeof input.status === 'string' ? input.status.trim() : input.status;
  const lifecycle = LIFECYCLE_STATUSES.find((s) => s === status);
  if (lifecycle || isBlank(status)) delete input.status;

  const checked = collectCourseProblems(input);
  for (const p of checked.problems) {
    const field = p.field as CourseFieldName;
    if (missing.has(field)) continue;
    problem(field, p.message, columnHint(p.hint ?? hintFor(field)));
  }
  // A free start is set only when the row says so: an update from a file without those columns leaves it alone.
  const fields = { status: 'published', externalId: null, ...checked.fields, ...(lifecycle && { status: lifecycle }) } as CourseFields;

  let id: string | null = null;
  if (!isBlank(values.id)) {
    if (typeof values.id === 'string' && COURSE_ID.test(values.id.trim())) id = values.id.trim();
    else
      problem(
        'id',
        `"${String(values.id)}" is not a course id`,
        'a course id holds 1 to 64 letters, digits, "_" or "-" (as in crs_4k2m9x7p1q); leave it empty to get a new one',
      );
  }

  /** A count an export carries: a whole number from 0, 0 when empty. */
  const count = (field: ImportField, what: string): number => {
    const raw = values[field];
    if (isBlank(raw)) return 0;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isInteger(n) && n >= 0) return n;
    problem(field, `"${String(raw)}" is not a whole number of ${what}`, 'give 0 or more, e.g. 12, or leave it empty');
    return 0;
  };
  const registrations = count('registrations', 'registrations');
  const enrolmentCounts: EnrolmentCounts = {
    freeEnrolments: count('freeEnrolments', 'free enrolments'),
    freeStarts: count('freeStarts', 'free starts'),
    upgrades: count('upgrades', 'upgrades'),
  };
  // Every free enrolment and every upgrade began as a free start.
  if (enrolmentCounts.freeEnrolments + enrolmentCounts.upgrades > enrolmentCounts.freeStarts)
    problem(
      'freeStarts',
      `${enrolmentCounts.freeStarts} free starts cannot account for ${enrolmentCounts.freeEnrolments} free enrolments and ${enrolmentCounts.upgrades} upgrades`,
      'free starts count every enrolment that began free: at least the free enrolments plus the upgrades',
    );

  const saleGiven =
    values.sale !== undefined || values.salePrice !== undefined || values.saleFrom !== undefined || values.saleUntil !== undefined;
  let sale: Sale | null | undefined;
  if (values.sale !== undefined && values.sale !== null && values.sale !== true) {
    problem(
      'sale',
      'sale must be an object like {"price": 499, "until": "2026-12-31"} or null',
      'write the sale as an object, or null for no sale',
    );
  } else if (saleGiven) {
    sale = null;
    if (!isBlank(values.salePrice) || !isBlank(values.saleUntil) || !isBlank(values.saleFrom)) {
      const price = readPrice(String(values.salePrice ?? ''), 'sale price');
      const endsAt = saleInstant(values.saleUntil, timeZone, 'end');
      const startsAt = isBlank(values.saleFrom) ? null : saleInstant(values.saleFrom, timeZone, 'start');
      const saleProblems = problems.length;
      if (isBlank(values.salePrice))
        problem(
          'salePrice',
          'a sale needs a price',
          `give the sale price in rupees below the list price, e.g. 499, or leave ${column('saleFrom')} and ${column('saleUntil')} empty`,
        );
      else if (!price.ok) problem('salePrice', price.message, price.hint ?? 'give the sale price in rupees, more than 0, e.g. 499');
      if (endsAt === undefined) {
        problem(
          'saleUntil',
          isBlank(values.saleUntil) ? 'a sale needs an end' : `"${String(values.saleUntil)}" is not a date or date-time`,
          'write it as 2026-12-31 (through the end of that day) or 2026-12-31T18:00',
        );
      }
      if (startsAt === undefined)
        problem(
          'saleFrom',
          `"${String(values.saleFrom)}" is not a date or date-time`,
          'write it as 2026-12-01 or 2026-12-01T09:00, or leave it empty',
        );
      // How the sale fits the list price and its own window is for the course rules (courseImporter).
      if (problems.length === saleProblems && price.ok && endsAt !== undefined && startsAt !== undefined)
        sale = { pricePaise: price.paise, startsAt, endsAt };
    }
  }

  let stopReason: string | null = null;
  if (!isBlank(values.stopReason)) {
    if (typeof values.stopReason !== 'string' || values.stopReason.length > 500)
      problem('stopReason', 'the stop reason must be text of at most 500 characters', 'shorten it, or leave it empty');
    else stopReason = values.stopReason.trim();
  }

  if (problems.length) return { problems };
  return { course: { line, fields, statusGiven: !isBlank(status), id, registrations, enrolmentCounts, sale, stopReason } };
}
