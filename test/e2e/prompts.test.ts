import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails, CourseSummary } from '../../src/domain/course.js';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { requirePython, startInTerminal } from '../support/terminalSession.js';
import { tempDirectory } from '../support/tempDirectory.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };

describe('interactive authoring in a real pseudo-terminal', () => {
  const cwd = tempDirectory();
  const show = (id: string) => catalogJson<CourseDetails>(['course', 'show', id, '--json'], { cwd, env });
  const list = () => catalogJson<CourseSummary[]>(['course', 'list', '--all', '--json'], { cwd, env });
  let id = '';

  beforeAll(() => {
    requirePython();
    expect(runCatalog(['init'], { cwd, env }).code).toBe(0);
  });

  it('course add asks for each missing field, re-asks a bad answer at once, shows a summary and creates on confirmation', async () => {
    // --title is given, --price is given but invalid: the title is not asked, the price is, saying why.
    const term = startInTerminal(['course', 'add', '--title', 'Sourdough at Home', '--price', '99999999'], { cwd, env });
    await term.waitFor('--price: price must be at most');
    await term.converse([
      ['Description', 'Starter, shaping and baking.'],
      ['Teacher', 'Meera Iyer'],
      ['Category', 'Baking'],
      ['Price in rupees', 'seven hundred'],
      ['"seven hundred" is not an amount in rupees', '799,50'],
      // A decimal comma is refused, never read as ₹79,950 (issue 10, item 1).
      ['"799,50" is not an amount in rupees: write 799.50', '799.50'],
      ['Start date', '2027-02-30'],
      ['not a real date', '2026-11-25'],
      // A start date that has come is refused at the question (item 3).
      ['start 2026-11-25 is today', '2027-10-04'],
      // The end is checked against the start before the next question; its default follows the start.
      ['End date (YYYY-MM-DD) (2027-10-13)', '2027-10-01'],
      ['end 2027-10-01 is before start 2027-10-04', '2027-10-08'],
      ['Seats', '12'],
    ]);
    await term.waitFor('Create this course?');
    const summary = term.screen();
    for (const line of [/title\s+Sourdough at Home/, /price\s+₹799\.50/, /end\s+2027-10-08/, /category\s+baking/])
      expect(summary).toMatch(line);
    term.answer('y');
    const { code, screen } = await term.exit();
    expect(code, screen).toBe(0);
    expect(screen).not.toContain('? Title');

    const created = screen.match(/created (crs_[0-9a-z]{10})/);
    expect(created, screen).not.toBeNull();
    id = created![1]!;
    expect(show(id)).toMatchObject({
      title: 'Sourdough at Home',
      description: 'Starter, shaping and baking.',
      teacher: 'Meera Iyer',
      category: 'baking',
      listPrice: 799.5,
      startDate: '2027-10-04',
      endDate: '2027-10-08',
      seats: 12,
      status: 'published',
      version: 1,
    });
  });

  it('answering no at the confirmation creates nothing and is not an error: exit 0, no ✖ (issue 10, item 20)', async () => {
    const term = startInTerminal(
      [
        'course',
        'add',
        '--title',
        'Never Saved',
        '--description',
        'Gone.',
        '--teacher',
        'Meera Iyer',
        '--category',
        'baking',
        '--price',
        '499',
        '--start',
        '2027-11-01',
      ],
      { cwd, env },
    );
    await term.converse([
      ['End date', ''],
      ['Seats', '10'],
    ]);
    await term.waitFor('Create this course?');
    term.answer('n');
    const { code, screen } = await term.exit();
    expect(code, screen).toBe(0);
    expect(screen).toContain('nothing created');
    expect(screen).not.toContain('✖');
    expect(list().map((c) => c.title)).toEqual(['Sourdough at Home']);
  });

  it('course edit offers the current values, saves only what changed after a summary of old → new', async () => {
    const term = startInTerminal(['course', 'edit', id], { cwd, env });
    await term.waitFor(`Editing ${id}`);
    // Each current value stands on the line, ready to edit; Enter keeps it.
    await term.converse([
      ['Title Sourdough at Home', 'Sourdough for Beginners'],
      ['Description Starter, shaping and baking.', ''],
      ['Teacher Meera Iyer', ''],
      ['Category (e.g. baking, python, yoga) baking', ''],
      ['Price in rupees (0 for a free course) 799.50', '-5'],
      ['is not an amount in rupees', '899'],
      ['Start date (YYYY-MM-DD) 2027-10-04', ''],
      ['End date (YYYY-MM-DD) 2027-10-08', ''],
      ['Seats (a number, or unlimited) 12', '20'],
    ]);
    await term.waitFor('Save these changes?');
    const summary = term.screen().slice(term.screen().lastIndexOf(`Editing ${id}`));
    expect(summary).toMatch(/title\s+Sourdough at Home → Sourdough for Beginners/);
    expect(summary).toMatch(/price\s+₹799\.50 → ₹899/);
    expect(summary).toMatch(/seats\s+12 → 20/);
    expect(summary).not.toMatch(/teacher\s+Meera Iyer →/);
    term.answer('y');
    const { code, screen } = await term.exit();
    expect(code, screen).toBe(0);
    expect(show(id)).toMatchObject({
      title: 'Sourdough for Beginners',
      listPrice: 899,
      seats: 20,
      teacher: 'Meera Iyer',
      description: 'Starter, shaping and baking.',
      startDate: '2027-10-04',
      endDate: '2027-10-08',
      version: 2,
    });
  });

  it('course edit with every value kept changes nothing and keeps the version', async () => {
    const term = startInTerminal(['course', 'edit', id], { cwd, env });
    await term.converse(
      ['Title', 'Description', 'Teacher', 'Category', 'Price in rupees', 'Start date', 'End date', 'Seats'].map((question) => [
        `? ${question}`,
        '',
      ]),
    );
    const { code, screen } = await term.exit();
    expect(code, screen).toBe(0);
    expect(screen).toContain('nothing changed');
    expect(show(id).version).toBe(2);
  });

  it('a new spelling of the teacher is shown before saving, and kept (issue 10, item 5)', async () => {
    const term = startInTerminal(['course', 'edit', id], { cwd, env });
    await term.converse([
      ['Title', ''],
      ['Description', ''],
      ['Teacher Meera Iyer', 'meera iyer'],
      ['Category', ''],
      ['Price in rupees', ''],
      ['Start date', ''],
      ['End date', ''],
      ['Seats', ''],
    ]);
    await term.waitFor('Save these changes?');
    expect(term.screen()).toContain('the teacher will be spelled “meera iyer” everywhere (was “Meera Iyer” on 1 course)');
    term.answer('y');
    const { code, screen } = await term.exit();
    expect(code, screen).toBe(0);
    expect(show(id)).toMatchObject({ teacher: 'meera iyer', version: 3 });
  });
});
