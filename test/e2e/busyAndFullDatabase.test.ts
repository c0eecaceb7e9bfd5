import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails, CourseSummary } from '../../src/domain/course.js';
import { catalogJson, REPO_ROOT, runCatalog, runCatalogAsync } from '../support/cliRunner.js';
import { smallDisk } from '../support/smallDisk.js';
import { tempDirectory } from '../support/tempDirectory.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
const courseFlags = [
  ...['--title', 'Sourdough at Home', '--description', 'Starter and baking.', '--teacher', 'Meera Iyer', '--category', 'baking'],
  ...['--price', '799', '--start', '2027-10-04', '--end', '2027-10-08', '--seats', '12'],
];

/** Another process holding the write lock (BEGIN IMMEDIATE) until `release` is called. */
async function holdWriteLock(databasePath: string): Promise<{ release: () => Promise<void> }> {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const Database = require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3'))});
       const db = new Database(${JSON.stringify(databasePath)});
       db.prepare('BEGIN IMMEDIATE').run();
       process.stdout.write('locked\\n');
       process.stdin.on('end', () => { db.prepare('ROLLBACK').run(); db.close(); }).resume();`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    holder.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return {
    release: async () => {
      holder.stdin.end();
      await new Promise((resolve) => holder.on('close', resolve));
    },
  };
}

describe('a busy database (issue 10, item 9)', () => {
  const cwd = tempDirectory();
  let id = '';

  beforeAll(() => {
    id = catalogJson<CourseDetails>(['course', 'add', ...courseFlags, '--json'], { cwd, env }).id;
  });

  it('writes wait for the lock, then fail saying another process holds it; nothing changes', async () => {
    const lock = await holdWriteLock(path.join(cwd, 'catalog.db'));
    try {
      const [price, add, json] = await Promise.all([
        runCatalogAsync(['course', 'price', id, '--price', '999'], { cwd, env }),
        runCatalogAsync(['course', 'add', ...courseFlags], { cwd, env }),
        runCatalogAsync(['course', 'price', id, '--price', '999', '--json'], { cwd, env }),
      ]);
      for (const result of [price, add]) {
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr).toContain('is busy: another process held its lock for more than 10 s');
        expect(result.stderr).toContain('hint: nothing was changed');
        expect(result.stderr).not.toContain('internal error');
      }
      expect(JSON.parse(json.stderr).error).toMatchObject({ code: 'database_busy' });
      // Readers are not blocked by a writer (WAL).
      expect(catalogJson<CourseSummary[]>(['course', 'list', '--json'], { cwd, env })).toHaveLength(1);
    } finally {
      await lock.release();
    }
    expect(catalogJson<CourseDetails>(['course', 'show', id, '--json'], { cwd, env }).listPrice).toBe(799);
    expect(runCatalog(['course', 'price', id, '--price', '999'], { cwd, env }).code).toBe(0);
  });
});

describe('a full disk (issue 10, item 9), on a real 1 MiB file system', () => {
  const disk = smallDisk(1024);
  const run = (args: string[]) => runCatalog(args, { cwd: disk.dir, env });

  beforeAll(() => {
    expect(run(['init']).code).toBe(0);
    expect(run(['course', 'add', ...courseFlags]).code).toBe(0);
  });

  it('every write says the disk is full and what to do; nothing changes; reads still work', () => {
    const before = catalogJson<CourseSummary[]>(['course', 'list', '--json'], { cwd: disk.dir, env });
    disk.fill();
    try {
      for (const args of [
        ['course', 'add', ...courseFlags],
        ['course', 'price', before[0]!.id, '--price', '999'],
        ['seed', '--courses', '50'],
      ]) {
        const result = run(args);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
        expect(result.stderr).toContain(`the disk holding ${path.join(disk.dir, 'catalog.db')} is full`);
        expect(result.stderr).toContain('df -h');
        expect(result.stderr).not.toContain('internal error');
      }
      expect(JSON.parse(run(['course', 'add', ...courseFlags, '--json']).stderr).error.code).toBe('disk_full');
      expect(catalogJson<CourseSummary[]>(['course', 'list', '--json'], { cwd: disk.dir, env })).toEqual(before);
    } finally {
      disk.free();
    }
    expect(run(['course', 'add', ...courseFlags]).code).toBe(0);
  });

  it('a write larger than the free space fails the same way, rolled back whole', () => {
    const before = catalogJson<CourseSummary[]>(['course', 'list', '--limit', '100', '--json'], { cwd: disk.dir, env });
    const result = run(['seed', '--courses', '5000']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('is full');
    expect(catalogJson<CourseSummary[]>(['course', 'list', '--limit', '100', '--json'], { cwd: disk.dir, env })).toEqual(before);
  });
});
