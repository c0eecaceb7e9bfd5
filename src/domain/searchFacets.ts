import type { Paise } from './money.js';
import type { SearchQuery } from './searchQuery.js';

/**
 * Facets: how many courses of the current search fall in each category, start month and price
 * band. Each facet counts as if its own filter were not set (disjunctive faceting, as Algolia
 * and Elasticsearch's post_filter do), so picking October still shows how many courses start in
 * November; every other filter, the text and the listing rule apply.
 */
export interface FacetCount {
  value: string;
  count: number;
}

export interface PriceBandCount extends FacetCount {
  label?: string;
}

export interface SearchFacets {
  /** Categories with at least one course, most courses first (then by name). */
  category: FacetCount[];
  /** Start months as YYYY-MM with at least one course, earliest first. */
  month: FacetCount[];
  /** Every price band, in order, zeros included. */
  price: PriceBandCount[];
}

export interface PriceBand {
  id: string;
  label: string;
  /** The price a student pays now is at least this (paise)... */
  fromPaise: Paise;
  /** ...and below this, when set. */
  belowPaise?: Paise;
}

/** The price bands, on the price a student pays now (a running sale's price). */
export const PRICE_BANDS: readonly PriceBand[] = [
  { id: 'free', label: 'free', fromPaise: 0, belowPaise: 1 },
  { id: 'under-500', label: 'under \u20B9500', fromPaise: 1, belowPaise: 50_000 },
  { id: '500-999', label: '\u20B9500\u2013\u20B9999', fromPaise: 50_000, belowPaise: 100_000 },
  { id: '1000-1999', label: '\u20B91,000\u2013\u20B91,999', fromPaise: 100_000, belowPaise: 200_000 },
  { id: '2000-4999', label: '\u20B92,000\u2013\u20B94,999', fromPaise: 200_000, belowPaise: 500_000 },
  { id: '5000-plus', label: '\u20B95,000 and more', fromPaise: 500_000 },
];

export type FacetName = keyof SearchFacets;
export const FACET_NAMES: readonly FacetName[] = ['category', 'month', 'price'];

/**
 * The search a facet counts over: the same search without the facet's own filter. A new
 * filter that is also a facet lifts its own field here.
 */
export function withoutOwnFilter(query: SearchQuery, facet: FacetName): SearchQuery {
  const { category, startFrom, startTo, minPricePaise, maxPricePaise, free, ...rest } = query;
  return {
    ...rest,
    // --free is a price filter: the price facet counts every band, free among them.
    free: facet !== 'price' && free,
    ...(facet !== 'category' && category !== undefined && { category }),
    ...(facet !== 'month' && startFrom !== undefined && { startFrom }),
    ...(facet !== 'month' && startTo !== undefined && { startTo }),
    ...(facet !== 'price' && minPricePaise !== undefined && { minPricePaise }),
    ...(facet !== 'price' && maxPricePaise !== undefined && { maxPricePaise }),
  };
}

/** Price band counts in band order, zeros included, from counts by band id. */
export function priceBandCounts(counts: Map<string, number>): PriceBandCount[] {
  return PRICE_BANDS.map((band) => ({ value: band.id, label: band.label, count: counts.get(band.id) ?? 0 }));
}
