import type { GradingMethod } from './assessment.js';

/** A finished attempt as the gradebook needs it. */
export interface GradedAttempt {
  number: number;
  score: number;
  maxScore: number;
  late: boolean;
}

/** What counts for one student on one assessment, per the assessment's grading method. */
export interface CountedGrade {
  /** Points counted (the mean of all attempts' points for `average`), or null with no finished attempt. */
  score: number | null;
  maxScore: number;
  /** 0–100, or null with no finished attempt. */
  percent: number | null;
  attempts: number;
  /** The counted attempt was late (for `average`: any of them was). */
  late: boolean;
  passed: boolean;
}

const percentOf = (attempt: GradedAttempt) => (attempt.maxScore === 0 ? 0 : (100 * attempt.score) / attempt.maxScore);

/**
 * highest: the best attempt (the earliest of equals); last and first: by attempt number;
 * average: the mean of every finished attempt.
 */
export function countedGrade(attempts: GradedAttempt[], method: GradingMethod, maxScore: number, passPercent: number): CountedGrade {
  if (attempts.length === 0) return { score: null, maxScore, percent: null, attempts: 0, late: false, passed: false };
  const byNumber = [...attempts].sort((a, b) => a.number - b.number);
  let score: number;
  let percent: number;
  let late: boolean;
  if (method === 'average') {
    score = byNumber.reduce((sum, a) => sum + a.score, 0) / byNumber.length;
    percent = byNumber.reduce((sum, a) => sum + percentOf(a), 0) / byNumber.length;
    late = byNumber.some((a) => a.late);
  } else {
    let counted: GradedAttempt;
    if (method === 'first') counted = byNumber[0]!;
    else if (method === 'last') counted = byNumber.at(-1)!;
    else counted = byNumber.reduce((best, a) => (percentOf(a) > percentOf(best) ? a : best));
    score = counted.score;
    percent = percentOf(counted);
    late = counted.late;
  }
  return { score, maxScore, percent, attempts: attempts.length, late, passed: percent >= passPercent - 1e-9 };
}

export interface WeightedAssessment {
  weight: number;
  passPercent: number;
}

/**
 * The course grade: each assessment's counted percentage (0 where nothing counts yet) weighted
 * by its weight. A student passes the course when it reaches the same weighting of the
 * assessments' pass marks. Null when every weight is 0 (practice only).
 */
export function weightedTotal(
  assessments: WeightedAssessment[],
  grades: Pick<CountedGrade, 'percent'>[],
): { percent: number | null; passMark: number | null; passed: boolean } {
  const totalWeight = assessments.reduce((sum, a) => sum + a.weight, 0);
  if (totalWeight === 0) return { percent: null, passMark: null, passed: false };
  const percent = assessments.reduce((sum, a, i) => sum + a.weight * (grades[i]!.percent ?? 0), 0) / totalWeight;
  const passMark = assessments.reduce((sum, a) => sum + a.weight * a.passPercent, 0) / totalWeight;
  return { percent, passMark, passed: percent >= passMark - 1e-9 };
}

/** Figures as shown and exported: two decimals, no binary noise. */
export function roundFigure(value: number): number {
  return Math.round(value * 100) / 100;
}
