import type { Enrolment } from '../../domain/access.js';
import type { AssessmentDefinition } from '../../domain/assessment/assessment.js';
import { RESUME_RULES, takeRefusal } from '../../domain/assessment/assessmentAccess.js';
import type { TakeRule } from '../../domain/assessment/assessmentAccess.js';
import { answerAsGiven, readAnswers, rightAnswer } from '../../domain/assessment/assessmentGrading.js';
import type { Answer, Answers } from '../../domain/assessment/assessmentGrading.js';
import {
  answersRevealed,
  assessmentWindow,
  attemptDeadline,
  attemptsAllowed,
  NO_EXTENSION,
} from '../../domain/assessment/assessmentSchedule.js';
import type { AssessmentWindow, StudentExtension } from '../../domain/assessment/assessmentSchedule.js';
import { attemptOrder } from '../../domain/assessment/attemptOrder.js';
import type { AttemptOrder } from '../../domain/assessment/attemptOrder.js';
import { submitAttempt, withAnswers } from '../../domain/assessment/attemptSubmission.js';
import type { Submission } from '../../domain/assessment/attemptSubmission.js';
import { roundFigure } from '../../domain/assessment/gradebook.js';
import type { Course } from '../../domain/course.js';
import { formatInstant } from '../../domain/calendar.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { AssessmentStore } from '../../store/assessmentStore.js';
import type { StoredAssessment, StoredAttempt } from '../../store/assessmentStore.js';
import { AccessStore } from '../../store/accessStore.js';
import { inWriteTransaction } from '../../store/registrationWriteLock.js';
import { enrolmentAccessUntil } from '../../domain/access.js';
import { accessFor, codeHashOf } from '../access/resolveAccess.js';
import type { AccessKey, AccessRequestOptions, StudentAccess } from '../access/resolveAccess.js';
import type { CatalogContext } from '../catalogContext.js';
import { newAttemptSeed } from './assessmentIds.js';

/** What `assessment take --json` prints: the attempt's grade; right answers only once revealed. */
export interface AttemptOutcome {
  assessmentId: string;
  attempt: number;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  late: boolean;
  /** Null when attempts are unlimited. */
  attemptsLeft: number | null;
  startedAt: string;
  submittedAt: string;
  /** The time limit or cut-off passed before the hand-in: answers after it were not counted. */
  timedOut: boolean;
  answersRevealed: boolean;
  questions: { id: string; correct: boolean; points: number; given?: Answer | string[] | null; rightAnswer?: string | string[] | number }[];
}

/** A student's own view of one assessment: theirs, and nobody else's. */
interface StudentAssessment {
  access: StudentAccess;
  assessment: StoredAssessment;
  extension: StudentExtension;
  window: AssessmentWindow;
  allowed: number;
}

/**
 * The assessment a code reaches: an assessment of another course is "not found", exactly like
 * one that does not exist, so a code tells nothing about other courses.
 */
function studentAssessment(
  ctx: CatalogContext,
  store: AssessmentStore,
  code: AccessKey,
  assessmentId: string,
  options: AccessRequestOptions = {},
): StudentAssessment {
  const access = accessFor(ctx, code, options);
  const assessment = store.get(assessmentId.trim());
  if (!assessment || assessment.courseId !== access.course.id)
    throw new NotFoundError(
      `no assessment ${assessmentId} on course ${access.course.id}`,
      `list them with \`catalog assessment list ${access.course.id}\``,
      { visitorHint: 'your course page lists its assessments' },
    );
  const extension = store.extensionOf(assessment.seq, access.enrolment.studentId) ?? NO_EXTENSION;
  return {
    access,
    assessment,
    extension,
    window: assessmentWindow(assessment.definition, access.course, ctx.config.timeZone, extension),
    allowed: attemptsAllowed(assessment.definition, extension),
  };
}

/**
 * The same view read again under the write lock, where the decision is made: the registration
 * may have been cancelled, the assessment updated or the student given an extension meanwhile.
 * The windows are worked out again only when one of those changed (each costs calendar work
 * that a scripted attempt's start-up would otherwise pay twice).
 */
