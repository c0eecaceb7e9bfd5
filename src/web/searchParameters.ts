import { UsageError } from '../errors.js';
import type { RequestSpelling, SearchRequest } from '../domain/searchQuery.js';

/** Problems are told in URL parameters: `minPrice "abc" is not an amount`, `write it like minPrice=599`. */
export const PARAMETER_SPELLING: RequestSpelling = {
  name: (field) => field,
  example: (field, value) => `${field}=${value}`,
};

/**
 * The URL parameters of the search page and /api/search, in the order links write them. Each is
 * a SearchRequest field under the same name, except `q` (the text). No `all`: the storefront only
 * ever lists what students may buy.
 */
export const SEARCH_PARAMETERS = [
  'q',
  'category',
  'minPrice',
  'maxPrice',
  'month',
  'from',
  'to',
  'teacher',
  'available',
  'free',
  'freeStart',
  'sort',
  'order',
  'page',
  'limit',
  'facets',
] as const;
export type SearchParameter = (typeof SEARCH_PARAMETERS)[number];

/** The parameters as given, blanks dropped: what a form is refilled with and links are built from. */
export type SearchValues = Partial<Record<SearchParameter, string>>;

const YES = new Set(['1', 'true', 'on', 'yes']);
const NO = new Set(['0', 'false', 'off', 'no']);

/** Whether a yes/no parameter says yes (a search form's box is then ticked). */
export function saysYes(value: string | undefined): boolean {
  return value !== undefined && YES.has(value.trim().toLowerCase());
}

type QueryString = Record<string, string | string[] | undefined>;

/** Reads the known parameters; buildSearchQuery judges their values. Unknown ones are ignored. */
export function searchValuesFrom(query: QueryString): SearchValues {
  const values: SearchValues = {};
  for (const name of SEARCH_PARAMETERS) {
    const value = query[name];
    if (Array.isArray(value)) throw new UsageError(`${name} is given ${value.length} times`, `keep one ${name}=... in the address`);
    if (value !== undefined && value.trim() !== '') values[name] = value;
  }
  return values;
}

function yesOrNo(name: 'available' | 'free' | 'freeStart' | 'facets', value: string, meaning: string): boolean {
  const answer = value.trim().toLowerCase();
  if (!YES.has(answer) && !NO.has(answer))
    throw new UsageError(`${name} "${value}" is not yes or no`, `write ${name}=1 ${meaning}, or leave it out`);
  return YES.has(answer);
}

/**
 * The SearchRequest the values stand for. `facets` asks the search service for counts per
 * category, month and price band; the search page always asks.
 */
export function searchRequestFrom(values: SearchValues, options: { facets?: boolean } = {}): SearchRequest {
  const { q, available, free, freeStart, facets, ...rest } = values;
  const request: SearchRequest = { ...rest };
  if (q !== undefined) request.text = q;
  if (available !== undefined) request.available = yesOrNo('available', available, 'to hide sold-out courses');
  if (free !== undefined) request.free = yesOrNo('free', free, 'for courses free now');
  if (freeStart !== undefined) request.freeStart = yesOrNo('freeStart', freeStart, 'for courses that start free');
  const wantsFacets =
    options.facets ?? (facets !== undefined && yesOrNo('facets', facets, 'for counts per category, month and price band'));
  if (wantsFacets) request.facets = true;
  return request;
}

/** The search page's address for these values: blanks and page 1 left out, so links stay short. */
export function searchHref(values: SearchValues, changes: SearchValues = {}): string {
  const merged: SearchValues = { ...values, ...changes };
  const params = new URLSearchParams();
  for (const name of SEARCH_PARAMETERS) {
    const value = merged[name];
    if (value === undefined || value === '' || (name === 'page' && value === '1')) continue;
    params.set(name, value);
  }
  const text = params.toString();
  return text ? `/?${text}` : '/';
}
