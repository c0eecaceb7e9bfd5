import type { SearchRequest } from '../../src/domain/searchQuery.js';

// The four query shapes of the foundation issue, shared by the SQLite and Elasticsearch
// benchmarks so both measure the same searches. Words and months rotate so no single cached
// plan or page flatters the numbers.
const words = ['baking', 'python', 'yoga', 'guitar', 'photography', 'finance', 'pottery', 'french', 'design', 'breathwork'];
const months = ['jan', 'mar', 'may', 'jul', 'oct', 'dec'];

/** Misspelled and half-typed forms of the same words (issue 11: typos and prefixes are always on). */
const typos = ['bakng', 'pyhton', 'yogaa', 'guitr', 'photografy', 'finanse', 'potery', 'frnch', 'desgin', 'breathwrk'];
const prefixes = ['bak', 'pyth', 'yog', 'guit', 'photog', 'finan', 'potte', 'fren', 'desi', 'breathw'];

export const QUERY_SHAPES: Record<string, (i: number) => SearchRequest> = {
  text: (i) => ({ text: words[i % words.length] }),
  'text + filters': (i) => ({ text: words[i % words.length], maxPrice: '2999', month: months[i % months.length], available: true }),
  '+ sort': (i) => ({ text: words[i % words.length], maxPrice: '2999', month: months[i % months.length], available: true, sort: 'price' }),
  '+ sort + page': (i) => ({ text: words[i % words.length], maxPrice: '2999', sort: 'price', page: String(1 + (i % 5)) }),
};

/** More shapes, measured and reported beside the four (no target of their own). */
export const EXTRA_SHAPES: Record<string, (i: number) => SearchRequest> = {
  typo: (i) => ({ text: typos[i % typos.length] }),
  prefix: (i) => ({ text: prefixes[i % prefixes.length] }),
  'two words': (i) => ({ text: `${words[i % words.length]} ${words[(i + 3) % words.length]}` }),
  'text + facets': (i) => ({ text: words[i % words.length], facets: true }),
};
