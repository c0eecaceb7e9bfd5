import type { CalendarDate } from './calendar.js';
import { dateAt, isCalendarDate } from './calendar.js';
import { readRupees } from './money.js';
import type { Paise } from './money.js';
import { UsageError } from '../errors.js';
import { resolveMonth } from './month.js';
import { queryWords } from './text/courseTerms.js';
import { codePointLength, PREFIX_MIN_LENGTH } from './text/typoPolicy.js';
import type { TypedWord } from './text/typoPolicy.js';

export const SORT_FIELDS = ['relevance', 'price', 'registrations', 'start'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
const MAX_TERMS = 32;

/**
 * One search, decided once from the flags and answered the same way by every SearchClient.
 * It carries its own "now" so both clients judge sales and start dates at the same instant.
 */
export interface SearchQuery {
  /**
   * The terms of the free text (src/domain/text/courseTerms.ts), each of which a course must
   * hold, exactly or with the typos src/domain/text/typoPolicy.ts allows; empty means no text
   * condition.
   */
  terms: string[];
  /** Each term's word as typed (folded, not stemmed): typos are counted from it. */
  typed: string[];
  /** The last word as typed, when it also matches as the start of a longer word (as-you-type). */
  prefix?: string;
  minPricePaise?: Paise;
  maxPricePaise?: Paise;
  /** Inclusive bounds on the start date, from --month, --start-from and --start-to together. */
  startFrom?: CalendarDate;
  startTo?: CalendarDate;
  category?: string;
  teacher?: string;
  /** Hide sold-out courses (a course without a seat limit never is). */
  availableOnly: boolean;
  /** Only courses free now: the price a student pays now (a running sale's) is ₹0. */
  free: boolean;
  /** Only courses with a free start that can still be joined: published and not started yet. */
  freeStart: boolean;
  /** Lift the default listing rules (published, not started yet); archived stay out. */
  includeAll: boolean;
  /** Also count the courses per category, start month and price band (src/domain/searchFacets.ts). */
  facets: boolean;
  sort: SortField;
  order: SortOrder;
  limit: number;
  page: number;
  now: number;
  today: CalendarDate;
}

/** What the user typed, before validation: flags are text. */
export interface SearchRequest {
  text?: string;
  minPrice?: string;
  maxPrice?: string;
  month?: string;
  from?: string;
  to?: string;
  category?: string;
  teacher?: string;
  available?: boolean;
  free?: boolean;
  freeStart?: boolean;
  all?: boolean;
  facets?: boolean;
  sort?: string;
  order?: string;
  limit?: string | number;
  page?: string | number;
}

/**
 * Whether the last word also matches as the start of longer words: from PREFIX_MIN_LENGTH
 * letters, and not when it is a complete word form whose stem differs ("baking", "courses"):
 * a student who typed that much has finished the word, and its other forms match exactly.
 */
function isPrefix(word: TypedWord): boolean {
  return codePointLength(word.typed) >= PREFIX_MIN_LENGTH && word.term === word.typed;
}

/**
 * The words of free text as both indexes hold them (src/domain/text/courseTerms.ts): anything
 * that is not part of a word is a separator, so quotes, `+`, `*`, `:` or parentheses can never
 * reach a query parser. At most MAX_TERMS words count.
 */
export function searchTerms(text: string | undefined): { terms: string[]; typed: string[]; prefix?: string } {
  if (!text) return { terms: [], typed: [] };
  const words = queryWords(text).slice(0, MAX_TERMS);
  const last = words.at(-1);
  return {
    terms: words.map((word) => word.term),
    typed: words.map((word) => word.typed),
    ...(last && isPrefix(last) && { prefix: last.typed }),
  };
}

/** The request fields whose problems a message names. */
export type SpelledField = 'minPrice' | 'maxPrice' | 'month' | 'from' | 'to' | 'sort' | 'order' | 'limit' | 'page';

/**
 * How a person wrote the request, so a problem is told in their words: flags at the terminal
 * (`--min-price 599`), URL parameters on the web (`minPrice=599`).
 */
export interface RequestSpelling {
  name(field: SpelledField): string;
  /** The field set to an example value, as it would be written. */
  example(field: SpelledField, value: string): string;
}

/** Flags whose names are not their field's: the start-date bounds (`--from` is a sale's start). */
const FLAG_NAMES: Partial<Record<SpelledField, string>> = { from: '--start-from', to: '--start-to' };

export const FLAG_SPELLING: RequestSpelling = {
  name: (field) => FLAG_NAMES[field] ?? `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
  example: (field, value) => `${FLAG_SPELLING.name(field)} ${value}`,
};

function price(spelling: RequestSpelling, field: SpelledField, value: string | undefined): Paise | undefined {
  if (value === undefined) return undefined;
  const reading = readRupees(value);
  if (!reading.ok)
    throw new UsageError(
      `${spelling.name(field)} ${reading.message}`,
      reading.hint ?? `write it like ${spelling.example(field, '599')} or ${spelling.example(field, '599.50')}`,
    );
  return reading.paise;
}

function date(spelling: RequestSpelling, field: SpelledField, value: string | undefined): CalendarDate | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value.trim()))
    throw new UsageError(
      `${spelling.name(field)} "${value}" is not a real date`,
      `write it as YYYY-MM-DD, e.g. ${spelling.example(field, '2027-10-04')}`,
    );
  return value.trim();
}

function positiveInteger(
  spelling: RequestSpelling,
  field: SpelledField,
  value: string | number | undefined,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(
      `${spelling.name(field)} must be a whole number from 1 to ${max}`,
      `e.g. ${spelling.example(field, String(fallback))}`,
    );
  return n;
}

/** The later of two calendar dates, either of which may be missing. */
export const laterDate = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a > b ? a : b);
const earlier = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a < b ? a : b);

export function buildSearchQuery(
  request: SearchRequest,
  context: { now: number; timeZone: string; spelling?: RequestSpelling },
): SearchQuery {
  const spelling = context.spelling ?? FLAG_SPELLING;
  const { name, example } = spelling;
  const today = dateAt(context.now, context.timeZone);
  const { terms, typed, prefix } = searchTerms(request.text);

  const minPricePaise = price(spelling, 'minPrice', request.minPrice);
  const maxPricePaise = price(spelling, 'maxPrice', request.maxPrice);
  if (minPricePaise !== undefined && maxPricePaise !== undefined && minPricePaise > maxPricePaise) {
    throw new UsageError(`${name('minPrice')} is above ${name('maxPrice')}`, 'swap the two amounts');
  }

  let startFrom = date(spelling, 'from', request.from);
  let startTo = date(spelling, 'to', request.to);
  if (startFrom && startTo && startFrom > startTo) throw new UsageError(`${name('from')} is after ${name('to')}`, 'swap the two dates');
  if (request.month !== undefined) {
    const month = resolveMonth(request.month, today);
    if (!month) throw new UsageError(`${name('month')} "${request.month}" is not a month`, 'write it as oct, october, 10 or 2027-10');
    startFrom = laterDate(startFrom, month.from);
    startTo = earlier(startTo, month.to);
  }

  const sortText = request.sort ?? (terms.length ? 'relevance' : 'start');
  if (!(SORT_FIELDS as readonly string[]).includes(sortText)) {
    throw new UsageError(`${name('sort')} "${sortText}" is not a sort`, `use one of: ${SORT_FIELDS.join(', ')}`);
  }
  const sort = sortText as SortField;
  if (sort === 'relevance' && !terms.length) {
    throw new UsageError(
      `${name('sort')} relevance needs search text`,
      'add words to search for, or sort by price, registrations or start',
    );
  }
  const orderText = request.order ?? (sort === 'price' || sort === 'start' ? 'asc' : 'desc');
  if (orderText !== 'asc' && orderText !== 'desc')
    throw new UsageError(
      `${name('order')} "${orderText}" is not an order`,
      `use ${example('order', 'asc')} or ${example('order', 'desc')}`,
    );

  const category = request.category?.trim().toLowerCase() || undefined;
  const teacher = request.teacher?.trim().replace(/\s+/g, ' ') || undefined;

  return {
    terms,
    typed,
    ...(prefix !== undefined && { prefix }),
    ...(minPricePaise !== undefined && { minPricePaise }),
    ...(maxPricePaise !== undefined && { maxPricePaise }),
    ...(startFrom !== undefined && { startFrom }),
    ...(startTo !== undefined && { startTo }),
    ...(category !== undefined && { category }),
    ...(teacher !== undefined && { teacher }),
    availableOnly: request.available ?? false,
    free: request.free ?? false,
    freeStart: request.freeStart ?? false,
    includeAll: request.all ?? false,
    facets: request.facets ?? false,
    sort,
    order: orderText,
    limit: positiveInteger(spelling, 'limit', request.limit, DEFAULT_LIMIT, MAX_LIMIT),
    page: positiveInteger(spelling, 'page', request.page, 1, 1_000_000),
    now: context.now,
    today,
  };
}
