// In-process search latency on a seeded catalogue: the four query shapes of the foundation issue
// (bench/support/queryShapes.ts), each run many times.
// search.bench.js bundles and runs this file; it prints one JSON object.
import { openCatalog } from '../src/services/catalogContext.js';
import { buildSearchQuery } from '../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../src/search/sqliteSearchClient.js';
import { QUERY_SHAPES } from './support/queryShapes.js';

const [databasePath, iterationsText] = process.argv.slice(2) as [string, string];
const iterations = Number(iterationsText);
const ctx = await openCatalog({ database: databasePath }, { create: false });
const client = new SqliteSearchClient(ctx.db);
const shapes = QUERY_SHAPES;

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
  report[shape] = {
    median: samples[Math.floor(samples.length / 2)]!,
    p95: samples[Math.ceil(samples.length * 0.95) - 1]!,
    meanTotal: Math.round(totals / iterations),
  };
}
ctx.close();
process.stdout.write(JSON.stringify(report));
