// A seeded 100k-style catalogue opened read-only with the app's own page cache and memory map,
// for benches that time SQL against it directly (search.groupWalk.js).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './bundle.js';

const Database = createRequire(import.meta.url)('better-sqlite3');

/** Seeds `courses` courses (`--seed 42`, the clock at 2026-11-25 06:30 UTC) with this checkout's build; close() removes it. */
export function seededDatabase(courses, name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `catalog-bench-${name}-`));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', CATALOG_NOW: '2026-11-25T06:30:00Z' };
  console.error(`seeding ${courses} courses in ${dir} ...`);
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'catalog.js'), 'seed', '--courses', String(courses), '--seed', '42', '--json'], {
    cwd: dir,
    env,
  });
  const db = new Database(path.join(dir, 'catalog.db'), { readonly: true });
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  return {
    db,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
