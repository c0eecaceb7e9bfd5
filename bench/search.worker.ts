// In-process search latency on a seeded catalogue: the four query shapes of the foundation issue
// (bench/support/queryShapes.ts), each run many times.
// search.bench.js bundles and runs this file; it prints one JSON object.
import { openCatalog } from '../src/services/catalogContext.js';
import { buildSearchQuery } from '../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../src/search/sqliteSearchClient.js';
import { EXTRA_SHAPES, QUERY_SHAPES } from './support/queryShapes.js';

const [databasePath, iterationsText] = process.argv.slice(2) as [string, string];
const iterations = Number(iterationsText);
const ctx = await openCatalog({ database: databasePath }, { create: false });
const client = new SqliteSearchClient(ctx.db);
const shapes = { ...QUERY_SHAPES, ...EXTRA_SHAPES };

/** Median and p95 of wall time, and of this process's CPU time (steadier when other work shares the cores). */
const report: Record<string, { median: number; p95: number; cpuMedian: number; cpuP95: number; meanTotal: number }> = {};
const at = (sorted: number[], q: number) => sorted[Math.ceil(sorted.length * q) - 1]!;
for (const [shape, request] of Object.entries(shapes)) {
  for (let i = 0; i < 20; i++) client.searchNow(buildSearchQuery(request(i), { now: ctx.clock(), timeZone: ctx.config.timeZone }));
  const samples: number[] = [];
  const cpu: number[] = [];
  let totals = 0;
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const query = buildSearchQuery(request(i), { now: ctx.clock(), timeZone: ctx.config.timeZone });
    totals += client.searchNow(query).total;
    const used = process.cpuUsage(cpuStarted);
    samples.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  report[shape] = {
    median: samples[Math.floor(samples.length / 2)]!,
    p95: at(samples, 0.95),
    cpuMedian: cpu[Math.floor(cpu.length / 2)]!,
    cpuP95: at(cpu, 0.95),
    meanTotal: Math.round(totals / iterations),
  };
}
ctx.close();
process.stdout.write(JSON.stringify(report));
