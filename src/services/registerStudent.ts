import type { Course } from '../domain/course.js';
import { formatInstant } from '../domain/calendar.js';
import { FIND_ANOTHER_ON_SITE } from '../domain/closedCourseNotice.js';
import { paymentProblems, priceOwed, refuseIf, registrationRefusal, upgradeRefusal } from '../domain/enrolmentRules.js';
import { readRupees } from '../domain/money.js';
import type { Paise } from '../domain/money.js';
import type { Registration } from '../domain/registration.js';
import { hashAccessCode, newAccessCode } from '../security/accessCodes.js';
import { ConflictError, ValidationError } from '../errors.js';
import { RegistrationStore } from '../store/registrationStore.js';
import type { PaymentRecord } from '../store/registrationStore.js';
import { inWriteTransaction } from '../store/registrationWriteLock.js';
import type { LockWaits } from '../store/registrationWriteLock.js';
import type { CatalogContext } from './catalogContext.js';
import { studentFor, studentProblems } from './enrolmentStudent.js';

/**
 * What `catalog register` is asked, as typed. The amount and the payment reference are needed
 * when the course costs something now; a free course (₹0, a sale to ₹0 included) takes neither.
 */
export interface RegistrationRequest {
  courseId: string;
  student: string;
  name?: string | undefined;
  amount?: string | undefined;
  paymentRef?: string | undefined;
  /**
   * A price the catalogue held for this student (a checkout order paid within its hold): the
   * amount must equal it instead of the course's price now, so a sale ending mid-checkout does not
   * turn a fair payment away. Seats and every other rule are judged now as usual.
   */
  heldPrice?: Paise | undefined;
}

export interface RegistrationOptions {
  /**
   * Runs inside the registration's transaction with its outcome, so what the caller records
   * about it (a checkout order marked paid) commits or rolls back together with it.
   */
  within?: (outcome: RegistrationOutcome) => void;
}

export type RegistrationOutcome =
  | { status: 'registered'; registration: Registration; course: Course; accessCode: string }
  /**
   * A free start became a paid enrolment: the same registration, the same access code (not shown
   * again), a seat taken now.
   */
  | { status: 'upgraded'; registration: Registration; course: Course }
  /**
   * The student already had a seat. `paymentApplied` is true when this was a retry with the
   * same payment reference; false when a new payment came with it, which was not recorded
   * (its reference stays unused, so it can be refunded or used for another course).
   */
  | { status: 'already-registered'; registration: Registration; course: Course; paymentApplied: boolean };

interface ValidRequest {
  courseId: string;
  email: string;
  name: string | null;
  amountPaise: Paise | undefined;
  paymentRef: string | undefined;
  heldPrice: Paise | undefined;
}

const PAYMENT_REF = /^[!-~]{1,200}$/;

function validate(request: RegistrationRequest): ValidRequest {
  const { email, name, problems } = studentProblems(request);
  let amountPaise: Paise | undefined;
  if (request.amount !== undefined) {
    const amount = readRupees(request.amount);
    if (amount.ok) amountPaise = amount.paise;
    else
      problems.push({
        field: 'amount',
        message: amount.message,
        hint: amount.hint ?? 'pass --amount with the rupees paid, e.g. --amount 599 or --amount 599.50',
      });
  }
  const paymentRef = request.paymentRef?.trim();
  if (paymentRef !== undefined && !PAYMENT_REF.test(paymentRef))
    problems.push({
      field: 'payment-ref',
      message: 'the payment reference must be 1–200 printable characters without spaces',
      hint: "pass --payment-ref with the payment provider's id for this payment",
    });
  if (problems.length) throw new ValidationError(problems);
  return { courseId: request.courseId.trim(), email: email!, name, amountPaise, paymentRef, heldPrice: request.heldPrice };
}

/**
 * Registers a student: a paying one, anyone on a free course, or the upgrade of a student's free
 * start. Everything happens in one IMMEDIATE transaction, so racing processes are served one at
 * a time and the last seat is sold exactly once; the courses table's CHECK (registrations <=
 * seats) is the backstop should any code path forget that.
 */
