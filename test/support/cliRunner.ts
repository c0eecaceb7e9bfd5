import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CATALOG_BIN = fileURLToPath(new URL('../../bin/catalog.js', import.meta.url));
export const REPO_ROOT = path.dirname(path.dirname(CATALOG_BIN));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

/** The environment of a CI job: no colours, no prompts, no inherited catalog settings. */
function cliEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', TZ: 'UTC' };
  return { ...env, ...extra };
}

/** Runs the built `catalog` binary as a user would, synchronously. */
export function runCatalog(args: string[], options: CliOptions): CliResult {
  const result = spawnSync(process.execPath, [CATALOG_BIN, ...args], {
    cwd: options.cwd,
    env: cliEnvironment(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Same, without blocking the test process: for races between many processes. */
export function runCatalogAsync(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CATALOG_BIN, ...args], { cwd: options.cwd, env: cliEnvironment(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs a command that must succeed and returns its parsed JSON stdout. */
export function catalogJson<T = unknown>(args: string[], options: CliOptions): T {
  const result = runCatalog(args, options);
  if (result.code !== 0) throw new Error(`catalog ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/**
 * Runs `catalog` with a stdout whose reader is already gone (as after `| head -1`): the read end
 * of its pipe is closed before the process starts writing, so its first write finds it closed.
 */
export function runCatalogWithClosedStdout(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CATALOG_BIN, ...args], {
      cwd: options.cwd,
      env: cliEnvironment(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : -1), stdout: '', stderr }));
  });
}