function recheckedUnderLock(ctx: CatalogContext, store: AssessmentStore, code: AccessKey, seen: StudentAssessment): StudentAssessment {
  const assessment = store.get(seen.assessment.id)!;
  // The code may have been re-issued meanwhile (it then opens nothing), its registration cancelled, or a free start upgraded.
  const grant = new AccessStore(ctx.db).findByCodeHash(codeHashOf(code));
  if (grant?.enrolment.registrationId !== seen.access.enrolment.registrationId)
    throw new NotFoundError('no access with that code', 'the code was re-issued a moment ago: use the new one');
  const { cancelledAt, mode } = grant.enrolment;
  const enrolment =
    cancelledAt === seen.access.enrolment.cancelledAt && mode === seen.access.enrolment.mode
      ? seen.access.enrolment
      : enrolmentAccessUntil(
          { ...seen.access.enrolment, cancelledAt, mode },
          seen.access.course,
          ctx.config.access.afterEndDays,
          ctx.config.timeZone,
        );
  const extension = store.extensionOf(assessment.seq, enrolment.studentId) ?? NO_EXTENSION;
  const unchanged =
    assessment.version === seen.assessment.version &&
    extension.dueAt === seen.extension.dueAt &&
    extension.extraAttempts === seen.extension.extraAttempts;
  return {
    access: { ...seen.access, enrolment },
    assessment,
    extension,
    window: unchanged ? seen.window : assessmentWindow(assessment.definition, seen.access.course, ctx.config.timeZone, extension),
    allowed: attemptsAllowed(assessment.definition, extension),
  };
}

function refuseIf(ctx: CatalogContext, student: StudentAssessment, attemptsUsed: number, rules?: readonly TakeRule[]): void {
  const refusal = takeRefusal(
    {
      assessmentId: student.assessment.id,
      enrolment: student.access.enrolment,
      window: student.window,
      attemptsAllowed: student.allowed,
      attemptsUsed,
      now: ctx.clock(),
      timeZone: ctx.config.timeZone,
    },
    rules,
  );
  if (refusal) throw new ConflictError(refusal.message, refusal.hint, { visitorHint: refusal.visitorHint });
}

function outcomeOf(
  ctx: CatalogContext,
  student: StudentAssessment,
  attempt: { number: number; startedAt: number },
  submission: Submission,
  attemptsUsed: number,
): AttemptOutcome {
  const { definition } = student.assessment;
  const tz = ctx.config.timeZone;
  const revealed = answersRevealed(student.window, ctx.clock());
  const percent = submission.grade.maxScore === 0 ? 0 : (100 * submission.grade.score) / submission.grade.maxScore;
  return {
    assessmentId: student.assessment.id,
    attempt: attempt.number,
    score: roundFigure(submission.grade.score),
    maxScore: roundFigure(submission.grade.maxScore),
    percent: roundFigure(percent),
    passed: percent >= definition.passPercent - 1e-9,
    late: submission.late,
    attemptsLeft: Number.isFinite(student.allowed) ? Math.max(0, student.allowed - attemptsUsed) : null,
    startedAt: formatInstant(attempt.startedAt, tz),
    submittedAt: formatInstant(submission.submittedAt, tz),
    timedOut: submission.timedOut,
    answersRevealed: revealed,
    questions: submission.grade.questions.map((result, i) => {
      const question = definition.questions[i]!;
      const view = { id: result.id, correct: result.correct, points: roundFigure(result.points) };
      return revealed
        ? { ...view, given: answerAsGiven(question, submission.counted[question.id]), rightAnswer: rightAnswer(question) }
        : view;
    }),
  };
}

/** The attempt still open, if any: started, not handed in. */
function openAttempt(attempts: StoredAttempt[]): StoredAttempt | undefined {
  const last = attempts.at(-1);
  return last && last.submittedAt === null ? last : undefined;
}

function parseAnswersOrFail(definition: AssessmentDefinition, raw: unknown): Answers {
  const read = readAnswers(definition, raw);
  if (!read.ok) throw new ValidationError(read.problems);
  return read.answers;
}

/** Turns the schema's backstop (two processes numbering the same attempt) into the refusal it means. */
function attemptRaceAsConflict(error: unknown, assessmentId: string): unknown {
  const { code } = error as { code?: string };
  if (code === 'SQLITE_CONSTRAINT_UNIQUE')
    return new ConflictError(
      `another attempt at assessment ${assessmentId} was started at the same moment`,
      'run it again to see how many attempts are left',
    );
  return error;
}

/**
 * Takes an assessment in one go with answers from a file: checks the answers (nothing is
 * recorded for unknown questions or malformed answers), then, in one IMMEDIATE transaction, the
 * access, the window and the attempts left, and records and grades the attempt. Two processes
 * racing for the last attempt are served one after the other: exactly one gets it. An attempt
 * already open (started on a terminal) is handed in with these answers instead.
 */
