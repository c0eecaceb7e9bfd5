// Assessments: the gradebook of a large course, and one scripted attempt against bare Node.
//   grades  — `catalog grades <course> --json | --csv | (table)` for a course of 5,000 students ×
//             10 assessments × 3 attempts (150,000 attempts): wall time and peak RSS (GNU time).
//   take    — `catalog assessment take <code> <id> --answers FILE --json` against `node -e 0`,
//             interleaved in the same run (target ≤ 2.5×), with a JSON and a YAML answers file.
// The course, its assessments and one student go through the CLI; the other students,
// registrations and attempts are written in bulk with SQL in one transaction (seeding only).
// Needs the built CLI (`npm run build`). Writes bench/results/assessments.md.
// Usage: node bench/assessments.bench.js [--students 5000] [--runs 5] [--take-runs 30]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { numberFlag, percentiles, ROOT as root } from './support/bundle.js';

const STUDENTS = numberFlag('students', 5000);
const ASSESSMENTS = 10;
const ATTEMPTS = 3;
const QUESTIONS = 5;
const RUNS = numberFlag('runs', 5);
const TAKE_RUNS = numberFlag('take-runs', 30);
const bin = path.join(root, 'bin', 'catalog.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-assessments-'));
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1' };
const registering = { ...baseEnv, CATALOG_NOW: '2026-11-25T06:30:00Z' };
// Day 4 of the course: every assessment below is open.
const open = { ...baseEnv, CATALOG_NOW: '2027-01-13T06:00:00Z' };
const cli = (env, ...args) =>
  execFileSync(process.execPath, [bin, ...args], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();

// --- seeding --------------------------------------------------------------------------------
const seedStarted = performance.now();
const courseId = cli(
  registering,
  ...['course', 'add', '--title', 'Python in 10 Days', '--description', 'Hands on.', '--teacher', 'Priya Sharma'],
  ...[
    '--category',
    'python',
    '--price',
    '999',
    '--start',
    '2027-01-10',
    '--end',
    '2027-01-19',
    '--seats',
    String(STUDENTS + 10),
    '--no-input',
  ],
);
const assessmentIds = [];
for (let a = 0; a < ASSESSMENTS; a++) {
  const questions = Array.from({ length: QUESTIONS }, (_, q) =>
    q % 2 === 0
      ? { id: `q${q + 1}`, type: 'single', prompt: `Question ${q + 1}?`, choices: ['alpha', 'beta', 'gamma', 'delta'], answer: 'beta' }
      : { id: `q${q + 1}`, type: 'number', prompt: `Question ${q + 1}?`, answer: q * 10, points: 2 },
  );
  const file = path.join(dir, `assessment-${a + 1}.json`);
  const grading = ['highest', 'last', 'first', 'average'][a % 4];
  // The last one allows unlimited attempts: the timed `take` runs use it.
  const attempts = a === ASSESSMENTS - 1 ? 0 : ATTEMPTS;
  fs.writeFileSync(
    file,
    JSON.stringify({ title: `Check ${a + 1}`, opensDay: 1, dueDay: 10, attempts, weight: 1 + (a % 3), grading, questions }),
  );
  assessmentIds.push(cli(registering, 'assessment', 'add', courseId, file));
}
const code = cli(registering, 'register', courseId, '--student', 'bench@example.in', '--amount', '999', '--payment-ref', 'pay_bench');

const db = new Database(path.join(dir, 'catalog.db'));
db.pragma('journal_mode = WAL');
const seqs = db.prepare('SELECT seq FROM assessments WHERE course_id = ? ORDER BY seq').pluck().all(courseId);
const now = Date.parse('2027-01-12T06:00:00Z');
db.transaction(() => {
  const student = db.prepare('INSERT INTO students (email, name, created_at) VALUES (?, ?, ?)');
  const payment = db.prepare(
    'INSERT INTO payments (reference, student_id, course_id, amount_paise, received_at) VALUES (?, ?, ?, 99900, ?)',
  );
  const registration = db.prepare('INSERT INTO registrations (course_id, student_id, payment_id, registered_at) VALUES (?, ?, ?, ?)');
  const grant = db.prepare('INSERT INTO access_grants (registration_id, code_hash, created_at) VALUES (?, ?, ?)');
  const attempt = db.prepare(
    `INSERT INTO assessment_attempts (assessment_seq, student_id, number, seed, started_at, answers, submitted_at, score, max_score, late)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let random = 42;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random / 2147483648;
  };
  for (let s = 1; s < STUDENTS; s++) {
    const studentId = Number(student.run(`student${s}@example.in`, `Student ${s}`, now).lastInsertRowid);
    const paymentId = Number(payment.run(`pay_${s}`, studentId, courseId, now).lastInsertRowid);
    const registrationId = Number(registration.run(courseId, studentId, paymentId, now).lastInsertRowid);
    grant.run(registrationId, `${s}`.padStart(64, '0'), now);
    for (const seq of seqs) {
      for (let n = 1; n <= ATTEMPTS; n++) {
        const answers = JSON.stringify({
          q1: { answer: 1, at: now },
          q2: { answer: 10, at: now },
          q3: { answer: 0, at: now },
          q4: { answer: 30, at: now },
          q5: { answer: 2, at: now },
        });
        attempt.run(
          seq,
          studentId,
          n,
          s * 31 + n,
          now + n * 60_000,
          answers,
          now + n * 60_000 + 300_000,
          Math.floor(next() * 8),
          7,
          next() < 0.1 ? 1 : 0,
        );
      }
    }
  }
  db.prepare('UPDATE courses SET registrations = ? WHERE id = ?').run(STUDENTS, courseId);
})();
db.close();
const seedSeconds = (performance.now() - seedStarted) / 1000;

// --- grades ---------------------------------------------------------------------------------
/** Wall ms and peak RSS (MiB) of one CLI run, measured by GNU time around the process. */
function measured(args, env) {
  const started = performance.now();
  const command = args[0] === '-e' ? [process.execPath, ...args] : [process.execPath, bin, ...args];
  const run = spawnSync('/usr/bin/time', ['-f', '%M', ...command], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const rssKiB = Number(run.stderr.trim().split('\n').at(-1));
  return { wall, rss: rssKiB / 1024, bytes: run.stdout.length, stdout: run.stdout };
}

const gradeShapes = [
  ['`node -e 0` (baseline)', ['-e', '0']],
  ['--json', ['grades', courseId, '--json']],
  ['--csv', ['grades', courseId, '--csv']],
  ['(table)', ['grades', courseId]],
];
const check = JSON.parse(measured(['grades', courseId, '--json'], open).stdout);
if (check.students.length !== STUDENTS || check.assessments.length !== ASSESSMENTS)
  throw new Error(`gradebook has ${check.students.length} students × ${check.assessments.length} assessments`);
// Interleaved, so a burst of load on this shared machine falls on every shape alike.
const gradeRuns = gradeShapes.map(() => []);
for (let i = 0; i < RUNS; i++) {
  gradeShapes.forEach(([, args], s) => {
    gradeRuns[s].push(measured(args, open));
  });
}
const gradeRows = gradeShapes.map(([name], s) => {
  const runs = gradeRuns[s];
  return { name, wall: percentiles(runs.map((r) => r.wall)), rss: Math.max(...runs.map((r) => r.rss)), bytes: runs[0].bytes };
});
const gradeBaseline = gradeRows[0].wall.median;

// --- take --answers vs node -e 0 --------------------------------------------------------------
const jsonAnswers = path.join(dir, 'answers.json');
const yamlAnswers = path.join(dir, 'answers.yaml');
fs.writeFileSync(jsonAnswers, JSON.stringify({ q1: 'beta', q2: 10, q3: 'beta', q4: 30, q5: 'beta' }));
fs.writeFileSync(yamlAnswers, 'q1: beta\nq2: 10\nq3: beta\nq4: 30\nq5: beta\n');
const unlimited = assessmentIds.at(-1);
const takeShapes = [
  ['`node -e 0` (baseline)', process.execPath, ['-e', '0']],
  [
    '`catalog assessment take … --answers answers.json --json`',
    process.execPath,
    [bin, 'assessment', 'take', code, unlimited, '--answers', jsonAnswers, '--json'],
  ],
  ['same with answers.yaml', process.execPath, [bin, 'assessment', 'take', code, unlimited, '--answers', yamlAnswers, '--json']],
  // A reference on the same machine in the same minutes: 1.92× on a quiet one (README, search bench).
  ['`catalog search python --json` (reference)', process.execPath, [bin, 'search', 'python', '--json']],
];
const takeSamples = takeShapes.map(() => []);
// One warm-up each (writes the code caches), then interleaved.
for (const [, command, args] of takeShapes) execFileSync(command, args, { cwd: dir, env: open, stdio: 'ignore' });
for (let i = 0; i < TAKE_RUNS; i++) {
  takeShapes.forEach(([, command, args], s) => {
    const started = performance.now();
    const run = spawnSync(command, args, { cwd: dir, env: open, encoding: 'utf8' });
    takeSamples[s].push(performance.now() - started);
    if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  });
}
const takeStats = takeSamples.map(percentiles);
const baseline = takeStats[0].median;

// --- report ---------------------------------------------------------------------------------
const fmt = (n, digits = 0) => n.toLocaleString('en-IN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = takeStats[1].median / baseline;
const report = `# Assessments benchmark

Generated by \`node bench/assessments.bench.js --students ${STUDENTS} --runs ${RUNS} --take-runs ${TAKE_RUNS}\` on ${new Date().toISOString().slice(0, 10)}
(${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}, Node ${process.version}; load average at the end ${os.loadavg()[0].toFixed(2)}).

## Seeding

${fmt(STUDENTS)} students × ${ASSESSMENTS} assessments × ${ATTEMPTS} attempts = ${fmt(STUDENTS * ASSESSMENTS * ATTEMPTS)} attempts
(${QUESTIONS} questions each), in ${seedSeconds.toFixed(1)} s: the course, the assessments and one student through the CLI, the rest in
one SQL transaction. Database: ${fmt(fs.statSync(path.join(dir, 'catalog.db')).size / 1048576, 1)} MiB.

## \`catalog grades\` (whole CLI run, ${RUNS} runs each)

| command | median ms | p95 ms | × baseline | peak RSS MiB | stdout |
| --- | --- | --- | --- | --- | --- |
${gradeRows.map((r) => `| ${r.name.startsWith('`') ? r.name : `\`catalog grades <course> ${r.name}\``} | ${fmt(r.wall.median)} | ${fmt(r.wall.p95)} | ${(r.wall.median / gradeBaseline).toFixed(1)} | ${fmt(r.rss, 1)} | ${fmt(r.bytes / 1048576, 1)} MiB |`).join('\n')}

## \`catalog assessment take --answers\` against bare Node (${TAKE_RUNS} runs each, interleaved)

| command | median ms | p95 ms | × baseline |
| --- | --- | --- | --- |
${takeShapes.map(([name], s) => `| ${name} | ${fmt(takeStats[s].median, 1)} | ${fmt(takeStats[s].p95, 1)} | ${(takeStats[s].median / baseline).toFixed(2)} |`).join('\n')}

Target ≤ 2.5× bare Node: ${ratio <= 2.5 ? 'met' : 'missed'} (${ratio.toFixed(2)}×). Each run records a real attempt (an IMMEDIATE
transaction on the ${fmt(STUDENTS * ASSESSMENTS * ATTEMPTS)}-attempt database) and prints its grade.
`;
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'assessments.md'), report);
process.stdout.write(report);
if (process.argv.includes('--keep')) process.stderr.write(`kept ${dir} (course ${courseId})\n`);
else fs.rmSync(dir, { recursive: true, force: true });
