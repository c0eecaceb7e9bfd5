// Search before and after a change, measured in the same run (this machine is shared and noisy,
// so figures from another day say little): builds the `--before` commit in a temp folder, seeds
// one catalogue with it, lets this checkout's build migrate a copy, then alternates the two
// builds' in-process search workers (bench/search.worker.ts of this checkout, bundled against
// each build's sources) and their `catalog search` CLI runs, beside bare `node -e 0`.
// Run `npm run build` first. Prints a Markdown report (stdout); writes nothing in the repo.
// Usage: node bench/search.compare.js --before <commit> [--courses 100000] [--iterations 150] [--rounds 2] [--runs 15]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, numberFlag as flag, percentiles } from './support/bundle.js';
import { buildEarlierCommit } from './support/earlierBuild.js';

const at = process.argv.indexOf('--before');
if (at === -1) throw new Error('give --before <commit>');
const BEFORE = process.argv[at + 1];
const COURSES = flag('courses', 100_000);
const ITERATIONS = flag('iterations', 150);
const ROUNDS = flag('rounds', 2);
const RUNS = flag('runs', 15);
const loadAtStart = os.loadavg()[0].toFixed(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-compare-'));
const old = path.join(dir, 'before');
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', CATALOG_NOW: '2026-11-25T06:30:00Z' };

console.error(`building ${BEFORE} in ${old} ...`);
buildEarlierCommit(BEFORE, old);
// The worker of this checkout, bundled against each build's sources.
fs.copyFileSync(path.join(ROOT, 'bench', 'search.worker.ts'), path.join(old, 'bench', 'search.worker.ts'));
fs.copyFileSync(path.join(ROOT, 'bench', 'support', 'queryShapes.ts'), path.join(old, 'bench', 'support', 'queryShapes.ts'));
const { build } = await import('esbuild');
const { NODE_BUNDLE } = await import('../scripts/build.mjs');
const workers = {};
for (const [name, root] of [
  ['before', old],
  ['after', ROOT],
]) {
  workers[name] = path.join(root, 'node_modules', '.cache', `search-compare-${name}-${process.pid}.mjs`);
  await build({ ...NODE_BUNDLE, entryPoints: [path.join(root, 'bench', 'search.worker.ts')], outfile: workers[name], absWorkingDir: root });
}

console.error(`seeding ${COURSES} courses with the earlier build ...`);
const databases = { before: path.join(dir, 'before.db'), after: path.join(dir, 'after.db') };
execFileSync(
  process.execPath,
  [path.join(old, 'bin', 'catalog.js'), 'seed', '--courses', String(COURSES), '--seed', '42', '--db', databases.before],
  {
    // Never the checkout: a .catalogrc there may hold settings the earlier build does not know.
    cwd: dir,
    env,
    stdio: 'ignore',
  },
);
fs.copyFileSync(databases.before, databases.after);
const migrateStarted = performance.now();
execFileSync(process.execPath, [path.join(ROOT, 'bin', 'catalog.js'), 'search', 'x', '--db', databases.after], {
  cwd: dir,
  env,
  stdio: 'ignore',
});
const migrateSeconds = (performance.now() - migrateStarted) / 1000;
// Seeding and migrating left code caches (src/cli/launcher.ts) holding their own work: each
// build's timed runs start from the cache a search leaves.
for (const folder of [path.join(old, 'dist'), path.join(ROOT, 'dist')]) {
  for (const name of fs.readdirSync(folder)) {
    if (name === 'main.cjs.cache' || name.startsWith('main.cjs.search')) fs.rmSync(path.join(folder, name));
  }
}

const shapes = {};
for (let round = 1; round <= ROUNDS; round++) {
  for (const name of round % 2 ? ['before', 'after'] : ['after', 'before']) {
    console.error(`round ${round}: ${name}`);
    const report = JSON.parse(
      execFileSync(process.execPath, [workers[name], databases[name], String(ITERATIONS)], { cwd: dir, env, encoding: 'utf8' }),
    );
    // The command's client (SQL alone) in both builds: the one they have in common.
    for (const [shape, r] of Object.entries(report.shapes)) {
      shapes[shape] ??= { before: [], after: [] };
      shapes[shape][name].push(r.command);
    }
  }
}
const wall = (args) => {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - started;
};
const cli = { bare: [], before: [], after: [], beforeTable: [], afterTable: [] };
const searchArgs = ['search', 'baking', '--max-price', '599', '--month', 'oct'];
for (let i = 0; i < RUNS; i++) {
  cli.bare.push(wall(['-e', '0']));
  cli.before.push(wall([path.join(old, 'bin', 'catalog.js'), ...searchArgs, '--json', '--db', databases.before]));
  cli.after.push(wall([path.join(ROOT, 'bin', 'catalog.js'), ...searchArgs, '--json', '--db', databases.after]));
  cli.beforeTable.push(wall([path.join(old, 'bin', 'catalog.js'), ...searchArgs, '--db', databases.before]));
  cli.afterTable.push(wall([path.join(ROOT, 'bin', 'catalog.js'), ...searchArgs, '--db', databases.after]));
}
for (const file of Object.values(workers)) fs.rmSync(file, { force: true });
fs.rmSync(dir, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const ms = (x) => (x === undefined ? '' : x.toFixed(2));
const rows = Object.entries(shapes).map(([shape, { before, after }]) => {
  const pick = (runs, key) => (runs.length ? median(runs.map((r) => r[key])) : undefined);
  const [b, a] = [pick(before, 'median'), pick(after, 'median')];
  const [bc, ac] = [pick(before, 'cpuMedian'), pick(after, 'cpuMedian')];
  return `| ${shape} | ${ms(b)} / ${ms(pick(before, 'p95'))} | ${ms(a)} / ${ms(pick(after, 'p95'))} | ${ms(bc)} | ${ms(ac)} | ${b ? (a / b).toFixed(2) : ''} | ${bc ? (ac / bc).toFixed(2) : ''} |`;
});
const p = Object.fromEntries(Object.entries(cli).map(([key, values]) => [key, percentiles(values).median]));
process.stdout.write(`# Search before (${BEFORE}) and after, same run

\`node bench/search.compare.js --before ${BEFORE} --courses ${COURSES} --iterations ${ITERATIONS} --rounds ${ROUNDS} --runs ${RUNS}\`, ${new Date().toISOString().slice(0, 10)}
(${os.cpus().length} cores, Node ${process.version}; load average at the start ${loadAtStart}, at the end ${os.loadavg()[0].toFixed(2)}).
Migrating the seeded catalogue to this build (rebuilding its full-text index): ${migrateSeconds.toFixed(1)} s.

In-process, ms per query (medians over ${ROUNDS} alternating rounds of ${ITERATIONS} queries per shape):

| shape | before: median / p95 | after: median / p95 | CPU before | CPU after | after / before (wall) | after / before (CPU) |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

\`catalog search baking --max-price 599 --month oct\`, ms (medians of ${RUNS}, interleaved):

| | bare \`node -e 0\` | before | after | before / bare | after / bare |
| --- | --- | --- | --- | --- | --- |
| --json | ${ms(p.bare)} | ${ms(p.before)} | ${ms(p.after)} | ${(p.before / p.bare).toFixed(2)}× | ${(p.after / p.bare).toFixed(2)}× |
| table | ${ms(p.bare)} | ${ms(p.beforeTable)} | ${ms(p.afterTable)} | ${(p.beforeTable / p.bare).toFixed(2)}× | ${(p.afterTable / p.bare).toFixed(2)}× |
`);
