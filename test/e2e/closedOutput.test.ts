import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_BIN, runCatalog, runCatalogWithClosedStdout } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };

describe('a reader that goes away (issue 10, item 6)', () => {
  const cwd = tempDirectory();

  beforeAll(() => {
    // Enough courses that a listing is far larger than a pipe holds.
    expect(runCatalog(['seed', '--courses', '2000', '--seed', '7'], { cwd, env }).code).toBe(0);
  });

  it.each([
    [['course', 'list']],
    [['course', 'list', '--json']],
    [['search', '--all', '--limit', '100']],
    [['search', '--all', '--limit', '100', '--json']],
    [['export']],
    [['export', '--format', 'csv']],
  ])('catalog %j with stdout closed ends quietly with exit 0', async (args) => {
    const result = await runCatalogWithClosedStdout(args, { cwd, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('into a file or a pipe, the whole of a large answer arrives, the same either way', () => {
    // Data goes out with one system call when stdout is a pipe or a file (terminal.ts).
    const args = ['course', 'list', '--all', '--json'];
    const file = path.join(cwd, 'courses.json');
    const fd = fs.openSync(file, 'w');
    const written = spawnSync(process.execPath, [CATALOG_BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', ...env },
      stdio: ['ignore', fd, 'pipe'],
    });
    fs.closeSync(fd);
    expect(written.status).toBe(0);
    const piped = runCatalog(args, { cwd, env });
    expect(piped.code).toBe(0);
    const courses = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[];
    expect(courses.length).toBe(2000);
    expect(fs.readFileSync(file, 'utf8')).toBe(piped.stdout);
  });

  it('in a real shell pipeline (`| head -5`) prints the first lines, no stack and no message', () => {
    // Every course at once (the old --all), far more than a pipe holds, so the reader leaves mid-write.
    for (const args of ['course list --all', 'course list --all --json', 'export']) {
      const script = `node ${JSON.stringify(CATALOG_BIN)} ${args} 2>"$ERRFILE" | head -5; echo "status=\${PIPESTATUS[0]}"; cat "$ERRFILE"`;
      const result = spawnSync('bash', ['-c', script], {
        cwd,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', ERRFILE: `${cwd}/stderr.txt`, ...env },
        encoding: 'utf8',
      });
      const lines = result.stdout.split('\n');
      expect(lines.slice(0, 5).every((line) => line.length > 0)).toBe(true);
      expect(lines.slice(5).join('\n').trim(), args).toBe('status=0');
    }
  });
});
