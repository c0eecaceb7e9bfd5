import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { CATALOG_BIN, REPO_ROOT } from './cliRunner.js';

/** A long-running `catalog` process (a `sync --watch`), its output collected as it comes. */
export interface CatalogProcess {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  /** Whether it has exited (or been killed). */
  readonly exited: boolean;
  /** Resolves when it exits, with its code or signal and everything it printed. */
  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function startCatalog(args: string[], cwd: string, env: Record<string, string>): CatalogProcess {
  const child = spawn(process.execPath, [CATALOG_BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', ...env },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    output,
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    exit: async () => ({ ...(await exited), ...output }),
  };
}

/**
 * Another process holding the database's write lock (an open IMMEDIATE transaction), as a long
 * import does, until `release` commits it. Resolves once the lock is held.
 */
export async function holdWriteLock(databasePath: string): Promise<{ release(): Promise<void>; readonly pid: number }> {
  const script = `
    const db = require('better-sqlite3')(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['-e', script, databasePath], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)));
  });
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    release: async () => {
      child.stdin.write('commit\n');
      await done;
    },
  };
}
