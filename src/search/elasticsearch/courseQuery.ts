import type { estypes } from '@elastic/elasticsearch';
import type { FacetName } from '../../domain/searchFacets.js';
import { PRICE_BANDS, withoutOwnFilter } from '../../domain/searchFacets.js';
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

/** The filter on the price a student pays at the query's instant (the period holding it); --free is a price of ₹0. */
function priceFilter(query: SearchQuery): estypes.QueryDslQueryContainer | undefined {
  if (query.minPricePaise === undefined && query.maxPricePaise === undefined && !query.free) return undefined;
  const minPricePaise = query.minPricePaise;
  const maxPricePaise = query.free ? Math.min(0, query.maxPricePaise ?? 0) : query.maxPricePaise;
  return {
    nested: {
      path: 'prices',
      query: {
        bool: {
          filter: [
            ...periodAt(query.now),
            {
              range: {
                'prices.amount': {
                  ...(minPricePaise !== undefined && { gte: minPricePaise }),
                  ...(maxPricePaise !== undefined && { lte: maxPricePaise }),
                },
              },
            },
          ],
        },
      },
    },
  };
}

function startFilter(query: SearchQuery): estypes.QueryDslQueryContainer | undefined {
  if (query.startFrom === undefined && query.startTo === undefined) return undefined;
  return {
    range: {
      start_date: {
        ...(query.startFrom !== undefined && { gte: query.startFrom }),
        ...(query.startTo !== undefined && { lte: query.startTo }),
      },
    },
  };
}

function categoryFilter(query: SearchQuery): estypes.QueryDslQueryContainer | undefined {
  return query.category === undefined ? undefined : { term: { category: query.category } };
}

/** The filters that are also facets, by facet (src/domain/searchFacets.ts). */
export function facetFilters(query: SearchQuery): Record<FacetName, estypes.QueryDslQueryContainer | undefined> {
  return { category: categoryFilter(query), month: startFilter(query), price: priceFilter(query) };
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
  for (const facetFilter of Object.values(facetFilters(query))) if (facetFilter) filter.push(facetFilter);
  if (query.teacher !== undefined) filter.push({ term: { teacher_key: nocaseKey(query.teacher) } });
  if (query.freeStart) {
    filter.push({ exists: { field: 'free_days' } });
    // Joinable: the default listing says so already; --all lifts it, this filter does not.
    if (query.includeAll) filter.push({ term: { status: 'published' } }, { range: { start_date: { gt: query.today } } });
  }
  // A course without a seat limit has no seats_left: never sold out.
  if (query.availableOnly)
    filter.push({ bool: { should: [{ range: { seats_left: { gt: 0 } } }, { bool: { must_not: { exists: { field: 'seats_left' } } } }] } });
  return { filter, must_not };
}

/**
 * The facet counts as aggregations of one request: each facet is a filter aggregation over the
 * search without that facet's own filter (withoutOwnFilter), so the request's query is the
 * search with no facet filter at all and each aggregation adds the other facets' filters.
 */
export function facetRequest(query: SearchQuery): {
  query: estypes.QueryDslQueryContainer;
  aggregations: Record<string, estypes.AggregationsAggregationContainer>;
} {
  const base = withoutOwnFilter(withoutOwnFilter(withoutOwnFilter(query, 'category'), 'month'), 'price');
  const others = (facet: FacetName) => Object.values(facetFilters(withoutOwnFilter(query, facet))).filter((filter) => filter !== undefined);
  const bands: estypes.AggregationsAggregationRange[] = PRICE_BANDS.map((band) => ({
    key: band.id,
    ...(band.fromPaise > 0 && { from: band.fromPaise }),
    ...(band.belowPaise !== undefined && { to: band.belowPaise }),
  }));
  return {
    query: courseQuery(base),
    aggregations: {
      category: {
        filter: { bool: { filter: others('category') } },
        aggregations: {
          values: { terms: { field: 'category', size: 10_000, order: [{ _count: 'desc' }, { _key: 'asc' }] } },
        },
      },
      month: {
        filter: { bool: { filter: others('month') } },
        aggregations: {
          values: { date_histogram: { field: 'start_date', calendar_interval: 'month', format: 'yyyy-MM', min_doc_count: 1 } },
        },
      },
      price: {
        filter: { bool: { filter: others('price') } },
        aggregations: {
          periods: {
            nested: { path: 'prices' },
            aggregations: {
              now: {
                filter: { bool: { filter: periodAt(query.now) } },
                aggregations: { bands: { range: { field: 'prices.amount', keyed: false, ranges: bands } } },
              },
            },
          },
        },
      },
    },
  };
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
