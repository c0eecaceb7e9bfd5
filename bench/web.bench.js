// Storefront benchmark (issue 15), on a catalogue of 100,000 seeded courses served by the real
// `catalog serve` process:
//   1. GET /api/search for the four query shapes of the foundation issue (bench/support/queryShapes.ts),
//      autocannon at 50 connections for 20 s each: requests/s and p99, beside GET /healthz (a route
//      that does nothing) on the same server in the same run (ratio), and beside the in-process
//      search latency of the same shapes (bench/search.worker.ts);
//   2. SSE fan-out: 1,000 open /api/events streams following one course, one price change
//      committed by another process, the time until each stream (and the last) has it.
// Writes bench/results/web.md. Run `npm run build` first.
// Usage: node bench/web.bench.js [--courses 100000] [--duration 20] [--connections 50] [--streams 1000] [--changes 5]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT, bundleForBench, numberFlag as flag } from './support/bundle.js';

const COURSES = flag('courses', 100_000);
const DURATION = flag('duration', 20);
const CONNECTIONS = flag('connections', 50);
const STREAMS = flag('streams', 1_000);
const CHANGES = flag('changes', 5);
const bin = path.join(ROOT, 'bin', 'catalog.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-web-'));
const database = path.join(dir, 'catalog.db');
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', CATALOG_NOW: '2026-11-25T06:30:00Z' };
const catalog = (...args) => execFileSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });

console.error(`seeding ${COURSES} courses in ${dir} ...`);
catalog('seed', '--courses', String(COURSES), '--seed', '42', '--json');

console.error('in-process search latency ...');
const { QUERY_SHAPES, EXTRA_SHAPES } = await import(await bundleForBench('bench/support/queryShapes.ts'));
// The four shapes, and one word with facets: what the search page (/) asks for on every search.
const HTTP_SHAPES = { ...QUERY_SHAPES, 'text + facets': EXTRA_SHAPES['text + facets'] };
const searchWorker = await bundleForBench('bench/search.worker.ts');
// The web server's client: course_facts held in memory (search.worker.ts measures both clients).
const inProcess = JSON.parse(execFileSync(process.execPath, [searchWorker, database, '300'], { env, encoding: 'utf8' })).shapes;

console.error('starting catalog serve ...');
// No rate limit: one client (this benchmark) makes every request.
const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--rate-limit', '0', '--json-logs'], {
  cwd: dir,
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
});
process.on('exit', () => server.kill('SIGTERM'));
let serverLog = '';
const base = await new Promise((resolve, reject) => {
  server.stderr.setEncoding('utf8').on('data', (chunk) => {
    // Keep only the start-up lines; a JSON line per request would fill memory.
    if (serverLog.length < 10_000) serverLog += chunk;
    const found = /Storefront on (http:\/\/\S+)/.exec(serverLog);
    if (found) resolve(found[1]);
  });
  server.on('exit', (code) => reject(new Error(`catalog serve exited ${code}: ${serverLog}`)));
});

/** A SearchRequest as the URL parameters the storefront takes. */
function searchPath(request) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request)) {
    if (name === 'text') params.set('q', value);
    else if (name === 'available' || name === 'facets') params.set(name, value ? '1' : '0');
    else params.set(name, String(value));
  }
  return `/api/search?${params}`;
}

async function load(name, paths) {
  console.error(`autocannon ${name}: ${CONNECTIONS} connections, ${DURATION} s ...`);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    // Generous: on a loaded 2-core machine 50 queued searches can take seconds; a timeout is counted, not hidden.
    timeout: 30,
    requests: paths.map((p) => ({ method: 'GET', path: p })),
  });
  if (result.non2xx) throw new Error(`${name}: ${result.non2xx} answers were not 2xx`);
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failed: result.errors + result.timeouts,
  };
}

const trivial = await load('GET /healthz', ['/healthz']);
const searches = [];
for (const [shape, request] of Object.entries(HTTP_SHAPES)) {
  searches.push({
    shape,
    ...(await load(
      shape,
      Array.from({ length: 60 }, (_, i) => searchPath(request(i))),
    )),
  });
}

// ---- SSE fan-out
console.error(`opening ${STREAMS} event streams ...`);
const course = JSON.parse(catalog('search', 'baking', '--limit', '1', '--json')).results[0];
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const streams = [];
await Promise.all(
  Array.from(
    { length: STREAMS },
    () =>
      new Promise((resolve, reject) => {
        const stream = { received: new Map() };
        streams.push(stream);
        http
          .get(`${base}/api/events?course=${course.id}`, { agent }, (response) => {
            if (response.statusCode !== 200) reject(new Error(`/api/events answered ${response.statusCode}`));
            response.setEncoding('utf8');
            let buffer = '';
            response.on('data', (chunk) => {
              const at = performance.timeOrigin + performance.now();
              buffer += chunk;
              if (buffer.startsWith('retry:')) resolve();
              let end = buffer.indexOf('\n\n');
              while (end >= 0) {
                const data = /^data: (.*)$/m.exec(buffer.slice(0, end));
                if (data) stream.received.set(JSON.parse(data[1]).course?.listPrice, at);
                buffer = buffer.slice(end + 2);
                end = buffer.indexOf('\n\n');
              }
            });
          })
          .on('error', reject);
      }),
  ),
);

