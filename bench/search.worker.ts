// In-process search latency on a seeded catalogue: the four query shapes of the foundation issue
// (bench/support/queryShapes.ts), each run many times by two clients in alternation: the one a
// command opens (`catalog search`: SQL alone) and the one the web server keeps (`catalog serve`:
// course_facts held in memory, src/store/courseFactsMirror.ts).
// search.bench.js bundles and runs this file; it prints one JSON object.
import { openCatalog } from '../src/services/catalogContext.js';
import { buildSearchQuery } from '../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../src/search/sqliteSearchClient.js';
import { EXTRA_SHAPES, QUERY_SHAPES } from './support/queryShapes.js';

const [databasePath, iterationsText] = process.argv.slice(2) as [string, string];
const iterations = Number(iterationsText);
const ctx = await openCatalog({ database: databasePath }, { create: false });
const loadStarted = performance.now();
const clients = { command: new SqliteSearchClient(ctx.db), server: new SqliteSearchClient(ctx.db, { factsInMemory: true }) };
const loadMs = performance.now() - loadStarted;
const shapes = { ...QUERY_SHAPES, ...EXTRA_SHAPES };

/** Median and p95 of wall time, and of this process's CPU time (steadier when other work shares the cores). */
interface Figures {
  median: number;
  p95: number;
  cpuMedian: number;
  cpuP95: number;
  meanTotal: number;
}
const report: Record<string, Record<keyof typeof clients, Figures>> = {};
const at = (sorted: number[], q: number) => sorted[Math.ceil(sorted.length * q) - 1]!;
const queryOf = (request: (i: number) => object, i: number) =>
  buildSearchQuery(request(i), { now: ctx.clock(), timeZone: ctx.config.timeZone });
for (const [shape, request] of Object.entries(shapes)) {
  const samples = {
    command: { wall: [] as number[], cpu: [] as number[], totals: 0 },
    server: { wall: [] as number[], cpu: [] as number[], totals: 0 },
  };
  for (let i = 0; i < 20; i++) for (const client of Object.values(clients)) client.searchNow(queryOf(request, i));
  for (let i = 0; i < iterations; i++) {
    for (const [name, client] of Object.entries(clients) as [keyof typeof clients, SqliteSearchClient][]) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      samples[name].totals += client.searchNow(queryOf(request, i)).total;
      const used = process.cpuUsage(cpuStarted);
      samples[name].wall.push(performance.now() - started);
      samples[name].cpu.push((used.user + used.system) / 1000);
    }
  }
  const figures = ({ wall, cpu, totals }: { wall: number[]; cpu: number[]; totals: number }): Figures => {
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    return {
      median: wall[Math.floor(wall.length / 2)]!,
      p95: at(wall, 0.95),
      cpuMedian: cpu[Math.floor(cpu.length / 2)]!,
      cpuP95: at(cpu, 0.95),
      meanTotal: Math.round(totals / iterations),
    };
  };
  report[shape] = { command: figures(samples.command), server: figures(samples.server) };
  if (report[shape].command.meanTotal !== report[shape].server.meanTotal) throw new Error(`the two clients count ${shape} differently`);
}
ctx.close();
process.stdout.write(JSON.stringify({ loadMs, shapes: report }));
