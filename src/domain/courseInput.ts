import { z } from 'zod';
import { FieldProblem, ValidationError } from '../errors.js';
import { daysBetween, isCalendarDate } from './calendar.js';
import type { CalendarDate } from './calendar.js';
import type { CourseStatus } from './course.js';
import { MAX_PRICE_PAISE, parseRupees, formatRupees } from './money.js';
import type { Paise } from './money.js';

/**
 * The one set of rules for what a course may say. Flags, prompts and imports all validate
 * through here, so a value accepted in one place is accepted in all of them.
 */
export interface CourseFields {
  title: string;
  description: string;
  teacher: string;
  category: string;
  pricePaise: Paise;
  startDate: CalendarDate;
  endDate: CalendarDate;
  seats: number;
  status: CourseStatus;
  externalId: string | null;
}

/** What users type: every value as text (flags, prompt answers, CSV cells) or JSON scalars. */
export type CourseFieldsInput = Partial<Record<CourseFieldName, unknown>>;
export type CourseFieldName = 'title' | 'description' | 'teacher' | 'category' | 'price' | 'start' | 'end' | 'seats' | 'status' | 'externalId';

export const REQUIRED_FIELDS: CourseFieldName[] = ['title', 'description', 'teacher', 'category', 'price', 'start', 'end', 'seats'];

export const MAX_COURSE_DAYS = 366;
export const MAX_SEATS = 100_000;

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(min, { error: min === 1 ? `${label} is empty` : `${label} must be at least ${min} characters` })
        .max(max, { error: `${label} must be at most ${max} characters` }),
    );

