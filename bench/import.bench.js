// Import benchmark (issue 5): `catalog import` of a 100,000-row CSV through the real CLI, rows/s
// and peak RSS, beside `sqlite3`'s `.import` of the same file into a plain table in the same run
// (a floor: what SQLite itself does with no validation, no indexes, no full-text index, no outbox).
// Runs alternate between the two so machine noise hits both alike. Targets: ≥ 50,000 rows/s,
// ≤ 200 MB peak RSS. Also, in the same runs: each half of the import alone (the reading thread,
// import.readerAlone.js; the writes, import.storeFloor.ts, with its phases) and what the writes
// would cost with each schema or durability trade-off the team could choose (FLOOR_VARIANTS).
// Run `npm run build` first. Writes bench/results/import.md.
// Usage: node bench/import.bench.js [--rows 100000] [--runs 3]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, bundleForBench, numberFlag as flag, percentiles } from './support/bundle.js';
import { writeCsv } from './support/importCsv.js';

const ROWS = flag('rows', 100_000);
const RUNS = flag('runs', 3);
const bin = path.join(ROOT, 'bin', 'catalog.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-import-'));
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', CATALOG_NOW: '2026-11-25T06:30:00Z' };

// Peak RSS of the node process itself, reported as it exits (no external tool needed).
const PEAK_RSS = `data:text/javascript,process.on('exit', () => process.stderr.write('peak-rss-kb ' + process.resourceUsage().maxRSS + '\\n'))`;
const hasTime = spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;
const sqliteVersion = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
const hasSqlite = sqliteVersion.status === 0;

