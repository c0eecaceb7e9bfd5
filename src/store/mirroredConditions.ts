import { COURSE_STATUSES, saleRunsAt } from '../domain/course.js';
import type { SearchQuery } from '../domain/searchQuery.js';
import { dayNumber, NO_COURSE } from './courseFactsMirror.js';
import type { CourseFactsMirror } from './courseFactsMirror.js';
import type { CatalogDatabase } from './database.js';
import { preparedSearch } from './preparedSearches.js';

const PUBLISHED = COURSE_STATUSES.indexOf('published');
const ARCHIVED = COURSE_STATUSES.indexOf('archived');

/** The price a student pays at `now` (the domain's effectivePrice), from the copy. */
export function effectivePriceOf(mirror: CourseFactsMirror, now: number) {
  const { price, salePrice, saleStarts, saleEnds } = mirror;
  return (seq: number) => {
    const sale = salePrice[seq]!;
    return !Number.isNaN(sale) && saleRunsAt(saleStarts[seq]!, saleEnds[seq]!, now) ? sale : price[seq]!;
  };
}

export function sortKeyOf(mirror: CourseFactsMirror, now: number, sortKey: 'price' | 'registrations' | 'start'): (seq: number) => number {
  if (sortKey === 'price') return effectivePriceOf(mirror, now);
  const column = sortKey === 'registrations' ? mirror.registrations : mirror.startDay;
  return (seq) => column[seq]!;
}

/**
 * The conditions a course can fail, as bits: a facet counts the courses that fail none but its
 * own filter's (src/domain/searchFacets.ts, withoutOwnFilter).
 */
export const FAILED = { category: 1, month: 2, price: 4, other: 8 } as const;

/** searchConditions(query) on the in-memory copy of course_facts: whether the course of a seq meets every one. */
export function conditionsOf(db: CatalogDatabase, mirror: CourseFactsMirror, query: SearchQuery): (seq: number) => boolean {
  const failed = failedConditions(db, mirror, query);
  return (seq) => failed(seq) === 0;
}

/**
 * searchConditions(query) on the in-memory copy of course_facts: which ones the course of a seq
 * fails (FAILED's bits; 0 for none). The same rules read the same way
 * (test/integration/courseFactsMirror.test.ts and searchStrategies.test.ts hold the two to the
 * same answers, and to a brute-force reading of every course).
 */
export function failedConditions(db: CatalogDatabase, mirror: CourseFactsMirror, query: SearchQuery): (seq: number) => number {
  const { status, startDay, registrations, seats, hasFreeStart, category, teacherId } = mirror;
  const priceAt = effectivePriceOf(mirror, query.now);
  const today = dayNumber(query.today);
  const from = query.startFrom === undefined ? Number.NEGATIVE_INFINITY : dayNumber(query.startFrom);
  const to = query.startTo === undefined ? Number.POSITIVE_INFINITY : dayNumber(query.startTo);
  const minPrice = query.minPricePaise ?? Number.NEGATIVE_INFINITY;
  const maxPrice = query.maxPricePaise ?? Number.POSITIVE_INFINITY;
  const { free, freeStart, availableOnly } = query;
  // A category no course has: every course fails it.
  const wantedCategory = query.category === undefined ? undefined : (mirror.categoryCodes.get(query.category) ?? -1);
  const checksPrice = query.minPricePaise !== undefined || query.maxPricePaise !== undefined || free;
  const teachers =
    query.teacher === undefined
      ? undefined
      : new Set(preparedSearch<[string], number>(db, 'SELECT id FROM teachers WHERE name = ? COLLATE NOCASE').pluck().all(query.teacher));
  // Joinable: the default listing says so already; --all lifts it, --free-start does not.
  const mustBeJoinable = !query.includeAll || freeStart;
  return (seq) => {
    const code = status[seq]!;
    if (code === NO_COURSE || code === ARCHIVED) return FAILED.other;
    const start = startDay[seq]!;
    if (mustBeJoinable && (code !== PUBLISHED || start <= today)) return FAILED.other;
    if (teachers && !teachers.has(teacherId[seq]!)) return FAILED.other;
    if (freeStart && !hasFreeStart[seq]) return FAILED.other;
    if (availableOnly && !(registrations[seq]! < seats[seq]!)) return FAILED.other;
    let failed = 0;
    if (start < from || start > to) failed |= FAILED.month;
    if (checksPrice) {
      const price = priceAt(seq);
      if (price < minPrice || price > maxPrice || (free && price !== 0)) failed |= FAILED.price;
    }
    if (wantedCategory !== undefined && category[seq] !== wantedCategory) failed |= FAILED.category;
    return failed;
  };
}
