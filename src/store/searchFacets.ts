import type { SearchFacets } from '../domain/searchFacets.js';
import { FACET_NAMES, PRICE_BANDS, priceBandCounts, withoutOwnFilter } from '../domain/searchFacets.js';
import type { FacetName } from '../domain/searchFacets.js';
import type { SearchQuery } from '../domain/searchQuery.js';
import type { CatalogDatabase } from './database.js';
import { preparedSearch } from './preparedSearches.js';
import { EFFECTIVE_PRICE_SQL, searchConditions } from './searchConditions.js';
import { everyWord, narrowedMatch, wordMatches } from './textMatch.js';

/** The band of the price a student pays now, as its id (src/domain/searchFacets.ts). */
const PRICE_BAND_SQL = `(CASE ${PRICE_BANDS.filter((band) => band.belowPaise !== undefined)
  .map((band) => `WHEN ${EFFECTIVE_PRICE_SQL} < ${band.belowPaise} THEN '${band.id}'`)
  .join(' ')} ELSE '${PRICE_BANDS.at(-1)!.id}' END)`;

/**
 * The facet counts of a search, each over the search without that facet's own filter. Read in
 * one pass over the courses (or the full-text matches) when nothing narrows the matches; a
 * search for a few months narrows them in the index, and then the category and price counts,
 * which keep the month filter, are each read from that month's matches alone and only the
 * month count reads them all. With text, each match's columns come from course_facts, as in a
 * search.
 */
export function searchFacets(db: CatalogDatabase, query: SearchQuery): SearchFacets {
  const match = query.terms.length ? everyWord(wordMatches(db, query)) : undefined;
  if (match && searchConditions(query).startMonths) return facetByFacet(db, query, match);
  return inOnePass(db, query, match);
}

/**
 * Each course grouped by its category, start month and price band, and by whether it passes
 * each facet's own filter; a facet then adds up the groups that pass the other two.
 */
function inOnePass(db: CatalogDatabase, query: SearchQuery, match: string | undefined): SearchFacets {
  const unfiltered = FACET_NAMES.reduce(withoutOwnFilter, query);
  const base = searchConditions(unfiltered);
  // A facet's own filter: what its filter alone adds to the search without any of them.
  const own = Object.fromEntries(
    FACET_NAMES.map((facet) => {
      const alone = searchConditions(FACET_NAMES.filter((other) => other !== facet).reduce(withoutOwnFilter, query));
      const added = alone.where.filter((condition) => !base.where.includes(condition));
      return [facet, { sql: added.length ? added.join(' AND ') : '1', params: alone.params }];
    }),
  ) as Record<FacetName, { sql: string; params: Record<string, unknown> }>;
  const from = match ? 'course_text CROSS JOIN course_facts c ON c.seq = course_text.rowid' : `courses c ${base.courseIndex ?? ''}`;
  const where = [...(match ? ['course_text MATCH @match'] : []), ...base.where].join(' AND ');
  const groups = preparedSearch<Record<string, unknown>, FacetGroup>(
    db,
    `SELECT c.category AS category, substr(c.start_date, 1, 7) AS month, ${PRICE_BAND_SQL} AS band,
            (${own.category.sql}) AS inCategory, (${own.month.sql}) AS inMonth, (${own.price.sql}) AS inPrice, count(*) AS n
     FROM ${from} WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6`,
  ).all({ ...own.category.params, ...own.month.params, ...own.price.params, ...base.params, ...(match && { match }) });
  const byCategory = new Map<string, number>();
  const byMonth = new Map<string, number>();
  const byBand = new Map<string, number>();
  const add = (counts: Map<string, number>, value: string, n: number) => counts.set(value, (counts.get(value) ?? 0) + n);
  for (const group of groups) {
    if (group.inMonth && group.inPrice) add(byCategory, group.category, group.n);
    if (group.inCategory && group.inPrice) add(byMonth, group.month, group.n);
    if (group.inCategory && group.inMonth) add(byBand, group.band, group.n);
  }
  return facetLists(byCategory, byMonth, byBand);
}

interface FacetGroup {
  category: string;
  month: string;
  band: string;
  inCategory: number;
  inMonth: number;
  inPrice: number;
  n: number;
}

/** SQLite's order of text (its UTF-8 bytes, so code points), which the counts were listed in. */
function codePointOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** One grouped count per facet, over the search without that facet's filter, narrowed as the search is. */
function facetByFacet(db: CatalogDatabase, query: SearchQuery, match: string): SearchFacets {
  const counts = (facet: FacetName, key: string) => {
    const conditions = searchConditions(withoutOwnFilter(query, facet));
    return preparedSearch<Record<string, unknown>, { value: string; count: number }>(
      db,
      `SELECT ${key} AS value, count(*) AS count FROM course_text CROSS JOIN course_facts c ON c.seq = course_text.rowid
       WHERE course_text MATCH @match AND ${conditions.where.join(' AND ')} GROUP BY 1`,
    )
      .all({ ...conditions.params, match: narrowedMatch(match, conditions.startMonths) })
      .map(({ value, count }) => [value, count] as const);
  };
  return facetLists(
    new Map(counts('category', 'c.category')),
    new Map(counts('month', 'substr(c.start_date, 1, 7)')),
    new Map(counts('price', PRICE_BAND_SQL)),
  );
}

/** The three lists from counts by value: categories most courses first, months in order, every band. */
export function facetLists(byCategory: Map<string, number>, byMonth: Map<string, number>, byBand: Map<string, number>): SearchFacets {
  return {
    category: [...byCategory]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || codePointOrder(a.value, b.value)),
    month: [...byMonth].map(([value, count]) => ({ value, count })).sort((a, b) => codePointOrder(a.value, b.value)),
    price: priceBandCounts(byBand),
  };
}
