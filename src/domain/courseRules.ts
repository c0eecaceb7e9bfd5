import { ConflictError, ValidationError } from '../errors.js';
import type { FieldProblem } from '../errors.js';
import { addDays, daysBetween, formatInstant } from './calendar.js';
import type { CalendarDate } from './calendar.js';
import { upgradeUntilDayOf } from './course.js';
import type { Course, CourseStatus, Sale } from './course.js';
import { formatRupees, MAX_PRICE_PAISE, readRupees } from './money.js';
import type { Paise, RupeesReading } from './money.js';

/**
 * The rules a course keeps whatever path changes it: `course add`/`edit`/`price`/`sale`, the
 * prompts, an import. Each rule is written once, here, as a pure function returning problems;
 * the services decide nothing themselves and call courseChangeProblems with the course before
 * and after the change.
 */

/**
 * `invalid`: the value asked for is wrong whatever the catalogue holds (exit 2). `conflict`: the
 * value is fine, the course's state refuses it (exit 4).
 */
export type ProblemKind = 'invalid' | 'conflict';

export interface CourseProblem extends FieldProblem {
  /** The input field it is about: price, sale, start, seats, status, version, or course (the whole). */
  field: string;
  hint: string;
  kind: ProblemKind;
}

/** When a change happens: sales are judged at `now`, start dates against `today` in the catalogue's zone. */
export interface RuleMoment {
  now: number;
  today: CalendarDate;
  timeZone: string;
}

/** What the rules look at. */
export type CourseState = Pick<
  Course,
  | 'id'
  | 'pricePaise'
  | 'sale'
  | 'startDate'
  | 'endDate'
  | 'seats'
  | 'registrations'
  | 'status'
  | 'freeDays'
  | 'upgradeUntilDay'
  | 'freeEnrolments'
>;

// ——— Limits of a single value: one place each, so a later change (free courses, unlimited seats) is one edit.

export const MAX_SEATS = 100_000;
/** The longest a course runs, start and end days included. */
export const MAX_COURSE_DAYS = 366;

/**
 * A price's bounds, for list prices and sale prices alike. ₹0 is a price: a free course, or a
 * sale that makes a course free for a while (then it is free everywhere, search and
 * registration alike, until the sale ends).
 */
export function priceLimitProblem(paise: Paise, label = 'price'): string | undefined {
  if (paise < 0) return `${label} cannot be below ₹0`;
  if (paise > MAX_PRICE_PAISE) return `${label} must be at most ${formatRupees(MAX_PRICE_PAISE)}`;
  return undefined;
}

/** A course's capacity: null is no limit (`--seats unlimited`), for courses larger than any number worth typing. */
export function seatLimitProblem(seats: number | null): string | undefined {
  if (seats === null) return undefined;
  return Number.isInteger(seats) && seats >= 1 && seats <= MAX_SEATS
    ? undefined
    : `seats must be a whole number from 1 to ${MAX_SEATS}, or unlimited`;
}

/** A number of days a free start gives, or the day its upgrade closes: a day of a course, from 1 on. */
export function courseDayLimitProblem(day: number, label: string): string | undefined {
  return Number.isInteger(day) && day >= 1 && day <= MAX_COURSE_DAYS
    ? undefined
    : `${label} must be a whole number from 1 to ${MAX_COURSE_DAYS}`;
}

/** A price as a person types it: rupees (readRupees) within the price limits. */
export function readPrice(text: string, label = 'price'): RupeesReading {
  const reading = readRupees(text);
  if (!reading.ok) return reading;
  const limit = priceLimitProblem(reading.paise, label);
  return limit ? { ok: false, message: limit } : reading;
}

// ——— Rules between a course's values and its state.

/** An archived course is kept as it was: nothing about it changes again. */
export function archivedProblem(course: Pick<Course, 'id' | 'status'>): CourseProblem | undefined {
  if (course.status !== 'archived') return undefined;
  return {
    field: 'course',
    message: `course ${course.id} is archived and cannot change`,
    hint: 'archived courses stay as they were; add a new course instead',
    kind: 'conflict',
  };
}

/** Seats never drop below the students already registered. */
export function seatsProblem(course: Pick<Course, 'id' | 'seats' | 'registrations'>): CourseProblem | undefined {
  if (course.seats === null || course.seats >= course.registrations) return undefined;
  return {
    field: 'seats',
    message: `${course.registrations} students are registered in ${course.id}, so it needs at least ${course.registrations} seats`,
    hint: `give ${course.registrations} seats or more`,
    kind: 'conflict',
  };
}

/**
 * Which status changes an edit or import may make: draft ⇄ published, and back to draft only
 * while nobody registered. Stopping, resuming and archiving are commands of their own.
 */
