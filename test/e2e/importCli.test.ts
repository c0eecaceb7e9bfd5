import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails } from '../../src/domain/course.js';
import type { ImportReport } from '../../src/services/import/importCatalogue.js';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { requirePython, startInTerminal } from '../support/terminalSession.js';
import { tempDirectory } from '../support/tempDirectory.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
const FORMATS = ['csv', 'json', 'ndjson'] as const;

function catalogueIn(dir: string) {
  const run = (args: string[], input?: string) => runCatalog(args, { cwd: dir, env, ...(input !== undefined && { input }) });
  const exported = (format: string) => {
    const result = run(['export', '--format', format]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };
  return { dir, run, exported, checksum: () => createHash('sha256').update(exported('ndjson')).digest('hex') };
}

/** Version and timestamps belong to the catalogue that wrote a course; everything else must survive. */
function withoutHistory(text: string, format: 'json' | 'ndjson'): unknown[] {
  const courses = (
    format === 'json'
      ? JSON.parse(text)
      : text
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line))
  ) as CourseDetails[];
  return courses.map(({ version: _v, createdAt: _c, updatedAt: _u, ...rest }) => rest);
}

describe('catalog import (end to end)', () => {
  const source = catalogueIn(tempDirectory());

  beforeAll(() => {
    expect(source.run(['seed', '--courses', '300', '--seed', '7']).code).toBe(0);
    // Give the export every kind of course: custom ids, a running sale, stopped, archived.
    const ids = (JSON.parse(source.run(['course', 'list', '--json']).stdout) as { id: string }[]).map((c) => c.id);
    expect(
      source.run(['course', 'edit', ids[0]!, '--external-id', 'EXT-1', '--description', 'Quotes "inside", commas, and a\nline break.'])
        .code,
    ).toBe(0);
    expect(source.run(['course', 'sale', ids[1]!, '--price', '99', '--until', '2026-12-31']).code).toBe(0);
    expect(source.run(['course', 'stop-sale', ids[2]!, '--reason', 'teacher unwell']).code).toBe(0);
    expect(source.run(['course', 'archive', ids[3]!, '--yes']).code).toBe(0);
  });

  it.each(FORMATS)('round trip: a %s export imports into an empty catalogue as the same catalogue', (format) => {
    const file = path.join(tempDirectory(), `catalogue.${format}`);
    fs.writeFileSync(file, source.exported(format));
    const target = catalogueIn(tempDirectory());
    const result = target.run(['import', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, written: true, created: 300, updated: 0, unchanged: 0, problems: [] });
    if (format === 'csv') expect(target.exported('csv')).toBe(source.exported('csv'));
    else expect(withoutHistory(target.exported(format), format)).toEqual(withoutHistory(source.exported(format), format));
    // Search sees the imported courses at once.
    expect(catalogJson<{ total: number }>(['search', '--all', '--json'], { cwd: target.dir, env }).total).toBe(
      catalogJson<{ total: number }>(['search', '--all', '--json'], { cwd: source.dir, env }).total,
    );
  });

  it('an export piped back into the catalogue it came from with --upsert changes nothing', () => {
    const before = source.checksum();
    const result = source.run(['import', '-', '--upsert', '--json'], source.exported('ndjson'));
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      format: 'ndjson',
      source: 'stdin',
      created: 0,
      updated: 0,
      unchanged: 300,
    });
    expect(source.checksum()).toBe(before);
  });

  it('every bad fixture exits 1, lists its problems (also as JSON), and leaves the catalogue byte for byte as it was', () => {
    const before = source.checksum();
    const files = fs.readdirSync(path.join(FIXTURES, 'bad'));
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const human = source.run(['import', path.join(FIXTURES, 'bad', file)]);
      expect(human.code, file).toBe(1);
      expect(human.stdout, file).toBe('');
      expect(human.stderr, file).toMatch(/nothing was written/);
      expect(human.stderr, file).toMatch(/line \d+/);
      expect(human.stderr, file).toContain('hint:');

      const json = source.run(['import', path.join(FIXTURES, 'bad', file), '--json', '--upsert']);
      expect(json.code, file).toBe(1);
      const report = JSON.parse(json.stdout) as ImportReport;
      expect(report.ok).toBe(false);
      expect(report.problems.length, file).toBeGreaterThan(0);
      for (const problem of report.problems) expect(Object.keys(problem).sort()).toEqual(['column', 'hint', 'line', 'message']);
      expect(source.checksum(), file).toBe(before);
    }
  });

  it('--dry-run says what would change and writes nothing', () => {
    const before = source.checksum();
    const result = source.run(['import', path.join(FIXTURES, 'good', 'courses.csv'), '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('would create 3, update 0, leave 0 unchanged');
    expect(result.stderr).toContain('nothing was written');
    expect(source.checksum()).toBe(before);
  });

  it('prints a summary and no progress animation when not on a terminal', () => {
    const target = catalogueIn(tempDirectory());
    const result = target.run(['import', path.join(FIXTURES, 'good', 'bom-crlf.csv')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /^✔ imported .*bom-crlf\.csv: 2 created, 0 updated, 0 unchanged \(2 rows in (\d+ ms|\d+\.\d s(, [\d,]+ rows\/s)?)\)\n$/,
    );
    expect(result.stderr).not.toContain('\r');
    expect(result.stdout).toBe('');
  });

  it('shows a progress bar on a terminal, then the summary', async () => {
    requirePython();
    const dir = tempDirectory();
    const rows = Array.from({ length: 10_000 }, (_, i) => `Course number ${i},About it.,Meera Iyer,baking,499,2027-10-04,2027-10-08,12`);
    fs.writeFileSync(path.join(dir, 'many.csv'), `title,description,teacher,category,price,start,end,seats\n${rows.join('\n')}\n`);
    const term = startInTerminal(['import', 'many.csv'], { cwd: dir, env });
    await term.waitFor(/importing [█░]+ +\d+% [\d,]+ rows/);
    await term.waitFor('✔ imported many.csv: 10000 created, 0 updated, 0 unchanged');
    expect((await term.exit()).code).toBe(0);
  });

  it('a file it cannot read or a format it cannot tell is a usage error (exit 2)', () => {
    const target = catalogueIn(tempDirectory());
    for (const args of [
      ['import', 'missing.csv'],
      ['import', path.join(FIXTURES, 'README.md')],
      ['import', path.join(FIXTURES, 'good', 'courses.csv'), '--format', 'xlsx'],
      ['import'],
    ]) {
      const result = target.run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('hint:');
    }
  });

  // The CLI reads and checks on a worker thread (checkedRowsReader.ts) that may run only a few
  // batches ahead of the writes: these files are many batches long, from a file and from stdin.
  it('a file of many thousand rows imports whole from a path and from stdin, and one bad row near the end writes nothing', () => {
    const count = 12_000;
    const csv = (bad: number | null) =>
      'title,description,teacher,category,price,start,end,seats,external_id\n' +
      Array.from(
        { length: count },
        (_, i) => `Course ${i},About it.,Teacher ${i % 9},yoga,${i === bad ? 'free' : 499},2027-10-04,2027-10-08,12,ROW-${i}\n`,
      ).join('');
    const file = path.join(tempDirectory(), 'many.csv');
    fs.writeFileSync(file, csv(null));
    for (const [args, input] of [
      [['import', file, '--json'], undefined],
      [['import', '-', '--format', 'csv', '--json'], csv(null)],
    ] as const) {
      const target = catalogueIn(tempDirectory());
      const result = target.run([...args], input);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, rows: count, created: count });
      const listed = JSON.parse(target.run(['search', 'course', '--json', '--limit', '1']).stdout) as { total: number };
      expect(listed.total).toBe(count);

      const before = target.checksum();
      const failed = target.run(['import', '-', '--format', 'csv', '--json', '--upsert'], csv(count - 2).replaceAll('ROW-', 'OTHER-'));
      expect(failed.code).toBe(1);
      const report = JSON.parse(failed.stdout) as ImportReport;
      expect(report).toMatchObject({ ok: false, rows: count, invalidRows: 1, written: false });
      expect(report.problems.map((p) => `${p.line} ${p.column}`)).toEqual([`${count} price`]);
      expect(target.checksum()).toBe(before);
    }
  });
});
