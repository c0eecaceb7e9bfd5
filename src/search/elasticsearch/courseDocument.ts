import type { Course, CourseStatus } from '../../domain/course.js';
import { effectivePrice, seatsLeft } from '../../domain/course.js';
import { indexedText } from '../../domain/text/courseTerms.js';

export interface PricePeriod {
  from: number;
  until: number;
  amount: number;
}

/** A course as the index holds it (see courseIndex.ts for what each field is for). */
export interface CourseDocument {
  id: string;
  title: string;
  title_words: string;
  description: string;
  description_words: string;
  teacher: string;
  teacher_key: string;
  category: string;
  price_paise: number;
  sale: { price_paise: number; starts_at: number | null; ends_at: number } | null;
  prices: PricePeriod[];
  start_date: string;
  end_date: string;
  /** null: no seat limit. */
  seats: number | null;
  registrations: number;
  /** null: no seat limit, so never sold out. */
  seats_left: number | null;
  /** A free start's days and the day its upgrade closes (null: the day after them); both null without one. */
  free_days: number | null;
  upgrade_until_day: number | null;
  status: CourseStatus;
  version: number;
  updated_at: number;
  effective_price_paise: number;
  effective_at: number;
  /** How many modules, materials and previews the course has ("12 lessons, 3 previews"). */
  modules: number;
  materials: number;
  previews: number;
}

/** Open ends of the time line, as longs both JSON and Elasticsearch hold exactly. */
export const BEGINNING_OF_TIME = Number.MIN_SAFE_INTEGER;
export const END_OF_TIME = Number.MAX_SAFE_INTEGER;

/** SQLite's NOCASE folds only A-Z; folding more would make the backends disagree on names like "Émile". */
export function nocaseKey(text: string): string {
  if (!/[^\x00-\x7F]/.test(text)) return text.toLowerCase();
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** The list price before and after a sale, the sale price while it runs. */
export function pricePeriods(course: Pick<Course, 'pricePaise' | 'sale'>): PricePeriod[] {
  const { sale, pricePaise } = course;
  if (!sale) return [{ from: BEGINNING_OF_TIME, until: END_OF_TIME, amount: pricePaise }];
  const startsAt = sale.startsAt ?? BEGINNING_OF_TIME;
  if (startsAt >= sale.endsAt) return [{ from: BEGINNING_OF_TIME, until: END_OF_TIME, amount: pricePaise }];
  const periods: PricePeriod[] = [];
  if (startsAt > BEGINNING_OF_TIME) periods.push({ from: BEGINNING_OF_TIME, until: startsAt, amount: pricePaise });
  periods.push({ from: startsAt, until: sale.endsAt, amount: sale.pricePaise });
  periods.push({ from: sale.endsAt, until: END_OF_TIME, amount: pricePaise });
  return periods;
}

export function courseDocument(course: Course, now: number): CourseDocument {
  return {
    id: course.id,
    title: course.title,
    title_words: indexedText(course.title),
    description: course.description,
    description_words: indexedText(course.description),
    teacher: course.teacher,
    teacher_key: nocaseKey(course.teacher),
    category: course.category,
    price_paise: course.pricePaise,
    sale: course.sale && { price_paise: course.sale.pricePaise, starts_at: course.sale.startsAt, ends_at: course.sale.endsAt },
    prices: pricePeriods(course),
    start_date: course.startDate,
    end_date: course.endDate,
    seats: course.seats,
    registrations: course.registrations,
    seats_left: seatsLeft(course),
    free_days: course.freeDays,
    upgrade_until_day: course.upgradeUntilDay,
    status: course.status,
    version: course.version,
    updated_at: course.updatedAt,
    effective_price_paise: effectivePrice(course, now),
    effective_at: now,
    modules: course.moduleCount,
    materials: course.materialCount,
    previews: course.previewCount,
  };
}

/** The fields a search result needs, read back from a stored document. */
export const SUMMARY_SOURCE_FIELDS = [
  'id',
  'title',
  'teacher',
  'category',
  'price_paise',
  'sale',
  'start_date',
  'end_date',
  'seats',
  'registrations',
  'free_days',
  'upgrade_until_day',
  'status',
  'version',
  'updated_at',
];

/** Enough of a Course to summarize it; fields a summary never shows are left empty. */
export function courseFromDocument(
  doc: Pick<
    CourseDocument,
    | 'id'
    | 'title'
    | 'teacher'
    | 'category'
    | 'price_paise'
    | 'sale'
    | 'start_date'
    | 'end_date'
    | 'seats'
    | 'registrations'
    | 'free_days'
    | 'upgrade_until_day'
    | 'status'
    | 'version'
    | 'updated_at'
  >,
): Course {
  return {
    id: doc.id,
    externalId: null,
    title: doc.title,
    description: '',
    teacher: doc.teacher,
    category: doc.category,
    pricePaise: doc.price_paise,
    sale: doc.sale && { pricePaise: doc.sale.price_paise, startsAt: doc.sale.starts_at, endsAt: doc.sale.ends_at },
    startDate: doc.start_date,
    endDate: doc.end_date,
    seats: doc.seats,
    registrations: doc.registrations,
    // Documents written before free starts existed have neither field.
    freeDays: doc.free_days ?? null,
    upgradeUntilDay: doc.upgrade_until_day ?? null,
    // Enrolment counts are not indexed: `course show` reads them from SQLite.
    freeEnrolments: 0,
    freeStarts: 0,
    upgrades: 0,
    status: doc.status,
    stopReason: null,
    version: doc.version,
    createdAt: 0,
    updatedAt: doc.updated_at,
    // Not read back into search results (SUMMARY_SOURCE_FIELDS); `course show` reads SQLite.
    moduleCount: 0,
    materialCount: 0,
    previewCount: 0,
  };
}