const fieldSchemas = {
  title: text('title', 3, 120),
  description: z
    .string({ error: 'description must be text' })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, { error: 'description is empty' }).max(5000, { error: 'description must be at most 5000 characters' })),
  teacher: text('teacher', 2, 80),
  category: text('category', 2, 40)
    .transform((s) => s.toLowerCase())
    .pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N} &-]*$/u, { error: 'category may hold only letters, digits, spaces, "&" and "-"' })),
  price: z.union([z.string(), z.number()], { error: 'price must be an amount in rupees' }).transform((value, ctx) => {
    const paise = typeof value === 'number' ? (Number.isFinite(value) ? Math.round(value * 100) : NaN) : parseRupees(value);
    if (paise === undefined || Number.isNaN(paise)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not an amount in rupees` });
      return z.NEVER;
    }
    if (paise <= 0) {
      ctx.addIssue({ code: 'custom', message: 'price must be more than ₹0' });
      return z.NEVER;
    }
    if (paise > MAX_PRICE_PAISE) {
      ctx.addIssue({ code: 'custom', message: `price must be at most ${formatRupees(MAX_PRICE_PAISE)}` });
      return z.NEVER;
    }
    if (typeof value === 'number' && Math.abs(value * 100 - paise) > 1e-6) {
      ctx.addIssue({ code: 'custom', message: 'price has more than two decimals' });
      return z.NEVER;
    }
    return paise;
  }),
  start: z.string({ error: 'start must be a date' }).transform((s) => s.trim()).refine(isCalendarDate, { error: 'start is not a real date in YYYY-MM-DD form' }),
  end: z.string({ error: 'end must be a date' }).transform((s) => s.trim()).refine(isCalendarDate, { error: 'end is not a real date in YYYY-MM-DD form' }),
  seats: z.union([z.string(), z.number()], { error: 'seats must be a whole number' }).transform((value, ctx) => {
    const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_SEATS) {
      ctx.addIssue({ code: 'custom', message: `seats must be a whole number from 1 to ${MAX_SEATS}` });
      return z.NEVER;
    }
    return n;
  }),
  status: z.enum(['draft', 'published'], { error: 'status must be draft or published' }),
  externalId: z
    .union([z.string(), z.number()], { error: 'externalId must be text' })
    .transform((v) => String(v).trim())
    .pipe(z.string().min(1, { error: 'externalId is empty' }).max(100, { error: 'externalId must be at most 100 characters' })),
} satisfies Record<CourseFieldName, z.ZodType>;

const HINTS: Record<CourseFieldName, string> = {
  title: 'give a title of 3 to 120 characters, e.g. --title "Python fundamentals in 10 days"',
  description: 'give a short description, e.g. --description "Variables, loops and functions, hands on"',
  teacher: 'give the teacher\'s name, e.g. --teacher "Priya Sharma"',
  category: 'give a category such as baking, python, yoga, e.g. --category baking',
  price: 'give the price in rupees, more than 0, e.g. --price 599 or --price 599.50',
  start: 'give the start date as YYYY-MM-DD, e.g. --start 2027-10-04',
  end: 'give the end date as YYYY-MM-DD on or after the start, e.g. --end 2027-10-14',
  seats: 'give the number of seats, e.g. --seats 25',
  status: 'use --status draft or --status published',
  externalId: 'give your own stable id for the course, e.g. --external-id PY-2027-10',
};

export function hintFor(field: CourseFieldName): string {
  return HINTS[field];
}

/** Validates one field: prompts use it to re-ask at once instead of after the last question. */
export function validateField(field: CourseFieldName, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const result = fieldSchemas[field].safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, message: result.error.issues[0]?.message ?? 'invalid' };
}

const FIELD_KEYS: Record<CourseFieldName, keyof CourseFields> = {
  title: 'title',
  description: 'description',
  teacher: 'teacher',
  category: 'category',
  price: 'pricePaise',
  start: 'startDate',
  end: 'endDate',
  seats: 'seats',
  status: 'status',
  externalId: 'externalId',
};

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Validates the fields present in `input`, every one of them, and the rules between them.
 * With `base` (an edit), missing fields keep their current values and cross-field rules are
 * checked against the merged result.
 */
export function collectCourseProblems(
  input: CourseFieldsInput,
  base?: CourseFields,
): { fields: Partial<CourseFields>; problems: FieldProblem[] } {
  const fields: Partial<CourseFields> = {};
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(FIELD_KEYS) as CourseFieldName[]) {
    const raw = input[name];
    if (isBlank(raw)) {
      if (!base && REQUIRED_FIELDS.includes(name)) problems.push({ field: name, message: `${name} is required`, hint: HINTS[name] });
      continue;
    }
    const checked = validateField(name, raw);
    if (checked.ok) (fields as Record<string, unknown>)[FIELD_KEYS[name]] = checked.value;
    else problems.push({ field: name, message: checked.message, hint: HINTS[name] });
  }
  const start = fields.startDate ?? base?.startDate;
  const end = fields.endDate ?? base?.endDate;
  const datesValid = !problems.some((p) => p.field === 'start' || p.field === 'end');
  if (start && end && datesValid) {
    if (end < start) {
      problems.push({ field: 'end', message: `end ${end} is before start ${start}`, hint: 'the end date must be on or after the start date (did you swap them?)' });
    } else if (daysBetween(start, end) + 1 > MAX_COURSE_DAYS) {
      problems.push({ field: 'end', message: `the course would run ${daysBetween(start, end) + 1} days`, hint: `courses run at most ${MAX_COURSE_DAYS} days; check the end date` });
    }
  }
  return { fields, problems };
}

/** A complete, valid new course, or a ValidationError listing every problem. */
export function parseNewCourse(input: CourseFieldsInput): CourseFields {
  const { fields, problems } = collectCourseProblems(input);
  if (problems.length) throw new ValidationError(problems);
  return { status: 'published', externalId: null, ...fields } as CourseFields;
}

/** The changed fields of an edit, valid together with the course's current values. */
export function parseCourseChanges(input: CourseFieldsInput, current: CourseFields): Partial<CourseFields> {
  const { fields, problems } = collectCourseProblems(input, current);
  if (problems.length) throw new ValidationError(problems);
  return fields;
}

