import type { SearchFacets } from '../domain/searchFacets.js';
import { type FACET_NAMES, PRICE_BANDS, priceBandCounts, withoutOwnFilter } from '../domain/searchFacets.js';
import type { SearchQuery } from '../domain/searchQuery.js';
import type { CatalogDatabase } from './database.js';
import { preparedSearch } from './preparedSearches.js';
import { EFFECTIVE_PRICE_SQL, searchConditions } from './searchConditions.js';
import { everyWord, narrowedMatch, wordMatches } from './textMatch.js';

/** The band of the price a student pays now, as its id (src/domain/searchFacets.ts). */
const PRICE_BAND_SQL = `(CASE ${PRICE_BANDS.filter((band) => band.belowPaise !== undefined)
  .map((band) => `WHEN ${EFFECTIVE_PRICE_SQL} < ${band.belowPaise} THEN '${band.id}'`)
  .join(' ')} ELSE '${PRICE_BANDS.at(-1)!.id}' END)`;

const FACET_KEYS = {
  category: { key: 'c.category', order: 'count DESC, value ASC' },
  month: { key: 'substr(c.start_date, 1, 7)', order: 'value ASC' },
  price: { key: PRICE_BAND_SQL, order: 'value ASC' },
} as const;

/**
 * The facet counts of a search, one grouped count per facet over the search without that
 * facet's filter. With text, the full-text matches are the outer loop and each match's columns
 * come from course_facts, as in a search, narrowed to the months of a start range as a search
 * narrows them (the month facet, which drops that filter, is not).
 */
export function searchFacets(db: CatalogDatabase, query: SearchQuery): SearchFacets {
  const match = query.terms.length ? everyWord(wordMatches(db, query)) : undefined;
  const counts = (facet: (typeof FACET_NAMES)[number]) => {
    const conditions = searchConditions(withoutOwnFilter(query, facet));
    const { key, order } = FACET_KEYS[facet];
    const from = match ? 'course_text CROSS JOIN course_facts c ON c.seq = course_text.rowid' : `courses c ${conditions.courseIndex ?? ''}`;
    const where = [...(match ? ['course_text MATCH @match'] : []), ...conditions.where].join(' AND ');
    return preparedSearch<Record<string, unknown>, { value: string; count: number }>(
      db,
      `SELECT ${key} AS value, count(*) AS count FROM ${from} WHERE ${where} GROUP BY 1 ORDER BY ${order}`,
    ).all({ ...conditions.params, ...(match && { match: narrowedMatch(match, conditions.startMonths) }) });
  };
  return {
    category: counts('category'),
    month: counts('month'),
    price: priceBandCounts(new Map(counts('price').map((row) => [row.value, row.count]))),
  };
}
