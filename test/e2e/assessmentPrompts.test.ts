import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails } from '../../src/domain/course.js';
import type { AssessmentView } from '../../src/services/assessments/listAssessments.js';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { KEY, requirePython, startInTerminal } from '../support/terminalSession.js';
import { courseFlags, PYTHON_IN_TEN_DAYS } from '../support/courseFactory.js';
import { tempDirectory } from '../support/tempDirectory.js';

const REGISTERING = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
const OPEN = { CATALOG_NOW: '2027-01-12T06:00:00Z' };
const DOWN = '\u001b[B';

const QUIZ = `
title: Terminal quiz
opensDay: 3
dueDay: 5
attempts: 2
questions:
  - { id: q1, type: single, prompt: Which keyword defines a function?, choices: [func, def, lambda], answer: def }
  - { id: q2, type: multiple, prompt: Which are immutable?, choices: [list, tuple, str], answer: [tuple, str] }
  - { id: q3, type: number, prompt: What is 2 ** 10?, answer: 1024 }
  - { id: q4, type: text, prompt: "Name Python's package installer.", answer: pip }
`;

describe('assessment take on a real pseudo-terminal', () => {
  const cwd = tempDirectory();
  let code = '';
  let assessmentId = '';

  beforeAll(() => {
    requirePython();
    const courseId = catalogJson<CourseDetails>(['course', 'add', ...courseFlags(PYTHON_IN_TEN_DAYS), '--json'], {
      cwd,
      env: REGISTERING,
    }).id;
    fs.writeFileSync(path.join(cwd, 'quiz.yaml'), QUIZ);
    assessmentId = catalogJson<AssessmentView>(['assessment', 'add', courseId, 'quiz.yaml', '--json'], { cwd, env: REGISTERING }).id;
    const registered = runCatalog(['register', courseId, '--student', 'asha@example.in', '--amount', '999', '--payment-ref', 'pay_1'], {
      cwd,
      env: REGISTERING,
    });
    code = registered.stdout.trim();
  });

  it('asks question by question (choices picked with the keys, typed answers checked as typed) and grades on hand-in', async () => {
    const term = startInTerminal(['assessment', 'take', code, assessmentId], { cwd, env: OPEN });
    await term.waitFor('attempt 1 of 2 · 4 questions · hand in by 2027-01-14T23:59:59+05:30');
    await term.waitFor('(1/4) Which keyword defines a function?');
    term.type(DOWN + KEY.enter);
    await term.waitFor('(2/4) Which are immutable?');
    term.type(`${DOWN} ${DOWN} ${KEY.enter}`);
    await term.waitFor('(3/4) What is 2 ** 10?');
    term.answer('a thousand');
    await term.waitFor('"a thousand" is not a number');
    term.answer('1024');
    await term.waitFor("(4/4) Name Python's package installer.");
    term.answer('  PIP ');
    const { code: exit, screen } = await term.exit();
    expect(exit, screen).toBe(0);
    expect(screen).toContain('attempt 1: 4/4 (100%) · passed · 1 attempt left');
  });

  it('an interrupted attempt keeps its answers and resumes where it stopped', async () => {
    const first = startInTerminal(['assessment', 'take', code, assessmentId], { cwd, env: OPEN });
    await first.waitFor('(1/4) Which keyword defines a function?');
    first.type(KEY.enter); // "func": wrong
    await first.waitFor('(2/4) Which are immutable?');
    first.type(KEY.ctrlC);
    const interrupted = await first.exit();
    // Ctrl-C in a prompt: the shell's 130 (issue 10, item 20).
    expect(interrupted.code).toBe(130);

    const again = startInTerminal(['assessment', 'take', code, assessmentId], { cwd, env: OPEN });
    await again.waitFor('resuming attempt 2 of 2');
    await again.waitFor('(2/4) Which are immutable?');
    // The question answered before the interruption is not asked again.
    expect(again.screen()).not.toContain('(1/4)');
    again.type(`${DOWN} ${DOWN} ${KEY.enter}`);
    await again.converse([
      ['(3/4)', '1024'],
      ['(4/4)', 'pip'],
    ]);
    const { code: exit, screen } = await again.exit();
    expect(exit, screen).toBe(0);
    expect(screen).toContain('attempt 2: 3/4 (75%) · passed · 0 attempts left');
  });
});
