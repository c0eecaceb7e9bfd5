import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails } from '../../src/domain/course.js';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { KEY, requirePython, startInTerminal } from '../support/terminalSession.js';
import { tempDirectory } from '../support/tempDirectory.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
const courseFlags = (title: string) => [
  ...['--title', title, '--description', 'Starter and baking.', '--teacher', 'Meera Iyer', '--category', 'baking'],
  ...['--price', '799', '--start', '2027-10-04', '--end', '2027-10-08', '--seats', '12'],
];

describe('archiving a course with paid students asks first (issue 10, item 18)', () => {
  const cwd = tempDirectory();
  const run = (args: string[]) => runCatalog(args, { cwd, env });
  const status = (id: string) => catalogJson<CourseDetails>(['course', 'show', id, '--json'], { cwd, env }).status;
  const addCourse = (title: string, students: number) => {
    const id = catalogJson<CourseDetails>(['course', 'add', ...courseFlags(title), '--json'], { cwd, env }).id;
    for (let i = 1; i <= students; i++) {
      const paid = run(['register', id, '--student', `s${i}.${id}@example.in`, '--amount', '799', '--payment-ref', `pay_${id}_${i}`]);
      expect(paid.code, paid.stderr).toBe(0);
    }
    return id;
  };

  beforeAll(() => requirePython());

  it('without a terminal it refuses (exit 2) naming --yes and the paid students; --yes archives', () => {
    const id = addCourse('Two Students', 2);
    const refused = run(['course', 'archive', id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('2 paid students');
    expect(refused.stderr).toContain('--yes');
    expect(status(id)).toBe('published');
    const json = run(['course', 'archive', id, '--json']);
    expect(JSON.parse(json.stderr).error.code).toBe('usage');
    expect(run(['course', 'archive', id, '--yes']).code).toBe(0);
    expect(status(id)).toBe('archived');
  });

  it('a course nobody paid for is archived at once', () => {
    const id = addCourse('Nobody Yet', 0);
    expect(run(['course', 'archive', id]).code).toBe(0);
    expect(status(id)).toBe('archived');
  });

  it('on a terminal it asks, naming the count; no is not an error and changes nothing; yes archives', async () => {
    const id = addCourse('One Student', 1);
    const declined = startInTerminal(['course', 'archive', id], { cwd, env });
    await declined.waitFor('1 paid student is registered');
    declined.answer('n');
    const no = await declined.exit();
    expect(no.code, no.screen).toBe(0);
    expect(no.screen).toContain('nothing changed');
    expect(no.screen).not.toContain('✖');
    expect(status(id)).toBe('published');

    const interrupted = startInTerminal(['course', 'archive', id], { cwd, env });
    await interrupted.waitFor('Archive');
    interrupted.type(KEY.ctrlC);
    expect((await interrupted.exit()).code).toBe(130);
    expect(status(id)).toBe('published');

    const accepted = startInTerminal(['course', 'archive', id], { cwd, env });
    await accepted.waitFor('Archive');
    accepted.answer('y');
    const yes = await accepted.exit();
    expect(yes.code, yes.screen).toBe(0);
    expect(status(id)).toBe('archived');
  });
});
