// Import and seed before and after a change, measured in the same run, against several earlier
// commits at once and with CPU time (bench/import.compare.js compares the import alone with one;
// this machine is shared and noisy, so figures from another day say little): builds each `--before` commit in a temp folder
// (as bench/search.compare.js does), then alternates every build's `catalog import` of a CSV into
// an empty catalogue, `catalog import` of as many more rows into that catalogue, and
// `catalog seed`, round after round, in a rotating order. Reports per build the median wall time,
// the median CPU time of the process (all its threads: less disturbed by other processes than wall
// time) and the largest peak RSS, with ratios against each earlier build.
// Run `npm run build` first. Prints a Markdown report (stdout); writes nothing in the repo.
// Usage: node bench/importSeed.compare.js --before <commit>[,<commit>…] [--rows 100000] [--seed-courses 100000] [--rounds 3]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, numberFlag as flag, percentiles } from './support/bundle.js';
import { writeCsv } from './support/importCsv.js';
import { buildEarlierCommit } from './support/earlierBuild.js';

const at = process.argv.indexOf('--before');
if (at === -1) throw new Error('give --before <commit>[,<commit>…]');
const BEFORE = process.argv[at + 1].split(',');
const ROWS = flag('rows', 100_000);
const SEED_COURSES = flag('seed-courses', 100_000);
const ROUNDS = flag('rounds', 3);
const loadAtStart = os.loadavg().map((x) => x.toFixed(2));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-import-compare-'));
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', CATALOG_NOW: '2026-11-25T06:30:00Z' };

const builds = {};
for (const commit of BEFORE) {
  const root = path.join(dir, `build-${commit}`);
  console.error(`building ${commit} in ${root} ...`);
  builds[commit] = buildEarlierCommit(commit, root);
}
builds['this checkout'] = path.join(ROOT, 'bin', 'catalog.js');
const names = Object.keys(builds);

const csv = path.join(dir, 'courses.csv');
const moreCsv = path.join(dir, 'more-courses.csv');
console.error(`writing ${ROWS} rows to ${csv} and ${moreCsv} ...`);
writeCsv(csv, 'CI', ROWS);
writeCsv(moreCsv, 'CI2', ROWS);

// The process's peak RSS and CPU time (every thread), reported by its main thread as it exits.
const USAGE = `data:text/javascript,import { isMainThread } from 'node:worker_threads'; if (isMainThread) process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('usage ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); })`;

function measured(bin, args, cwd) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', USAGE, bin, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const usage = /usage (\d+) (\d+)/.exec(result.stderr);
  if (!usage) throw new Error(`no usage line from ${bin} ${args.join(' ')}: ${result.stderr.slice(-2000)}`);
  return { ms, rssMb: Number(usage[1]) / 1024, cpuMs: Number(usage[2]) / 1000, stdout: result.stdout };
}

const tasks = {
  import: { label: `\`catalog import\` of ${ROWS.toLocaleString('en-IN')} rows into an empty catalogue`, runs: {} },
  more: { label: `\`catalog import\` of ${ROWS.toLocaleString('en-IN')} more rows into that catalogue`, runs: {} },
  seed: { label: `\`catalog seed --courses ${SEED_COURSES.toLocaleString('en-IN')} --seed 42\``, runs: {} },
};
for (const task of Object.values(tasks)) for (const name of names) task.runs[name] = [];

for (let round = 0; round < ROUNDS; round++) {
  // Each build goes first once every few rounds.
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    const cwd = fs.mkdtempSync(path.join(dir, 'run-'));
    const db = path.join(cwd, 'catalog.db');
    console.error(`round ${round + 1}/${ROUNDS}: ${name}: import ...`);
    const imported = measured(builds[name], ['import', csv, '--json', '--db', db], cwd);
    const report = JSON.parse(imported.stdout);
    if (!report.ok || report.created !== ROWS) throw new Error(`${name}: import did not create ${ROWS} courses`);
    tasks.import.runs[name].push(imported);
    console.error(`round ${round + 1}/${ROUNDS}: ${name}: import into the full catalogue ...`);
    const more = measured(builds[name], ['import', moreCsv, '--json', '--db', db], cwd);
    if (JSON.parse(more.stdout).created !== ROWS) throw new Error(`${name}: second import did not create ${ROWS} courses`);
    tasks.more.runs[name].push(more);
    console.error(`round ${round + 1}/${ROUNDS}: ${name}: seed ...`);
    tasks.seed.runs[name].push(
      measured(
        builds[name],
        ['seed', '--courses', String(SEED_COURSES), '--seed', '42', '--json', '--db', path.join(cwd, 'seeded.db')],
        cwd,
      ),
    );
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}
fs.rmSync(dir, { recursive: true, force: true });

const median = (runs, key) => percentiles(runs.map((r) => r[key])).median;
const after = 'this checkout';
const lines = [];
for (const task of Object.values(tasks)) {
  for (const name of names) {
    const runs = task.runs[name];
    const ratios =
      name === after
        ? BEFORE.map(
            (b) =>
              `${(median(runs, 'ms') / median(task.runs[b], 'ms')).toFixed(2)}× / ${(median(runs, 'cpuMs') / median(task.runs[b], 'cpuMs')).toFixed(2)}× / ${(Math.max(...runs.map((r) => r.rssMb)) / Math.max(...task.runs[b].map((r) => r.rssMb))).toFixed(2)}× of ${b}`,
          ).join('; ')
        : '';
    lines.push(
      `| ${task.label} | ${name} | ${(median(runs, 'ms') / 1000).toFixed(2)} | ${(median(runs, 'cpuMs') / 1000).toFixed(2)} | ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} | ${ratios} |`,
    );
  }
}
process.stdout.write(`# Import and seed before (${BEFORE.join(', ')}) and after, same run

\`node bench/importSeed.compare.js --before ${BEFORE.join(',')} --rows ${ROWS} --seed-courses ${SEED_COURSES} --rounds ${ROUNDS}\`, ${new Date().toISOString().slice(0, 10)}
(${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}, Node ${process.version}; load average (1, 5, 15 min) at the start ${loadAtStart.join(' ')}, at the end ${os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(' ')}).
Each build ran each command ${ROUNDS} times, the builds alternating. Wall and CPU seconds are medians (CPU: user + system of the
whole process, both threads); peak RSS is the largest of the runs (\`process.resourceUsage().maxRSS\` at exit).

| what | build | wall s | CPU s | peak RSS MB | after / before: wall / CPU / RSS |
| --- | --- | --- | --- | --- | --- |
${lines.join('\n')}
`);
