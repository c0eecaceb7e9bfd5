// Teaching material: storing and opening files through the built CLI, against the plain tools
// measured in the same run (this 2-core machine is shared and noisy, so only ratios mean much):
//   material add of a 100 MB file   ÷ cp of the same file        (target ≤ 2×)
//   access get of it (-o FILE)      ÷ cat of it into a file       (target ≤ 2×)
//   access show (--json)            ÷ bare `node -e 0`            (target ≤ 2.5×)
//   peak RSS of add and get of a 1 GB file, from /usr/bin/time    (target < 150 MB)
// Each add stores new content (the file's first bytes change every run), so nothing is deduplicated
// away. The add writes its copy with fsync before the rename (a crash never leaves a named but
// empty file); cp does not, so `cp` + `sync` of the copy is reported too. Beside each command, the
// same file work in a bare Node script (bench/materials.floor.cjs) and `node -e 0` tell how much of
// a ratio is Node's start and the file work, and how much the CLI's own.
// No configuration file, as in the other benches (one found makes every command load cosmiconfig).
// Usage: npm run build && node bench/materials.bench.js [--runs 5] [--mb 100] [--big-mb 1024] [--before <commit>]
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT as root, numberFlag, percentiles } from './support/bundle.js';
import { buildEarlierCommit } from './support/earlierBuild.js';

const RUNS = numberFlag('runs', 5);
const MB = numberFlag('mb', 100);
const BIG_MB = numberFlag('big-mb', 1024);
const bin = path.join(root, 'bin', 'catalog.js');
const floor = path.join(root, 'bench', 'materials.floor.cjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-materials-'));
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  CI: 'true',
  NO_COLOR: '1',
  CATALOG_NOW: '2027-03-02T00:00:00Z',
  CATALOG_MATERIALS_MAX_BYTES: String(2 * 1024 ** 3),
};

const cli = (...args) =>
  execFileSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/**
 * Wall time of one command in ms (what the targets are about), and its CPU time (user + system, from
 * GNU time): on a machine other work keeps busy, CPU time shows what the command itself costs.
 */
const LABELS = [
  ...['cp', 'cpSync', 'sha256sum', 'floorAdd', 'add', 'cat', 'floorGet', 'get', 'getVerify', 'show', 'node'],
  ...['doctor', 'doctorFull', 'hashAll', 'addBefore', 'getBefore', 'showBefore'],
];
const cpu = Object.fromEntries(LABELS.map((label) => [label, []]));
function timed(label, command, args, cwd = dir) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', command, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const [user, system] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  cpu[label].push((user + system) * 1000);
  return ms;
}

/** Peak resident set of one command in bytes, as GNU time reports it (%M, KiB). */
function peakRss(args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], {
    cwd: dir,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return Number(result.stderr.trim().split('\n').at(-1)) * 1024;
}

/** A file of `mb` MiB of incompressible bytes, written in 8 MiB pieces. */
function makeFile(name, mb) {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, 'w');
  const piece = randomBytes(8 * 1024 * 1024);
  for (let written = 0; written < mb * 1024 * 1024; written += piece.length) {
    piece.writeUInt32LE(written, 0);
    fs.writeSync(fd, piece, 0, Math.min(piece.length, mb * 1024 * 1024 - written));
  }
  fs.closeSync(fd);
  return file;
}

/** New content for the next add: only the first bytes change. */
function touch(file, run) {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.from(`run ${run} ${Date.now()}`.padEnd(32)), 0, 32, 0);
  fs.closeSync(fd);
}