export function statusChangeProblem(course: Pick<Course, 'id' | 'status' | 'registrations'>, to: CourseStatus): CourseProblem | undefined {
  const { id, status: from } = course;
  if (from === to) return undefined;
  const conflict = (message: string, hint: string): CourseProblem => ({ field: 'status', message, hint, kind: 'conflict' });
  if (from === 'stopped')
    return conflict(`course ${id} is stopped (off sale)`, `put it back on sale with \`catalog course resume-sale ${id}\``);
  if (to === 'stopped') return conflict(`course ${id} cannot be stopped this way`, `use \`catalog course stop-sale ${id}\``);
  if (to === 'archived') return conflict(`course ${id} cannot be archived this way`, `use \`catalog course archive ${id}\``);
  if (to === 'draft' && course.registrations > 0)
    return conflict(
      `course ${id} has registrations and cannot go back to draft`,
      `stop its sale with \`catalog course stop-sale ${id}\` instead`,
    );
  return undefined;
}

/** A sale that has not ended (running or scheduled) charges less than the list price. */
export function saleProblem(
  course: Pick<Course, 'id' | 'pricePaise' | 'sale'>,
  moment: RuleMoment,
  changed: 'price' | 'sale',
): CourseProblem | undefined {
  const { sale } = course;
  if (!sale || sale.endsAt <= moment.now || sale.pricePaise < course.pricePaise) return undefined;
  if (changed === 'sale')
    return {
      field: 'sale',
      message: `the sale price ${formatRupees(sale.pricePaise)} is not below the list price ${formatRupees(course.pricePaise)}`,
      hint: 'a sale lowers the price; to raise it use `catalog course price`',
      kind: 'conflict',
    };
  const when = sale.startsAt !== null && sale.startsAt > moment.now ? 'scheduled' : 'running';
  return {
    field: 'price',
    message: `the list price ${formatRupees(course.pricePaise)} would not be above the sale price ${formatRupees(sale.pricePaise)} (${when} until ${formatInstant(sale.endsAt, moment.timeZone)})`,
    hint: `end the sale first with \`catalog course sale ${course.id} --cancel\`, or give a list price above ${formatRupees(sale.pricePaise)}`,
    kind: 'conflict',
  };
}

/** A sale starts before it ends. */
export function saleWindowProblem(sale: Sale | null, timeZone: string): CourseProblem | undefined {
  if (!sale || sale.startsAt === null || sale.startsAt < sale.endsAt) return undefined;
  return {
    field: 'sale',
    message: `the sale would start at ${formatInstant(sale.startsAt, timeZone)}, not before it ends at ${formatInstant(sale.endsAt, timeZone)}`,
    hint: 'a sale must start before it ends (did you swap --from and --until?)',
    kind: 'invalid',
  };
}

/**
 * A free start fits its course: a paid course (a free one is free throughout), fewer free days
 * than the course has, and an upgrade that closes between the last free day and the course's
 * last day.
 */
export function freeStartProblem(
  course: Pick<Course, 'pricePaise' | 'startDate' | 'endDate' | 'freeDays' | 'upgradeUntilDay'>,
): CourseProblem | undefined {
  const invalid = (field: string, message: string, hint: string): CourseProblem => ({ field, message, hint, kind: 'invalid' });
  const { freeDays } = course;
  if (freeDays === null) {
    if (course.upgradeUntilDay === null) return undefined;
    return invalid(
      'upgradeUntilDay',
      'an upgrade deadline needs a free start',
      'give --free-days as well, or leave out --upgrade-until-day',
    );
  }
  if (course.pricePaise === 0)
    return invalid(
      'freeDays',
      'a free course has no free start: all of it is free already',
      'give a price above ₹0 for a free start, or remove the free start with --free-days none',
    );
  const days = daysBetween(course.startDate, course.endDate) + 1;
  if (freeDays >= days)
    return invalid(
      'freeDays',
      `${freeDays} free days would cover the whole ${days}-day course`,
      days > 1
        ? `give at most ${days - 1} free days, or make the course free with --price 0`
        : 'a one-day course cannot start free; make it free with --price 0',
    );
  const until = upgradeUntilDayOf(course)!;
  if (until < freeDays)
    return invalid(
      'upgradeUntilDay',
      `the upgrade would close on day ${until}, before the last free day (day ${freeDays})`,
      `give --upgrade-until-day ${freeDays} or later`,
    );
  if (until > days)
    return invalid(
      'upgradeUntilDay',
      `the upgrade would close on day ${until}, after the course's last day (day ${days}, ${course.endDate})`,
      `give --upgrade-until-day ${days} or earlier`,
    );
  return undefined;
}

/**
 * Students who started free keep what they were given: while a course has free enrolments its
 * free start may grow but not shrink or go.
 */
