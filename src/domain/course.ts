import type { CalendarDate } from './calendar.js';
import { dateAt, formatInstant } from './calendar.js';
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
  seats: number;
  registrations: number;
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
  return sale !== null && (sale.startsAt === null || sale.startsAt <= now) && now < sale.endsAt;
}

/** The price a student pays at `now`. */
export function effectivePrice(course: Pick<Course, 'pricePaise' | 'sale'>, now: number): Paise {
  return isSaleRunning(course.sale, now) ? course.sale.pricePaise : course.pricePaise;
}

export function seatsLeft(course: Pick<Course, 'seats' | 'registrations'>): number {
  return Math.max(0, course.seats - course.registrations);
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
  seatsLeft: number;
  registrations: number;
  status: CourseStatus;
}

/** Everything `course show` tells: the summary plus what an editor needs. */
export interface CourseDetails extends CourseSummary {
  externalId: string | null;
  description: string;
  seats: number;
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
    status: course.status,
  };
}

/** Instants are given in the catalogue's zone, with its offset (formatInstant). */
export function describe(course: Course, now: number, timeZone: string): CourseDetails {
  return {
    ...summarize(course, now),
    externalId: course.externalId,
    description: course.description,
    seats: course.seats,
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
