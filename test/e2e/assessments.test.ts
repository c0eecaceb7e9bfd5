import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { CourseDetails } from '../../src/domain/course.js';
import type { Gradebook } from '../../src/services/assessments/courseGradebook.js';
import type { AssessmentView } from '../../src/services/assessments/listAssessments.js';
import type { AttemptOutcome } from '../../src/services/assessments/takeAssessment.js';
import { catalogJson, REPO_ROOT, runCatalog, runCatalogAsync } from '../support/cliRunner.js';
import { courseFlags, PYTHON_IN_TEN_DAYS } from '../support/courseFactory.js';
import { tempDirectory } from '../support/tempDirectory.js';

const REGISTERING = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
// Day 3 of a course starting 2027-01-10 in Asia/Kolkata: the sample opens then.
const OPEN = { CATALOG_NOW: '2027-01-12T06:00:00Z' };
const SAMPLE = path.join(REPO_ROOT, 'fixtures/assessments/week-1-check.yaml');
const RIGHT = path.join(REPO_ROOT, 'fixtures/assessments/week-1-answers.json');

describe('catalog assessment and grades (end to end)', () => {
  const cwd = tempDirectory();
  let courseId = '';
  let assessmentId = '';
  let student = 0;
  let enrolled = 0;
  const enrol = (email = `student${++student}@example.in`) => {
    enrolled++;
    const result = runCatalog(['register', courseId, '--student', email, '--amount', '999', '--payment-ref', `pay_${email}`], {
      cwd,
      env: REGISTERING,
    });
    expect(result.code, result.stderr).toBe(0);
    return result.stdout.trim();
  };
  const attemptsInDatabase = () =>
    catalogJson<Gradebook>(['grades', courseId, '--json'], { cwd, env: OPEN })
      .students.flatMap((s) => s.grades.map((g) => g.attempts))
      .reduce((a, b) => a + b, 0);

  beforeAll(() => {
    courseId = catalogJson<CourseDetails>(['course', 'add', ...courseFlags(PYTHON_IN_TEN_DAYS), '--json'], { cwd, env: REGISTERING }).id;
    // The sample names its module ("Week 1"): a module of the course, as materials use them.
    const withoutModule = runCatalog(['assessment', 'add', courseId, SAMPLE], { cwd, env: REGISTERING });
    expect(withoutModule.code).toBe(3);
    expect(withoutModule.stderr).toContain(`course ${courseId} has no module "Week 1"`);
    const moduleId = catalogJson<{ id: string }>(['module', 'add', courseId, '--title', 'Week 1', '--json'], { cwd, env: REGISTERING }).id;
    const added = catalogJson<AssessmentView>(['assessment', 'add', courseId, SAMPLE, '--json'], { cwd, env: REGISTERING });
    expect(added.moduleId).toBe(moduleId);
    assessmentId = added.id;
    expect(added).toMatchObject({
      courseId,
      title: 'Week 1 check',
      module: 'Week 1',
      opensAt: '2027-01-12T00:00:00+05:30',
      dueAt: '2027-01-14T23:59:59+05:30',
      lateUntil: '2027-01-15T23:59:59+05:30',
      questions: 4,
      maxScore: 5,
    });
  });

  it('add refuses a bad file with every problem (path, line, hint) and exit 2, storing nothing', () => {
    const bad = path.join(REPO_ROOT, 'fixtures/assessments/bad/question-fields.yaml');
    const result = runCatalog(['assessment', 'add', courseId, bad], { cwd, env: REGISTERING });
    expect(result.code).toBe(2);
    for (const line of [
      'questions[0].choices (line 8): number questions have no choices',
      'questions[1].tolerance (line 15): applies to number questions, not single',
      'questions[2].prompt (line 16): is missing',
      'questions[3].type (line 20): must be one of single, multiple, number, text, not "essay"',
      'questions[4].answer (line 26): must be a list of the right choices, not []',
    ])
      expect(result.stderr).toContain(line);
    expect(result.stderr).toContain('hint:');
    const syntax = runCatalog(['assessment', 'add', courseId, path.join(REPO_ROOT, 'fixtures/assessments/bad/broken-syntax.yaml')], {
      cwd,
      env: REGISTERING,
    });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/line \d+:/);
    expect(catalogJson<AssessmentView[]>(['assessment', 'list', courseId, '--json'], { cwd, env: REGISTERING }).map((a) => a.id)).toEqual([
      assessmentId,
    ]);
    expect(runCatalog(['assessment', 'add', 'crs_nosuchcours', SAMPLE], { cwd, env: REGISTERING }).code).toBe(3);
  });

  it('two processes racing for the last attempt: exactly one counts', async () => {
    const code = enrol();
    const first = catalogJson<AttemptOutcome>(['assessment', 'take', code, assessmentId, '--answers', RIGHT, '--json'], { cwd, env: OPEN });
    expect(first).toMatchObject({ attempt: 1, attemptsLeft: 1 });
    const before = attemptsInDatabase();
    const racers = await Promise.all(
      Array.from({ length: 6 }, () =>
        runCatalogAsync(['assessment', 'take', code, assessmentId, '--answers', RIGHT, '--json'], { cwd, env: OPEN }),
      ),
    );
    const winners = racers.filter((r) => r.code === 0);
    expect(winners, racers.map((r) => r.stderr).join('\n')).toHaveLength(1);
    expect(JSON.parse(winners[0]!.stdout)).toMatchObject({ attempt: 2, attemptsLeft: 0, score: 5, percent: 100, passed: true });
    for (const loser of racers.filter((r) => r.code !== 0)) {
      expect(loser.code).toBe(4);
      expect(loser.stderr).toContain(`no attempts left at assessment ${assessmentId}`);
    }
    expect(attemptsInDatabase()).toBe(before + 1);
  });

  it('take: the JSON shape, exit 2 for unknown questions and malformed answers, exit 4 outside the window, nothing recorded', () => {
    const code = enrol();
    const early = runCatalog(['assessment', 'take', code, assessmentId, '--answers', RIGHT], {
      cwd,
      env: { CATALOG_NOW: '2027-01-11T18:29:59Z' },
    });
    expect(early.code).toBe(4);
    expect(early.stderr).toContain('opens on 2027-01-12T00:00:00+05:30');
    const late = runCatalog(['assessment', 'take', code, assessmentId, '--answers', RIGHT], {
      cwd,
      env: { CATALOG_NOW: '2027-01-15T18:30:00Z' },
    });
    expect(late.code).toBe(4);
    expect(late.stderr).toContain('closed on 2027-01-15T23:59:59+05:30');
    const malformed = runCatalog(['assessment', 'take', code, assessmentId, '--answers', '-'], {
      cwd,
      env: OPEN,
      input: 'q3: lots\nq8: 1\n',
    });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('q3: "lots" is not a number');
    expect(malformed.stderr).toContain('q8: is not a question of this assessment');
    const noTerminal = runCatalog(['assessment', 'take', code, assessmentId], { cwd, env: OPEN });
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('--answers is required without a terminal');
    expect(runCatalog(['assessment', 'take', 'acc_wrongcode', assessmentId, '--answers', RIGHT], { cwd, env: OPEN }).code).toBe(3);

    const before = attemptsInDatabase();
    const outcome = catalogJson<AttemptOutcome>(['assessment', 'take', code, assessmentId, '--answers', '-', '--json'], {
      cwd,
      env: { CATALOG_NOW: '2027-01-15T06:00:00Z' },
      input: '{"q1": "def", "q2": ["tuple"], "q3": 1024, "q4": " Pip3 "}',
    });
    expect(outcome).toEqual({
      assessmentId,
      attempt: 1,
      score: 4,
      maxScore: 5,
      percent: 80,
      passed: true,
      late: true,
      attemptsLeft: 1,
      startedAt: '2027-01-15T11:30:00+05:30',
      submittedAt: '2027-01-15T11:30:00+05:30',
      timedOut: false,
      answersRevealed: false,
      questions: [
        { id: 'q1', correct: true, points: 1 },
        // partial: true, 2 points, one of two right choices picked.
        { id: 'q2', correct: false, points: 1 },
        { id: 'q3', correct: true, points: 1 },
        { id: 'q4', correct: true, points: 1 },
      ],
    });
    expect(attemptsInDatabase()).toBe(before + 1);
  });

  it('extend, results and grades: the admin sees everyone, a student only themself', () => {
    const email = 'latecomer@example.in';
    const code = enrol(email);
    const extended = runCatalog(['assessment', 'extend', assessmentId, '--student', email, '--due', '2027-01-18', '--json'], {
      cwd,
      env: OPEN,
    });
    expect(extended.code, extended.stderr).toBe(0);
    expect(JSON.parse(extended.stdout)).toMatchObject({ dueAt: '2027-01-18T23:59:59+05:30', closesAt: '2027-01-19T23:59:59+05:30' });
    const after = { CATALOG_NOW: '2027-01-17T06:00:00Z' };
    expect(
      catalogJson<AttemptOutcome>(['assessment', 'take', code, assessmentId, '--answers', RIGHT, '--json'], { cwd, env: after }),
    ).toMatchObject({ late: false, score: 5 });

    const own = catalogJson<{ attempts: unknown[]; answersRevealed: boolean }>(['assessment', 'results', code, assessmentId, '--json'], {
      cwd,
      env: after,
    });
    expect(own.attempts).toHaveLength(1);
    expect(own.answersRevealed).toBe(false);

    const csv = runCatalog(['grades', courseId, '--csv'], { cwd, env: after });
    expect(csv.code).toBe(0);
    const [header, ...rows] = parse(csv.stdout) as string[][];
    expect(header).toEqual([
      'student_email',
      'student_name',
      `${assessmentId}_score`,
      `${assessmentId}_percent`,
      `${assessmentId}_attempts`,
      `${assessmentId}_late`,
      'total_percent',
      'passed',
    ]);
    expect(rows.find((r) => r[0] === email)).toEqual([email, '', '5', '100', '1', 'false', '100', 'true']);
    expect(rows).toHaveLength(enrolled);
    // grades takes a course id: an access code gets nothing.
    const byCode = runCatalog(['grades', code], { cwd, env: after });
    expect(byCode.code).toBe(3);
    expect(byCode.stdout).toBe('');
    expect(runCatalog(['grades', courseId, '--json', '--csv'], { cwd, env: after }).code).toBe(2);
  });

  it('the README example answers file and the fixtures stay in step with the command', () => {
    expect(JSON.parse(fs.readFileSync(RIGHT, 'utf8'))).toEqual({ q1: 'def', q2: ['tuple', 'str'], q3: 1024, q4: 'PIP' });
  });
});
