import type { CalendarDate } from './calendar.js';
import { addDays, dateAt, formatInstant } from './calendar.js';
import type { Paise } from './money.js';
import { paiseToRupees } from './money.js';

export const COURSE_STATUSES = ['draft', 'published', 'stopped', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/** A temporary price drop: while it runs its price is the price everywhere. */
export interface Sale {
  pricePaise: Paise;
  /** Epoch ms; null means it started when it was created. */
  startsAt: number | null;
  /** Epoch ms, exclusive. */
  endsAt: number;
}

export interface Course {
  id: string;
  externalId: string | null;
  title: string;
  description: string;
  teacher: string;
  category: string;
  pricePaise: Paise;
  sale: Sale | null;
  startDate: CalendarDate;
  endDate: CalendarDate;
  /** The seat limit; null: no limit (registrations never run out). */
  seats: number | null;
  /** Seats taken: paid enrolments (registrations, upgrades, and ₹0 registrations of a free course). */
  registrations: number;
  /** A free start: free enrolment opens days 1…freeDays (and previews); null: none. */
  freeDays: number | null;
  /** The last day of the course a free enrolment may upgrade on; null: the day after the free days. */
  upgradeUntilDay: number | null;
  /** Free enrolments now (they take no seat), and every free start and upgrade so far (conversion). */
  freeEnrolments: number;
  freeStarts: number;
  upgrades: number;
  status: CourseStatus;
  stopReason: string | null;
  /** Grows on every change; search indexes use it to ignore stale deliveries. */
  version: number;
  /** How many modules, materials and preview materials the course has (kept with the course, see materialStore). */
  moduleCount: number;
  materialCount: number;
  previewCount: number;
  createdAt: number;
  updatedAt: number;
}

export function isSaleRunning(sale: Sale | null, now: number): sale is Sale {
  return sale !== null && saleRunsAt(sale.startsAt, sale.endsAt, now);
}

/** Whether a sale from `startsAt` (null: from when it was set) until `endsAt` runs at `now`. */
export function saleRunsAt(startsAt: number | null, endsAt: number, now: number): boolean {
  return (startsAt === null || startsAt <= now) && now < endsAt;
}

/** The price a student pays at `now`. */
export function effectivePrice(course: Pick<Course, 'pricePaise' | 'sale'>, now: number): Paise {
  return isSaleRunning(course.sale, now) ? course.sale.pricePaise : course.pricePaise;
}

/** Seats still free; null when the course has no seat limit. */
export function seatsLeft(course: Pick<Course, 'seats' | 'registrations'>): number | null {
  return course.seats === null ? null : Math.max(0, course.seats - course.registrations);
}

/** Whether a course has no seat left to take (never, without a seat limit). */
export function isSoldOut(course: Pick<Course, 'seats' | 'registrations'>): boolean {
  return course.seats !== null && course.registrations >= course.seats;
}

/** A free course, now: its price (a running sale's included) is ₹0. */
export function isFreeNow(course: Pick<Course, 'pricePaise' | 'sale'>, now: number): boolean {
  return effectivePrice(course, now) === 0;
}

/** The day a free start's upgrade closes at the end of (by default the day after the free days), or null without a free start. */
export function upgradeUntilDayOf(course: Pick<Course, 'freeDays' | 'upgradeUntilDay'>): number | null {
  return course.freeDays === null ? null : (course.upgradeUntilDay ?? course.freeDays + 1);
}

/** The calendar date of the upgrade's last day, or null without a free start. */
export function upgradeUntilDate(course: Pick<Course, 'startDate' | 'freeDays' | 'upgradeUntilDay'>): CalendarDate | null {
  const day = upgradeUntilDayOf(course);
  return day === null ? null : addDays(course.startDate, day - 1);
}

/** A course has started on its start date: from then on it is no longer sold or listed. */
export function hasStarted(course: Pick<Course, 'startDate'>, now: number, timeZone: string): boolean {
  return course.startDate <= dateAt(now, timeZone);
}

/** The fields every listing shows; the shape `search --json` promises. */
export interface CourseSummary {
  id: string;
  title: string;
  teacher: string;
  category: string;
  price: number;
  listPrice: number;
  startDate: CalendarDate;
  endDate: CalendarDate;
  /** null: no seat limit, always available. */
  seatsLeft: number | null;
  registrations: number;
  /** The free start's days (null: none) and the date its upgrade closes at the end of. */
  freeDays: number | null;
  upgradeUntil: CalendarDate | null;
  status: CourseStatus;
}

/** Enrolments by mode: free (free starts, no seat) and paid (seats taken, ₹0 registrations of a free course included). */
export interface EnrolmentCounts {
  free: number;
  paid: number;
}

/** How free starts turn into paid enrolments: every free start so far, those upgraded, and the share (null before any). */
export interface Conversion {
  freeStarts: number;
  upgraded: number;
  upgradeRate: number | null;
}

/** Everything `course show` tells: the summary plus what an editor needs. */
export interface CourseDetails extends CourseSummary {
  externalId: string | null;
  description: string;
  /** null: no seat limit. */
  seats: number | null;
  /** The day the upgrade closes at the end of, as set (null: the default, the day after the free days). */
  upgradeUntilDay: number | null;
  enrolments: EnrolmentCounts;
  conversion: Conversion;
  sale: { price: number; from: string | null; until: string; running: boolean } | null;
  stopReason: string | null;
  version: number;
  /** Counts of the course's modules, materials and previews (`catalog material list` shows them). */
  modules: number;
  materials: number;
  previews: number;
  createdAt: string;
  updatedAt: string;
}

export function summarize(course: Course, now: number): CourseSummary {
  return {
    id: course.id,
    title: course.title,
    teacher: course.teacher,
    category: course.category,
    price: paiseToRupees(effectivePrice(course, now)),
    listPrice: paiseToRupees(course.pricePaise),
    startDate: course.startDate,
    endDate: course.endDate,
    seatsLeft: seatsLeft(course),
    registrations: course.registrations,
    freeDays: course.freeDays,
    upgradeUntil: upgradeUntilDate(course),
    status: course.status,
  };
}

/** Conversion from counts: the share of free starts that upgraded, to four decimals (0.3333); null before the first free start. */
export function conversionFrom(freeStarts: number, upgraded: number): Conversion {
  return { freeStarts, upgraded, upgradeRate: freeStarts === 0 ? null : Math.round((upgraded / freeStarts) * 10_000) / 10_000 };
}

export function describe(course: Course, now: number, timeZone: string): CourseDetails {
  return {
    ...summarize(course, now),
    externalId: course.externalId,
    description: course.description,
    seats: course.seats,
    upgradeUntilDay: course.upgradeUntilDay,
    enrolments: { free: course.freeEnrolments, paid: course.registrations },
    conversion: conversionFrom(course.freeStarts, course.upgrades),
    sale: course.sale && {
      price: paiseToRupees(course.sale.pricePaise),
      from: course.sale.startsAt === null ? null : formatInstant(course.sale.startsAt, timeZone),
      until: formatInstant(course.sale.endsAt, timeZone),
      running: isSaleRunning(course.sale, now),
    },
    stopReason: course.stopReason,
    version: course.version,
    modules: course.moduleCount,
    materials: course.materialCount,
    previews: course.previewCount,
    createdAt: formatInstant(course.createdAt, timeZone),
    updatedAt: formatInstant(course.updatedAt, timeZone),
  };
}

/** What a course shows the public (the website and its API): the admin's view less the catalogue's own business. */
export type PublicCourseDetails = Omit<CourseDetails, 'externalId' | 'conversion'>;

/**
 * The admin's view of a course without what only the catalogue's staff should read: its own
 * external id (an import key) and the conversion of free starts into paid seats.
 */
export function publicDetails(details: CourseDetails): PublicCourseDetails {
  const { externalId: _externalId, conversion: _conversion, ...shown } = details;
  return shown;
}
