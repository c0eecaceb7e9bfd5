import type { CatalogDatabase } from './database.js';
import { preparedSearch } from './preparedSearches.js';
import { RELEVANCE_SQL } from './searchConditions.js';

// A relevance search whose only condition is the listing rule, answered without looking up
// every match in the course table: a common word matches over 11,000 of 100,000 courses, and a
// lookup apiece (to apply the rule, and for the id tie-break) cost as much as scoring them all.

export interface ListingRule {
  /** The rule, on the course row `c`. */
  listed: string[];
  /** The courses it leaves out, as disjoint ranges of courses_listing_cover. */
  unlisted: string[];
}

/**
 * The exact total: the full-text index counts its own matches (0.3 ms for 11,000), and the
 * matches among the courses the rule leaves out (drafts, stopped, already started) are taken
 * away. Those courses are gathered from the listing index into a set each match is tested
 * against, 0.1 µs a test. Gathering one costs about what looking up a match does, so when the
 * rule leaves out as many courses as there are matches this way is no cheaper: undefined then.
 */
export function countListedMatches(
  db: CatalogDatabase,
  params: Record<string, unknown>,
  rule: ListingRule,
): { matches: number; listed: number } | undefined {
  const unlistedCounts = rule.unlisted.map((condition) => `(SELECT count(*) FROM courses c WHERE ${condition})`).join(' + ');
  const { matches, unlisted } = preparedSearch<Record<string, unknown>, { matches: number; unlisted: number }>(
    db,
    `SELECT (SELECT count(*) FROM course_text WHERE course_text MATCH @match) AS matches, ${unlistedCounts} AS unlisted`,
  ).get(params)!;
  if (matches === 0 || unlisted === 0) return { matches, listed: matches };
  if (unlisted >= matches) return undefined;
  // `+rowid` keeps the set a test on each match: as a rowid constraint it would restart the
  // full-text match once per left-out course. (IN, not NOT IN: NOT IN also probes the set for a
  // NULL on every miss, twice the cost.)
  const gathered = rule.unlisted.map((condition) => `SELECT c.seq FROM courses c WHERE ${condition}`).join(' UNION ALL ');
  const { n } = preparedSearch<Record<string, unknown>, { n: number }>(
    db,
    `SELECT count(*) AS n FROM course_text WHERE course_text MATCH @match AND +course_text.rowid IN (${gathered})`,
  ).get(params)!;
  return { matches, listed: matches - n };
}

/**
 * The page, from the best-scoring matches alone: the full-text index scores every match (it
 * must, to rank them) and keeps the top `candidates`; only those are looked up, to apply the
 * rule and break ties on the id.
 *
 * Returns the page's seqs in order, or undefined when the candidates cannot settle it: fewer
 * than the page's end pass the rule, or the page ends on a score shared with the worst
 * candidate, so a match left outside them could tie with it and come first on its id.
 */
export function relevancePageFromCandidates(
  db: CatalogDatabase,
  params: Record<string, unknown>,
  rule: ListingRule,
  page: { descending: boolean; limit: number; offset: number; candidates: number; listedMatches: number },
): number[] | undefined {
  // bm25 is lower-is-better, so "most relevant first" is ascending. A subquery rather than a
  // materialised CTE: the LIMIT sort then feeds the join directly.
  const direction = page.descending ? 'ASC' : 'DESC';
  const ranked = preparedSearch<Record<string, unknown>, { seq: number; score: number; listed: 0 | 1 }>(
    db,
    `SELECT top.seq AS seq, top.score AS score, (${rule.listed.join(' AND ')}) AS listed
     FROM (
       SELECT course_text.rowid AS seq, ${RELEVANCE_SQL} AS score FROM course_text
       WHERE course_text MATCH @match ORDER BY score ${direction} LIMIT @candidates
     ) top CROSS JOIN courses c INDEXED BY courses_match_cover ON c.seq = top.seq
     ORDER BY top.score ${direction}, c.id ASC`,
  ).all({ ...params, candidates: page.candidates });

  const pageEnd = page.offset + page.limit;
  const listed = ranked.filter((row) => row.listed === 1);
  // With every listed match among the candidates their order is the whole answer; otherwise
  // the matches left out score no better than the worst candidate, so the page is settled only
  // if it ends on a strictly better score.
  if (listed.length < page.listedMatches) {
    const worst = ranked[ranked.length - 1]!.score;
    const last = listed[pageEnd - 1];
    if (!last || (page.descending ? !(last.score < worst) : !(last.score > worst))) return undefined;
  }
  return listed.slice(page.offset, pageEnd).map((row) => row.seq);
}
