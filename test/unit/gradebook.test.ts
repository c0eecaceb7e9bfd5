import { describe, expect, it } from 'vitest';
import { countedGrade, weightedTotal } from '../../src/domain/assessment/gradebook.js';

const attempts = [
  { number: 1, score: 6, maxScore: 10, late: false },
  { number: 2, score: 9, maxScore: 10, late: true },
  { number: 3, score: 4, maxScore: 10, late: false },
];

describe('the counted grade per grading method', () => {
  it('highest, last, first, average', () => {
    expect(countedGrade(attempts, 'highest', 10, 60)).toEqual({
      score: 9,
      maxScore: 10,
      percent: 90,
      attempts: 3,
      late: true,
      passed: true,
    });
    expect(countedGrade([...attempts].reverse(), 'last', 10, 60)).toMatchObject({ score: 4, percent: 40, late: false, passed: false });
    expect(countedGrade(attempts, 'first', 10, 60)).toMatchObject({ score: 6, percent: 60, late: false, passed: true });
    expect(countedGrade(attempts, 'average', 10, 60)).toMatchObject({ percent: (60 + 90 + 40) / 3, late: true, passed: true });
  });
  it('the earliest of equal best attempts counts (its lateness with it)', () => {
    const equal = [
      { number: 1, score: 8, maxScore: 10, late: false },
      { number: 2, score: 8, maxScore: 10, late: true },
    ];
    expect(countedGrade(equal, 'highest', 10, 50).late).toBe(false);
  });
  it('nothing handed in: no score, not passed', () => {
    expect(countedGrade([], 'highest', 10, 0)).toEqual({
      score: null,
      maxScore: 10,
      percent: null,
      attempts: 0,
      late: false,
      passed: false,
    });
  });
});

describe('the weighted course total', () => {
  it('weights each percentage, counts missing ones as 0, and passes at the weighted pass mark', () => {
    const assessments = [
      { weight: 1, passPercent: 60 },
      { weight: 1, passPercent: 60 },
      { weight: 2, passPercent: 50 },
    ];
    // (1×80 + 1×0 + 2×70) / 4 = 55; pass mark (60 + 60 + 100) / 4 = 55.
    expect(weightedTotal(assessments, [{ percent: 80 }, { percent: null }, { percent: 70 }])).toEqual({
      percent: 55,
      passMark: 55,
      passed: true,
    });
    expect(weightedTotal(assessments, [{ percent: 80 }, { percent: null }, { percent: 69 }]).passed).toBe(false);
  });
  it('is undefined when every weight is 0', () => {
    expect(weightedTotal([{ weight: 0, passPercent: 50 }], [{ percent: 100 }])).toEqual({ percent: null, passMark: null, passed: false });
  });
});
