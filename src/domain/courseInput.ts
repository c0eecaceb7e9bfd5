import * as v from 'valibot';
import { type FieldProblem, ValidationError } from '../errors.js';
import { daysBetween, isCalendarDate } from './calendar.js';
import type { CalendarDate } from './calendar.js';
import type { CourseStatus } from './course.js';
import { courseDayLimitProblem, MAX_COURSE_DAYS, priceLimitProblem, readPrice, seatLimitProblem, startDateProblem } from './courseRules.js';
import type { RuleMoment } from './courseRules.js';
import type { Paise } from './money.js';

/**
 * The one set of rules for what a course may say (valibot schemas, one per field). Flags, prompts and imports all validate
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
  /** null: no seat limit. */
  seats: number | null;
  /** A free start's days (null: none) and the day its upgrade closes (null: the day after them). */
  freeDays: number | null;
  upgradeUntilDay: number | null;
  status: CourseStatus;
  externalId: string | null;
}

/** What users type: every value as text (flags, prompt answers, CSV cells) or JSON scalars. */
export type CourseFieldsInput = Partial<Record<CourseFieldName, unknown>>;

/** The fields a course is written with, in the order `course add` asks for them: flags, prompts, import and export all list these. */
export const COURSE_FIELD_NAMES = [
  'title',
  'description',
  'teacher',
  'category',
  'price',
  'start',
  'end',
  'seats',
  'freeDays',
  'upgradeUntilDay',
  'status',
  'externalId',
] as const;
export type CourseFieldName = (typeof COURSE_FIELD_NAMES)[number];

export const REQUIRED_FIELDS: CourseFieldName[] = ['title', 'description', 'teacher', 'category', 'price', 'start', 'end', 'seats'];

export { MAX_COURSE_DAYS };

const text = (label: string, min: number, max: number) =>
  v.pipe(
    v.string(`${label} must be text`),
    v.transform((s) => s.replace(/\s+/g, ' ').trim()),
    v.minLength(min, min === 1 ? `${label} is empty` : `${label} must be at least ${min} characters`),
    v.maxLength(max, `${label} must be at most ${max} characters`),
  );

const calendarDate = (label: string) =>
  v.pipe(
    v.string(`${label} must be a date`),
    v.transform((s) => s.trim()),
    v.check(isCalendarDate, `${label} is not a real date in YYYY-MM-DD form`),
  );

type Converted<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

/** A price typed as text (flags, prompts, CSV) or given as a JSON number. */
function priceFrom(value: unknown): Converted<Paise> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, message: `"${value}" is not an amount in rupees` };
    const paise = Math.round(value * 100);
    const limit = priceLimitProblem(paise);
    if (limit) return { ok: false, message: limit };
    if (Math.abs(value * 100 - paise) > 1e-6) return { ok: false, message: 'price has more than two decimals' };
    return { ok: true, value: paise };
  }
  if (typeof value !== 'string') return { ok: false, message: 'price must be an amount in rupees' };
  const reading = readPrice(value);
  return reading.ok
    ? { ok: true, value: reading.paise }
    : { ok: false, message: reading.message, ...(reading.hint && { hint: reading.hint }) };
}

/** Words that mean "no seat limit" and "no free start", as flags, prompts and CSV cells say them. */
const UNLIMITED = /^\s*unlimited\s*$/i;
const NONE = /^\s*(?:none|no)\s*$/i;

function wholeNumber(value: string | number): number {
  return typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
}

/** Seats: a number, or `unlimited` (JSON null) for no limit. */
function seatsFrom(value: unknown): Converted<number | null> {
  if (value === null || (typeof value === 'string' && UNLIMITED.test(value))) return { ok: true, value: null };
  if (typeof value !== 'number' && typeof value !== 'string') return { ok: false, message: 'seats must be a whole number or unlimited' };
  const n = wholeNumber(value);
  const limit = seatLimitProblem(n);
  return limit ? { ok: false, message: limit } : { ok: true, value: n };
}

