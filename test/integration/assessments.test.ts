import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../src/errors.js';
import { addAssessment, updateAssessment } from '../../src/services/assessments/authorAssessment.js';
import { courseGradebook } from '../../src/services/assessments/courseGradebook.js';
import { extendAssessment } from '../../src/services/assessments/extendAssessment.js';
import { listAssessments } from '../../src/services/assessments/listAssessments.js';
import { studentResults } from '../../src/services/assessments/studentResults.js';
import { beginAttempt, handInAttempt, keepAnswer, takeWithAnswers } from '../../src/services/assessments/takeAssessment.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { addModule } from '../../src/services/materials/addModule.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { cancelRegistration } from '../../src/services/registrations/cancelRegistration.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';

// Courses start on 2027-01-10 in Asia/Kolkata (+05:30): day 3 begins 2027-01-11T18:30Z.
const BEFORE_START = '2026-11-25T06:30:00Z';

function setup() {
  const catalog = tempCatalog({ now: BEFORE_START });
  const course = addCourse(catalog, courseInput({ start: '2027-01-10', end: '2027-01-20', seats: '50', price: '999' }));
  let n = 0;
  const file = (text: string, ext = 'yaml') => {
    const name = path.join(catalog.dir, `assessment-${++n}.${ext}`);
    fs.writeFileSync(name, text);
    return name;
  };
  const enrol = async (email: string) => {
    const saved = catalog.time.now();
    catalog.time.set(BEFORE_START);
    const { outcome } = await registerStudent(catalog, { courseId: course.id, student: email, amount: '999', paymentRef: `pay_${email}` });
    catalog.time.set(saved);
    if (outcome.status !== 'registered') throw new Error('not registered');
    return outcome.accessCode;
  };
  const rows = (table: string) => (catalog.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { catalog, course, file, enrol, rows };
}

const WEEK_1 = `
title: Week 1 check
opensDay: 3
dueDay: 5
lateUntilDay: 6
attempts: 2
timeLimitMinutes: 20
passPercent: 60
grading: highest
shuffle: true
questions:
  - { id: q1, type: single, prompt: Which keyword defines a function?, choices: [func, def, lambda, fn], answer: def }
  - { id: q2, type: multiple, prompt: Which are immutable?, choices: [list, tuple, str, dict], answer: [tuple, str], points: 2 }
  - { id: q3, type: number, prompt: What is 2 ** 10?, answer: 1024 }
  - { id: q4, type: text, prompt: "Name Python's package installer.", answer: [pip, pip3] }
`;
const RIGHT = { q1: 'def', q2: ['tuple', 'str'], q3: 1024, q4: 'PIP' };

describe('assessments on a real SQLite file', () => {
  it('a bad file is refused with every problem, its path and line; nothing is stored', async () => {
    const { catalog, course, file, rows } = setup();
    const bad = file(
      'title: Broken\ndueDay: 2\nattempts: many\nquestions:\n  - id: q1\n    type: single\n    prompt: Pick\n    choices: [a, b]\n    answer: c\n',
    );
    const error = await addAssessment(catalog, course.id, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => p.field)).toEqual(['attempts (line 3)', 'questions[0].answer (line 9)']);
    expect(rows('assessments')).toBe(0);
  });

  it("an assessment's module is one of the course's modules, by title (any case) or id", async () => {
    const { catalog, course, file, rows } = setup();
    const withModule = (name: string) => file(WEEK_1.replace('title: Week 1 check', `title: Week 1 check\nmodule: ${name}`));
    await expect(addAssessment(catalog, course.id, withModule('Week 1'))).rejects.toThrow(`course ${course.id} has no module "Week 1"`);
    expect(rows('assessments')).toBe(0);
    const { module } = addModule(catalog, { courseId: course.id, title: 'Week 1' });
    const added = await addAssessment(catalog, course.id, withModule('week 1'));
    expect(added.moduleId).toBe(module.id);
    expect(listAssessments(catalog, course.id)[0]).toMatchObject({ module: 'week 1', moduleId: module.id });
    const { assessment } = await updateAssessment(catalog, added.id, file(WEEK_1));
    expect(assessment.moduleId).toBeNull();
  });

  it('refusals record nothing: before it opens, malformed answers, after the cut-off, no attempts left', async () => {
    const { catalog, course, file, enrol, rows } = setup();
    const assessment = await addAssessment(catalog, course.id, file(WEEK_1));
    const code = await enrol('asha@example.in');

    catalog.time.set('2027-01-11T18:29:59Z');
    await expect(takeWithAnswers(catalog, code, assessment.id, RIGHT)).rejects.toThrow('opens on 2027-01-12T00:00:00+05:30');
    catalog.time.set('2027-01-12T06:00:00Z');
    await expect(takeWithAnswers(catalog, code, assessment.id, { q1: 'define' })).rejects.toThrow(ValidationError);
    await expect(takeWithAnswers(catalog, code, assessment.id, { q7: 'x' })).rejects.toThrow('q7: is not a question of this assessment');
    expect(rows('assessment_attempts')).toBe(0);

    expect(await takeWithAnswers(catalog, code, assessment.id, { q1: 'def' })).toMatchObject({
      attempt: 1,
      score: 1,
      attemptsLeft: 1,
      late: false,
    });
    expect(await takeWithAnswers(catalog, code, assessment.id, RIGHT)).toMatchObject({
      attempt: 2,
      score: 5,
      percent: 100,
      attemptsLeft: 0,
    });
    await expect(takeWithAnswers(catalog, code, assessment.id, RIGHT)).rejects.toThrow('no attempts left');
    catalog.time.set('2027-01-15T18:30:00Z');
    await expect(takeWithAnswers(catalog, code, assessment.id, RIGHT)).rejects.toThrow(
      'closed on 2027-01-15T23:59:59+05:30 (the cut-off for late submissions)',
    );
    expect(rows('assessment_attempts')).toBe(2);
  });

  it('a time limit counts from the attempt start: answers after it do not count, the hand-in counts at the limit', async () => {
    const { catalog, course, file, enrol } = setup();
    const assessment = await addAssessment(catalog, course.id, file(WEEK_1));
    const code = await enrol('ravi@example.in');
    catalog.time.set('2027-01-12T06:00:00Z');
    const open = await beginAttempt(catalog, code, assessment.id);
    expect(open).toMatchObject({ resumed: false, deadline: Date.parse('2027-01-12T06:20:00Z') });
    catalog.time.set('2027-01-12T06:05:00Z');
    await keepAnswer(catalog, open, 'q1', 1);

    // Interrupted, then resumed: the same attempt, the same order, the answer kept.
    const again = await beginAttempt(catalog, code, assessment.id);
    expect(again).toMatchObject({ resumed: true, order: open.order });
    expect(again.attempt.number).toBe(1);
    expect(Object.keys(again.attempt.answers)).toEqual(['q1']);

    catalog.time.set('2027-01-12T06:25:00Z');
    await keepAnswer(catalog, again, 'q3', 1024);
    const outcome = await handInAttempt(catalog, code, again);
    expect(outcome).toMatchObject({ score: 1, timedOut: true, submittedAt: '2027-01-12T11:50:00+05:30', attemptsLeft: 1 });
  });

  it('an attempt left open past its limit counts at the limit in the gradebook, and is closed before the next one starts', async () => {
    const { catalog, course, file, enrol } = setup();
    const assessment = await addAssessment(catalog, course.id, file(WEEK_1));
    const code = await enrol('meera@example.in');
    catalog.time.set('2027-01-12T06:00:00Z');
    const open = await beginAttempt(catalog, code, assessment.id);
    await keepAnswer(catalog, open, 'q2', [1, 2]);
    catalog.time.set('2027-01-12T07:00:00Z');
    expect(courseGradebook(catalog, course.id).students[0]!.grades[0]).toMatchObject({ score: 2, percent: 40, attempts: 1 });
    expect(await takeWithAnswers(catalog, code, assessment.id, RIGHT)).toMatchObject({ attempt: 2, score: 5 });
    const attempts = catalog.db.prepare('SELECT number, score, submitted_at FROM assessment_attempts ORDER BY number').all();
    expect(attempts).toEqual([
      { number: 1, score: 2, submitted_at: Date.parse('2027-01-12T06:20:00Z') },
      { number: 2, score: 5, submitted_at: Date.parse('2027-01-12T07:00:00Z') },
    ]);
  });

  it('update: anything before the first attempt; after it only dates, attempts and texts, and grades stay as they were', async () => {
    const { catalog, course, file, enrol } = setup();
    const assessment = await addAssessment(catalog, course.id, file(WEEK_1));
    const changed = await updateAssessment(catalog, assessment.id, file(WEEK_1.replace('points: 2', 'points: 3')));
    expect(changed.attemptsStarted).toBe(false);
    const code = await enrol('kiran@example.in');
    catalog.time.set('2027-01-12T06:00:00Z');
    await takeWithAnswers(catalog, code, assessment.id, RIGHT);

    for (const locked of [WEEK_1.replace('answer: def', 'answer: fn'), WEEK_1.replace('passPercent: 60', 'passPercent: 70'), WEEK_1])
      await expect(updateAssessment(catalog, assessment.id, file(locked))).rejects.toThrow(ConflictError);
    await expect(updateAssessment(catalog, assessment.id, file(WEEK_1.replace('answer: def', 'answer: fn')))).rejects.toThrow(
      'also changes questions[0].answer, questions[1].points',
    );

    const reworded = WEEK_1.replace('points: 2', 'points: 3')
      .replace('title: Week 1 check', 'title: Week one check')
      .replace('Which keyword defines a function?', 'Which keyword starts a function definition?')
      .replace('[func, def, lambda, fn], answer: def', '[func, define-ish, lambda, fn], answer: define-ish')
      .replace('dueDay: 5', 'dueDay: 7')
      .replace('lateUntilDay: 6', 'lateUntilDay: 8')
      .replace('attempts: 2', 'attempts: 3');
    const { assessment: updated } = await updateAssessment(catalog, assessment.id, file(reworded));
    expect(updated.version).toBe(3);
    expect(listAssessments(catalog, course.id)[0]).toMatchObject({
      title: 'Week one check',
      attempts: 3,
      dueAt: '2027-01-16T23:59:59+05:30',
    });
    catalog.time.set('2027-01-20T00:00:00Z');
    const results = studentResults(catalog, code, assessment.id);
    expect(results.attempts[0]!.questions![0]).toMatchObject({ given: 'define-ish', rightAnswer: 'define-ish', correct: true });
    expect(results.counted).toMatchObject({ score: 6, maxScore: 6 });
  });

  it('an extension gives one student a later due date and more attempts; the others are refused', async () => {
    const { catalog, course, file, enrol } = setup();
    const assessment = await addAssessment(catalog, course.id, file(WEEK_1.replace('lateUntilDay: 6\n', '')));
    const asha = await enrol('asha@example.in');
    const ravi = await enrol('ravi@example.in');
    const extended = await extendAssessment(catalog, assessment.id, {
      student: 'Asha@Example.in',
      due: '2027-01-17T18:00',
      extraAttempts: '1',
    });
    expect(extended).toEqual({
      assessmentId: assessment.id,
      student: 'asha@example.in',
      dueAt: '2027-01-17T18:00:00+05:30',
      closesAt: '2027-01-17T18:00:00+05:30',
      extraAttempts: 1,
      attemptsAllowed: 3,
    });
    await expect(extendAssessment(catalog, assessment.id, { student: 'nobody@example.in', due: '2027-01-18' })).rejects.toThrow(
      NotFoundError,
    );
    await expect(extendAssessment(catalog, assessment.id, { student: 'asha@example.in', due: '2027-01-13' })).rejects.toThrow(
      "is not after the assessment's own due date",
    );
    catalog.time.set('2027-01-16T06:00:00Z');
    await expect(takeWithAnswers(catalog, ravi, assessment.id, RIGHT)).rejects.toThrow('closed on 2027-01-14T23:59:59+05:30');
    for (const attempt of [1, 2, 3])
      expect(await takeWithAnswers(catalog, asha, assessment.id, RIGHT)).toMatchObject({ attempt, late: false });
    await expect(takeWithAnswers(catalog, asha, assessment.id, RIGHT)).rejects.toThrow('no attempts left at assessment');
  });

  it('moving the course start date moves the windows', async () => {
    const { catalog, course, file, enrol } = setup();
    const assessment = await addAssessment(catalog, course.id, file(WEEK_1));
    const code = await enrol('asha@example.in');
    editCourse(catalog, course.id, { start: '2027-01-17', end: '2027-01-27' });
    expect(listAssessments(catalog, course.id)[0]).toMatchObject({
      opensAt: '2027-01-19T00:00:00+05:30',
      dueAt: '2027-01-21T23:59:59+05:30',
    });
    catalog.time.set('2027-01-12T06:00:00Z');
    await expect(takeWithAnswers(catalog, code, assessment.id, RIGHT)).rejects.toThrow('opens on 2027-01-19T00:00:00+05:30');
    catalog.time.set('2027-01-22T06:00:00Z');
    expect(await takeWithAnswers(catalog, code, assessment.id, RIGHT)).toMatchObject({ late: true });
  });

  it('a cancelled registration takes nothing more, drops out of the gradebook and gets no extension', async () => {
    const { catalog, course, file, enrol, rows } = setup();
    const assessment = await addAssessment(catalog, course.id, file(WEEK_1));
    const stays = await enrol('stays@example.in');
    const { outcome } = await registerStudent(catalog, {
      courseId: course.id,
      student: 'leaves@example.in',
      amount: '999',
      paymentRef: 'pay_leaves',
    });
    if (outcome.status !== 'registered') throw new Error('not registered');
    catalog.time.set('2027-01-12T06:00:00Z');
    await takeWithAnswers(catalog, stays, assessment.id, RIGHT);
    await takeWithAnswers(catalog, outcome.accessCode, assessment.id, RIGHT);
    await cancelRegistration(catalog, { registrationId: String(outcome.registration.id) });
    // The access seam answers a revoked code as an unknown one (it says nothing about the course).
    await expect(takeWithAnswers(catalog, outcome.accessCode, assessment.id, RIGHT)).rejects.toThrow(NotFoundError);
    await expect(beginAttempt(catalog, outcome.accessCode, assessment.id)).rejects.toThrow(NotFoundError);
    expect(rows('assessment_attempts')).toBe(2);
    expect(courseGradebook(catalog, course.id).students.map((s) => s.student)).toEqual(['stays@example.in']);
    await expect(extendAssessment(catalog, assessment.id, { student: 'leaves@example.in', extraAttempts: '1' })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('a student sees only their own attempts, and right answers only after their cut-off', async () => {
    const { catalog, course, file, enrol } = setup();
    const assessment = await addAssessment(catalog, course.id, file(WEEK_1));
    const other = addCourse(catalog, courseInput({ start: '2027-01-10', end: '2027-01-20' }));
    const otherAssessment = await addAssessment(catalog, other.id, file(WEEK_1));
    const asha = await enrol('asha@example.in');
    const ravi = await enrol('ravi@example.in');
    catalog.time.set('2027-01-12T06:00:00Z');
    await takeWithAnswers(catalog, asha, assessment.id, RIGHT);
    await takeWithAnswers(catalog, ravi, assessment.id, { q1: 'fn' });
    await takeWithAnswers(catalog, ravi, assessment.id, { q1: 'lambda' });

    const ashaView = studentResults(catalog, asha, assessment.id);
    expect(ashaView.attempts.map((a) => a.score)).toEqual([5]);
    expect(ashaView).toMatchObject({ answersRevealed: false, attemptsLeft: 1 });
    expect(ashaView.attempts[0]!.questions).toBeUndefined();
    expect(JSON.stringify(ashaView)).not.toContain('ravi');
    expect(studentResults(catalog, ravi, assessment.id).attempts.map((a) => a.score)).toEqual([0, 0]);
    // A code reaches its own course only: another course's assessment is "not found", like a missing one.
    expect(() => studentResults(catalog, asha, otherAssessment.id)).toThrow(NotFoundError);
    await expect(takeWithAnswers(catalog, asha, otherAssessment.id, RIGHT)).rejects.toThrow(NotFoundError);

    catalog.time.set('2027-01-15T18:30:00Z');
    const revealed = studentResults(catalog, ravi, assessment.id);
    expect(revealed.answersRevealed).toBe(true);
    expect(revealed.attempts[1]!.questions![0]).toMatchObject({ id: 'q1', given: 'lambda', rightAnswer: 'def', correct: false });
  });
});

describe('in a zone with daylight saving (America/New_York, clocks forward on 2027-03-14)', () => {
  it('windows, the time limit and late marking follow the file across the change', async () => {
    const catalog = tempCatalog({ now: BEFORE_START, config: { timeZone: 'America/New_York' } });
    const course = addCourse(catalog, courseInput({ start: '2027-03-12', end: '2027-03-20', seats: '10', price: '999' }));
    const { outcome } = await registerStudent(catalog, {
      courseId: course.id,
      student: 'dst@example.in',
      amount: '999',
      paymentRef: 'pay_dst',
    });
    if (outcome.status !== 'registered') throw new Error('not registered');
    const code = outcome.accessCode;
    const file = path.join(catalog.dir, 'dst.yaml');
    fs.writeFileSync(
      file,
      'title: Spring forward\nopensDay: 3\ndueDay: 3\nlateUntilDay: 4\nattempts: 0\ntimeLimitMinutes: 60\nquestions:\n  - { id: q1, type: number, prompt: "6 * 7?", answer: 42 }\n',
    );
    const assessment = await addAssessment(catalog, course.id, file);
    // Day 3 is the 23-hour 2027-03-14: it opens at 00:00 EST and is due at its end, 00:00 EDT.
    expect(listAssessments(catalog, course.id)[0]).toMatchObject({
      opensAt: '2027-03-14T00:00:00-05:00',
      dueAt: '2027-03-14T23:59:59-04:00',
      lateUntil: '2027-03-15T23:59:59-04:00',
    });
    catalog.time.set('2027-03-14T04:59:59Z');
    await expect(takeWithAnswers(catalog, code, assessment.id, { q1: 42 })).rejects.toThrow('opens on 2027-03-14T00:00:00-05:00');

    // Started at 01:30 EST; 60 minutes later it is 03:30 EDT. An answer at 03:40 EDT does not count.
    catalog.time.set('2027-03-14T06:30:00Z');
    const open = await beginAttempt(catalog, code, assessment.id);
    catalog.time.set('2027-03-14T07:40:00Z');
    await keepAnswer(catalog, open, 'q1', 42);
    expect(await handInAttempt(catalog, code, open)).toMatchObject({
      score: 0,
      timedOut: true,
      late: false,
      submittedAt: '2027-03-14T03:30:00-04:00',
    });

    catalog.time.set('2027-03-15T03:59:59Z');
    expect(await takeWithAnswers(catalog, code, assessment.id, { q1: 42 })).toMatchObject({ score: 1, late: false });
    catalog.time.set('2027-03-15T04:00:01Z');
    expect(await takeWithAnswers(catalog, code, assessment.id, { q1: 42 })).toMatchObject({ score: 1, late: true });
    catalog.time.set('2027-03-16T04:00:00Z');
    await expect(takeWithAnswers(catalog, code, assessment.id, { q1: 42 })).rejects.toThrow(
      'closed on 2027-03-15T23:59:59-04:00 (the cut-off for late submissions)',
    );
    expect(courseGradebook(catalog, course.id).students[0]!.grades[0]).toMatchObject({ attempts: 3, percent: 100, late: false });
  });
});

describe('the gradebook of 3 assessments × 5 students, against a hand computation', () => {
  it('counts per grading method and weights the total', async () => {
    const { catalog, course, file, enrol } = setup();
    const question = (id: string, points: number) => `  - { id: ${id}, type: number, prompt: "${id}?", answer: 1, points: ${points} }`;
    // A: 4 points, highest of 2, weight 1, pass 50. B: 10 points, average of 3, weight 2, pass 60. C: 5 points, last of 2, weight 3, pass 40.
    const a = await addAssessment(
      catalog,
      course.id,
      file(
        `title: A\ndueDay: 5\nattempts: 2\nweight: 1\npassPercent: 50\ngrading: highest\nquestions:\n${question('a1', 1)}\n${question('a2', 3)}\n`,
      ),
    );
    const b = await addAssessment(
      catalog,
      course.id,
      file(
        `title: B\ndueDay: 5\nattempts: 3\nweight: 2\npassPercent: 60\ngrading: average\nquestions:\n${question('b1', 4)}\n${question('b2', 6)}\n`,
      ),
    );
    const c = await addAssessment(
      catalog,
      course.id,
      file(
        `title: C\ndueDay: 5\nlateUntilDay: 7\nattempts: 2\nweight: 3\npassPercent: 40\ngrading: last\nquestions:\n${question('c1', 2)}\n${question('c2', 3)}\n`,
      ),
    );
    const codes: Record<string, string> = {};
    for (const name of ['s1', 's2', 's3', 's4', 's5']) codes[name] = await enrol(`${name}@example.in`);
    const take = (student: string, assessmentId: string, right: string[]) =>
      takeWithAnswers(catalog, codes[student]!, assessmentId, Object.fromEntries(right.map((id) => [id, 1])));

    catalog.time.set('2027-01-12T06:00:00Z');
    // s1: A 1 then 4 → 100%; B 4, 10, 6 → (40 + 100 + 60) / 3; C 5 then 2 → last = 40%.
    await take('s1', a.id, ['a1']);
    await take('s1', a.id, ['a1', 'a2']);
    await take('s1', b.id, ['b1']);
    await take('s1', b.id, ['b1', 'b2']);
    await take('s1', b.id, ['b2']);
    await take('s1', c.id, ['c1', 'c2']);
    await take('s1', c.id, ['c1']);
    // s2: A 3 → 75%; B 6 → 60%; C nothing.
    await take('s2', a.id, ['a2']);
    await take('s2', b.id, ['b2']);
    // s3: nothing at all.
    // s4: A 0 → 0%; B 10 then 0 → 50%; C 3 (late, on day 6) → 60%.
    await take('s4', a.id, []);
    await take('s4', b.id, ['b1', 'b2']);
    await take('s4', b.id, []);
    // s5: C 5 → 100%, then late 0 → 0% (last counts, and it was late).
    await take('s5', c.id, ['c1', 'c2']);
    catalog.time.set('2027-01-15T06:00:00Z');
    await take('s4', c.id, ['c2']);
    await take('s5', c.id, []);

    const book = courseGradebook(catalog, course.id);
    const total = (pa: number, pb: number, pc: number) => (1 * pa + 2 * pb + 3 * pc) / 6;
    const passMark = (1 * 50 + 2 * 60 + 3 * 40) / 6; // 48.33…
    const expected = {
      's1@example.in': { percents: [100, (40 + 100 + 60) / 3, 40], late: [false, false, false], attempts: [2, 3, 2] },
      's2@example.in': { percents: [75, 60, null], late: [false, false, false], attempts: [1, 1, 0] },
      's3@example.in': { percents: [null, null, null], late: [false, false, false], attempts: [0, 0, 0] },
      's4@example.in': { percents: [0, 50, 60], late: [false, false, true], attempts: [1, 2, 1] },
      's5@example.in': { percents: [null, null, 0], late: [false, false, true], attempts: [0, 0, 2] },
    };
    expect(book.passMark).toBeCloseTo(passMark, 2);
    expect(book.students.map((s) => s.student)).toEqual(Object.keys(expected));
    for (const row of book.students) {
      const want = expected[row.student as keyof typeof expected];
      const [pa, pb, pc] = want.percents.map((p) => p ?? 0) as [number, number, number];
      expect(row.total, row.student).toBeCloseTo(total(pa, pb, pc), 2);
      expect(row.passed, row.student).toBe(total(pa, pb, pc) >= passMark);
      row.grades.forEach((cell, i) => {
        if (want.percents[i] === null) expect(cell.percent, `${row.student} ${i}`).toBeNull();
        else expect(cell.percent, `${row.student} ${i}`).toBeCloseTo(want.percents[i]!, 2);
        expect(cell.late, `${row.student} ${i} late`).toBe(want.late[i]);
        expect(cell.attempts, `${row.student} ${i} attempts`).toBe(want.attempts[i]);
      });
    }
    // By hand: s1 = (100 + 2×66.67 + 3×40) / 6 = 58.89; s4 = (0 + 100 + 180) / 6 = 46.67 (below 48.33).
    expect(book.students[0]!.total).toBe(58.89);
    expect(book.students[3]).toMatchObject({ total: 46.67, passed: false });
  });
});
