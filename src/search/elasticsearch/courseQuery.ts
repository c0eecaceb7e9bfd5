import type { estypes } from '@elastic/elasticsearch';
import type { SearchQuery } from '../../domain/searchQuery.js';
import { nocaseKey } from './courseDocument.js';
import { courseWords } from './courseWords.js';

/** Title matches weigh ten times a description match, as the SQLite client's bm25 weights. */
const TEXT_FIELDS = ['title_words^10', 'description_words'];

/** The price period that holds `now` (exactly one per course: the periods tile the time line). */
function periodAt(now: number): estypes.QueryDslQueryContainer[] {
  return [{ range: { 'prices.from': { lte: now } } }, { range: { 'prices.until': { gt: now } } }];
}

/**
 * One SearchQuery word as FTS5 treats it: it must occur in the title or the description. A word
 * that FTS5 splits further ("हिन्दी", "c3po" stays one) becomes a phrase of its parts, as FTS5
 * turns a quoted string into a phrase. `fuzzy` forgives a typo in single words.
 */
function termQuery(term: string, fuzzy: boolean): estypes.QueryDslQueryContainer {
  const words = courseWords(term);
  if (words.length === 1) {
    return { multi_match: { query: words[0]!, fields: TEXT_FIELDS, ...(fuzzy && { fuzziness: 'AUTO', prefix_length: 1 }) } };
  }
  return { multi_match: { query: words.join(' '), fields: TEXT_FIELDS, type: 'phrase' } };
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

export function courseQuery(query: SearchQuery, options: { fuzzy: boolean }): estypes.QueryDslQueryContainer {
  return {
    bool: {
      ...courseFilters(query),
      ...(query.terms.length > 0 && { must: query.terms.map((term) => termQuery(term, options.fuzzy)) }),
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
