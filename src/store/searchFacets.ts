import type { SearchFacets } from '../domain/searchFacets.js';
import { FACET_NAMES, PRICE_BANDS, priceBandCounts, withoutOwnFilter } from '../domain/searchFacets.js';
import type { FacetName } from '../domain/searchFacets.js';
import type { SearchQuery } from '../domain/searchQuery.js';
import type { CatalogDatabase } from './database.js';
import { preparedSearch } from './preparedSearches.js';
import { EFFECTIVE_PRICE_SQL, searchConditions } from './searchConditions.js';
import { everyWord, wordMatches } from './textMatch.js';

/** The band of the price a student pays now, as its id (src/domain/searchFacets.ts). */
const PRICE_BAND_SQL = `(CASE ${PRICE_BANDS.filter((band) => band.belowPaise !== undefined)
  .map((band) => `WHEN ${EFFECTIVE_PRICE_SQL} < ${band.belowPaise} THEN '${band.id}'`)
  .join(' ')} ELSE '${PRICE_BANDS.at(-1)!.id}' END)`;

/**
 * The facet counts of a search, each over the search without that facet's own filter, all
 * three read in one pass: each course is grouped by its category, start month and price band,
 * and by whether it passes each facet's filter; a facet then adds up the groups that pass the
 * other two. A search without any of those filters is three counts of the same courses, which
 * took three passes. With text, the full-text matches are the outer loop and each match's
 * columns come from course_facts, as in a search.
 */
export function searchFacets(db: CatalogDatabase, query: SearchQuery): SearchFacets {
  const match = query.terms.length ? everyWord(wordMatches(db, query)) : undefined;
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
  return {
    category: [...byCategory]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || codePointOrder(a.value, b.value)),
    month: [...byMonth].map(([value, count]) => ({ value, count })).sort((a, b) => codePointOrder(a.value, b.value)),
    price: priceBandCounts(byBand),
  };
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