export async function registerStudent(
  ctx: CatalogContext,
  request: RegistrationRequest,
  options: RegistrationOptions = {},
): Promise<{ outcome: RegistrationOutcome; waits: LockWaits }> {
  const input = validate(request);
  const store = new RegistrationStore(ctx.db);
  const { value, waits } = await inWriteTransaction(ctx.db, (): RegistrationOutcome => {
    try {
      const outcome = registerInLock(ctx, store, input);
      options.within?.(outcome);
      return outcome;
    } catch (error) {
      throw constraintAsConflict(error, input);
    }
  });
  return { outcome: value, waits };
}

/**
 * The schema's constraints back the checks above; should one ever fire (a path that forgot a
 * check), the user still gets the conflict it means rather than an internal error.
 */
function constraintAsConflict(error: unknown, input: ValidRequest): unknown {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'SQLITE_CONSTRAINT_CHECK' && message?.includes('registrations')) {
    return new ConflictError(
      `course ${input.courseId} is sold out`,
      'refund the payment; find another course with `catalog search --available`',
      { visitorHint: FIND_ANOTHER_ON_SITE },
    );
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message?.includes('payments.reference')) {
    return new ConflictError(
      `payment reference ${input.paymentRef} was already used`,
      'a payment pays for one registration; register with the reference of a new payment',
    );
  }
  return error;
}

/** The price owed (now, or as held), paid as the request says (refused with every problem otherwise); null when it was free. */
function paymentFor(ctx: CatalogContext, course: Course, input: ValidRequest, now: number): PaymentRecord | null {
  const payment = { amountPaise: input.amountPaise, paymentRef: input.paymentRef, heldPrice: input.heldPrice };
  const problems = paymentProblems(course, payment, now, ctx.config.timeZone);
  if (problems.length) throw new ValidationError(problems);
  const price = priceOwed(course, payment, now);
  return price === 0 ? null : { reference: input.paymentRef!, amountPaise: price };
}

function registerInLock(ctx: CatalogContext, store: RegistrationStore, input: ValidRequest): RegistrationOutcome {
  const now = ctx.clock();
  const { timeZone } = ctx.config;
  const course = ctx.courses.get(input.courseId);
  const student = store.studentByEmail(input.email);
  const payment = input.paymentRef === undefined ? undefined : store.paymentByReference(input.paymentRef);
  if (payment) {
    const sameRequest = student && payment.studentId === student.id && payment.courseId === course.id && payment.registrationId !== null;
    if (!sameRequest) {
      throw new ConflictError(
        `payment reference ${input.paymentRef} was already used on ${formatInstant(payment.receivedAt, timeZone).slice(0, 10)}`,
        'a payment pays for one registration; check the reference, or register with the reference of a new payment',
      );
    }
  }
  const existing = student && store.registrationOf(course.id, student.id);
  if (existing && existing.cancelledAt !== null) {
    throw new ConflictError(
      `${input.email} had registration ${existing.id} for course ${course.id}, cancelled on ${formatInstant(existing.cancelledAt, timeZone).slice(0, 10)}`,
      'a cancelled registration is not renewed by registering again; refund this payment',
    );
  }
  if (existing?.mode === 'paid')
    return {
      status: 'already-registered',
      registration: existing,
      course,
      // Nothing to refund when no payment came with the retry.
      paymentApplied: input.paymentRef === undefined || existing.paymentRef === input.paymentRef,
    };

  if (existing) {
    // The student started free: this registration is their upgrade, same row, same access code.
    refuseIf(upgradeRefusal(course, now, timeZone));
    const paid = paymentFor(ctx, course, input, now);
    const registration = store.upgrade(existing, student!.id, paid, now);
    const updated = ctx.courses.applyPatch(
      course.id,
      { registrations: course.registrations + 1, freeEnrolments: course.freeEnrolments - 1, upgrades: course.upgrades + 1 },
      'registration',
      now,
    );
    return { status: 'upgraded', registration, course: updated };
  }

  refuseIf(registrationRefusal(course, now, timeZone));
  const paid = paymentFor(ctx, course, input, now);
  const studentId = studentFor(store, student, input, now);
  const accessCode = newAccessCode();
  const registration = store.record({
    courseId: course.id,
    studentId,
    mode: 'paid',
    payment: paid,
    accessCodeHash: hashAccessCode(accessCode),
    now,
  });
  const updated = ctx.courses.applyPatch(course.id, { registrations: course.registrations + 1 }, 'registration', now);
  return { status: 'registered', registration, course: updated, accessCode };
}
