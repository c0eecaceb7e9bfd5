import type { StudentExtension } from '../../domain/assessment/assessmentSchedule.js';
import { assessmentWindow } from '../../domain/assessment/assessmentSchedule.js';
import { parseSaleInstant } from '../../domain/calendar.js';
import { normaliseEmail } from '../../domain/student.js';
import { formatDeadline } from '../../domain/zonedTime.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { FieldProblem } from '../../errors.js';
import { AssessmentStore } from '../../store/assessmentStore.js';
import { RegistrationStore } from '../../store/registrationStore.js';
import { inWriteTransaction } from '../../store/registrationWriteLock.js';
import type { CatalogContext } from '../catalogContext.js';
import { getAssessment } from './authorAssessment.js';

export interface ExtensionRequest {
  student: string;
  due?: string | undefined;
  extraAttempts?: string | undefined;
}

export interface ExtensionView {
  assessmentId: string;
  student: string;
  /** The student's due date now, in the catalogue's zone with its offset. */
  dueAt: string;
  /** The student's cut-off for late submissions (the due date when there is no late period). */
  closesAt: string;
  extraAttempts: number;
  attemptsAllowed: number | null;
}

/**
 * Gives one student more time and/or more attempts at one assessment. Repeating it replaces the
 * student's extension (what is not given stays as it was), so it can also be taken back.
 */
export async function extendAssessment(ctx: CatalogContext, assessmentId: string, request: ExtensionRequest): Promise<ExtensionView> {
  const problems: FieldProblem[] = [];
  const email = normaliseEmail(request.student);
  if (!email)
    problems.push({
      field: 'student',
      message: `"${request.student}" is not an email address`,
      hint: 'pass --student with the email the student registered with',
    });
  let dueAt: number | undefined;
  if (request.due !== undefined) {
    dueAt = parseSaleInstant(request.due, ctx.config.timeZone, 'end');
    if (dueAt === undefined)
      problems.push({
        field: 'due',
        message: `"${request.due}" is not a date or date-time`,
        hint: `e.g. --due 2027-01-20 (the end of that day) or --due 2027-01-20T18:00 (in ${ctx.config.timeZone})`,
      });
  }
  let extraAttempts: number | undefined;
  if (request.extraAttempts !== undefined) {
    extraAttempts = /^\d{1,3}$/.test(request.extraAttempts.trim()) ? Number(request.extraAttempts) : undefined;
    if (extraAttempts === undefined)
      problems.push({
        field: 'extra-attempts',
        message: `"${request.extraAttempts}" is not a whole number`,
        hint: 'e.g. --extra-attempts 1 (0 takes extra attempts back)',
      });
  }
  if (request.due === undefined && request.extraAttempts === undefined)
    problems.push({ field: 'due', message: 'nothing to extend', hint: 'pass --due DATETIME, --extra-attempts N, or both' });
  if (problems.length) throw new ValidationError(problems);

  const assessment = getAssessment(ctx, assessmentId);
  const course = ctx.courses.get(assessment.courseId);
  const store = new AssessmentStore(ctx.db);
  const registrations = new RegistrationStore(ctx.db);
  const { value } = await inWriteTransaction(ctx.db, () => {
    const student = registrations.studentByEmail(email!);
    const registration = student && registrations.registrationOf(course.id, student.id);
    if (!student || !registration || registration.cancelledAt !== null)
      throw new NotFoundError(
        `${email} is not enrolled on course ${course.id}`,
        `see who is with \`catalog registrations list --course ${course.id}\``,
      );
    const current = store.extensionOf(assessment.seq, student.id) ?? { dueAt: null, extraAttempts: 0 };
    const next: StudentExtension = { dueAt: dueAt ?? current.dueAt, extraAttempts: extraAttempts ?? current.extraAttempts };
    const base = assessmentWindow(assessment.definition, course, ctx.config.timeZone);
    if (next.dueAt !== null && next.dueAt <= base.dueAt)
      throw new ValidationError([
        {
          field: 'due',
          message: `${formatDeadline(next.dueAt, ctx.config.timeZone)} is not after the assessment's own due date ${formatDeadline(base.dueAt, ctx.config.timeZone)}`,
          hint: 'an extension gives more time: pass a later --due',
        },
      ]);
    store.saveExtension(assessment.seq, student.id, next, ctx.clock());
    const window = assessmentWindow(assessment.definition, course, ctx.config.timeZone, next);
    const allowed = assessment.definition.attempts === 0 ? null : assessment.definition.attempts + next.extraAttempts;
    return {
      assessmentId: assessment.id,
      student: student.email,
      dueAt: formatDeadline(window.dueAt, ctx.config.timeZone),
      closesAt: formatDeadline(window.closesAt, ctx.config.timeZone),
      extraAttempts: next.extraAttempts,
      attemptsAllowed: allowed,
    };
  });
  return value;
}
