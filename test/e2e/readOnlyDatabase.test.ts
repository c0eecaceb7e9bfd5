import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseSummary } from '../../src/domain/course.js';
import { catalogJson, REPO_ROOT, runCatalog } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';
import { ensureUser, READER, runCatalogAs } from '../support/unprivilegedUser.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
const addFlags = ['--title', 'Sourdough at Home', '--description', 'Starter and baking.', '--teacher', 'Meera Iyer'];
const courseFlags = [
  ...addFlags,
  '--category',
  'baking',
  '--price',
  '799',
  '--start',
  '2027-10-04',
  '--end',
  '2027-10-08',
  '--seats',
  '12',
];

/** Every file in `dir` with its owner and mode, to see that nothing was added or changed. */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return `${name} ${stat.uid} ${(stat.mode & 0o777).toString(8)}`;
    });
}

describe('a catalogue this user may only read (issue 10, item 8)', () => {
  const root = tempDirectory();
  const dir = path.join(root, 'shared');
  const reader = (args: string[]) => runCatalogAs(READER, args, { cwd: dir, env });
  let expected: CourseSummary[];

  beforeAll(() => {
    ensureUser();
    fs.mkdirSync(dir);
    fs.chmodSync(root, 0o755);
    expect(runCatalog(['init'], { cwd: dir, env }).code).toBe(0);
    expect(runCatalog(['seed', '--courses', '60', '--seed', '3'], { cwd: dir, env }).code).toBe(0);
    expected = catalogJson<CourseSummary[]>(['course', 'list', '--limit', '100', '--json'], { cwd: dir, env });
    fs.chmodSync(dir, 0o555);
  });
  afterAll(() => fs.chmodSync(dir, 0o755));

  it('reads work: search, course list, course show, export, registrations list', () => {
    const before = listing(dir);
    const search = reader(['search', '--all', '--limit', '100', '--json']);
    expect(search.stderr).toBe('');
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).total).toBe(expected.length);

    const list = reader(['course', 'list', '--limit', '100', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as CourseSummary[]).map((c) => c.id)).toEqual(expected.map((c) => c.id));

    const show = reader(['course', 'show', expected[0]!.id, '--json']);
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout).id).toBe(expected[0]!.id);

    const exported = reader(['export']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(expected.length);

    expect(reader(['registrations', 'list', '--json']).code).toBe(0);
    expect(listing(dir)).toEqual(before);
  });

  it('writes fail with exit 1 and a clear message, leave no file behind, and change nothing', () => {
    const before = listing(dir);
    for (const args of [
      ['course', 'add', ...courseFlags],
      ['course', 'price', expected[0]!.id, '--price', '999'],
      ['course', 'archive', expected[0]!.id, '--yes'],
    ]) {
      const result = reader(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toContain('is read-only for this user');
      expect(result.stderr).toContain('hint:');
      expect(result.stderr).not.toContain('internal error');
    }
    const json = reader(['course', 'price', expected[0]!.id, '--price', '999', '--json']);
    expect(JSON.parse(json.stderr).error.code).toBe('database_read_only');
    expect(listing(dir)).toEqual(before);
    expect(catalogJson<CourseSummary[]>(['course', 'list', '--limit', '100', '--json'], { cwd: dir, env })).toEqual(expected);
  });

  it('reads see changes a writer has in its write-ahead log while it holds the database open', async () => {
    // The owner changes a course through a connection it keeps open: the change sits in -wal.
    const course = expected[0]!;
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const Database = require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3'))});
         const db = new Database('catalog.db');
         db.pragma('wal_autocheckpoint = 0');
         db.prepare('UPDATE courses SET seats = seats + 7 WHERE id = ?').run(${JSON.stringify(course.id)});
         process.stdout.write('ready\\n');
         process.stdin.on('end', () => db.close()).resume();`,
      ],
      { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const closed = new Promise((resolve) => holder.on('close', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        holder.on('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
      });
      expect(fs.statSync(path.join(dir, 'catalog.db-wal')).size).toBeGreaterThan(0);
      const shown = reader(['course', 'show', course.id, '--json']);
      expect(shown.code, shown.stderr).toBe(0);
      expect(JSON.parse(shown.stdout).seats).toBe(
        JSON.parse(runCatalog(['course', 'show', course.id, '--json'], { cwd: dir, env }).stdout).seats,
      );
      expect(JSON.parse(shown.stdout).seatsLeft).toBe(course.seatsLeft! + 7);
    } finally {
      holder.stdin.end();
      await closed;
    }
  });

  it('in a folder anyone may write (like /tmp), reading leaves no -wal or -shm owned by the reader', () => {
    fs.chmodSync(dir, 0o1777);
    try {
      const before = listing(dir);
      expect(reader(['search', '--all', '--json']).code).toBe(0);
      expect(reader(['course', 'list']).code).toBe(0);
      expect(listing(dir)).toEqual(before);
      // The owner still writes as before.
      expect(runCatalog(['course', 'price', expected[1]!.id, '--price', '1234'], { cwd: dir, env }).code).toBe(0);
    } finally {
      fs.chmodSync(dir, 0o555);
    }
  });
});
