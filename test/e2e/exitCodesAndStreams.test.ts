import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseSummary } from '../../src/domain/course.js';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { KEY, requirePython, startInTerminal } from '../support/terminalSession.js';
import { tempDirectory } from '../support/tempDirectory.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
const courseFlags = [
  ...['--title', 'Sourdough at Home', '--description', 'Starter and baking.', '--teacher', 'Meera Iyer', '--category', 'baking'],
  ...['--price', '799', '--start', '2027-10-04', '--end', '2027-10-08', '--seats', '12'],
];

describe('exit codes and streams (issue 10, items 16 and 20)', () => {
  const cwd = tempDirectory();
  const run = (args: string[]) => runCatalog(args, { cwd, env });
  const courses = () => catalogJson<CourseSummary[]>(['course', 'list', '--json'], { cwd, env });

  beforeAll(() => {
    requirePython();
    expect(run(['init']).code).toBe(0);
  });

  it('`catalog` alone prints the commands on stderr and exits 2, like a usage error', () => {
    const result = run([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: catalog');
    expect(result.stderr).toContain('search');
    const group = run(['course']);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('Usage: catalog course');
    expect(run(['--help']).code).toBe(0);
    expect(run(['course', '--help']).code).toBe(0);
  });

  it('a flag value that looks like a flag runs nothing else: exit 2, nothing added', () => {
    for (const args of [
      ['course', 'add', '--title', '--version'],
      ['course', 'add', '--title', '--help', ...courseFlags.slice(2)],
      ['course', 'add', '--title', '--description', 'x', ...courseFlags.slice(4)],
      ['search', '--category', '--json'],
    ]) {
      const result = run(args);
      expect(result.code, `${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/--(title|category) needs a value, but the next word is the flag --/);
    }
    expect(courses()).toEqual([]);
    // A value that really starts with a dash is written with `=`.
    const dashed = run(['course', 'add', '--title=-Sourdough-', ...courseFlags.slice(2), '--json']);
    expect(dashed.code, dashed.stderr).toBe(0);
    expect(JSON.parse(dashed.stdout).title).toBe('-Sourdough-');
  });

  it('with --json, an error is one JSON object on stderr, whatever the command and the error', () => {
    const cases: [string[], number, string][] = [
      [['course', 'show', 'crs_nothere00', '--json'], 3, 'not_found'],
      [['search', '--month', 'smarch', '--json'], 2, 'usage'],
      [['search', '--cheapest', '--json'], 2, 'usage'],
      [['course', 'add', '--title', 'Only a title', '--json'], 2, 'usage'],
      [['course', 'add', ...courseFlags.slice(0, -2), '--seats', 'many', '--json'], 2, 'invalid'],
      [['course', 'price', 'crs_nothere00', '--price', '10', '--json'], 3, 'not_found'],
    ];
    for (const [args, exit, code] of cases) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(exit);
      expect(result.stdout).toBe('');
      const body = JSON.parse(result.stderr) as { error: { code: string; message: string; hint?: string } };
      expect(body.error.code, args.join(' ')).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    const invalid = JSON.parse(run(['course', 'add', ...courseFlags.slice(0, -2), '--seats', 'many', '--json']).stderr);
    expect(invalid.error.problems[0]).toMatchObject({ field: 'seats' });
    // Without --json the same error is for a person.
    expect(run(['course', 'show', 'crs_nothere00']).stderr).toMatch(/^✖ no course with id crs_nothere00\n {2}hint: /);
  });

  it('Ctrl-C in a prompt exits 130', async () => {
    const term = startInTerminal(['course', 'add'], { cwd, env });
    await term.waitFor('Title');
    term.type(KEY.ctrlC);
    const { code, screen } = await term.exit();
    expect(code, screen).toBe(130);
    expect(screen).not.toContain('internal error');
    expect(courses()).toHaveLength(1);
  });
});
