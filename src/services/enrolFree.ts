import type { Course } from '../domain/course.js';
import { isFreeNow } from '../domain/course.js';
import { formatInstant } from '../domain/calendar.js';
import { freeEnrolmentRefusal, refuseIf } from '../domain/enrolmentRules.js';
import type { Registration } from '../domain/registration.js';
import { hashAccessCode, newAccessCode } from '../security/accessCodes.js';
import { ConflictError, ValidationError } from '../errors.js';
import { RegistrationStore } from '../store/registrationStore.js';
import { inWriteTransaction } from '../store/registrationWriteLock.js';
import type { CatalogContext } from './catalogContext.js';
import { studentFor, studentProblems } from './enrolmentStudent.js';

/** What `catalog enrol` (and the website's "Start free") is asked, as typed. */
export interface FreeEnrolmentRequest {
  courseId: string;
  student: string;
  name?: string | undefined;
}

export type FreeEnrolmentOutcome =
  /**
   * Enrolled: on a free course a registration for ₹0 (mode 'paid': the whole course, a seat
   * taken), on a free start a free enrolment (mode 'free': the free days, no seat). The access
   * code is shown this once.
   */
  | { status: 'enrolled'; registration: Registration; course: Course; accessCode: string }
  /** The student was enrolled already (free or paid): nothing changed, and their code is not shown again. */
  | { status: 'already-enrolled'; registration: Registration; course: Course };

/**
 * Enrols a student without payment: on a course that is free now (₹0, a running sale's price
 * included) as a registration that takes a seat like any other, or on a course with a free start
 * as a free enrolment that takes none. A paid course without a free start is refused (exit 4)
 * with the way to register. Enrolling twice is harmless. One IMMEDIATE transaction, like
 * registering, so a seat is never taken twice and the counts never drift.
 */
export async function enrolFree(ctx: CatalogContext, request: FreeEnrolmentRequest): Promise<FreeEnrolmentOutcome> {
  const { email, name, problems } = studentProblems(request);
  if (problems.length) throw new ValidationError(problems);
  const courseId = request.courseId.trim();
  const store = new RegistrationStore(ctx.db);
  const { value } = await inWriteTransaction(ctx.db, (): FreeEnrolmentOutcome => {
    const now = ctx.clock();
    const { timeZone } = ctx.config;
    const course = ctx.courses.get(courseId);
    const student = store.studentByEmail(email!);
    const existing = student && store.registrationOf(course.id, student.id);
    if (existing && existing.cancelledAt !== null)
      throw new ConflictError(
        `${email} had registration ${existing.id} for course ${course.id}, cancelled on ${formatInstant(existing.cancelledAt, timeZone).slice(0, 10)}`,
        'a cancelled enrolment is not renewed by enrolling again',
      );
    if (existing) return { status: 'already-enrolled', registration: existing, course };

    const free = isFreeNow(course, now);
    refuseIf(freeEnrolmentRefusal(course, now, timeZone));
    const studentId = studentFor(store, student, { email: email!, name }, now);
    const accessCode = newAccessCode();
    const registration = store.record({
      courseId: course.id,
      studentId,
      mode: free ? 'paid' : 'free',
      payment: null,
      accessCodeHash: hashAccessCode(accessCode),
      now,
    });
    const updated = free
      ? ctx.courses.applyPatch(course.id, { registrations: course.registrations + 1 }, 'registration', now)
      : ctx.courses.countFreeStart(course.id);
    return { status: 'enrolled', registration, course: updated, accessCode };
  });
  return value;
}
