/**
 * An assessment as the catalogue keeps it: what its file said, checked and normalised. Choice
 * answers are kept as positions in the choice list, so an update that only rewords a choice
 * leaves every recorded attempt's answers meaning what they meant.
 */
export const GRADING_METHODS = ['highest', 'last', 'first', 'average'] as const;
export type GradingMethod = (typeof GRADING_METHODS)[number];

export const QUESTION_TYPES = ['single', 'multiple', 'number', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A moment of the schedule: a day of the course (its start, or its end for due dates), or a fixed instant. */
export type ScheduleMoment = { day: number } | { at: number };

interface QuestionBase {
  id: string;
  prompt: string;
  points: number;
}

export interface SingleChoiceQuestion extends QuestionBase {
  type: 'single';
  choices: string[];
  /** Position of the right choice. */
  answer: number;
}

export interface MultipleChoiceQuestion extends QuestionBase {
  type: 'multiple';
  choices: string[];
  /** Positions of the right choices, ascending. */
  answer: number[];
  partial: boolean;
}

export interface NumberQuestion extends QuestionBase {
  type: 'number';
  answer: number;
  tolerance: number;
}

export interface TextQuestion extends QuestionBase {
  type: 'text';
  /** Accepted answers as written; compared trimmed, ignoring case and accents. */
  answer: string[];
}

export type Question = SingleChoiceQuestion | MultipleChoiceQuestion | NumberQuestion | TextQuestion;

export interface AssessmentDefinition {
  title: string;
  module: string | null;
  opens: ScheduleMoment;
  due: ScheduleMoment;
  lateUntil: ScheduleMoment | null;
  /** 0 means unlimited. */
  attempts: number;
  timeLimitMinutes: number | null;
  passPercent: number;
  weight: number;
  grading: GradingMethod;
  shuffle: boolean;
  questions: Question[];
}

/** A stored assessment: its definition on a course. */
export interface Assessment {
  id: string;
  courseId: string;
  /** The course module the file's `module` names (issue 12's modules), or null. */
  moduleId: string | null;
  definition: AssessmentDefinition;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export function maxScore(definition: Pick<AssessmentDefinition, 'questions'>): number {
  return definition.questions.reduce((sum, q) => sum + q.points, 0);
}
