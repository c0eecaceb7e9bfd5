import {
  answersRevealed,
  assessmentWindow,
  attemptDeadline,
  attemptsAllowed,
  NO_EXTENSION,
} from '../../domain/assessment/assessmentSchedule.js';
import { answerAsGiven, rightAnswer } from '../../domain/assessment/assessmentGrading.js';
import { submitAttempt } from '../../domain/assessment/attemptSubmission.js';
import { countedGrade, roundFigure } from '../../domain/assessment/gradebook.js';
import { maxScore } from '../../domain/assessment/assessment.js';
import { formatDeadline } from '../../domain/zonedTime.js';
import { formatInstant } from '../../domain/calendar.js';
import { NotFoundError } from '../../errors.js';
import { AssessmentStore } from '../../store/assessmentStore.js';
import { accessFor } from '../access/resolveAccess.js';
import type { AccessKey, AccessRequestOptions } from '../access/resolveAccess.js';
import type { CatalogContext } from '../catalogContext.js';

export interface StudentResults {
  assessmentId: string;
  title: string;
  opensAt: string;
  dueAt: string;
  closesAt: string;
  attemptsAllowed: number | null;
  attemptsLeft: number | null;
  counted: { score: number | null; maxScore: number; percent: number | null; late: boolean; passed: boolean };
  answersRevealed: boolean;
  attempts: {
    attempt: number;
    startedAt: string;
    submittedAt: string | null;
    score: number | null;
    percent: number | null;
    late: boolean | null;
    questions?: { id: string; prompt: string; given: unknown; rightAnswer: unknown; correct: boolean; points: number }[];
  }[];
}

/**
 * A student's own attempts at one assessment, reached by their access code: nobody else's are
 * ever read. Right answers (and their own answers beside them) only after the student's cut-off.
 */
export function studentResults(
  ctx: CatalogContext,
  code: AccessKey,
  assessmentId: string,
  options: AccessRequestOptions = {},
): StudentResults {
  const access = accessFor(ctx, code, options);
  const store = new AssessmentStore(ctx.db);
  const assessment = store.get(assessmentId.trim());
  if (!assessment || assessment.courseId !== access.course.id)
    throw new NotFoundError(
      `no assessment ${assessmentId} on course ${access.course.id}`,
      `list them with \`catalog assessment list ${access.course.id}\``,
      { visitorHint: 'your course page lists its assessments' },
    );
  const tz = ctx.config.timeZone;
  const now = ctx.clock();
  const { definition } = assessment;
  const extension = store.extensionOf(assessment.seq, access.enrolment.studentId) ?? NO_EXTENSION;
  const window = assessmentWindow(definition, access.course, tz, extension);
  const allowed = attemptsAllowed(definition, extension);
  const revealed = answersRevealed(window, now);
  const attempts = store.attemptsOf(assessment.seq, access.enrolment.studentId).map((attempt) => {
    const closed = attempt.submittedAt !== null || now > attemptDeadline(attempt.startedAt, window, definition.timeLimitMinutes);
    const submission = closed
      ? submitAttempt(definition, window, attempt.startedAt, attempt.answers, attempt.submittedAt ?? now)
      : undefined;
    return { attempt, submission };
  });
  const finished = attempts
    .filter((a) => a.submission)
    .map(({ attempt, submission }) => ({
      number: attempt.number,
      score: attempt.score ?? submission!.grade.score,
      maxScore: attempt.maxScore ?? submission!.grade.maxScore,
      late: attempt.late ?? submission!.late,
    }));
  const counted = countedGrade(finished, definition.grading, maxScore(definition), definition.passPercent);
  return {
    assessmentId: assessment.id,
    title: definition.title,
    opensAt: formatInstant(window.opensAt, tz),
    dueAt: formatDeadline(window.dueAt, tz),
    closesAt: formatDeadline(window.closesAt, tz),
    attemptsAllowed: Number.isFinite(allowed) ? allowed : null,
    attemptsLeft: Number.isFinite(allowed) ? Math.max(0, allowed - attempts.length) : null,
    counted: {
      score: counted.score === null ? null : roundFigure(counted.score),
      maxScore: roundFigure(counted.maxScore),
      percent: counted.percent === null ? null : roundFigure(counted.percent),
      late: counted.late,
      passed: counted.passed,
    },
    answersRevealed: revealed,
    attempts: attempts.map(({ attempt, submission }) => {
      const score = submission ? (attempt.score ?? submission.grade.score) : null;
      const max = submission ? (attempt.maxScore ?? submission.grade.maxScore) : null;
      return {
        attempt: attempt.number,
        startedAt: formatInstant(attempt.startedAt, tz),
        submittedAt: submission ? formatInstant(submission.submittedAt, tz) : null,
        score: score === null ? null : roundFigure(score),
        percent: score === null || !max ? null : roundFigure((100 * score) / max),
        late: submission ? (attempt.late ?? submission.late) : null,
        ...(revealed && submission
          ? {
              questions: definition.questions.map((question, i) => ({
                id: question.id,
                prompt: question.prompt,
                given: answerAsGiven(question, submission.counted[question.id]),
                rightAnswer: rightAnswer(question),
                correct: submission.grade.questions[i]!.correct,
                points: roundFigure(submission.grade.questions[i]!.points),
              })),
            }
          : {}),
      };
    }),
  };
}
