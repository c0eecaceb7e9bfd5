// A probe for what would bring the + sort + page shape well under its target (issue 11): the
// same searches answered from an in-memory copy of course_facts, as a long-lived process
// (`catalog serve`) could keep one, against the SQL the search runs today. Not the product: the
// listing rule and the effective price are written again here, for measuring only; totals are
// checked against the real search's. Seeds its own catalogue with this checkout's build.
// Run `npm run build` first. Writes bench/results/search-in-memory-probe.md.
// Usage: node bench/search.inMemoryProbe.js [--courses 100000] [--repeats 60]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ROOT, numberFlag as flag, percentiles } from './support/bundle.js';

const Database = createRequire(import.meta.url)('better-sqlite3');
const COURSES = flag('courses', 100_000);
const REPEATS = flag('repeats', 60);
const NOW = Date.parse('2026-11-25T06:30:00Z');
const TODAY = '2026-11-25';
const MAX_PRICE = 299_900;
const loadAtStart = os.loadavg()[0].toFixed(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-probe-'));
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', CATALOG_NOW: '2026-11-25T06:30:00Z' };
console.error(`seeding ${COURSES} courses in ${dir} ...`);
execFileSync(process.execPath, [path.join(ROOT, 'bin', 'catalog.js'), 'seed', '--courses', String(COURSES), '--seed', '42', '--json'], {
  cwd: dir,
  env,
});
const db = new Database(path.join(dir, 'catalog.db'), { readonly: true });
db.pragma('cache_size = -65536');
db.pragma('mmap_size = 268435456');

// The copy: one typed array per column, indexed by seq.
let started = performance.now();
const size = db.prepare('SELECT max(seq) FROM course_facts').pluck().get() + 1;
const published = new Uint8Array(size);
const startDay = new Int32Array(size);
const price = new Int32Array(size);
const sale = new Int32Array(size).fill(-1);
const saleFrom = new Float64Array(size);
const saleTo = new Float64Array(size);
const ids = new Array(size);
const dayNumber = (date) => Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
const columns = 'seq, status, start_date, price_paise, sale_price_paise, sale_starts_at, sale_ends_at, id';
for (const [seq, status, startDate, listPrice, salePrice, saleStarts, saleEnds, id] of db
  .prepare(`SELECT ${columns} FROM course_facts`)
  .raw()
  .iterate()) {
  published[seq] = status === 'published' ? 1 : 0;
  startDay[seq] = dayNumber(startDate);
  price[seq] = listPrice;
  if (salePrice !== null) {
    sale[seq] = salePrice;
    saleFrom[seq] = saleStarts ?? Number.NEGATIVE_INFINITY;
    saleTo[seq] = saleEnds;
  }
  ids[seq] = id;
}
const loadMs = performance.now() - started;
const today = dayNumber(TODAY);

const matches = db.prepare('SELECT group_concat(rowid) FROM course_text WHERE course_text MATCH ?').pluck();
const sql = db
  .prepare(
    `SELECT count(*) FROM course_text CROSS JOIN course_facts c ON c.seq = course_text.rowid
   WHERE course_text MATCH ? AND c.status = 'published' AND c.start_date > ?
   AND (CASE WHEN c.sale_price_paise IS NOT NULL AND (c.sale_starts_at IS NULL OR c.sale_starts_at <= ?) AND c.sale_ends_at > ?
        THEN c.sale_price_paise ELSE c.price_paise END) <= ?`,
  )
  .pluck();

/** The total and the first `depth` courses by (price, id), from the copy. */
function fromMemory(expression, depth) {
  const seqs = (matches.get(expression) ?? '').split(',');
  const page = [];
  const before = (a, b) => a[0] - b[0] || (ids[a[1]] < ids[b[1]] ? -1 : 1);
  let total = 0;
  for (const text of seqs) {
    const seq = +text;
    if (!published[seq] || startDay[seq] <= today) continue;
    const effective = sale[seq] >= 0 && saleFrom[seq] <= NOW && saleTo[seq] > NOW ? sale[seq] : price[seq];
    if (effective > MAX_PRICE) continue;
    total++;
    const entry = [effective, seq];
    if (page.length < depth) {
      page.push(entry);
      if (page.length === depth) page.sort(before);
    } else if (before(entry, page[depth - 1]) < 0) {
      page[depth - 1] = entry;
      page.sort(before);
    }
  }
  return total;
}

const rows = [];
for (const word of ['python', 'yoga', 'baking', 'guitar']) {
  const expression = `{title description}: (("${word}"))`;
  const total = sql.get(expression, TODAY, NOW, NOW, MAX_PRICE);
  if (fromMemory(expression, 30) !== total) throw new Error(`the copy counts ${word} differently`);
  const times = { sql: [], memory: [] };
  for (let i = 0; i < REPEATS; i++) {
    started = performance.now();
    sql.get(expression, TODAY, NOW, NOW, MAX_PRICE);
    times.sql.push(performance.now() - started);
    started = performance.now();
    fromMemory(expression, 30);
    times.memory.push(performance.now() - started);
  }
  const [s, m] = [percentiles(times.sql), percentiles(times.memory)];
  rows.push(`| ${word} | ${total} | ${s.median.toFixed(2)} / ${s.p95.toFixed(2)} | ${m.median.toFixed(2)} / ${m.p95.toFixed(2)} |`);
}
db.close();
fs.rmSync(dir, { recursive: true, force: true });

const report = `# Probe: the + sort + page shape from an in-memory copy of course_facts

Generated by \`node bench/search.inMemoryProbe.js --courses ${COURSES} --repeats ${REPEATS}\` on ${new Date().toISOString().slice(0, 10)}
(${os.cpus().length} cores, Node ${process.version}; load average at the start ${loadAtStart}, at the end ${os.loadavg()[0].toFixed(2)}).

One word, the listing rule and a price cap of ₹2,999 (the shape's conditions), ms, median / p95
of ${REPEATS} alternated runs. *SQL alone* is only the count the search's statement makes today
(no page, no tally: less than the search does). *From memory* is the same total and a page 30
deep, sorted by price then id, from typed arrays holding the copy, with the matches read from
the full-text index as one string. Loading the copy took ${loadMs.toFixed(0)} ms (once per process; a
long-lived one would then keep it current from the changes to course_facts, which this probe
does not do).

| word | total | SQL alone (count only) | from memory (count and page) |
| --- | --- | --- | --- |
${rows.join('\n')}
`;
fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'search-in-memory-probe.md'), report);
process.stdout.write(report);
