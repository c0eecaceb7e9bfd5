import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails, CourseSummary } from '../../src/domain/course.js';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { courseFlags, SOURDOUGH_AT_HOME } from '../support/courseFactory.js';
import { tempDirectory } from '../support/tempDirectory.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
const ANSI = /\u001b\[/;
// The category typed with a capital: the catalogue keeps it in lower case.
const flags = (overrides: Record<string, string> = {}) => courseFlags({ ...SOURDOUGH_AT_HOME, category: 'Baking', ...overrides });

describe('catalog on the embedded default (end to end)', () => {
  const cwd = tempDirectory();
  const run = (args: string[]) => runCatalog(args, { cwd, env });
  let id = '';

  beforeAll(() => {
    expect(run(['init']).code).toBe(0);
  });

  it('init writes a commented config and a database, and is idempotent', () => {
    const config = fs.readFileSync(path.join(cwd, '.catalogrc'), 'utf8');
    expect(config).toContain('# catalog configuration');
    const again = run(['init', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ configCreated: false, databaseCreated: false, courses: 0 });
    expect(fs.readFileSync(path.join(cwd, '.catalogrc'), 'utf8')).toBe(config);
  });

  it('course add --json prints the new course with its id; data on stdout only', () => {
    const result = run(['course', 'add', ...flags(), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const course = JSON.parse(result.stdout) as CourseDetails;
    expect(course).toMatchObject({
      title: 'Sourdough at Home',
      category: 'baking',
      price: 799,
      listPrice: 799,
      seatsLeft: 12,
      registrations: 0,
      status: 'published',
      version: 1,
    });
    expect(course.id).toMatch(/^crs_[0-9a-z]{10}$/);
    id = course.id;
  });

  it('without a terminal, a missing flag fails with exit 2, names every missing flag and writes nothing', () => {
    const result = run(['course', 'add', '--title', 'Half a course']);
    expect(result.code).toBe(2);
    for (const flag of ['--description', '--teacher', '--category', '--price', '--start', '--end', '--seats'])
      expect(result.stderr).toContain(flag);
    expect(result.stdout).toBe('');
    expect(catalogJson<CourseSummary[]>(['course', 'list', '--json'], { cwd, env })).toHaveLength(1);
  });

  it.each([
    [{ end: '2027-10-01' }, 'before start'],
    [{ start: '2027-02-30' }, 'not a real date'],
    [{ price: '-100' }, 'not an amount'],
    [{ seats: '0' }, 'from 1 to 100000, or unlimited'],
    [{ price: '99999999' }, 'at most'],
    [{ seats: 'many' }, 'whole number'],
  ])('bad input %j exits 2 with a hint and changes nothing', (overrides, message) => {
    const result = run(['course', 'add', ...flags(overrides)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('hint:');
    expect(catalogJson<CourseSummary[]>(['course', 'list', '--json'], { cwd, env })).toHaveLength(1);
  });

  it('uses the contract exit codes: 3 unknown id, 2 unknown flag, 2 bad flag value', () => {
    expect(run(['course', 'show', 'crs_nothere00']).code).toBe(3);
    expect(run(['course', 'price', 'crs_nothere00', '500']).code).toBe(3);
    const unknownFlag = run(['search', '--cheapest']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain("unknown option '--cheapest'");
    expect(run(['search', '--month', 'smarch']).code).toBe(2);
    expect(run(['search', '--backend', 'solr']).code).toBe(2);
    expect(run(['nonsense']).code).toBe(2);
  });

  it('catalogue updates from the CLI show in search at once', () => {
    const search = () => catalogJson<{ results: CourseSummary[] }>(['search', 'sourdough', '--json'], { cwd, env }).results;
    expect(search().map((c) => c.id)).toEqual([id]);

    expect(run(['course', 'price', id, '899']).code).toBe(0);
    expect(search()[0]).toMatchObject({ price: 899, listPrice: 899 });

    expect(run(['course', 'sale', id, '--price', '599', '--until', '2026-12-31']).code).toBe(0);
    expect(search()[0]).toMatchObject({ price: 599, listPrice: 899 });
    expect(catalogJson<{ total: number }>(['search', 'sourdough', '--max-price', '599', '--json'], { cwd, env }).total).toBe(1);
    // After the sale's last day the list price is back with no command run in between.
    expect(
      catalogJson<{ results: CourseSummary[] }>(['search', 'sourdough', '--json'], { cwd, env: { CATALOG_NOW: '2027-01-01T00:00:00Z' } })
        .results[0],
    ).toMatchObject({ price: 899 });

    expect(run(['course', 'edit', id, '--description', 'Starter, shaping, scoring, baking.']).code).toBe(0);
    expect(catalogJson<CourseDetails>(['course', 'show', id, '--json'], { cwd, env })).toMatchObject({
      description: 'Starter, shaping, scoring, baking.',
      version: 4,
    });

    expect(run(['course', 'stop-sale', id, '--reason', 'oven broke']).code).toBe(0);
    expect(search()).toEqual([]);
    expect(run(['course', 'resume-sale', id]).code).toBe(0);
    expect(search().map((c) => c.id)).toEqual([id]);

    const stale = run(['course', 'edit', id, '--title', 'Sourdough Again', '--if-version', '1']);
    expect(stale.code).toBe(4);
  });

  it('exports every course as ndjson, json and csv', () => {
    const ndjson = run(['export'])
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const json = JSON.parse(run(['export', '--format', 'json']).stdout);
    const csv = parse(run(['export', '--format', 'csv']).stdout, { columns: true }) as Record<string, string>[];
    expect(ndjson.map((c) => c.id)).toEqual([id]);
    expect(json.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(csv[0]).toMatchObject({ id, title: 'Sourdough at Home', category: 'baking', price: '899', start: '2027-10-04', seats: '12' });
    expect(run(['export', '--format', 'xml']).code).toBe(2);
  });

  it('prints no colour codes when NO_COLOR is set or output is not a terminal', () => {
    for (const args of [
      ['search', 'sourdough'],
      ['course', 'show', id],
      ['course', 'list'],
    ]) {
      const result = run(args);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(ANSI);
      expect(result.stderr).not.toMatch(ANSI);
    }
  });

  it('archives a course: gone from search and listings, still in the database and export', () => {
    expect(run(['course', 'archive', id]).code).toBe(0);
    expect(catalogJson<{ total: number }>(['search', '--all', '--json'], { cwd, env }).total).toBe(0);
    expect(catalogJson<CourseSummary[]>(['course', 'list', '--all', '--json'], { cwd, env }).map((c) => c.status)).toEqual(['archived']);
    expect(run(['course', 'edit', id, '--title', 'Back again']).code).toBe(4);
  });
});

describe('configuration', () => {
  it('a malformed config fails with exit 1, says how to fix it, and creates nothing', () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, '.catalogrc'), 'database: [unclosed\n');
    const result = runCatalog(['course', 'add', ...flags()], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('hint:');
    expect(fs.readdirSync(cwd)).toEqual(['.catalogrc']);
  });

  it('an unknown or mistyped setting is named', () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, '.catalogrc'), JSON.stringify({ timeZone: 'Mars/Olympus', search: { backnd: 'sqlite' } }));
    const result = runCatalog(['search'], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('timeZone');
    expect(result.stderr).toContain('backnd');
  });

  it('flags beat the environment, which beats the file', () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, '.catalogrc'), 'database: from-file.db\n');
    runCatalog(['course', 'add', ...flags()], { cwd, env });
    runCatalog(['course', 'add', ...flags()], { cwd, env: { ...env, CATALOG_DATABASE: 'from-env.db' } });
    runCatalog(['--db', 'from-flag.db', 'course', 'add', ...flags()], { cwd, env: { ...env, CATALOG_DATABASE: 'from-env.db' } });
    expect(
      fs
        .readdirSync(cwd)
        .filter((f) => f.endsWith('.db'))
        .sort(),
    ).toEqual(['from-env.db', 'from-file.db', 'from-flag.db']);
  });

  it('reading commands do not invent a database in the wrong folder', () => {
    const cwd = tempDirectory();
    const result = runCatalog(['search', 'baking'], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('catalog init');
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
