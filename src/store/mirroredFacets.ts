import { PRICE_BANDS } from '../domain/searchFacets.js';
import type { SearchFacets } from '../domain/searchFacets.js';
import type { SearchQuery } from '../domain/searchQuery.js';
import type { CourseFactsMirror } from './courseFactsMirror.js';
import type { CatalogDatabase } from './database.js';
import { effectivePriceOf, FAILED, failedConditions } from './mirroredConditions.js';
import { matchedSeqs } from './mirroredSearch.js';
import { facetLists } from './searchFacets.js';
import { everyWord, wordMatches } from './textMatch.js';

/**
 * searchFacets(query) from the in-memory copy of course_facts: one pass over the matches (or
 * every course, without text): each course's failed conditions are read once, and it counts in
 * every facet whose search (the query without that facet's own filter) it passes.
 */
export function mirroredFacets(db: CatalogDatabase, mirror: CourseFactsMirror, query: SearchQuery): SearchFacets {
  const failed = failedConditions(db, mirror, query);
  const priceAt = effectivePriceOf(mirror, query.now);
  const { category, startMonth, firstMonth } = mirror;
  const byCategory = new Int32Array(mirror.categoryNames.length);
  const byMonth = new Int32Array(Math.max(0, mirror.lastMonth - firstMonth + 1));
  const bandLimits = PRICE_BANDS.map((band) => band.belowPaise ?? Number.POSITIVE_INFINITY);
  const byBand = new Array<number>(PRICE_BANDS.length).fill(0);
  const count = (seq: number) => {
    const failures = failed(seq);
    if (failures & FAILED.other) return;
    if ((failures & ~FAILED.category) === 0) byCategory[category[seq]!]!++;
    if ((failures & ~FAILED.month) === 0) byMonth[startMonth[seq]! - firstMonth]!++;
    if ((failures & ~FAILED.price) === 0) {
      const price = priceAt(seq);
      let band = 0;
      while (price >= bandLimits[band]!) band++;
      byBand[band]!++;
    }
  };
  if (query.terms.length) for (const seq of matchedSeqs(db, everyWord(wordMatches(db, query)))) count(seq);
  else for (let seq = 0; seq < mirror.size; seq++) count(seq);
  const counted = (counts: Int32Array, valueAt: (i: number) => string) =>
    new Map([...counts].flatMap((n, i) => (n > 0 ? [[valueAt(i), n] as const] : [])));
  const monthText = (i: number) => {
    const month = firstMonth + i;
    return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
  };
  return facetLists(
    counted(byCategory, (i) => mirror.categoryNames[i]!),
    counted(byMonth, monthText),
    new Map(PRICE_BANDS.map((band, i) => [band.id, byBand[i]!])),
  );
}
