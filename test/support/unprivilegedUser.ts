import { spawnSync } from 'node:child_process';
import { CATALOG_BIN } from './cliRunner.js';
import type { CliOptions, CliResult } from './cliRunner.js';

/** A system user with no special rights, to run `catalog` as someone who may only read. */
export const READER = 'catalog-reader';

/** Creates the user when missing (needs root, as Elasticsearch's test node does). */
export function ensureUser(name = READER): { uid: number; gid: number } {
  if (process.getuid?.() !== 0) throw new Error('these tests create and switch to an unprivileged user: run them as root');
  let id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  if (id.status !== 0) {
    const made = spawnSync(
      'useradd',
      ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name],
      {
        encoding: 'utf8',
      },
    );
    if (made.status !== 0 && !/already exists/.test(made.stderr)) throw new Error(`useradd ${name} failed: ${made.stderr}`);
    id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  }
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs the built `catalog` as `user` (setpriv, no supplementary groups), like runCatalog. */
export function runCatalogAs(user: string, args: string[], options: CliOptions): CliResult {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: '/nonexistent', CI: 'true', NO_COLOR: '1', TZ: 'UTC', ...options.env };
  const result = spawnSync('setpriv', [`--reuid=${user}`, `--regid=${user}`, '--clear-groups', process.execPath, CATALOG_BIN, ...args], {
    cwd: options.cwd,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
