import { describe, summarize } from '../domain/course.js';
import type { Course, CourseDetails } from '../domain/course.js';
import { buildSearchQuery } from '../domain/searchQuery.js';
import type { SearchRequest } from '../domain/searchQuery.js';
import type { SearchResult } from '../search/searchClient.js';
import type { CatalogContext } from './catalogContext.js';
import { searchCatalogue } from './searchCatalogue.js';

/**
 * A page of `course list`: every status but archived through the search model (always on
 * SQLite, the truth rather than an index) with its filters and sorts; archived courses, or every
 * course (the old --all), by start date, paged only when `paged`.
 */
export async function listCourses(
  ctx: CatalogContext,
  request: SearchRequest,
  options: { statuses: 'listed' | 'archived' | 'all'; paged: boolean },
): Promise<SearchResult> {
  if (options.statuses === 'listed') return searchCatalogue(ctx, { ...request, all: true }, 'sqlite');
  const now = ctx.clock();
  const courses = ctx.courses.list(options.statuses === 'archived' ? { status: ['archived'] } : { includeArchived: true });
  const { limit, page } = buildSearchQuery(request, { now, timeZone: ctx.config.timeZone });
  const shown = options.paged ? courses.slice((page - 1) * limit, page * limit) : courses;
  return {
    total: courses.length,
    page: options.paged ? page : 1,
    limit: options.paged ? limit : Math.max(1, courses.length),
    results: shown.map((course) => summarize(course, now)),
  };
}

/** One course, everything `course show` tells. */
export function showCourse(ctx: CatalogContext, id: string): CourseDetails {
  return describe(ctx.courses.get(id), ctx.clock(), ctx.config.timeZone);
}

/** A course as `--json` prints it after a change. */
export function courseDetails(ctx: CatalogContext, course: Course): CourseDetails {
  return describe(course, ctx.clock(), ctx.config.timeZone);
}
