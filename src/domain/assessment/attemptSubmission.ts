import type { AssessmentDefinition } from './assessment.js';
import { gradeAttempt } from './assessmentGrading.js';
import type { Answer, Answers, AttemptGrade } from './assessmentGrading.js';
import { attemptDeadline, countedSubmission } from './assessmentSchedule.js';
import type { AssessmentWindow } from './assessmentSchedule.js';

/** An answer kept in an attempt, with when it was given. */
export interface TimedAnswer {
  answer: Answer;
  at: number;
}

export interface Submission {
  /** When the attempt counts as handed in: now, or its deadline if that came first. */
  submittedAt: number;
  /** The answers that count: those given by the deadline. */
  counted: Answers;
  grade: AttemptGrade;
  late: boolean;
  /** The time limit or the cut-off passed before the hand-in: later answers were not counted. */
  timedOut: boolean;
}

/**
 * Hands in an attempt at `now`: what was answered by the attempt's deadline (time limit from its
 * start, or the cut-off) counts, and the hand-in counts as made at that deadline if it came later.
 * Late when handed in after the student's due date.
 */
export function submitAttempt(
  definition: Pick<AssessmentDefinition, 'questions' | 'timeLimitMinutes'>,
  window: AssessmentWindow,
  startedAt: number,
  answers: Record<string, TimedAnswer>,
  now: number,
): Submission {
  const deadline = attemptDeadline(startedAt, window, definition.timeLimitMinutes);
  const submittedAt = countedSubmission(now, deadline);
  const counted: Answers = {};
  for (const [id, given] of Object.entries(answers)) if (given.at <= deadline) counted[id] = given.answer;
  return {
    submittedAt,
    counted,
    grade: gradeAttempt(definition, counted),
    late: submittedAt > window.dueAt,
    timedOut: now > deadline,
  };
}

/** Answers given at `now`, added to those an attempt already holds (a later answer to a question replaces the earlier). */
export function withAnswers(held: Record<string, TimedAnswer>, given: Answers, now: number): Record<string, TimedAnswer> {
  const merged = { ...held };
  for (const [id, answer] of Object.entries(given)) merged[id] = { answer, at: now };
  return merged;
}
