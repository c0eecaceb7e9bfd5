// In-process search latency on a seeded catalogue: the four query shapes of the foundation issue,
// each run many times with rotating words so no single cached plan or page flatters the numbers.
// search.bench.js bundles and runs this file; it prints one JSON object.
import { openCatalog } from '../src/services/catalogContext.js';
import { buildSearchQuery } from '../src/search/searchQuery.js';
import type { SearchRequest } from '../src/search/searchQuery.js';
import { SqliteSearchClient } from '../src/search/sqliteSearchClient.js';

const [databasePath, iterationsText] = process.argv.slice(2) as [string, string];
const iterations = Number(iterationsText);
const ctx = await openCatalog({ database: databasePath }, { create: false });
const client = new SqliteSearchClient(ctx.db);
const words = ['baking', 'python', 'yoga', 'guitar', 'photography', 'finance', 'pottery', 'french', 'design', 'breathwork'];
const months = ['jan', 'mar', 'may', 'jul', 'oct', 'dec'];

const shapes: Record<string, (i: number) => SearchRequest> = {
  text: (i) => ({ text: words[i % words.length] }),
  'text + filters': (i) => ({ text: words[i % words.length], maxPrice: '2999', month: months[i % months.length], available: true }),
  '+ sort': (i) => ({ text: words[i % words.length], maxPrice: '2999', month: months[i % months.length], available: true, sort: 'price' }),
  '+ sort + page': (i) => ({ text: words[i % words.length], maxPrice: '2999', sort: 'price', page: String(1 + (i % 5)) }),
};

const report: Record<string, { median: number; p95: number; meanTotal: number }> = {};
for (const [shape, request] of Object.entries(shapes)) {
  for (let i = 0; i < 20; i++) client.searchNow(buildSearchQuery(request(i), { now: ctx.clock(), timeZone: ctx.config.timeZone }));
  const samples: number[] = [];
  let totals = 0;
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    const query = buildSearchQuery(request(i), { now: ctx.clock(), timeZone: ctx.config.timeZone });
    totals += client.searchNow(query).total;
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  report[shape] = { median: samples[Math.floor(samples.length / 2)]!, p95: samples[Math.ceil(samples.length * 0.95) - 1]!, meanTotal: Math.round(totals / iterations) };
}
ctx.close();
process.stdout.write(JSON.stringify(report));