console.error(`${CHANGES} price changes, each to ${STREAMS} streams ...`);
const priceWorker = await bundleForBench('bench/web.priceChange.ts');
const prices = Array.from({ length: CHANGES }, (_, i) => String(course.listPrice + 10 * (i + 1)));
const changer = spawn(process.execPath, [priceWorker, database, course.id, ...prices], { env, stdio: ['pipe', 'pipe', 'inherit'] });
const changes = changer.stdout.setEncoding('utf8');
const fanOut = [];
let pending = '';
for await (const chunk of changes) {
  pending += chunk;
  let newline = pending.indexOf('\n');
  while (newline >= 0) {
    const { price, committedAt } = JSON.parse(pending.slice(0, newline));
    pending = pending.slice(newline + 1);
    newline = pending.indexOf('\n');
    const deadline = Date.now() + 30_000;
    while (streams.some((s) => !s.received.has(price))) {
      if (Date.now() > deadline) throw new Error(`not every stream received price ${price} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const latencies = streams.map((s) => s.received.get(price) - committedAt).sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
    fanOut.push({ price, first: latencies[0], median: at(0.5), p99: at(0.99), last: latencies.at(-1) });
    changer.stdin.write('next\n');
  }
}
agent.destroy();
server.kill('SIGTERM');
await new Promise((resolve) => server.on('exit', resolve));
fs.rmSync(dir, { recursive: true, force: true });

// ---- report
const ms = (x) => x.toFixed(1);
const lasts = fanOut.map((f) => f.last).sort((a, b) => a - b);
const p99OfLast = lasts[Math.min(lasts.length - 1, Math.ceil(0.99 * lasts.length) - 1)];
const report = `# Storefront benchmark (\`catalog serve\`)

Generated by \`node bench/web.bench.js --courses ${COURSES} --duration ${DURATION} --connections ${CONNECTIONS} --streams ${STREAMS} --changes ${CHANGES}\`
on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version};
load average at the end ${os.loadavg()[0].toFixed(2)}). The server is the built \`catalog serve\` (SQLite backend, JSON logs on,
rate limit off), the load generator (autocannon) runs on the same 2 cores.

## HTTP: ${CONNECTIONS} connections, ${DURATION} s per row, ${COURSES.toLocaleString('en-IN')} courses

| route | requests/s | p50 ms | p99 ms | requests | errors + timeouts | ratio to /healthz (req/s) | in-process search median / p95 ms |
| --- | --- | --- | --- | --- | --- | --- | --- |
| \`GET /healthz\` (does nothing) | ${Math.round(trivial.rps)} | ${trivial.p50} | ${trivial.p99} | ${trivial.total} | ${trivial.failed} | 1.00 | |
${searches
  .map(
    (s) =>
      `| \`GET /api/search\`, ${s.shape} | ${Math.round(s.rps)} | ${s.p50} | ${s.p99} | ${s.total} | ${s.failed} | ${(s.rps / trivial.rps).toFixed(2)} | ${ms(inProcess[s.shape].server.median)} / ${ms(inProcess[s.shape].server.p95)} |`,
  )
  .join('\n')}

Shapes: *text* = one word; *text + filters* = word, \`maxPrice=2999&month=<m>&available=1\`; *+ sort* = the same
sorted by price; *+ sort + page* = word, max price, sorted by price, pages 1–5; *text + facets* = one word
with \`facets=1\`, as the search page asks. Each connection walks 60 variants (rotating words and months).
In-process: the same shapes through the \`SqliteSearchClient\` the server keeps (course_facts in memory),
in one process, 300 queries each (bench/search.worker.ts), no HTTP.

## Live updates: ${STREAMS.toLocaleString('en-IN')} open event streams, one price change at a time

Time from the change's commit (in another process, through the \`course price\` service) until each stream
received its event, in ms:

| change | first stream | median | p99 | last stream |
| --- | --- | --- | --- | --- |
${fanOut.map((f, i) => `| ${i + 1} (list price ₹${f.price}) | ${ms(f.first)} | ${ms(f.median)} | ${ms(f.p99)} | ${ms(f.last)} |`).join('\n')}

Last stream over the ${CHANGES} changes: median ${ms(lasts[Math.floor(lasts.length / 2)])} ms, p99 ${ms(p99OfLast)} ms (target: every open page within 1 s).
The server reads the outbox every 200 ms, so up to 200 ms of each figure is waiting for the next read.
`;
fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'web.md'), report);
console.log(report);
