import { COURSE_STATUSES } from '../domain/course.js';
import { laterDate } from '../domain/searchQuery.js';
import type { SearchQuery } from '../domain/searchQuery.js';
import { startMonthsMatch } from './listingTokens.js';

/** The price a student pays at @now: the sale price while a sale runs, else the list price. */
export const EFFECTIVE_PRICE_SQL = `(CASE WHEN c.sale_price_paise IS NOT NULL
  AND (c.sale_starts_at IS NULL OR c.sale_starts_at <= @now) AND c.sale_ends_at > @now
  THEN c.sale_price_paise ELSE c.price_paise END)`;

/**
 * The conditions of a SearchQuery, text aside, all on the course row `c` alone: a search can
 * test them in one place, in the order written (the tally counts on that). With text, `c` is
 * course_facts (migration 14), which holds only the columns these conditions and the sort keys
 * read: a condition on another column needs that column added there first.
 */
export interface SearchConditions {
  where: string[];
  params: Record<string, unknown>;
  /** Set when the listing rule is the only condition: the courses it leaves out. */
  unlisted?: UnlistedCourses;
  /**
   * Set when the start date is bounded on both sides within a few months: the full-text
   * expression for the courses starting in those months (listingTokens.ts), which a text
   * search adds to its match so that only those courses are looked up.
   */
  startMonths?: string;
  /**
   * How a search without text should read the courses: one teacher's courses are few, and
   * without statistics the planner would walk the listing index instead (9 ms against 0.1 ms
   * for a teacher of 25 courses among 100,000).
   */
  courseIndex?: string;
}

/** The courses the listing rule leaves out: those of some statuses, and published ones that started. */
export interface UnlistedCourses {
  statuses: string[];
  /** The published courses it leaves out, as one range of courses_listing_cover. */
  started?: string;
}

export function searchConditions(query: SearchQuery): SearchConditions {
  const params: Record<string, unknown> = { now: query.now, today: query.today };
  const listing = query.includeAll ? [`c.status <> 'archived'`] : [`c.status = 'published'`, 'c.start_date > @today'];
  const unlisted: UnlistedCourses = query.includeAll
    ? { statuses: ['archived'] }
    : {
        statuses: COURSE_STATUSES.filter((status) => status !== 'published'),
        started: `c.status = 'published' AND c.start_date <= @today`,
      };
  const filters: string[] = [];
  if (query.startFrom !== undefined) {
    params.startFrom = query.startFrom;
    // One lower bound on the start date, not two: given `> today` and `>= from` together the
    // planner ranges the listing index over one of them and checks the other row by row, and
    // for a month next year that meant scanning ten times the courses it kept.
    if (query.includeAll) filters.push('c.start_date >= @startFrom');
    else if (query.startFrom > query.today) listing[1] = 'c.start_date >= @startFrom';
  }
  const lowestStart = query.includeAll ? query.startFrom : laterDate(query.startFrom, query.today);
  const startMonths = query.startTo !== undefined && lowestStart !== undefined ? startMonthsMatch(lowestStart, query.startTo) : undefined;
  if (query.startTo !== undefined) {
    filters.push('c.start_date <= @startTo');
    params.startTo = query.startTo;
  }
  if (query.minPricePaise !== undefined) {
    filters.push(`${EFFECTIVE_PRICE_SQL} >= @minPrice`);
    params.minPrice = query.minPricePaise;
  }
  if (query.maxPricePaise !== undefined) {
    filters.push(`${EFFECTIVE_PRICE_SQL} <= @maxPrice`);
    params.maxPrice = query.maxPricePaise;
  }
  if (query.category !== undefined) {
    filters.push('c.category = @category');
    params.category = query.category;
  }
  if (query.teacher !== undefined) {
    filters.push('c.teacher_id IN (SELECT t.id FROM teachers t WHERE t.name = @teacher COLLATE NOCASE)');
    params.teacher = query.teacher;
  }
  if (query.free) filters.push(`${EFFECTIVE_PRICE_SQL} = 0`);
  if (query.freeStart) {
    filters.push('c.free_days IS NOT NULL');
    // Joinable: the default listing says so already; --all lifts it, this filter does not.
    if (query.includeAll) filters.push(`c.status = 'published'`, 'c.start_date > @today');
  }
  if (query.availableOnly) filters.push('(c.seats IS NULL OR c.registrations < c.seats)');
  // A start date from today or earlier adds nothing to the default rule.
  const listingOnly = filters.length === 0 && (query.includeAll || query.startFrom === undefined || query.startFrom <= query.today);
  return {
    where: [...listing, ...filters],
    params,
    ...(listingOnly && { unlisted }),
    ...(startMonths && { startMonths }),
    ...(query.teacher !== undefined && { courseIndex: 'INDEXED BY courses_by_teacher' }),
  };
}
