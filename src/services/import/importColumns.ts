import { REQUIRED_FIELDS } from '../../domain/courseInput.js';
import type { CourseFieldName } from '../../domain/courseInput.js';
import type { ImportProblem } from './importProblem.js';

/**
 * What an import row may say. The course fields are the `course add` flags; the rest are what
 * `catalog export` writes besides them, so that an export imports back (see fixtures/README.md).
 */
export type ImportField =
  | Exclude<CourseFieldName, 'status'>
  | 'status'
  | 'id'
  | 'listPrice'
  | 'registrations'
  | 'freeEnrolments'
  | 'freeStarts'
  | 'upgrades'
  | 'enrolments'
  | 'conversion'
  | 'salePrice'
  | 'saleFrom'
  | 'saleUntil'
  | 'sale'
  | 'stopReason';

/**
 * Keys written by `catalog export --format json|ndjson` that the catalogue computes itself
 * (modules, materials and previews are counts of the course's materials, which an export does not carry).
 */
const DERIVED = new Set([
  'seatsleft',
  'version',
  'createdat',
  'updatedat',
  'modules',
  'materials',
  'previews',
  // The upgrade's last day as a date: upgradeUntilDay is the setting.
  'upgradeuntil',
]);

/** Column names as people write them: any case, with or without `_`, `-` or spaces. */
const FIELD_BY_KEY: Record<string, ImportField> = {
  title: 'title',
  description: 'description',
  teacher: 'teacher',
  category: 'category',
  price: 'price',
  listprice: 'listPrice',
  start: 'start',
  startdate: 'start',
  end: 'end',
  enddate: 'end',
  seats: 'seats',
  freedays: 'freeDays',
  upgradeuntilday: 'upgradeUntilDay',
  status: 'status',
  externalid: 'externalId',
  id: 'id',
  registrations: 'registrations',
  freeenrolments: 'freeEnrolments',
  freestarts: 'freeStarts',
  upgrades: 'upgrades',
  enrolments: 'enrolments',
  conversion: 'conversion',
  saleprice: 'salePrice',
  salefrom: 'saleFrom',
  saleuntil: 'saleUntil',
  sale: 'sale',
  stopreason: 'stopReason',
};

export const KNOWN_COLUMNS =
  'title, description, teacher, category, price, start, end, seats, and optionally external_id, free_days, upgrade_until_day, status, id, registrations, free_enrolments, free_starts, upgrades, sale_price, sale_from, sale_until, stop_reason';

export function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** A row's values by field, with the name each was given in the file (for reporting). */
export interface FieldValues {
  line: number;
  values: Partial<Record<ImportField, unknown>>;
  columns: Partial<Record<ImportField, string>>;
}

/** How keys map to fields; unknown and derived keys are told apart so only the unknown ones are reported. */
export function fieldOfKey(key: string): ImportField | 'derived' | undefined {
  const normal = normalizeKey(key);
  return FIELD_BY_KEY[normal] ?? (DERIVED.has(normal) ? 'derived' : undefined);
}

/**
 * Checks a CSV header once: unknown, repeated and missing columns. Returns the field of each
 * column (null where the column is ignored) and the required fields the header lacks, so the
 * rows are not each blamed for a column the file never had.
 */
export function readHeader(
  header: string[],
  line: number,
  report: (problem: ImportProblem) => void,
): { fields: (ImportField | null)[]; missing: Set<ImportField> } {
  const seen = new Map<ImportField, string>();
  const fields = header.map((name): ImportField | null => {
    const field = fieldOfKey(name);
    if (field === undefined) {
      report({
        line,
        column: name,
        message: `unknown column "${name}"`,
        hint: `the columns are ${KNOWN_COLUMNS}; rename or remove this one`,
      });
      return null;
    }
    if (field === 'derived') return null;
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      report({ line, column: name, message: `column "${name}" repeats "${earlier}"`, hint: 'keep one of the two columns' });
      return null;
    }
    seen.set(field, name);
    return field;
  });
  const missing = new Set<ImportField>();
  for (const field of REQUIRED_FIELDS) {
    if (seen.has(field) || (field === 'price' && seen.has('listPrice'))) continue;
    missing.add(field);
    report({
      line,
      column: field,
      message: `the header has no "${field}" column`,
      hint: `add a "${field}" column; the columns are ${KNOWN_COLUMNS}`,
    });
  }
  return { fields, missing };
}

/**
 * Maps one JSON object's keys to fields. The `sale` object of an export is spread into the
 * sale fields; its `running` flag is derived and ignored.
 */
export function jsonFieldValues(object: Record<string, unknown>, line: number, reportUnknown: (key: string) => void): FieldValues {
  const row: FieldValues = { line, values: {}, columns: {} };
  for (const [key, value] of Object.entries(object)) {
    const field = fieldOfKey(key);
    if (field === undefined) {
      reportUnknown(key);
      continue;
    }
    if (field === 'derived') continue;
    if (field === 'sale') {
      row.values.sale = value === null ? null : true;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const sale = value as Record<string, unknown>;
        for (const [saleKey, saleField] of [
          ['price', 'salePrice'],
          ['from', 'saleFrom'],
          ['until', 'saleUntil'],
        ] as const) {
          if (saleKey in sale) {
            row.values[saleField] = sale[saleKey];
            row.columns[saleField] = `${key}.${saleKey}`;
          }
        }
      } else if (value !== null) {
        row.values.sale = value;
      }
      row.columns.sale = key;
      continue;
    }
    // An export's counts of enrolments travel as objects: {free, paid} and {freeStarts, upgraded, upgradeRate}.
    if (field === 'enrolments' || field === 'conversion') {
      const parts: [string, ImportField][] =
        field === 'enrolments'
          ? [['free', 'freeEnrolments']]
          : [
              ['freeStarts', 'freeStarts'],
              ['upgraded', 'upgrades'],
            ];
      const counts = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      for (const [part, countField] of parts) {
        row.values[countField] = value === null || typeof value !== 'object' || Array.isArray(value) ? value : counts[part];
        row.columns[countField] = `${key}.${part}`;
      }
      continue;
    }
    row.values[field] = value;
    row.columns[field] = key;
  }
  return row;
}
