import type { SearchQuery } from '../domain/searchQuery.js';
import type { CatalogDatabase } from './database.js';
import { COURSE_COLUMNS } from './courseRows.js';
import type { CourseRow } from './courseRows.js';
import { countListedMatches, relevancePageFromCandidates } from './listedRelevancePage.js';
import { matchTally } from './matchTally.js';
import { preparedSearch } from './preparedSearches.js';
import { EFFECTIVE_PRICE_SQL, RELEVANCE_SQL, searchConditions } from './searchConditions.js';
import { startRangePrefilter } from './startRangePrefilter.js';
import type { SearchConditions } from './searchConditions.js';

export { EFFECTIVE_PRICE_SQL } from './searchConditions.js';

/** FTS5 syntax from words only: each quoted (inner quotes doubled), so any input is safe. */
export function ftsMatchExpression(terms: string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
}

const ORDER_COLUMNS = {
  price: EFFECTIVE_PRICE_SQL,
  registrations: 'c.registrations',
  start: 'c.start_date',
} as const;

/** Relevance candidates beyond twice the page's end, for a page that ends inside a tie. */
const CANDIDATE_SLACK = 100;

interface Ordering {
  sortKey: string;
  direction: 'ASC' | 'DESC';
  limit: number;
  offset: number;
}

/** Translates a SearchQuery into FTS5 SQL: the requested page and the exact total. */
export function searchCourseRows(db: CatalogDatabase, query: SearchQuery): { total: number; rows: CourseRow[] } {
  const conditions = searchConditions(query);
  // bm25 is lower-is-better, so "most relevant first" (desc) is ascending bm25.
  const ordering: Ordering = {
    sortKey: query.sort === 'relevance' ? RELEVANCE_SQL : ORDER_COLUMNS[query.sort],
    direction: query.sort === 'relevance' ? (query.order === 'desc' ? 'ASC' : 'DESC') : query.order === 'asc' ? 'ASC' : 'DESC',
    limit: query.limit,
    offset: (query.page - 1) * query.limit,
  };
  if (query.terms.length === 0) return listCourses(db, conditions, ordering);

  const params = { ...conditions.params, match: ftsMatchExpression(query.terms) };
  if (query.sort === 'relevance' && conditions.unlisted) {
    const rule = { listed: conditions.where, unlisted: conditions.unlisted };
    const counted = countListedMatches(db, params, rule);
    if (counted) {
      const { matches, listed } = counted;
      if (ordering.offset >= listed) return { total: listed, rows: [] };
      // Enough candidates to hold the page's end given the share of matches the rule keeps,
      // twice over and then some for ties (scores tie in groups: same word counts, same
      // length); eight times as many before giving up on them.
      const candidates = Math.ceil(((ordering.offset + ordering.limit) * matches * 2) / listed) + CANDIDATE_SLACK;
      for (const size of [candidates, candidates * 8]) {
        const page = {
          descending: query.order === 'desc',
          limit: ordering.limit,
          offset: ordering.offset,
          candidates: size,
          listedMatches: listed,
        };
        const seqs = relevancePageFromCandidates(db, params, rule, page);
        if (seqs) return { total: listed, rows: coursesBySeq(db, seqs) };
      }
    }
  }
  return searchMatches(db, conditions, params, ordering);
}

/** Full rows for seqs, in the order given. */
function coursesBySeq(db: CatalogDatabase, seqs: number[]): CourseRow[] {
  if (seqs.length === 0) return [];
  return preparedSearch<[string], CourseRow>(
    db,
    `SELECT ${COURSE_COLUMNS} FROM json_each(?) page JOIN courses c ON c.seq = page.value JOIN teachers t ON t.id = c.teacher_id
     ORDER BY page.key`,
  ).all(JSON.stringify(seqs));
}

/**
 * Any text search, in one pass over the matches: CROSS JOIN pins the full-text index as the
 * outer loop (left to itself the planner walks the courses index and probes FTS5 once per
 * course, ten times slower), and INDEXED BY reads each match's filter columns from the narrow
 * courses_match_cover instead of the wide row (the planner would pick the rowid). A LIMIT sort
 * keeps only the page (bm25 is computed for the matches that pass alone), the tally counts
 * every match that passes, and just the page is joined back to the full rows.
 */
function searchMatches(db: CatalogDatabase, conditions: SearchConditions, params: Record<string, unknown>, ordering: Ordering) {
  const tally = matchTally(db);
  const prefilter = startRangePrefilter(db, conditions, params);
  const sql = `
    SELECT ${COURSE_COLUMNS}
    FROM (
      SELECT c.seq AS seq, ${ordering.sortKey} AS sort_key, c.id AS id
      FROM course_text CROSS JOIN courses c INDEXED BY courses_match_cover ON c.seq = course_text.rowid
      WHERE course_text MATCH @match AND ${prefilter ? `${prefilter} AND ` : ''}${conditions.where.join(' AND ')} AND ${tally.sql('c.seq')}
      ORDER BY sort_key ${ordering.direction}, c.id ASC LIMIT @limit OFFSET @offset
    ) page
    JOIN courses c ON c.seq = page.seq JOIN teachers t ON t.id = c.teacher_id
    ORDER BY page.sort_key ${ordering.direction}, page.id ASC`;
  const statement = preparedSearch<Record<string, unknown>, CourseRow>(db, sql);
  const { result: rows, counted: total } = tally.count(() => statement.all({ ...params, limit: ordering.limit, offset: ordering.offset }));
  return { total, rows };
}

/**
 * Without text the listing indexes answer the count, and the page is chosen from narrow
 * (seq, sort key, id) tuples before the full rows of just that page are read: sorting all of a
 * 100,000-course catalogue by price carrying every description was 20 times slower.
 */
function listCourses(db: CatalogDatabase, conditions: SearchConditions, ordering: Ordering) {
  const { where, params, courseIndex = '' } = conditions;
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const total = preparedSearch<Record<string, unknown>, { n: number }>(
    db,
    `SELECT count(*) AS n FROM courses c ${courseIndex} ${whereSql}`,
  ).get(params)!.n;
  if (ordering.offset >= total) return { total, rows: [] };
  const rows = preparedSearch<Record<string, unknown>, CourseRow>(
    db,
    `SELECT ${COURSE_COLUMNS}
     FROM (SELECT c.seq AS seq, ${ordering.sortKey} AS sort_key, c.id AS id FROM courses c ${courseIndex} ${whereSql}
           ORDER BY sort_key ${ordering.direction}, c.id ASC LIMIT @limit OFFSET @offset) page
     JOIN courses c ON c.seq = page.seq JOIN teachers t ON t.id = c.teacher_id
     ORDER BY page.sort_key ${ordering.direction}, page.id ASC`,
  ).all({ ...params, limit: ordering.limit, offset: ordering.offset });
  return { total, rows };
}
