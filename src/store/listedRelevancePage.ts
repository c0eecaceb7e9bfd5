import type { CatalogDatabase } from './database.js';
import { statusesMatch } from './listingTokens.js';
import { preparedSearch } from './preparedSearches.js';
import type { UnlistedCourses } from './searchConditions.js';
import type { WordMatch } from './textMatch.js';
import { wordTiers } from './textMatch.js';

// A relevance search whose only condition is the listing rule, answered tier by tier: scores
// take few values (src/domain/text/relevance.ts), so the page usually lies in the best group or
// two, and only the courses of those groups are looked up (to apply the rule and sort by id). A
// common word matches over 11,000 of 100,000 courses; its title matches are a fraction of that.

export interface ListingRule {
  /** The rule, on the course row `c`. */
  listed: string[];
  /** The courses it leaves out. */
  unlisted: UnlistedCourses;
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
 * The courses matching `match` that the rule lists: the full-text index counts its own matches
 * but those of the statuses the rule leaves out (its listing column, listingTokens.ts). The
 * published courses that already started are the rest to take away: they are gathered from the
 * listing index into a set each match is tested against, unless there are as many of them as
 * matches, and then looking each match up is the cheaper way.
 */
export function countListed(db: CatalogDatabase, params: Record<string, unknown>, match: string, rule: ListingRule): number {
  const { started } = rule.unlisted;
  const counted = { ...params, match, kept: `(${match}) NOT ${statusesMatch(rule.unlisted.statuses)}` };
  const { kept } = preparedSearch<Record<string, unknown>, { kept: number }>(
    db,
    'SELECT count(*) AS kept FROM course_text WHERE course_text MATCH @kept',
  ).get(counted)!;
  if (kept === 0 || !started) return kept;
  const { startedCourses } = preparedSearch<Record<string, unknown>, { startedCourses: number }>(
    db,
    `SELECT count(*) AS startedCourses FROM (SELECT 1 FROM courses c WHERE ${started} LIMIT @kept)`,
  ).get({ ...params, kept })!;
  if (startedCourses === 0) return kept;
  if (startedCourses >= kept) {
    return preparedSearch<Record<string, unknown>, { n: number }>(
      db,
      `SELECT count(*) AS n FROM course_text CROSS JOIN course_facts c ON c.seq = course_text.rowid
       WHERE course_text MATCH @kept AND ${rule.listed.join(' AND ')}`,
    ).get(counted)!.n;
  }
  // `+rowid` keeps the set a test on each match: as a rowid constraint it would restart the
  // full-text match once per started course.
  const { n } = preparedSearch<Record<string, unknown>, { n: number }>(
    db,
    `SELECT count(*) AS n FROM course_text WHERE course_text MATCH @kept AND +course_text.rowid IN (SELECT c.seq FROM courses c WHERE ${started})`,
  ).get(counted)!;
  return kept - n;
}

/**
 * The listed courses of one group, by id, from `offset`, read the cheaper of two ways. Looking
 * up every course of the group and sorting them costs a lookup per course; walking the courses
 * in id order and keeping those in the group (gathered once into a set) costs a set test per
 * course walked, and stops at the page. A group holding one course in k is walked about
 * k × (offset + limit) courses deep, so the walk wins once the group is large:
 * test/integration/searchStrategies.test.ts checks both ways against a brute-force order.
 */
function groupPage(
  db: CatalogDatabase,
  params: Record<string, unknown>,
  group: ScoreGroup,
  rule: ListingRule,
  offset: number,
  limit: number,
): number[] {
  const bound = { ...params, group: group.expression, limit, offset };
  const sql = walkInIdOrder(db, group, offset + limit)
    ? // `+seq` keeps the set a test on each course walked (as a rowid constraint it would drive the
      // walk instead); the rule's columns are then read only for the courses in the set.
      `SELECT c.seq AS seq FROM courses c INDEXED BY ${COURSES_BY_ID}
       WHERE +c.seq IN (SELECT rowid FROM course_text WHERE course_text MATCH @group) AND ${rule.listed.join(' AND ')}
       ORDER BY c.id LIMIT @limit OFFSET @offset`
    : `SELECT c.seq AS seq FROM course_text CROSS JOIN course_facts c ON c.seq = course_text.rowid
       WHERE course_text MATCH @group AND ${rule.listed.join(' AND ')} ORDER BY c.id LIMIT @limit OFFSET @offset`;
  return preparedSearch<Record<string, unknown>, { seq: number }>(db, sql)
    .all(bound)
    .map((row) => row.seq);
}

/** The index of the courses' unique ids: SQLite names the one its first UNIQUE column has. */
const COURSES_BY_ID = 'sqlite_autoindex_courses_1';

/**
 * Whether walking the courses in id order is the cheaper way to a group's page: with n courses
 * and g in the group, the walk tests about n × depth / g courses at a fraction of a lookup's
 * cost, the lookups cost g.
 */
function walkInIdOrder(db: CatalogDatabase, group: ScoreGroup, depth: number): boolean {
  const { inGroup, courses } = preparedSearch<[string], { inGroup: number; courses: number }>(
    db,
    `SELECT (SELECT count(*) FROM course_text WHERE course_text MATCH ?) AS inGroup, (SELECT ifnull(max(seq), 0) FROM courses) AS courses`,
  ).get(group.expression)!;
  return inGroup * inGroup * WALK_COST_RATIO > courses * depth;
}

/** How many courses a walk tests for the cost of one lookup (measured: bench/results/search-group-walk.md). */
const WALK_COST_RATIO = 4;

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
