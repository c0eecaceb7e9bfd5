import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails } from '../../src/domain/course.js';
import type { RegistrationView } from '../../src/domain/registration.js';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { courseFlags, SOURDOUGH_AT_HOME } from '../support/courseFactory.js';
import { tempDirectory } from '../support/tempDirectory.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
const flags = (overrides: Record<string, string> = {}) => courseFlags({ ...SOURDOUGH_AT_HOME, ...overrides });

/** The course rules as a user meets them at the terminal: exit codes, messages, nothing changed. */
describe('course rules through the CLI (issue 10)', () => {
  const cwd = tempDirectory();
  const run = (args: string[], extra: Record<string, string> = {}) => runCatalog(args, { cwd, env: { ...env, ...extra } });
  const show = (id: string) => catalogJson<CourseDetails>(['course', 'show', id, '--json'], { cwd, env });
  const add = (overrides: Record<string, string> = {}) => {
    const result = run(['course', 'add', ...flags(overrides), '--json']);
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as CourseDetails).id;
  };

  beforeAll(() => {
    expect(run(['init']).code).toBe(0);
  });

  it('item 1: a decimal comma is refused with a hint on every path, never read as 100×', () => {
    const id = add({ price: '999' });
    for (const args of [
      ['course', 'price', id, '599,50'],
      ['course', 'edit', id, '--price', '599,50'],
      ['course', 'sale', id, '--price', '599,50', '--until', '2026-12-31'],
      ['course', 'add', ...flags({ price: '599,50', title: 'Comma course' })],
      ['search', '--max-price', '599,50'],
      ['register', id, '--student', 'asha@example.in', '--amount', '999,00', '--payment-ref', 'pay_comma'],
    ]) {
      const result = run(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/commas only group thousands/);
    }
    const file = path.join(tempDirectory(), 'comma.csv');
    fs.writeFileSync(
      file,
      'title,description,teacher,category,price,start,end,seats\nComma Bread,Loaves.,Meera Iyer,baking,"599,50",2027-10-04,2027-10-08,12\n',
    );
    const imported = run(['import', file, '--json']);
    expect(imported.code).not.toBe(0);
    expect(JSON.parse(imported.stdout).problems).toEqual([expect.objectContaining({ line: 2, column: 'price' })]);
    expect(show(id)).toMatchObject({ listPrice: 999, price: 999, sale: null, registrations: 0 });
    expect(catalogJson<unknown[]>(['course', 'list', '--json'], { cwd, env })).toHaveLength(1);
    expect(run(['course', 'price', id, '1,299']).code).toBe(0);
    expect(show(id).listPrice).toBe(1299);
  });

  it('item 2: a list price under a sale is a conflict (exit 4) naming the way out', () => {
    const id = add({ price: '999', title: 'Sale course' });
    expect(run(['course', 'sale', id, '--price', '400', '--until', '2026-12-31']).code).toBe(0);
    for (const args of [
      ['course', 'price', id, '300'],
      ['course', 'edit', id, '--price', '300'],
    ]) {
      const result = run(args);
      expect(result.code, result.stderr).toBe(4);
      expect(result.stderr).toMatch(/--cancel/);
    }
    expect(show(id)).toMatchObject({ listPrice: 999, price: 400 });
  });

  it('item 3: a start date that has come is refused (exit 2) saying from when', () => {
    const result = run(['course', 'add', ...flags({ start: '2026-11-20', end: '2026-11-30', title: 'Too late' })]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/2026-11-26/);
    expect(catalogJson<{ title: string }[]>(['course', 'list', '--json'], { cwd, env }).map((c) => c.title)).not.toContain('Too late');
  });

  it('item 5: a new spelling of a teacher is kept, and the command says so', () => {
    const first = add({ teacher: 'kavya menon', title: 'Yoga one', category: 'yoga' });
    const result = run(['course', 'add', ...flags({ teacher: 'Kavya Menon', title: 'Yoga two', category: 'yoga' })]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Kavya Menon.*kavya menon|kavya menon.*Kavya Menon/);
    expect(show(first).teacher).toBe('Kavya Menon');
  });

  it('items 19, 20, 23: times in the catalogue zone; back to draft is a conflict; a future version a usage error', () => {
    const id = add({ price: '500', title: 'Registered course' });
    const registered = run(['register', id, '--student', 'ravi@example.in', '--amount', '500', '--payment-ref', 'pay_ravi', '--json'], {
      CATALOG_NOW: '2026-12-01T16:15:00Z',
    });
    expect(registered.code, registered.stderr).toBe(0);
    expect((JSON.parse(registered.stdout) as { registration: RegistrationView }).registration.registeredAt).toBe(
      '2026-12-01T21:45:00+05:30',
    );
    const listed = run(['registrations', 'list', '--course', id, '--format', 'table']);
    expect(listed.stdout).toContain('2026-12-01 21:45 +05:30');

    const sale = run(['course', 'sale', id, '--price', '450', '--until', '2026-12-31']);
    expect(sale.stderr).toContain('2027-01-01 00:00 +05:30');
    expect(sale.stderr).not.toContain('.000Z');
    expect(show(id).sale?.until).toBe('2027-01-01T00:00:00+05:30');
    expect(run(['course', 'show', id, '--format', 'table']).stdout).toContain('2027-01-01 00:00 +05:30');

    const draft = run(['course', 'edit', id, '--status', 'draft']);
    expect(draft.code, draft.stderr).toBe(4);
    const version = show(id).version;
    const future = run(['course', 'edit', id, '--title', 'Renamed', '--if-version', String(version + 2)]);
    expect(future.code, future.stderr).toBe(2);
    expect(future.stderr).toContain(`version ${version}`);
    expect(run(['course', 'edit', id, '--title', 'Renamed', '--if-version', String(version - 1)]).code).toBe(4);
    expect(show(id)).toMatchObject({ status: 'published', title: 'Registered course', version });
  });

  it('item 4: a seeded catalogue shows the same registrations in `course show` and `registrations list`', () => {
    const dir = tempDirectory();
    expect(runCatalog(['seed', '--courses', '60', '--seed', '3'], { cwd: dir, env }).code).toBe(0);
    const courses = catalogJson<CourseDetails[]>(['course', 'list', '--json'], { cwd: dir, env });
    const busy = courses.filter((c) => c.registrations > 0).slice(0, 3);
    expect(busy.length).toBe(3);
    for (const course of busy) {
      const listed = catalogJson<RegistrationView[]>(['registrations', 'list', '--course', course.id, '--json'], { cwd: dir, env });
      expect(listed).toHaveLength(course.registrations);
    }
  });
});
