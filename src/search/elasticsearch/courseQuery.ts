import type { estypes } from '@elastic/elasticsearch';
import type { SearchQuery } from '../../domain/searchQuery.js';
import { RELEVANCE_POINTS, TEXT_COLUMNS } from '../../domain/text/relevance.js';
import { TYPO_PREFIX_LENGTH, typosAllowed } from '../../domain/text/typoPolicy.js';
import { nocaseKey } from './courseDocument.js';

/** The price period that holds `now` (exactly one per course: the periods tile the time line). */
function periodAt(now: number): estypes.QueryDslQueryContainer[] {
  return [{ range: { 'prices.from': { lte: now } } }, { range: { 'prices.until': { gt: now } } }];
}

function scored(points: number, filter: estypes.QueryDslQueryContainer): estypes.QueryDslQueryContainer {
  return { constant_score: { filter, boost: points } };
}

/**
 * One word of a search, scored as src/domain/text/relevance.ts says: the best of its tiers
 * (dis_max without a tie-breaker), each a constant score. Typos are Lucene's fuzzy query with
 * the policy's distance, fixed prefix and transpositions, rewritten to a constant score so that
 * it keeps every term within the distance — no max_expansions cut, whose choice of terms (and
 * counting terms of deleted documents) would differ from SQLite's, which reads every term
 * within the distance from its vocabulary.
 */
function wordQuery(term: string, typed: string, prefix: string | undefined): estypes.QueryDslQueryContainer {
  const typos = typosAllowed(term);
  const tiers: estypes.QueryDslQueryContainer[] = [];
  for (const column of TEXT_COLUMNS) {
    const field = `${column}_words`;
    const points = RELEVANCE_POINTS[column];
    tiers.push(scored(points.exact, { term: { [field]: term } }));
    if (typos > 0) {
      tiers.push(
        scored(points.typo, {
          fuzzy: {
            [field]: { value: typed, fuzziness: typos, prefix_length: TYPO_PREFIX_LENGTH, transpositions: true, rewrite: 'constant_score' },
          },
        }),
      );
    }
    if (prefix !== undefined) tiers.push(scored(points.prefix, { prefix: { [field]: { value: prefix } } }));
  }
  return { dis_max: { queries: tiers, tie_breaker: 0 } };
}

/** Every word must match in some form; the score is the sum of the words' points. */
export function textQuery(query: Pick<SearchQuery, 'terms' | 'typed' | 'prefix'>): estypes.QueryDslQueryContainer[] {
  return query.terms.map((term, i) => wordQuery(term, query.typed[i]!, i === query.terms.length - 1 ? query.prefix : undefined));
}

/** The filters, mirroring src/store/searchConditions.ts condition by condition. */
export function courseFilters(query: SearchQuery): {
  filter: estypes.QueryDslQueryContainer[];
  must_not: estypes.QueryDslQueryContainer[];
} {
  const filter: estypes.QueryDslQueryContainer[] = [];
  const must_not: estypes.QueryDslQueryContainer[] = [];
  if (query.includeAll) must_not.push({ term: { status: 'archived' } });
  else filter.push({ term: { status: 'published' } }, { range: { start_date: { gt: query.today } } });
  if (query.minPricePaise !== undefined || query.maxPricePaise !== undefined) {
    filter.push({
      nested: {
        path: 'prices',
        query: {
          bool: {
            filter: [
              ...periodAt(query.now),
              {
                range: {
                  'prices.amount': {
                    ...(query.minPricePaise !== undefined && { gte: query.minPricePaise }),
                    ...(query.maxPricePaise !== undefined && { lte: query.maxPricePaise }),
                  },
                },
              },
            ],
          },
        },
      },
    });
  }
  if (query.startFrom !== undefined || query.startTo !== undefined) {
    filter.push({
      range: {
        start_date: {
          ...(query.startFrom !== undefined && { gte: query.startFrom }),
          ...(query.startTo !== undefined && { lte: query.startTo }),
        },
      },
    });
  }
  if (query.category !== undefined) filter.push({ term: { category: query.category } });
  if (query.teacher !== undefined) filter.push({ term: { teacher_key: nocaseKey(query.teacher) } });
  if (query.availableOnly) filter.push({ range: { seats_left: { gt: 0 } } });
  return { filter, must_not };
}

export function courseQuery(query: SearchQuery): estypes.QueryDslQueryContainer {
  return {
    bool: {
      ...courseFilters(query),
      ...(query.terms.length > 0 && { must: textQuery(query) }),
    },
  };
}

/** The order, always ending on the id so equal keys never shuffle between pages (or backends). */
export function courseSort(query: SearchQuery): estypes.SortCombinations[] {
  const order = query.order;
  const tieBreak: estypes.SortCombinations = { id: 'asc' };
  switch (query.sort) {
    case 'relevance':
      return [{ _score: { order } }, tieBreak];
    case 'price':
      return [
        { 'prices.amount': { order, mode: 'min', nested: { path: 'prices', filter: { bool: { filter: periodAt(query.now) } } } } },
        tieBreak,
      ];
    case 'registrations':
      return [{ registrations: order }, tieBreak];
    case 'start':
      return [{ start_date: order }, tieBreak];
  }
}
