import { describe, expect, it } from 'vitest';
import { checkAssessmentFile } from '../../src/domain/assessment/assessmentFile.js';

const TZ = 'Asia/Kolkata';
const minimal = { title: 'Check', dueDay: 5, questions: [{ id: 'q1', type: 'number', prompt: '6 * 7?', answer: 42 }] };

describe('checking an assessment file', () => {
  it('fills the defaults the README promises', () => {
    const checked = checkAssessmentFile(minimal, TZ);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    expect(checked.definition).toMatchObject({
      opens: { day: 1 },
      due: { day: 5 },
      lateUntil: null,
      attempts: 1,
      timeLimitMinutes: null,
      passPercent: 50,
      weight: 1,
      grading: 'highest',
      shuffle: false,
      module: null,
    });
    expect(checked.definition.questions[0]).toEqual({ id: 'q1', type: 'number', prompt: '6 * 7?', points: 1, answer: 42, tolerance: 0 });
  });

  it('keeps choice answers as positions, matched ignoring case and accents, and choices written as numbers as text', () => {
    const checked = checkAssessmentFile(
      {
        ...minimal,
        questions: [
          { id: 'a', type: 'single', prompt: 'p', choices: ['Crème', 'Tea'], answer: 'creme' },
          { id: 'b', type: 'multiple', prompt: 'p', choices: [1, 2, 3, 4], answer: [4, 2], partial: true },
          { id: 'c', type: 'text', prompt: 'p', answer: 'pip' },
        ],
      },
      TZ,
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    expect(checked.definition.questions).toEqual([
      { id: 'a', type: 'single', prompt: 'p', points: 1, choices: ['Crème', 'Tea'], answer: 0 },
      { id: 'b', type: 'multiple', prompt: 'p', points: 1, choices: ['1', '2', '3', '4'], answer: [1, 3], partial: true },
      { id: 'c', type: 'text', prompt: 'p', points: 1, answer: ['pip'] },
    ]);
  });

  it('reads date-times in the catalogue zone unless they carry an offset; a date alone is its end for dueAt', () => {
    const checked = checkAssessmentFile(
      { ...minimal, dueDay: undefined, opensAt: '2027-01-12T09:00', dueAt: '2027-01-14', lateUntilAt: '2027-01-15T10:00+00:00' },
      TZ,
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    expect(checked.definition.opens).toEqual({ at: Date.parse('2027-01-12T03:30:00Z') });
    expect(checked.definition.due).toEqual({ at: Date.parse('2027-01-14T18:30:00Z') });
    expect(checked.definition.lateUntil).toEqual({ at: Date.parse('2027-01-15T10:00:00Z') });
  });

  it('reports every problem at once, each with its path and a hint', () => {
    const checked = checkAssessmentFile(
      {
        title: '',
        opensDay: 4,
        dueDay: 3,
        attempts: -1,
        grading: 'best',
        colour: 'blue',
        questions: [
          { id: 'q1', type: 'single', prompt: 'p', choices: ['a', 'b'], answer: 'c' },
          { id: 'q1', type: 'number', prompt: 'p', answer: 'ten', choices: [1, 2] },
          { id: 'q3', type: 'multiple', prompt: 'p', choices: ['x', 'X'], answer: ['x'] },
          'just text',
        ],
      },
      TZ,
    );
    if (checked.ok) throw new Error('expected problems');
    const fields = checked.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'colour',
        'title',
        'dueDay',
        'attempts',
        'grading',
        'questions[0].answer',
        'questions[1].id',
        'questions[1].choices',
        'questions[1].answer',
        'questions[2].choices[1]',
        'questions[3]',
      ]),
    );
    for (const problem of checked.problems) expect(problem.hint, problem.field).toBeTruthy();
    expect(checked.problems.find((p) => p.field === 'questions[0].answer')!.message).toBe('"c" is not one of the choices (a, b)');
    expect(checked.problems.find((p) => p.field === 'dueDay')!.message).toBe('day 3 is before the opening day 4');
  });

  it('refuses both forms of a moment, a missing due date and an empty question list', () => {
    const checked = checkAssessmentFile({ title: 'x', opensDay: 1, opensAt: '2027-01-01', questions: [] }, TZ);
    if (checked.ok) throw new Error('expected problems');
    expect(checked.problems.map((p) => p.field)).toEqual(['opensDay', 'dueDay', 'questions']);
  });
});
