import type { GradingMethod } from '../../domain/assessment/assessment.js';
import { maxScore } from '../../domain/assessment/assessment.js';
import { assessmentWindow, attemptDeadline } from '../../domain/assessment/assessmentSchedule.js';
import type { AssessmentWindow, StudentExtension } from '../../domain/assessment/assessmentSchedule.js';
import { submitAttempt } from '../../domain/assessment/attemptSubmission.js';
import type { TimedAnswer } from '../../domain/assessment/attemptSubmission.js';
import { countedGrade, roundFigure, weightedTotal } from '../../domain/assessment/gradebook.js';
import type { GradedAttempt } from '../../domain/assessment/gradebook.js';
import { AssessmentStore } from '../../store/assessmentStore.js';
import type { GradebookAttemptRow, StoredAssessment } from '../../store/assessmentStore.js';
import type { CatalogContext } from '../catalogContext.js';

export interface GradebookCell {
  assessmentId: string;
  /** Counted points (null: nothing handed in yet). */
  score: number | null;
  percent: number | null;
  /** Attempts started, open ones included. */
  attempts: number;
  late: boolean;
  passed: boolean;
}

export interface GradebookRow {
  student: string;
  name: string | null;
  grades: GradebookCell[];
  /** Weighted course percentage (0 for assessments with nothing counted); null when every weight is 0. */
  total: number | null;
  passed: boolean;
}

export interface Gradebook {
  course: { id: string; title: string };
  assessments: { id: string; title: string; weight: number; passPercent: number; grading: GradingMethod; maxScore: number }[];
  /** The weighted pass mark a total is compared with. */
  passMark: number | null;
  students: GradebookRow[];
}

/**
 * Every enrolled student against every assessment of a course: an admin's view (it is reached
 * by course id, never by a student's access code). Attempts still open whose deadline has passed
 * count as handed in at their deadline, as `assessment take` would record them.
 */
export function courseGradebook(ctx: CatalogContext, courseId: string): Gradebook {
  const course = ctx.courses.get(courseId.trim());
  const store = new AssessmentStore(ctx.db);
  const tz = ctx.config.timeZone;
  const now = ctx.clock();
  const assessments = store.listByCourse(course.id);
  const column = new Map<number, number>(assessments.map((a, i) => [a.seq, i]));
  // Windows matter only for attempts still open; most gradebooks never compute one.
  const baseWindows: (AssessmentWindow | undefined)[] = [];
  const extensions = new Map<string, StudentExtension>();
  for (const e of store.extensionsOfCourse(course.id)) extensions.set(`${e.assessmentSeq}:${e.studentId}`, e.extension);

  const windowFor = (assessment: StoredAssessment, i: number, studentId: number): AssessmentWindow => {
    const extension = extensions.get(`${assessment.seq}:${studentId}`);
    if (extension) return assessmentWindow(assessment.definition, course, tz, extension);
    return (baseWindows[i] ??= assessmentWindow(assessment.definition, course, tz));
  };

  // Finished attempts per student, per assessment column; started counts alongside.
  const finished = new Map<number, GradedAttempt[][]>();
  const started = new Map<number, number[]>();
  const slot = (studentId: number) => {
    let row = finished.get(studentId);
    if (!row) {
      row = assessments.map(() => []);
      finished.set(studentId, row);
      started.set(studentId, new Array(assessments.length).fill(0));
    }
    return row;
  };
  for (const attempt of store.courseAttempts(course.id) as Iterable<GradebookAttemptRow>) {
    const i = column.get(attempt.assessmentSeq)!;
    const row = slot(attempt.studentId);
    started.get(attempt.studentId)![i]!++;
    if (attempt.submittedAt !== null) {
      row[i]!.push({ number: attempt.number, score: attempt.score!, maxScore: attempt.maxScore!, late: attempt.late! });
      continue;
    }
    const assessment = assessments[i]!;
    const window = windowFor(assessment, i, attempt.studentId);
    if (now <= attemptDeadline(attempt.startedAt, window, assessment.definition.timeLimitMinutes)) continue;
    const answers = JSON.parse(attempt.answers ?? '{}') as Record<string, TimedAnswer>;
    const submission = submitAttempt(assessment.definition, window, attempt.startedAt, answers, now);
    row[i]!.push({ number: attempt.number, score: submission.grade.score, maxScore: submission.grade.maxScore, late: submission.late });
  }

  const weights = assessments.map((a) => ({ weight: a.definition.weight, passPercent: a.definition.passPercent }));
  const maxScores = assessments.map((a) => maxScore(a.definition));
  const none: GradedAttempt[][] = assessments.map(() => []);
  const students = store.enrolledStudents(course.id).map((student): GradebookRow => {
    const attempts = finished.get(student.id) ?? none;
    const counts = started.get(student.id);
    const grades = assessments.map((a, i) => countedGrade(attempts[i]!, a.definition.grading, maxScores[i]!, a.definition.passPercent));
    const total = weightedTotal(weights, grades);
    return {
      student: student.email,
      name: student.name,
      grades: grades.map((g, i) => ({
        assessmentId: assessments[i]!.id,
        score: g.score === null ? null : roundFigure(g.score),
        percent: g.percent === null ? null : roundFigure(g.percent),
        attempts: counts?.[i] ?? 0,
        late: g.late,
        passed: g.passed,
      })),
      total: total.percent === null ? null : roundFigure(total.percent),
      passed: total.passed,
    };
  });
  const passMark = weightedTotal(
    weights,
    weights.map(() => ({ percent: 0 })),
  ).passMark;
  return {
    course: { id: course.id, title: course.title },
    assessments: assessments.map((a, i) => ({
      id: a.id,
      title: a.definition.title,
      weight: a.definition.weight,
      passPercent: a.definition.passPercent,
      grading: a.definition.grading,
      maxScore: roundFigure(maxScores[i]!),
    })),
    passMark: passMark === null ? null : roundFigure(passMark),
    students,
  };
}