/** Free days: a number of days, or `none`/0 (JSON null) for no free start. */
function freeDaysFrom(value: unknown): Converted<number | null> {
  if (value === null || value === 0 || (typeof value === 'string' && (NONE.test(value) || /^\s*0+\s*$/.test(value))))
    return { ok: true, value: null };
  if (typeof value !== 'number' && typeof value !== 'string') return { ok: false, message: 'free days must be a whole number or none' };
  const n = wholeNumber(value);
  const limit = courseDayLimitProblem(n, 'free days');
  return limit ? { ok: false, message: `${limit}, or none` } : { ok: true, value: n };
}

/** The upgrade's last day: a day of the course, or `default` (JSON null) for the day after the free days. */
function upgradeUntilDayFrom(value: unknown): Converted<number | null> {
  if (value === null || (typeof value === 'string' && /^\s*default\s*$/i.test(value))) return { ok: true, value: null };
  if (typeof value !== 'number' && typeof value !== 'string') return { ok: false, message: 'the upgrade day must be a whole number' };
  const limit = courseDayLimitProblem(wholeNumber(value), 'the upgrade day');
  return limit ? { ok: false, message: limit } : { ok: true, value: wholeNumber(value) };
}

/** Fields read by a converter of their own rather than a schema: their rules live in courseRules. */
const CONVERTERS: Partial<Record<CourseFieldName, (value: unknown) => Converted<unknown>>> = {
  price: priceFrom,
  seats: seatsFrom,
  freeDays: freeDaysFrom,
  upgradeUntilDay: upgradeUntilDayFrom,
};
type ConvertedField = 'price' | 'seats' | 'freeDays' | 'upgradeUntilDay';

/** Fields where null is a value (JSON null: no seat limit, no free start, the default upgrade day), not "not given". */
const NULLABLE: ReadonlySet<CourseFieldName> = new Set(['seats', 'freeDays', 'upgradeUntilDay']);

const fieldSchemas = {
  title: text('title', 3, 120),
  description: v.pipe(
    v.string('description must be text'),
    v.transform((s) => s.trim()),
    v.minLength(1, 'description is empty'),
    v.maxLength(5000, 'description must be at most 5000 characters'),
  ),
  teacher: text('teacher', 2, 80),
  category: v.pipe(
    text('category', 2, 40),
    v.transform((s) => s.toLowerCase()),
    v.regex(/^[\p{L}\p{N}][\p{L}\p{N} &-]*$/u, 'category may hold only letters, digits, spaces, "&" and "-"'),
  ),
  start: calendarDate('start'),
  end: calendarDate('end'),
  status: v.picklist(['draft', 'published'], 'status must be draft or published'),
  externalId: v.pipe(
    v.union([v.string(), v.number()], 'externalId must be text'),
    v.transform((value) => String(value).trim()),
    v.minLength(1, 'externalId is empty'),
    v.maxLength(100, 'externalId must be at most 100 characters'),
  ),
} satisfies Record<Exclude<CourseFieldName, ConvertedField>, v.GenericSchema>;

const HINTS: Record<CourseFieldName, string> = {
  title: 'give a title of 3 to 120 characters, e.g. --title "Python fundamentals in 10 days"',
  description: 'give a short description, e.g. --description "Variables, loops and functions, hands on"',
  teacher: 'give the teacher\'s name, e.g. --teacher "Priya Sharma"',
  category: 'give a category such as baking, python, yoga, e.g. --category baking',
  price: 'give the price in rupees, e.g. --price 599 or --price 599.50, or --price 0 for a free course',
  start: 'give the start date as YYYY-MM-DD, e.g. --start 2027-10-04',
  end: 'give the end date as YYYY-MM-DD on or after the start, e.g. --end 2027-10-14',
  seats: 'give the number of seats, e.g. --seats 25, or --seats unlimited',
  freeDays: 'give the days a student may take free before paying, e.g. --free-days 3, or --free-days none',
  upgradeUntilDay: 'give the last day of the course to upgrade on, e.g. --upgrade-until-day 4 (default: the day after the free days)',
  status: 'use --status draft or --status published',
  externalId: 'give your own stable id for the course, e.g. --external-id PY-2027-10',
};

