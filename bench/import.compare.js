// `catalog import` before and after a change, measured in the same run (this machine is shared and
// noisy, so figures from another day say little): builds the `--before` commit in a temp folder,
// then imports the same CSV (bench/support/importCsv.js, as bench/import.bench.js writes it) into
// an empty catalogue with each build, alternating, and compares the whole CLI runs.
// Run `npm run build` first. Prints a Markdown report (stdout); writes nothing in the repo.
// Usage: node bench/import.compare.js --before <commit> [--rows 100000] [--runs 3]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, numberFlag as flag, percentiles } from './support/bundle.js';
import { buildEarlierCommit } from './support/earlierBuild.js';
import { writeCsv } from './support/importCsv.js';

const at = process.argv.indexOf('--before');
if (at === -1) throw new Error('give --before <commit>');
const BEFORE = process.argv[at + 1];
const ROWS = flag('rows', 100_000);
const RUNS = flag('runs', 3);
const loadAtStart = os.loadavg()[0].toFixed(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-import-compare-'));
const old = path.join(dir, 'before');
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', CATALOG_NOW: '2026-11-25T06:30:00Z' };

console.error(`building ${BEFORE} in ${old} ...`);
buildEarlierCommit(BEFORE, old);

const csv = path.join(dir, 'courses.csv');
console.error(`writing ${ROWS} rows to ${csv} ...`);
writeCsv(csv, 'CI', ROWS);

const bins = { before: path.join(old, 'bin', 'catalog.js'), after: path.join(ROOT, 'bin', 'catalog.js') };
const runs = { before: [], after: [] };
for (let run = 1; run <= RUNS; run++) {
  for (const name of run % 2 ? ['before', 'after'] : ['after', 'before']) {
    console.error(`run ${run}: ${name}`);
    const db = path.join(dir, `${name}-${run}.db`);
    execFileSync(process.execPath, [bins[name], 'init', '--db', db], { env, stdio: 'ignore' });
    const started = performance.now();
    const result = spawnSync(process.execPath, [bins[name], 'import', csv, '--db', db, '--json'], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${name} import failed: ${result.stderr.slice(-2000)}`);
    runs[name].push(performance.now() - started);
    fs.rmSync(db, { force: true });
  }
}
fs.rmSync(dir, { recursive: true, force: true });

const before = percentiles(runs.before).median;
const after = percentiles(runs.after).median;
const perSecond = (ms) => Math.round(ROWS / (ms / 1000)).toLocaleString('en-US');
process.stdout.write(`# Import before (${BEFORE}) and after, same run

\`node bench/import.compare.js --before ${BEFORE} --rows ${ROWS} --runs ${RUNS}\`, ${new Date().toISOString().slice(0, 10)}
(${os.cpus().length} cores, Node ${process.version}; load average at the start ${loadAtStart}, at the end ${os.loadavg()[0].toFixed(2)}).

| | median of ${RUNS} whole CLI runs | rows/s | every run, ms |
| --- | --- | --- | --- |
| before | ${before.toFixed(0)} ms | ${perSecond(before)} | ${runs.before.map((ms) => ms.toFixed(0)).join(', ')} |
| after | ${after.toFixed(0)} ms | ${perSecond(after)} | ${runs.after.map((ms) => ms.toFixed(0)).join(', ')} |

After / before: ${(after / before).toFixed(2)}.
`);
