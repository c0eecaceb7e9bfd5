import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './bundle.js';

/**
 * Builds `commit` of this repository in `folder` (its sources from git, this checkout's
 * node_modules linked), for before/after comparisons in one run. Returns its bin/catalog.js.
 */
export function buildEarlierCommit(commit, folder) {
  fs.mkdirSync(folder, { recursive: true });
  execFileSync('bash', ['-c', `git -C "${ROOT}" archive "${commit}" | tar -x -C "${folder}"`]);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(folder, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: folder, stdio: 'ignore' });
  return path.join(folder, 'bin', 'catalog.js');
}