export function freeStartChangeProblem(
  before: Pick<Course, 'id' | 'freeDays' | 'upgradeUntilDay' | 'freeEnrolments'>,
  after: Pick<Course, 'freeDays' | 'upgradeUntilDay'>,
): CourseProblem | undefined {
  if (before.freeEnrolments === 0 || before.freeDays === null) return undefined;
  const shorter = after.freeDays === null || after.freeDays < before.freeDays || upgradeUntilDayOf(after)! < upgradeUntilDayOf(before)!;
  if (!shorter) return undefined;
  const students = `${before.freeEnrolments} student${before.freeEnrolments === 1 ? '' : 's'}`;
  return {
    field: 'freeDays',
    message: `${students} started ${before.id} free: its free start (${before.freeDays} days, upgrade until day ${upgradeUntilDayOf(before)}) cannot be removed or shortened`,
    hint: `they keep what they were given; lengthen it instead, or cancel their free enrolments first (\`catalog registrations list --course ${before.id}\`)`,
    kind: 'conflict',
  };
}

/**
 * A start date is after today: a course is sold until the day before it starts, so one starting
 * today or earlier could never be registered for or found. Drafts too: a draft exists to be
 * published.
 */
export function startDateProblem(startDate: CalendarDate, moment: RuleMoment): CourseProblem | undefined {
  if (startDate > moment.today) return undefined;
  const earliest = addDays(moment.today, 1);
  return {
    field: 'start',
    message: `start ${startDate} is ${startDate === moment.today ? 'today' : 'in the past'}; a course is sold until the day before it starts`,
    hint: `give a start date from ${earliest} on, e.g. --start ${earliest}`,
    kind: 'invalid',
  };
}

/** A course whose start date has come stays unpublished: nobody could register for it. */
function latePublishingProblem(course: Pick<Course, 'id' | 'startDate'>, moment: RuleMoment): CourseProblem | undefined {
  if (course.startDate > moment.today) return undefined;
  return {
    field: 'start',
    message: `course ${course.id} started on ${course.startDate} and cannot be published`,
    hint: `give it a new start date as well, from ${addDays(moment.today, 1)} on (--start)`,
    kind: 'conflict',
  };
}

/**
 * An edit made against `expected` (`--if-version`): older than the course is a stale edit, newer
 * is a version nobody can have seen.
 */
export function editVersionProblem(id: string, expected: number, actual: number): CourseProblem | undefined {
  if (expected === actual) return undefined;
  if (expected > actual)
    return {
      field: 'version',
      message: `course ${id} is at version ${actual}; version ${expected} does not exist yet`,
      hint: `take the version from \`catalog course show ${id}\``,
      kind: 'invalid',
    };
  return {
    field: 'version',
    message: `course ${id} changed since version ${expected} (it is now at version ${actual})`,
    hint: 'show it again with `catalog course show`, then redo your edit against the current version',
    kind: 'conflict',
  };
}

export function sameSale(a: Sale | null, b: Sale | null): boolean {
  return a === b || (a !== null && b !== null && a.pricePaise === b.pricePaise && a.startsAt === b.startsAt && a.endsAt === b.endsAt);
}

/**
 * Every rule a change must keep, for a course going from `before` (null: a new course) to
 * `after`. Values that did not change are not judged again: a course that has started can still
 * have its description fixed. `restoring`: the course is read back from an export (an import
 * row with its id), so its dates are history, not a choice made today.
 */
export function courseChangeProblems(
  before: CourseState | null,
  after: CourseState,
  moment: RuleMoment,
  options: { restoring?: boolean } = {},
): CourseProblem[] {
  const archived = before && archivedProblem(before);
  if (archived) return [archived];
  const changed = <K extends keyof CourseState>(key: K) => before === null || before[key] !== after[key];
  const saleChanged = before === null || !sameSale(before.sale, after.sale);
  const problems = [
    before ? statusChangeProblem(before, after.status) : undefined,
    changed('seats') || changed('registrations') ? seatsProblem(after) : undefined,
    saleChanged ? saleWindowProblem(after.sale, moment.timeZone) : undefined,
    saleChanged || changed('pricePaise') ? saleProblem(after, moment, saleChanged ? 'sale' : 'price') : undefined,
    changed('freeDays') || changed('upgradeUntilDay') || changed('pricePaise') || changed('startDate') || changed('endDate')
      ? freeStartProblem(after)
      : undefined,
    before ? freeStartChangeProblem(before, after) : undefined,
  ];
  if (!options.restoring) {
    if (changed('startDate')) problems.push(startDateProblem(after.startDate, moment));
    else if (before?.status === 'draft' && after.status === 'published') problems.push(latePublishingProblem(after, moment));
  }
  return problems.filter((p): p is CourseProblem => p !== undefined);
}

/** Throws what the problems amount to: a conflict (exit 4) if any is one, else a validation error (exit 2). */
export function refuseIfAny(problems: CourseProblem[]): void {
  if (problems.length === 0) return;
  if (problems.every((p) => p.kind === 'invalid')) throw new ValidationError(problems);
  if (problems.length === 1) throw new ConflictError(problems[0]!.message, problems[0]!.hint);
  const listed = new ValidationError(problems);
  throw new ConflictError(listed.message, listed.hint);
}