const loadBefore = os.loadavg();
// Courses are sold until the day before they start: this one is made and sold a month before the
// runs' clock, when it has started.
const monthBefore = { ...env, CATALOG_NOW: '2027-02-01T00:00:00Z' };
const courseFlags = ['--title', 'Benchmark lectures', '--description', 'Large recordings.', '--teacher', 'Tara Sen', '--category', 'film'];
const dateFlags = ['--price', '100', '--start', '2027-03-01', '--end', '2027-03-05', '--seats', '5', '--no-input'];
/** A course in a catalogue in `cwd` made by the CLI at `binPath`, and a student's access code to it. */
function courseWithStudent(binPath, cwd) {
  const run = (...args) =>
    execFileSync(process.execPath, [binPath, ...args], {
      cwd,
      env: monthBefore,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  const id = run('course', 'add', ...courseFlags, ...dateFlags);
  return { id, code: run('register', id, '--student', 'bench@example.in', '--amount', '100', '--payment-ref', 'pay_bench') };
}
const { id: courseId, code } = courseWithStudent(bin, dir);

// --before <commit>: that commit's build adds and gets the same file in the same loop, in a
// catalogue of its own (its schema may be older), for a before/after ratio measured in one run.
const BEFORE = process.argv.includes('--before') ? process.argv[process.argv.indexOf('--before') + 1] : null;
let before = null;
if (BEFORE) {
  const build = path.join(dir, 'before-build');
  const cwd = path.join(dir, 'before-catalogue');
  fs.mkdirSync(cwd);
  const beforeBin = buildEarlierCommit(BEFORE, build);
  before = { bin: beforeBin, cwd, ...courseWithStudent(beforeBin, cwd) };
}

// A course page's worth of links on different days, so `access show` resolves course days.
for (let day = -2; day <= 9; day++) {
  cli('material', 'add', courseId, `https://example.in/day-${day}`, '--opens-day', String(day));
  if (before)
    execFileSync(
      process.execPath,
      [before.bin, 'material', 'add', before.id, `https://example.in/day-${day}`, '--opens-day', String(day)],
      {
        cwd: before.cwd,
        env,
        stdio: 'ignore',
      },
    );
}
const source = makeFile('lecture.bin', MB);
const samples = Object.fromEntries(LABELS.map((label) => [label, []]));
const floorStore = path.join(dir, 'floor-store');
fs.mkdirSync(floorStore);
let lastMaterial;
for (let run = 0; run < RUNS; run++) {
  touch(source, run);
  // Page cache warm for everyone: the first reader of a fresh file would pay for the disk alone.
  fs.readFileSync(source).length;
  samples.cp.push(timed('cp', 'cp', [source, path.join(dir, `cp-${run}.bin`)]));
  samples.cpSync.push(timed('cpSync', 'sh', ['-c', `cp "${source}" "${dir}/cps-${run}.bin" && sync "${dir}/cps-${run}.bin"`]));
  samples.sha256sum.push(timed('sha256sum', 'openssl', ['dgst', '-sha256', source]));
  samples.floorAdd.push(timed('floorAdd', process.execPath, [floor, 'add', source, floorStore]));
  samples.add.push(
    timed('add', process.execPath, [bin, 'material', 'add', courseId, source, '--opens-day', '0', '--title', `Lecture ${run}`]),
  );
  const added = JSON.parse(cli('material', 'list', courseId, '--json')).materials.at(-1);
  lastMaterial = added.id;
  const stored = path.join(dir, 'materials', 'sha256', added.sha256.slice(0, 2), added.sha256);
  samples.cat.push(timed('cat', 'sh', ['-c', `cat "${source}" > "${dir}/cat-${run}.bin"`]));
  samples.floorGet.push(timed('floorGet', process.execPath, [floor, 'get', stored, path.join(dir, `floor-${run}.bin`)]));
  samples.get.push(timed('get', process.execPath, [bin, 'access', 'get', code, lastMaterial, '-o', path.join(dir, `get-${run}.bin`)]));
  if (before) {
    samples.addBefore.push(
      timed('addBefore', process.execPath, [before.bin, 'material', 'add', before.id, source, '--opens-day', '0'], before.cwd),
    );
    const listed = execFileSync(process.execPath, [before.bin, 'material', 'list', before.id, '--json'], {
      cwd: before.cwd,
      env,
      encoding: 'utf8',
    });
    const target = path.join(dir, `before-${run}.bin`);
    samples.getBefore.push(
      timed(
        'getBefore',
        process.execPath,
        [before.bin, 'access', 'get', before.code, JSON.parse(listed).materials.at(-1).id, '-o', target],
        before.cwd,
      ),
    );
    fs.rmSync(target);
  }
  samples.getVerify.push(
    timed('getVerify', process.execPath, [bin, 'access', 'get', code, lastMaterial, '--verify', '-o', path.join(dir, `getv-${run}.bin`)]),
  );
  for (const f of [`cp-${run}.bin`, `cps-${run}.bin`, `cat-${run}.bin`, `floor-${run}.bin`, `get-${run}.bin`, `getv-${run}.bin`])
    fs.rmSync(path.join(dir, f));
  for (const f of fs.readdirSync(floorStore)) fs.rmSync(path.join(floorStore, f));
}
for (let i = 0; i < RUNS * 4; i++) {
  samples.node.push(timed('node', process.execPath, ['-e', '0']));
  samples.show.push(timed('show', process.execPath, [bin, 'access', 'show', code, '--json']));
  if (before)
    samples.showBefore.push(timed('showBefore', process.execPath, [before.bin, 'access', 'show', before.code, '--json'], before.cwd));
}

fs.rmSync(source);
const big = makeFile('big.bin', BIG_MB);
const addRss = peakRss(['material', 'add', courseId, big, '--opens-day', '0', '--title', 'Big']);
const bigMaterial = JSON.parse(cli('material', 'list', courseId, '--json')).materials.at(-1).id;
const getRss = peakRss(['access', 'get', code, bigMaterial, '-o', path.join(dir, 'big-copy.bin')]);
const same = execFileSync('cmp', [big, path.join(dir, 'big-copy.bin')], { stdio: 'pipe' }) !== undefined;
fs.rmSync(big);

// doctor on the store these runs filled (the 1 GiB file and each run's): by default every file's
// size and a random sample of up to 256 MiB hashed; --verify-files hashes them all, beside
// openssl hashing the same files.
const storedFiles = JSON.parse(cli('material', 'list', courseId, '--json')).materials.filter((x) => x.kind === 'file');
const storedBytes = storedFiles.reduce((sum, x) => sum + x.bytes, 0);
for (let i = 0; i < 3; i++) {
  samples.doctor.push(timed('doctor', process.execPath, [bin, 'doctor']));
  samples.doctorFull.push(timed('doctorFull', process.execPath, [bin, 'doctor', '--verify-files']));
  samples.hashAll.push(timed('hashAll', 'sh', ['-c', `cat "${dir}"/materials/sha256/*/* | openssl dgst -sha256`]));
}

const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, percentiles(v).median]));
const c = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, percentiles(v).median]));
const ms = (v) => `${v.toFixed(0)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const mib = (b) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const rows = [
  [
    `material add, ${MB} MiB file`,
    ms(m.add),
    `cp ${ms(m.cp)} (cp + sync ${ms(m.cpSync)})`,
    `${ratio(m.add, m.cp)} (${ratio(m.add, m.cpSync)} of cp + sync)`,
    '≤ 2×',
  ],
  [
    'floor of an add: its file work in a bare Node script (copy, hash while fsyncing, rename)',
    ms(m.floorAdd),
    `cp ${ms(m.cp)}`,
    `${ratio(m.floorAdd, m.cp)} (add ÷ floor ${ratio(m.add, m.floorAdd)})`,
    '',
  ],
  [
    'the parts of an add by the fastest tools: cp, openssl dgst -sha256, node -e 0 (+ sync)',
    `${ms(m.cp + m.sha256sum + m.node)} (${ms(m.cpSync + m.sha256sum + m.node)})`,
    `cp ${ms(m.cp)}`,
    `${ratio(m.cp + m.sha256sum + m.node, m.cp)} (${ratio(m.cpSync + m.sha256sum + m.node, m.cp)})`,
    '',
  ],
  ...(before
    ? [
        [
          `material add, the build of ${BEFORE} in the same loop`,
          ms(m.addBefore),
          `cp ${ms(m.cp)}`,
          `${ratio(m.addBefore, m.cp)} (now ÷ before ${ratio(m.add, m.addBefore)}; CPU ${ms(c.add)} ÷ ${ms(c.addBefore)})`,
          '',
        ],
      ]
    : []),
  [`access get -o FILE, ${MB} MiB`, ms(m.get), `cat > FILE ${ms(m.cat)}`, ratio(m.get, m.cat), '≤ 2×'],
  [
    'floor of a get: its file work in a bare Node script (copy, size check, rename)',
    ms(m.floorGet),
    `cat > FILE ${ms(m.cat)}`,
    `${ratio(m.floorGet, m.cat)} (get ÷ floor ${ratio(m.get, m.floorGet)})`,
    '',
  ],
  ...(before
    ? [
        [
          `access get -o FILE, the build of ${BEFORE} in the same loop`,
          ms(m.getBefore),
          `cat > FILE ${ms(m.cat)}`,
          `${ratio(m.getBefore, m.cat)} (now ÷ before ${ratio(m.get, m.getBefore)}; CPU ${ms(c.get)} ÷ ${ms(c.getBefore)})`,
          '',
        ],
      ]
    : []),
  [`access get --verify -o FILE, ${MB} MiB`, ms(m.getVerify), `cat > FILE ${ms(m.cat)}`, ratio(m.getVerify, m.cat), ''],
  [
    'Node starting and doing nothing (node -e 0)',
    ms(m.node),
    `cp ${ms(m.cp)}, cat ${ms(m.cat)}`,
    `${ratio(m.node, m.cp)}, ${ratio(m.node, m.cat)}`,
    '',
  ],
  ['access show --json', ms(m.show), `node -e 0 ${ms(m.node)}`, ratio(m.show, m.node), '≤ 2.5×'],
  ...(before
    ? [
        [
          `access show --json, the build of ${BEFORE} in the same loop`,
          ms(m.showBefore),
          `node -e 0 ${ms(m.node)}`,
          `${ratio(m.showBefore, m.node)} (now ÷ before ${ratio(m.show, m.showBefore)})`,
          '',
        ],
      ]
    : []),
  [
    `doctor, ${storedFiles.length} stored files (${mib(storedBytes)}): sizes, and a sample of up to 256 MiB hashed`,
    ms(m.doctor),
    `node -e 0 ${ms(m.node)}`,
    ratio(m.doctor, m.node),
    '',
  ],
  [
    `doctor --verify-files: every file hashed`,
    ms(m.doctorFull),
    `openssl dgst -sha256 of them all ${ms(m.hashAll)}`,
    ratio(m.doctorFull, m.hashAll),
    '',
  ],
  [`peak RSS, material add of ${BIG_MB} MiB`, mib(addRss), '', '', '< 150 MB'],
  [`peak RSS, access get of ${BIG_MB} MiB`, mib(getRss), '', same ? 'copy identical (cmp)' : 'COPY DIFFERS', '< 150 MB'],
];
const load = (l) => l.map((x) => x.toFixed(1)).join(' ');
const report = `# Teaching material benchmark