export async function takeWithAnswers(
  ctx: CatalogContext,
  code: AccessKey,
  assessmentId: string,
  rawAnswers: unknown,
  options: AccessRequestOptions = {},
): Promise<AttemptOutcome> {
  const store = new AssessmentStore(ctx.db);
  // Outside the transaction: a wrong code is counted (resolveAccess slows guessing), and bad answers cost no lock.
  const preview = studentAssessment(ctx, store, code, assessmentId, options);
  const answers = parseAnswersOrFail(preview.assessment.definition, rawAnswers);
  const { value } = await inWriteTransaction(ctx.db, () => {
    try {
      const student = recheckedUnderLock(ctx, store, code, preview);
      const now = ctx.clock();
      const attempts = store.attemptsOf(student.assessment.seq, student.access.enrolment.studentId);
      const open = openAttempt(attempts);
      if (open && now <= attemptDeadline(open.startedAt, student.window, student.assessment.definition.timeLimitMinutes)) {
        refuseIf(ctx, student, attempts.length, RESUME_RULES);
        return handIn(ctx, store, student, open, withAnswers(open.answers, answers, now), attempts.length);
      }
      if (open) handIn(ctx, store, student, open, open.answers, attempts.length);
      refuseIf(ctx, student, attempts.length);
      const number = attempts.length + 1;
      const id = store.startAttempt({
        assessmentSeq: student.assessment.seq,
        studentId: student.access.enrolment.studentId,
        number,
        seed: newAttemptSeed(),
        now,
      });
      return handIn(ctx, store, student, { id, number, startedAt: now }, withAnswers({}, answers, now), number);
    } catch (error) {
      throw attemptRaceAsConflict(error, assessmentId);
    }
  });
  return value;
}

function handIn(
  ctx: CatalogContext,
  store: AssessmentStore,
  student: StudentAssessment,
  attempt: { id: number; number: number; startedAt: number },
  answers: StoredAttempt['answers'],
  attemptsUsed: number,
): AttemptOutcome {
  const submission = submitAttempt(student.assessment.definition, student.window, attempt.startedAt, answers, ctx.clock());
  store.submitAttempt(attempt.id, {
    answers,
    submittedAt: submission.submittedAt,
    score: submission.grade.score,
    maxScore: submission.grade.maxScore,
    late: submission.late,
  });
  return outcomeOf(ctx, student, attempt, submission, attemptsUsed);
}

/** An attempt open on a terminal: asked question by question, each answer kept as it is given. */
export interface OpenAttempt {
  assessmentId: string;
  title: string;
  course: Course;
  enrolment: Enrolment;
  definition: AssessmentDefinition;
  attempt: StoredAttempt;
  order: AttemptOrder;
  /** When the attempt must be in by (time limit or cut-off). */
  deadline: number;
  dueAt: number;
  resumed: boolean;
  attemptsAllowed: number;
}

/**
 * Starts an attempt (or resumes the one left open, in the same order, with the answers already
 * given). The attempt counts from now: it is recorded before the first question is shown.
 */
export async function beginAttempt(
  ctx: CatalogContext,
  code: AccessKey,
  assessmentId: string,
  options: AccessRequestOptions = {},
): Promise<OpenAttempt> {
  const store = new AssessmentStore(ctx.db);
  // Outside the transaction: a wrong code is counted (resolveAccess slows guessing), not rolled back with it.
  const preview = studentAssessment(ctx, store, code, assessmentId, options);
  const { value } = await inWriteTransaction(ctx.db, () => {
    try {
      const student = recheckedUnderLock(ctx, store, code, preview);
      const now = ctx.clock();
      const { definition } = student.assessment;
      const attempts = store.attemptsOf(student.assessment.seq, student.access.enrolment.studentId);
      let attempt = openAttempt(attempts);
      let resumed = true;
      if (attempt && now > attemptDeadline(attempt.startedAt, student.window, definition.timeLimitMinutes)) {
        handIn(ctx, store, student, attempt, attempt.answers, attempts.length);
        attempt = undefined;
      }
      if (attempt) refuseIf(ctx, student, attempts.length, RESUME_RULES);
      else {
        refuseIf(ctx, student, attempts.length);
        resumed = false;
        const number = attempts.length + 1;
        const seed = newAttemptSeed();
        const id = store.startAttempt({
          assessmentSeq: student.assessment.seq,
          studentId: student.access.enrolment.studentId,
          number,
          seed,
          now,
        });
        attempt = { id, number, seed, startedAt: now, answers: {}, submittedAt: null, score: null, maxScore: null, late: null };
      }
      return openAttemptView(student, attempt, resumed);
    } catch (error) {
      throw attemptRaceAsConflict(error, assessmentId);
    }
  });
  return value;
}

