import type { CatalogDatabase } from './database.js';
import { preparedSearch } from './preparedSearches.js';
import type { WordMatch } from './textMatch.js';
import { wordTiers } from './textMatch.js';

// A relevance search whose only condition is the listing rule, answered tier by tier: scores
// take few values (src/domain/text/relevance.ts), so the page usually lies in the best group or
// two, and only the courses of those groups are looked up (to apply the rule and sort by id). A
// common word matches over 11,000 of 100,000 courses; its title matches are a fraction of that.

export interface ListingRule {
  /** The rule, on the course row `c`. */
  listed: string[];
  /** The courses it leaves out, as disjoint ranges of courses_listing_cover. */
  unlisted: string[];
}

/** One score a course can have, and an FTS5 expression for exactly the courses that have it. */
interface ScoreGroup {
  points: number;
  expression: string;
}

/** Past this many combinations of tiers, scoring every match in one pass is simpler and no slower. */
const MAX_COMBINATIONS = 64;

/**
 * The score groups, best first (or worst first): each combination of one tier per word, where
 * a word's tier excludes its better tiers so that a course lands in exactly one combination,
 * grouped by the points they add up to.
 */
export function scoreGroups(words: WordMatch[], descending: boolean): ScoreGroup[] | undefined {
  const tiersPerWord = words.map((word) => {
    const tiers = wordTiers(word);
    return tiers.map((tier, i) => ({
      points: tier.points,
      expression:
        i === 0
          ? tier.expression
          : `(${tier.expression} NOT (${tiers
              .slice(0, i)
              .map((better) => better.expression)
              .join(' OR ')}))`,
    }));
  });
  if (tiersPerWord.reduce((product, tiers) => product * tiers.length, 1) > MAX_COMBINATIONS) return undefined;
  let combinations: { points: number; parts: string[] }[] = [{ points: 0, parts: [] }];
  for (const tiers of tiersPerWord) {
    combinations = combinations.flatMap((combination) =>
      tiers.map((tier) => ({ points: combination.points + tier.points, parts: [...combination.parts, tier.expression] })),
    );
  }
  const byPoints = new Map<number, string[]>();
  for (const combination of combinations) {
    const expression = combination.parts.join(' AND ');
    byPoints.set(combination.points, [...(byPoints.get(combination.points) ?? []), `(${expression})`]);
  }
  return [...byPoints]
    .sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]))
    .map(([points, expressions]) => ({ points, expression: expressions.join(' OR ') }));
}

/**
 * The courses matching `match` that the rule lists. The full-text index counts its own matches
 * (0.3 ms for 11,000), and the matches among the courses the rule leaves out (drafts, stopped,
 * already started) are taken away; those are gathered from the listing index into a set each
 * match is tested against, 0.1 µs a test. When the rule leaves out as many courses as there are
 * matches, looking each match up is the cheaper way.
 */
export function countListed(db: CatalogDatabase, params: Record<string, unknown>, match: string, rule: ListingRule): number {
  const unlistedCounts = rule.unlisted.map((condition) => `(SELECT count(*) FROM courses c WHERE ${condition})`).join(' + ');
  const counted = { ...params, match };
  const { matches, unlisted } = preparedSearch<Record<string, unknown>, { matches: number; unlisted: number }>(
    db,
    `SELECT (SELECT count(*) FROM course_text WHERE course_text MATCH @match) AS matches, ${unlistedCounts} AS unlisted`,
  ).get(counted)!;
  if (matches === 0 || unlisted === 0) return matches;
  if (unlisted >= matches) {
    return preparedSearch<Record<string, unknown>, { n: number }>(
      db,
      `SELECT count(*) AS n FROM course_text CROSS JOIN course_facts c ON c.seq = course_text.rowid
       WHERE course_text MATCH @match AND ${rule.listed.join(' AND ')}`,
    ).get(counted)!.n;
  }
  // `+rowid` keeps the set a test on each match: as a rowid constraint it would restart the
  // full-text match once per left-out course. (IN, not NOT IN: NOT IN also probes the set for a
  // NULL on every miss, twice the cost.)
  const gathered = rule.unlisted.map((condition) => `SELECT c.seq FROM courses c WHERE ${condition}`).join(' UNION ALL ');
  const { n } = preparedSearch<Record<string, unknown>, { n: number }>(
    db,
    `SELECT count(*) AS n FROM course_text WHERE course_text MATCH @match AND +course_text.rowid IN (${gathered})`,
  ).get(counted)!;
  return matches - n;
}

/** The listed courses of one group, by id, from `offset`. */
function groupPage(
  db: CatalogDatabase,
  params: Record<string, unknown>,
  group: ScoreGroup,
  rule: ListingRule,
  offset: number,
  limit: number,
): number[] {
  return preparedSearch<Record<string, unknown>, { seq: number }>(
    db,
    `SELECT c.seq AS seq FROM course_text CROSS JOIN course_facts c ON c.seq = course_text.rowid
     WHERE course_text MATCH @group AND ${rule.listed.join(' AND ')} ORDER BY c.id LIMIT @limit OFFSET @offset`,
  )
    .all({ ...params, group: group.expression, limit, offset })
    .map((row) => row.seq);
}

/**
 * The page's seqs in order (score, then id) and the total, or undefined when the words have too
 * many combinations of tiers for this way. Groups before the page are counted, not read.
 */
export function listedRelevancePage(
  db: CatalogDatabase,
  words: WordMatch[],
  params: Record<string, unknown>,
  rule: ListingRule,
  page: { descending: boolean; limit: number; offset: number },
): { total: number; seqs: number[] } | undefined {
  const groups = scoreGroups(words, page.descending);
  if (!groups) return undefined;
  const total = countListed(db, params, params.match as string, rule);
  const seqs: number[] = [];
  let offset = page.offset;
  if (offset >= total) return { total, seqs };
  let need = Math.min(page.limit, total - offset);
  for (const group of groups) {
    if (need === 0) break;
    if (offset > 0) {
      const inGroup = countListed(db, params, group.expression, rule);
      if (offset >= inGroup) {
        offset -= inGroup;
        continue;
      }
    }
    const found = groupPage(db, params, group, rule, offset, need);
    seqs.push(...found);
    need -= found.length;
    offset = 0;
  }
  return { total, seqs };
}
