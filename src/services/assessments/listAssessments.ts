import type { AssessmentDefinition, GradingMethod } from '../../domain/assessment/assessment.js';
import { maxScore } from '../../domain/assessment/assessment.js';
import { assessmentWindow } from '../../domain/assessment/assessmentSchedule.js';
import { formatDeadline } from '../../domain/zonedTime.js';
import { formatInstant } from '../../domain/calendar.js';
import { AssessmentStore } from '../../store/assessmentStore.js';
import type { StoredAssessment } from '../../store/assessmentStore.js';
import type { CatalogContext } from '../catalogContext.js';

/** An assessment as `assessment add|update|list --json` show it: the file's settings and its windows as instants. */
export interface AssessmentView {
  id: string;
  courseId: string;
  title: string;
  /** The module as the file names it, and the course module it resolved to. */
  module: string | null;
  moduleId: string | null;
  opensAt: string;
  dueAt: string;
  lateUntil: string | null;
  /** 0 means unlimited. */
  attempts: number;
  timeLimitMinutes: number | null;
  passPercent: number;
  weight: number;
  grading: GradingMethod;
  shuffle: boolean;
  questions: number;
  maxScore: number;
  attemptsStarted: number;
  version: number;
}

export function viewAssessment(ctx: CatalogContext, assessment: StoredAssessment, attemptsStarted: number): AssessmentView {
  const course = ctx.courses.get(assessment.courseId);
  const definition: AssessmentDefinition = assessment.definition;
  const tz = ctx.config.timeZone;
  const window = assessmentWindow(definition, course, tz);
  return {
    id: assessment.id,
    courseId: assessment.courseId,
    title: definition.title,
    module: definition.module,
    moduleId: assessment.moduleId,
    opensAt: formatInstant(window.opensAt, tz),
    dueAt: formatDeadline(window.dueAt, tz),
    lateUntil: definition.lateUntil ? formatDeadline(window.closesAt, tz) : null,
    attempts: definition.attempts,
    timeLimitMinutes: definition.timeLimitMinutes,
    passPercent: definition.passPercent,
    weight: definition.weight,
    grading: definition.grading,
    shuffle: definition.shuffle,
    questions: definition.questions.length,
    maxScore: maxScore(definition),
    attemptsStarted,
    version: assessment.version,
  };
}

/** A course's assessments in the order they were added (admin view: no answers, no students). */
export function listAssessments(ctx: CatalogContext, courseId: string): AssessmentView[] {
  const course = ctx.courses.get(courseId.trim());
  const store = new AssessmentStore(ctx.db);
  const counts = store.attemptCounts(course.id);
  return store.listByCourse(course.id).map((a) => viewAssessment(ctx, a, counts.get(a.seq) ?? 0));
}