/** Keeps one answer of an open attempt, stamped with the time it was given. */
export async function keepAnswer(ctx: CatalogContext, open: OpenAttempt, questionId: string, answer: Answer): Promise<void> {
  const store = new AssessmentStore(ctx.db);
  open.attempt.answers = withAnswers(open.attempt.answers, { [questionId]: answer }, ctx.clock());
  await inWriteTransaction(ctx.db, () => store.saveAnswers(open.attempt.id, open.attempt.answers));
}

/** Hands in an open attempt with the answers it holds. */
export async function handInAttempt(
  ctx: CatalogContext,
  code: AccessKey,
  open: OpenAttempt,
  options: AccessRequestOptions = {},
): Promise<AttemptOutcome> {
  const store = new AssessmentStore(ctx.db);
  const { value } = await inWriteTransaction(ctx.db, () => {
    const student = studentAssessment(ctx, store, code, open.assessmentId, options);
    const attempts = store.attemptsOf(student.assessment.seq, student.access.enrolment.studentId);
    const current = attempts.find((a) => a.id === open.attempt.id);
    if (!current || current.submittedAt !== null)
      throw new ConflictError(`attempt ${open.attempt.number} was already handed in`, 'see it with `catalog assessment results`', {
        visitorHint: "its result is on the assessment's page",
      });
    return handIn(ctx, store, student, current, current.answers, attempts.length);
  });
  return value;
}

/** The view of an open attempt that a page or a terminal shows. */
function openAttemptView(student: StudentAssessment, attempt: StoredAttempt, resumed: boolean): OpenAttempt {
  const { definition } = student.assessment;
  return {
    assessmentId: student.assessment.id,
    title: definition.title,
    course: student.access.course,
    enrolment: student.access.enrolment,
    definition,
    attempt,
    order: attemptOrder(definition.questions, definition.shuffle, attempt.seed),
    deadline: attemptDeadline(attempt.startedAt, student.window, definition.timeLimitMinutes),
    dueAt: student.window.dueAt,
    resumed,
    attemptsAllowed: student.allowed,
  };
}

/**
 * The attempt the student has open now (started, not handed in, its deadline not passed), or
 * undefined. Reads only: a page shows it without starting anything.
 */
export function currentAttempt(
  ctx: CatalogContext,
  code: AccessKey,
  assessmentId: string,
  options: AccessRequestOptions = {},
): OpenAttempt | undefined {
  const store = new AssessmentStore(ctx.db);
  const student = studentAssessment(ctx, store, code, assessmentId, options);
  const open = openAttempt(store.attemptsOf(student.assessment.seq, student.access.enrolment.studentId));
  if (!open) return undefined;
  const view = openAttemptView(student, open, true);
  return ctx.clock() > view.deadline ? undefined : view;
}

/**
 * Hands in attempt `number` with the answers a form gives now (the website): they count only up
 * to the attempt's deadline, as answers given on a terminal do (a form sent after it is graded as
 * of the deadline, timedOut). Refused when that attempt is not open: unknown (3), already handed
 * in (4). Answers are checked before anything is locked or recorded.
 */
export async function handInWithAnswers(
  ctx: CatalogContext,
  code: AccessKey,
  assessmentId: string,
  number: number,
  rawAnswers: unknown,
  options: AccessRequestOptions = {},
): Promise<AttemptOutcome> {
  const store = new AssessmentStore(ctx.db);
  const preview = studentAssessment(ctx, store, code, assessmentId, options);
  const answers = parseAnswersOrFail(preview.assessment.definition, rawAnswers);
  const { value } = await inWriteTransaction(ctx.db, () => {
    const student = recheckedUnderLock(ctx, store, code, preview);
    const attempts = store.attemptsOf(student.assessment.seq, student.access.enrolment.studentId);
    const attempt = attempts.find((a) => a.number === number);
    if (!attempt)
      throw new NotFoundError(`no attempt ${number} at assessment ${student.assessment.id}`, 'start an attempt from the assessment page');
    if (attempt.submittedAt !== null)
      throw new ConflictError(`attempt ${number} was already handed in`, 'its score is on the assessment page');
    refuseIf(ctx, student, attempts.length, RESUME_RULES);
    return handIn(ctx, store, student, attempt, withAnswers(attempt.answers, answers, ctx.clock()), attempts.length);
  });
  return value;
}
