import type { SearchRequest } from '../../src/domain/searchQuery.js';

// The four query shapes of the foundation issue, shared by the SQLite and Elasticsearch
// benchmarks so both measure the same searches. Words and months rotate so no single cached
// plan or page flatters the numbers.
const words = ['baking', 'python', 'yoga', 'guitar', 'photography', 'finance', 'pottery', 'french', 'design', 'breathwork'];
const months = ['jan', 'mar', 'may', 'jul', 'oct', 'dec'];

export const QUERY_SHAPES: Record<string, (i: number) => SearchRequest> = {
  text: (i) => ({ text: words[i % words.length] }),
  'text + filters': (i) => ({ text: words[i % words.length], maxPrice: '2999', month: months[i % months.length], available: true }),
  '+ sort': (i) => ({ text: words[i % words.length], maxPrice: '2999', month: months[i % months.length], available: true, sort: 'price' }),
  '+ sort + page': (i) => ({ text: words[i % words.length], maxPrice: '2999', sort: 'price', page: String(1 + (i % 5)) }),
};
