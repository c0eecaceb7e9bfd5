import type { SearchQuery } from '../search/searchQuery.js';
import type { CatalogDatabase } from './database.js';
import { COURSE_COLUMNS, COURSE_FROM } from './courseRows.js';
import type { CourseRow } from './courseRows.js';

/** The price a student pays at @now: the sale price while a sale runs, else the list price. */
export const EFFECTIVE_PRICE_SQL = `(CASE WHEN c.sale_price_paise IS NOT NULL
  AND (c.sale_starts_at IS NULL OR c.sale_starts_at <= @now) AND c.sale_ends_at > @now
  THEN c.sale_price_paise ELSE c.price_paise END)`;

/** Title matches count ten times a description match, as in the Elasticsearch boost. */
const RELEVANCE_SQL = 'bm25(course_text, 10.0, 1.0)';

/** FTS5 syntax from words only: each quoted (inner quotes doubled), so any input is safe. */
export function ftsMatchExpression(terms: string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
}

const ORDER_COLUMNS = {
  price: EFFECTIVE_PRICE_SQL,
  registrations: 'c.registrations',
  start: 'c.start_date',
} as const;

/** Translates a SearchQuery into FTS5 SQL: one statement for the page, one for the exact total. */
export function searchCourseRows(db: CatalogDatabase, query: SearchQuery): { total: number; rows: CourseRow[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = { now: query.now };
  const withText = query.terms.length > 0;
  if (withText) {
    where.push('course_text MATCH @match');
    params.match = ftsMatchExpression(query.terms);
  }
  if (query.includeAll) {
    where.push(`c.status <> 'archived'`);
  } else {
    where.push(`c.status = 'published'`, 'c.start_date > @today');
    params.today = query.today;
  }
  if (query.minPricePaise !== undefined) {
    where.push(`${EFFECTIVE_PRICE_SQL} >= @minPrice`);
    params.minPrice = query.minPricePaise;
  }
  if (query.maxPricePaise !== undefined) {
    where.push(`${EFFECTIVE_PRICE_SQL} <= @maxPrice`);
    params.maxPrice = query.maxPricePaise;
  }
  if (query.startFrom !== undefined) {
    where.push('c.start_date >= @startFrom');
    params.startFrom = query.startFrom;
  }
  if (query.startTo !== undefined) {
    where.push('c.start_date <= @startTo');
    params.startTo = query.startTo;
  }
  if (query.category !== undefined) {
    where.push('c.category = @category');
    params.category = query.category;
  }
  if (query.teacher !== undefined) {
    where.push('t.name = @teacher COLLATE NOCASE');
    params.teacher = query.teacher;
  }
  if (query.availableOnly) where.push('c.registrations < c.seats');

  const whereSql = `WHERE ${where.join(' AND ')}`;
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  // bm25 is lower-is-better, so "most relevant first" (desc) is ascending bm25.
  const sortKey = query.sort === 'relevance' ? RELEVANCE_SQL : ORDER_COLUMNS[query.sort];
  const sortDirection = query.sort === 'relevance' ? (query.order === 'desc' ? 'ASC' : 'DESC') : direction;
  params.limit = query.limit;
  params.offset = (query.page - 1) * query.limit;
  const teacherJoin = query.teacher !== undefined ? 'JOIN teachers t ON t.id = c.teacher_id' : '';

  if (withText) {
    // One pass over the matches: CROSS JOIN pins the full-text index as the outer loop (left to
    // itself the planner walks the courses index and probes FTS5 once per course, ten times
    // slower), and INDEXED BY reads each match's filter columns from the narrow
    // courses_match_cover instead of the wide row (the planner would pick the rowid). The
    // matches are materialised once with only their sort key, counted, and just the requested
    // page is joined back to the full rows.
    const sql = `
      WITH hits AS MATERIALIZED (
        SELECT c.seq AS seq, ${sortKey} AS sort_key, c.id AS id
        FROM course_text CROSS JOIN courses c INDEXED BY courses_match_cover ON c.seq = course_text.rowid ${teacherJoin}
        ${whereSql}
      ),
      page AS (SELECT seq, sort_key, id FROM hits ORDER BY sort_key ${sortDirection}, id ASC LIMIT @limit OFFSET @offset)
      SELECT (SELECT count(*) FROM hits) AS total, ${COURSE_COLUMNS}
      FROM (SELECT 1) LEFT JOIN page ON 1 LEFT JOIN courses c ON c.seq = page.seq LEFT JOIN teachers t ON t.id = c.teacher_id
      ORDER BY page.sort_key ${sortDirection}, page.id ASC`;
    const rows = db.prepare<Record<string, unknown>, CourseRow & { total: number }>(sql).all(params);
    const total = rows[0]?.total ?? 0;
    return { total, rows: rows.filter((row) => row.id !== null) };
  }

  // Without text the listing indexes answer the count, and the page is chosen from narrow
  // (seq, sort key, id) tuples before the full rows of just that page are read: sorting all
  // of a 100,000-course catalogue by price carrying every description was 20 times slower.
  const total = (db.prepare(`SELECT count(*) AS n FROM courses c ${teacherJoin} ${whereSql}`).get(params) as { n: number }).n;
  if ((params.offset as number) >= total) return { total, rows: [] };
  const rows = db
    .prepare<Record<string, unknown>, CourseRow>(
      `SELECT ${COURSE_COLUMNS}
       FROM (SELECT c.seq AS seq, ${sortKey} AS sort_key, c.id AS id FROM courses c ${teacherJoin} ${whereSql}
             ORDER BY sort_key ${sortDirection}, c.id ASC LIMIT @limit OFFSET @offset) page
       JOIN courses c ON c.seq = page.seq JOIN teachers t ON t.id = c.teacher_id
       ORDER BY page.sort_key ${sortDirection}, page.id ASC`,
    )
    .all(params);
  return { total, rows };
}