\`node bench/materials.bench.js --runs ${RUNS} --mb ${MB} --big-mb ${BIG_MB}${BEFORE ? ` --before ${BEFORE}` : ''}\` on ${new Date().toISOString().slice(0, 10)}
(${os.cpus().length} cores, Node ${process.version}, load average ${load(loadBefore)} at the start, ${load(os.loadavg())} at the end).
Medians of ${RUNS} runs (${RUNS * 4} for show and node -e 0, 3 for doctor); each run alternates every command and its baselines.

| what | catalog | baseline | ratio | target |
| --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

CPU time (user + system) of the same runs, medians: add ${ms(c.add)} (its floor ${ms(c.floorAdd)}) vs cp ${ms(c.cp)},
cp + sync ${ms(c.cpSync)}, openssl dgst -sha256 ${ms(c.sha256sum)}; get ${ms(c.get)} (its floor ${ms(c.floorGet)}, --verify
${ms(c.getVerify)}) vs cat ${ms(c.cat)}; show ${ms(c.show)} vs node -e 0 ${ms(c.node)} (${ratio(c.show, c.node)}).

What each side does:
- \`material add\`: Node start, the CLI (its bundle, configuration, the database), then the kernel copies
  the file into \`materials/tmp/\` (copy_file_range, or a reflink), the copy is hashed (two 1 MiB
  buffers taking turns) while it is fsynced, its type is sniffed from the first 64 KiB (file-type,
  loaded only here); under SQLite's write lock it is renamed under its SHA-256, the folder fsynced,
  and one transaction writes the material, the file record, the course counts and the outbox entry.
- \`access get\`: Node start, the CLI, the code (hash lookup) and the access rule, then the kernel
  copies the stored file to a temp file renamed into place, its size checked; with \`--verify\` the
  bytes stream through a SHA-256 check instead.
- The floors (\`bench/materials.floor.cjs\`): the same file work in a bare CommonJS script.
- \`access show\`: Node start, configuration, one code lookup, the course and its materials.

Where the time goes:
- An add names its copy only once it is on disk: \`cp\` + \`sync\` alone is ${ratio(m.cpSync, m.cp)} of \`cp\`.
  Even without the sync, copying, hashing and starting Node, each by the fastest tool at hand, add
  up to ${ratio(m.cp + m.sha256sum + m.node, m.cp)} of \`cp\` (on 2 cores other work keeps busy, hashing cannot run beside the copy
  for free). The same file work in a bare Node script is ${ratio(m.floorAdd, m.cp)} of \`cp\`, and the real
  command ${ratio(m.add, m.floorAdd)} of that script.
- Node's start alone is ${ratio(m.node, m.cat)} of \`cat\`, and a get's floor (Node's start and the kernel
  copy) ${ratio(m.floorGet, m.cat)}; the CLI adds ${ms(m.get - m.floorGet)} to it (${ms(c.get - c.floorGet)} of CPU: loading its bundle,
  configuration, opening the database, the code lookup and the access rule).
- doctor reads every stored file's size, and hashes a random sample of up to 256 MiB (whole files
  that fit); \`--verify-files\` hashes every file.
- When other work keeps the CPU busy (see the load average above), wall times stretch with the
  waiting, most for the longest commands: the CPU times are then the steadier comparison.

Samples (ms): ${Object.entries(samples)
  .filter(([, v]) => v.length)
  .map(([k, v]) => `${k} ${v.map((x) => x.toFixed(0)).join('/')}`)
  .join('; ')}
`;
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'materials.md'), report);
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(report);
