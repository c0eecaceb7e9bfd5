import { spawnSync } from 'node:child_process';
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
