import type { SearchQuery } from '../domain/searchQuery.js';
import type { CatalogDatabase } from './database.js';
import { COURSE_COLUMNS } from './courseRows.js';
import type { CourseRow } from './courseRows.js';
import { listedRelevancePage } from './listedRelevancePage.js';
import type { CourseFactsMirror } from './courseFactsMirror.js';
import { matchTally } from './matchTally.js';
import { mirroredSearch } from './mirroredSearch.js';
import { preparedSearch } from './preparedSearches.js';
import { EFFECTIVE_PRICE_SQL, searchConditions } from './searchConditions.js';
import type { SearchConditions } from './searchConditions.js';
import { everyWord, narrowedMatch, wordMatches, wordTiers } from './textMatch.js';
import type { WordMatch } from './textMatch.js';

export { EFFECTIVE_PRICE_SQL } from './searchConditions.js';

const ORDER_COLUMNS = {
  price: EFFECTIVE_PRICE_SQL,
  registrations: 'c.registrations',
  start: 'c.start_date',
} as const;

interface Ordering {
  sortKey: string;
  direction: 'ASC' | 'DESC';
  limit: number;
  offset: number;
}

/**
 * A course's relevance score in SQL (src/domain/text/relevance.ts): per word, the points of
 * the best tier whose courses (a set read once per statement) hold it; a match that is in none
 * of a word's better tiers is in its last one.
 */
function relevanceSql(words: WordMatch[], params: Record<string, unknown>, narrowing: string | undefined): string {
  return words
    .map((word, w) => {
      const tiers = wordTiers(word);
      const cases = tiers.slice(0, -1).map((tier, t) => {
        params[`tier_${w}_${t}`] = narrowedMatch(tier.expression, narrowing);
        return `WHEN c.seq IN (SELECT rowid FROM course_text WHERE course_text MATCH @tier_${w}_${t}) THEN ${tier.points}`;
      });
      return `(CASE ${cases.join(' ')} ELSE ${tiers.at(-1)!.points} END)`;
    })
    .join(' + ');
}

/**
 * Translates a SearchQuery into FTS5 SQL: the requested page and the exact total. Given the
 * in-memory copy of course_facts, refreshed in this read's transaction, a text search sorted by
 * a course field checks its matches there instead (mirroredSearch.ts).
 */
export function searchCourseRows(
  db: CatalogDatabase,
  query: SearchQuery,
  mirror?: CourseFactsMirror,
): { total: number; rows: CourseRow[] } {
  const conditions = searchConditions(query);
  const ordering: Ordering = {
    sortKey: query.sort === 'relevance' ? '' : ORDER_COLUMNS[query.sort],
    direction: query.order === 'asc' ? 'ASC' : 'DESC',
    limit: query.limit,
    offset: (query.page - 1) * query.limit,
  };
  if (query.terms.length === 0) return listCourses(db, conditions, ordering);

  const words = wordMatches(db, query);
  // A start range of a few months narrows the matches in the index (listingTokens.ts): only the
  // courses of those months are looked up, and the relevance tiers are gathered from them alone.
  const narrowing = conditions.startMonths;
  const match = narrowedMatch(everyWord(words), narrowing);
  const params: Record<string, unknown> = { ...conditions.params, match };
  if (query.sort !== 'relevance' && mirror) {
    const page = { sortKey: query.sort, descending: query.order === 'desc', limit: ordering.limit, offset: ordering.offset };
    const { total, seqs } = mirroredSearch(db, mirror, query, match, page);
    return { total, rows: coursesBySeq(db, seqs) };
  }
  if (query.sort !== 'relevance') return searchMatches(db, conditions, params, ordering);
  if (conditions.unlisted) {
    const rule = { listed: conditions.where, unlisted: conditions.unlisted };
    const page = { descending: query.order === 'desc', limit: ordering.limit, offset: ordering.offset };
    const tiered = listedRelevancePage(db, words, params, rule, page);
    if (tiered) return { total: tiered.total, rows: coursesBySeq(db, tiered.seqs) };
  }
  return searchMatches(db, conditions, params, { ...ordering, sortKey: relevanceSql(words, params, narrowing) });
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
 * course, ten times slower), and each match's filter columns are read from course_facts, a
 * narrow table keyed by seq (migration 14), instead of the wide course row. A LIMIT sort keeps
 * only the page (the sort key, a relevance score too, is computed for the matches that pass
 * alone), the tally counts every match that passes, and just the page is joined back to the
 * full rows.
 */
function searchMatches(db: CatalogDatabase, conditions: SearchConditions, params: Record<string, unknown>, ordering: Ordering) {
  const tally = matchTally(db);
  const sql = `
    SELECT ${COURSE_COLUMNS}
    FROM (
      SELECT c.seq AS seq, ${ordering.sortKey} AS sort_key, c.id AS id
      FROM course_text CROSS JOIN course_facts c ON c.seq = course_text.rowid
      WHERE course_text MATCH @match AND ${conditions.where.join(' AND ')} AND ${tally.sql('c.seq')}
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