export function hintFor(field: CourseFieldName): string {
  return HINTS[field];
}

/** Validates one field: prompts use it to re-ask at once instead of after the last question. */
export function validateField(
  field: CourseFieldName,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; message: string; hint: string } {
  const convert = CONVERTERS[field];
  if (convert) {
    const converted = convert(value);
    return converted.ok ? converted : { ok: false, message: converted.message, hint: converted.hint ?? HINTS[field] };
  }
  const result = v.safeParse(fieldSchemas[field as Exclude<CourseFieldName, ConvertedField>], value);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, message: result.issues[0]?.message ?? 'invalid', hint: HINTS[field] };
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
  freeDays: 'freeDays',
  upgradeUntilDay: 'upgradeUntilDay',
  status: 'status',
  externalId: 'externalId',
};

/** Nothing typed: missing, null, or only spaces (an empty CSV cell, an untouched prompt). */
export function isBlank(value: unknown): boolean {
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
  for (const name of COURSE_FIELD_NAMES) {
    const raw = input[name];
    if (isBlank(raw) && !(raw === null && NULLABLE.has(name))) {
      if (!base && REQUIRED_FIELDS.includes(name)) problems.push({ field: name, message: `${name} is required`, hint: HINTS[name] });
      continue;
    }
    const checked = validateField(name, raw);
    if (checked.ok) (fields as Record<string, unknown>)[FIELD_KEYS[name]] = checked.value;
    else problems.push({ field: name, message: checked.message, hint: checked.hint });
  }
  const start = fields.startDate ?? base?.startDate;
  const end = fields.endDate ?? base?.endDate;
  const datesValid = !problems.some((p) => p.field === 'start' || p.field === 'end');
  if (start && end && datesValid) {
    if (end < start) {
      problems.push({
        field: 'end',
        message: `end ${end} is before start ${start}`,
        hint: 'the end date must be on or after the start date (did you swap them?)',
      });
    } else if (daysBetween(start, end) + 1 > MAX_COURSE_DAYS) {
      problems.push({
        field: 'end',
        message: `the course would run ${daysBetween(start, end) + 1} days`,
        hint: `courses run at most ${MAX_COURSE_DAYS} days; check the end date`,
      });
    }
  }
  return { fields, problems };
}

/** A complete, valid new course, or a ValidationError listing every problem. */
export function parseNewCourse(input: CourseFieldsInput): CourseFields {
  const { fields, problems } = collectCourseProblems(input);
  if (problems.length) throw new ValidationError(problems);
  return { ...NEW_COURSE_DEFAULTS, ...fields } as CourseFields;
}

/** What a new course is unless told otherwise: published, without external id or free start. */
export const NEW_COURSE_DEFAULTS = { status: 'published', externalId: null, freeDays: null, upgradeUntilDay: null } as const;

/** The changed fields of an edit, valid together with the course's current values. */
export function parseCourseChanges(input: CourseFieldsInput, current: CourseFields): Partial<CourseFields> {
  const { fields, problems } = collectCourseProblems(input, current);
  if (problems.length) throw new ValidationError(problems);
  return fields;
}

/**
 * One answer of a form, checked as soon as it is given: the field alone, then what it must agree
 * with (the end with the start, a new start with today), so a mistake is caught at the question
 * that caused it. `current` is the course being edited: a start date it already has is not
 * judged again.
 */
export function answerProblem(
  field: CourseFieldName,
  answer: unknown,
  context: { answers: CourseFieldsInput; current?: Pick<CourseFields, 'startDate'> | undefined; moment: RuleMoment },
): { message: string; hint: string } | undefined {
  const checked = validateField(field, answer);
  if (!checked.ok) return checked;
  if (field === 'end' && typeof context.answers.start === 'string') {
    const between = collectCourseProblems({ start: context.answers.start, end: answer }).problems.find((p) => p.field === 'end');
    if (between) return { message: between.message, hint: between.hint ?? HINTS.end };
  }
  if (field === 'start' && checked.value !== context.current?.startDate) return startDateProblem(checked.value as string, context.moment);
  return undefined;
}