function timed(command, args, cwd) {
  const wrapped = hasTime && command !== process.execPath ? ['/usr/bin/time', ['-f', 'peak-rss-kb %M', command, ...args]] : [command, args];
  const started = performance.now();
  const result = spawnSync(wrapped[0], wrapped[1], { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const rss = /peak-rss-kb (\d+)/.exec(result.stderr);
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : null, stdout: result.stdout };
}

const csv = path.join(dir, 'courses.csv');
const moreCsv = path.join(dir, 'more-courses.csv');
console.error(`writing ${ROWS} rows to ${csv} and ${moreCsv} ...`);
writeCsv(csv, 'CI', ROWS);
writeCsv(moreCsv, 'CI2', ROWS);
const csvBytes = fs.statSync(csv).size;

const storeFloor = await bundleForBench('bench/import.storeFloor.ts');
const { FLOOR_VARIANTS } = await import(await bundleForBench('bench/support/floorVariants.ts'));
const readerAlone = path.join(ROOT, 'bench', 'import.readerAlone.js');
const catalogRuns = [];
const intoFullRuns = [];
const floorRuns = [];
const readerRuns = [];
const variantRuns = Object.fromEntries(
  Object.keys(FLOOR_VARIANTS)
    .filter((v) => v !== 'as shipped')
    .map((v) => [v, []]),
);
const sqliteRuns = [];
for (let run = 0; run < RUNS; run++) {
  const cwd = fs.mkdtempSync(path.join(dir, 'run-'));
  console.error(`run ${run + 1}/${RUNS}: catalog import ...`);
  const imported = timed(process.execPath, ['--import', PEAK_RSS, bin, 'import', csv, '--json'], cwd);
  const report = JSON.parse(imported.stdout);
  if (!report.ok || report.created !== ROWS) throw new Error(`import did not create ${ROWS} courses: ${imported.stdout.slice(0, 2000)}`);
  catalogRuns.push({ ...imported, inside: report.milliseconds });
  // The same number of new rows into the catalogue that now holds the first file: here the
  // secondary indexes are kept up to date row by row (bulkLoad.ts rebuilds them only into an
  // empty catalogue).
  console.error(`run ${run + 1}/${RUNS}: catalog import into the ${ROWS} courses ...`);
  const more = timed(process.execPath, ['--import', PEAK_RSS, bin, 'import', moreCsv, '--json'], cwd);
  const moreReport = JSON.parse(more.stdout);
  if (!moreReport.ok || moreReport.created !== ROWS)
    throw new Error(`second import did not create ${ROWS} courses: ${more.stdout.slice(0, 2000)}`);
  intoFullRuns.push({ ...more, inside: moreReport.milliseconds });
  console.error(`run ${run + 1}/${RUNS}: the same rows straight through CourseStore ...`);
  const floor = timed(process.execPath, [storeFloor, csv, path.join(cwd, 'floor.db')], cwd);
  const floorReport = JSON.parse(floor.stdout);
  floorRuns.push({ ...floor, inside: floorReport.milliseconds, ...floorReport.phases });
  for (const [variant, runs] of Object.entries(variantRuns)) {
    console.error(`run ${run + 1}/${RUNS}: the store's floor with ${variant} ...`);
    runs.push({
      inside: JSON.parse(
        timed(process.execPath, [storeFloor, csv, path.join(cwd, `floor-${runs.length}-${variant.replace(/\W+/g, '-')}.db`), variant], cwd)
          .stdout,
      ).milliseconds,
    });
  }
  console.error(`run ${run + 1}/${RUNS}: the reading thread alone ...`);
  const reader = timed(process.execPath, [readerAlone, csv], cwd);
  const readerReport = JSON.parse(reader.stdout);
  if (readerReport.rows !== ROWS) throw new Error(`the reading thread passed ${readerReport.rows} rows, not ${ROWS}`);
  readerRuns.push({ ...reader, inside: readerReport.milliseconds });
  if (hasSqlite) {
    console.error(`run ${run + 1}/${RUNS}: sqlite3 .import ...`);
    sqliteRuns.push(timed('sqlite3', [path.join(cwd, 'plain.db'), `.import --csv ${csv} courses`], cwd));
  }
  fs.rmSync(cwd, { recursive: true, force: true });
}
fs.rmSync(dir, { recursive: true, force: true });

const median = (runs, key) => percentiles(runs.map((r) => r[key])).median;
const rate = (ms) => Math.round((ROWS / ms) * 1000);
const num = (n) => n.toLocaleString('en-IN');
const catalogMs = median(catalogRuns, 'ms');
const catalogRss = Math.max(...catalogRuns.map((r) => r.rssMb));
const rows = [
  `| \`catalog import\` (whole CLI run) | ${(catalogMs / 1000).toFixed(2)} | ${num(rate(catalogMs))} | ${catalogRss.toFixed(0)} | ${rate(catalogMs) >= 50_000 ? 'yes' : '**no**'} | ${catalogRss <= 200 ? 'yes' : '**no**'} |`,
  `| of which inside the import (report.milliseconds) | ${(median(catalogRuns, 'inside') / 1000).toFixed(2)} | ${num(rate(median(catalogRuns, 'inside')))} | | | |`,
  `| \`catalog import\` of ${num(ROWS)} more rows into that catalogue (whole CLI run) | ${(median(intoFullRuns, 'ms') / 1000).toFixed(2)} | ${num(rate(median(intoFullRuns, 'ms')))} | ${Math.max(...intoFullRuns.map((r) => r.rssMb)).toFixed(0)} | | |`,
  `| the same rows pre-parsed, written through CourseStore as an import writes them (the store's floor, inside) | ${(median(floorRuns, 'inside') / 1000).toFixed(2)} | ${num(rate(median(floorRuns, 'inside')))} | | | |`,
];
const floorMs = median(floorRuns, 'inside');
const readerMs = median(readerRuns, 'inside');
const seconds = (ms) => (ms / 1000).toFixed(2);
const budgetMs = (ROWS / 50_000) * 1000;
const halves = `## Each half alone

| half | seconds (median) |
| --- | --- |
| reading and checking: the reading thread as \`catalog import\` starts it, its batches taken and dropped (bench/import.readerAlone.js) | ${seconds(readerMs)} |
| writing: the store's floor above | ${seconds(floorMs)} |
| — its inserts, with the outbox and full-text entries flushed every 8,192 rows on the way | ${seconds(median(floorRuns, 'inserts'))} |
| — the last flush and re-building the listing, match and teacher indexes | ${seconds(median(floorRuns, 'finish'))} |
| — COMMIT, with its WAL checkpoint and fsync | ${seconds(median(floorRuns, 'commit'))} |

${num(ROWS)} rows at 50,000 rows/s is ${seconds(budgetMs)} s for the whole CLI run, start-up included. Each half alone
takes ${seconds(readerMs)} s (reading) and ${seconds(floorMs)} s (writing), and this machine has ${os.cpus().length} cores for both (and the
writing thread also decodes the batches the reading thread sends).

## What the writes would cost with each trade-off

The store's floor again, on a catalogue changed in one way (bench/import.storeFloor.ts, FLOOR_VARIANTS), median of ${RUNS} runs in the same loop:

| trade-off | what it costs | seconds | vs as shipped |
| --- | --- | --- | --- |
| as shipped | ${FLOOR_VARIANTS['as shipped']} | ${seconds(floorMs)} | 1.00× |
${Object.entries(variantRuns)
  .map(
    ([variant, runs]) =>
      `| ${variant} | ${FLOOR_VARIANTS[variant]} | ${seconds(median(runs, 'inside'))} | ${(median(runs, 'inside') / floorMs).toFixed(2)}× |`,
  )
  .join('\n')}
`;
const storeShare = `Writing alone (the store's floor) takes **${((median(floorRuns, 'inside') / median(catalogRuns, 'inside')) * 100).toFixed(0)}%** of the import's own time; reading and checking the rows runs beside it on a worker thread.`;
let ratio = 'sqlite3 is not installed here, so there is no baseline in this run: `apt-get install -y sqlite3` and run again.';
if (hasSqlite) {
  const sqliteMs = median(sqliteRuns, 'ms');
  const sqliteRss = sqliteRuns[0].rssMb === null ? 'n/a' : Math.max(...sqliteRuns.map((r) => r.rssMb)).toFixed(0);
  rows.push(
    `| \`sqlite3 .import --csv\` into a plain table (floor) | ${(sqliteMs / 1000).toFixed(2)} | ${num(rate(sqliteMs))} | ${sqliteRss} | | |`,
  );
  ratio = `\`catalog import\` takes **${(catalogMs / sqliteMs).toFixed(1)}×** the time of \`sqlite3 .import\` of the same file (sqlite3 ${sqliteVersion.stdout.split(' ')[0]}).`;
}

const report = `# Import benchmark

Generated by \`node bench/import.bench.js --rows ${ROWS} --runs ${RUNS}\` on ${new Date().toISOString().slice(0, 10)}
(${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}, Node ${process.version}; load average at the end ${os.loadavg()[0].toFixed(2)}).

A CSV of ${num(ROWS)} rows (${(csvBytes / 1048576).toFixed(1)} MiB; the \`course add\` columns plus \`external_id\`), imported into an
empty catalogue, then a second file of as many new courses into the catalogue the first made. Median of ${RUNS} runs, alternating with the baseline; peak RSS is the largest of the runs
(node: \`process.resourceUsage().maxRSS\` at exit; sqlite3: ${hasTime ? '`/usr/bin/time -f %M`' : 'not measured, /usr/bin/time is missing'}).

| what | seconds | rows/s | peak RSS (MB) | ≥ 50,000 rows/s | ≤ 200 MB |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

${ratio}
${storeShare}

${halves}
What \`catalog import\` does per row that \`.import\` does not: parse with csv-parse and check
UTF-8 and line positions, validate every field with the \`course add\` rules (on a worker
thread: src/services/import/checkedRowsReader.ts), check the external id against the file and
(unless the catalogue was empty when the import began) the catalogue, generate a course id, find or create the teacher, insert into a table with two
unique indexes, and give it an outbox entry and a full-text entry (written for the new rows by
one statement each, every 8,192 rows and before the commit), all in one transaction. Into an empty catalogue the listing, match and
teacher indexes are built once before the commit; into a full one they are kept row by row
(src/store/bulkLoad.ts).
`;
fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'import.md'), report);
console.log(report);
