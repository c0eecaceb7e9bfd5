import type { Course } from '../domain/course.js';
import { effectivePrice, isSaleRunning, seatsLeft } from '../domain/course.js';
import { registrationClosure } from '../domain/registrationWindow.js';
import { formatInstant } from '../domain/calendar.js';
import { formatRupees, readRupees } from '../domain/money.js';
import type { Paise } from '../domain/money.js';
import type { Registration } from '../domain/registration.js';
import { hashAccessCode, newAccessCode } from '../domain/registrationAccess.js';
import { normaliseEmail } from '../domain/student.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { FieldProblem } from '../errors.js';
import { RegistrationStore } from '../store/registrationStore.js';
import { inWriteTransaction } from '../store/registrationWriteLock.js';
import type { LockWaits } from '../store/registrationWriteLock.js';
import type { CatalogContext } from './catalogContext.js';

/** What `catalog register` is asked, as typed. */
export interface RegistrationRequest {
  courseId: string;
  student: string;
  name?: string | undefined;
  amount: string;
  paymentRef: string;
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
   * The student already had a seat. `paymentApplied` is true when this was a retry with the
   * same payment reference; false when a new payment came with it, which was not recorded
   * (its reference stays unused, so it can be refunded or used for another course).
   */
  | { status: 'already-registered'; registration: Registration; course: Course; paymentApplied: boolean };

interface ValidRequest {
  courseId: string;
  email: string;
  name: string | null;
  amountPaise: Paise;
  paymentRef: string;
  heldPrice: Paise | undefined;
}

const PAYMENT_REF = /^[!-~]{1,200}$/;

function validate(request: RegistrationRequest): ValidRequest {
  const problems: FieldProblem[] = [];
  const email = normaliseEmail(request.student);
  if (!email)
    problems.push({
      field: 'student',
      message: `"${request.student}" is not an email address`,
      hint: 'pass --student with the email the student paid with, e.g. --student asha@example.in',
    });
  const amount = readRupees(request.amount);
  const amountPaise = amount.ok ? amount.paise : undefined;
  if (!amount.ok || amount.paise <= 0)
    problems.push({
      field: 'amount',
      message: amount.ok ? 'the amount paid must be more than ₹0' : amount.message,
      hint: (!amount.ok && amount.hint) || 'pass --amount with the rupees paid, e.g. --amount 599 or --amount 599.50',
    });
  const paymentRef = request.paymentRef.trim();
  if (!PAYMENT_REF.test(paymentRef))
    problems.push({
      field: 'payment-ref',
      message: 'the payment reference must be 1–200 printable characters without spaces',
      hint: "pass --payment-ref with the payment provider's id for this payment",
    });
  const name = request.name?.trim() || null;
  if (name !== null && name.length > 200)
    problems.push({ field: 'name', message: 'the name is longer than 200 characters', hint: 'shorten --name' });
  if (problems.length) throw new ValidationError(problems);
  return { courseId: request.courseId.trim(), email: email!, name, amountPaise: amountPaise!, paymentRef, heldPrice: request.heldPrice };
}

/** Refuses a course that takes no registrations now, saying why. */
function assertOpenForRegistration(course: Course, now: number, timeZone: string): void {
  switch (registrationClosure({ ...course, seatsLeft: seatsLeft(course) }, now, timeZone)) {
    case null:
      return;
    case 'draft':
      throw new ConflictError(
        `course ${course.id} is a draft and takes no registrations yet`,
        `publish it first: \`catalog course edit ${course.id} --status published\``,
      );
    case 'stopped':
      throw new ConflictError(
        `course ${course.id} is off sale${course.stopReason ? ` (${course.stopReason})` : ''}`,
        `it takes registrations again after \`catalog course resume-sale ${course.id}\`; find another with \`catalog search --available\``,
      );
    case 'archived':
      throw new ConflictError(
        `course ${course.id} is archived and takes no registrations`,
        'find another course with `catalog search --available`',
      );
    case 'started':
      throw new ConflictError(
        `course ${course.id} started on ${course.startDate}; registration has closed`,
        'find a course that has not started with `catalog search --available`',
      );
    case 'sold-out':
      throw new ConflictError(
        `course ${course.id} is sold out (all ${course.seats} seats are taken)`,
        'refund the payment; find another course with `catalog search --available`',
      );
  }
}

function assertPaysPrice(course: Course, amountPaise: Paise, now: number, timeZone: string, heldPrice: Paise | undefined): void {
  if (heldPrice !== undefined && amountPaise === heldPrice) return;
  const price = effectivePrice(course, now);
  if (amountPaise === price) return;
  const why = isSaleRunning(course.sale, now) ? `the sale price until ${formatInstant(course.sale.endsAt, timeZone)}` : 'the list price';
  throw new ValidationError([
    {
      field: 'amount',
      message: `${formatRupees(amountPaise)} does not match the price of course ${course.id}: ${formatRupees(price)} (${why})`,
      hint: `a student pays the price at the moment of registering (see \`catalog course show ${course.id}\`); register a payment of ${formatRupees(price)}`,
    },
  ]);
}

/**
 * Registers a paying student. Everything happens in one IMMEDIATE transaction, so racing
 * processes are served one at a time and the last seat is sold exactly once; the courses table's
 * CHECK (registrations <= seats) is the backstop should any code path forget that.
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

function registerInLock(ctx: CatalogContext, store: RegistrationStore, input: ValidRequest): RegistrationOutcome {
  const now = ctx.clock();
  const course = ctx.courses.get(input.courseId);
  const student = store.studentByEmail(input.email);
  const payment = store.paymentByReference(input.paymentRef);
  if (payment) {
    const sameRequest = student && payment.studentId === student.id && payment.courseId === course.id && payment.registrationId !== null;
    if (!sameRequest) {
      throw new ConflictError(
        `payment reference ${input.paymentRef} was already used on ${formatInstant(payment.receivedAt, ctx.config.timeZone).slice(0, 10)}`,
        'a payment pays for one registration; check the reference, or register with the reference of a new payment',
      );
    }
  }
  const existing = student && store.registrationOf(course.id, student.id);
  if (existing && existing.cancelledAt !== null) {
    throw new ConflictError(
      `${input.email} had registration ${existing.id} for course ${course.id}, cancelled on ${formatInstant(existing.cancelledAt, ctx.config.timeZone).slice(0, 10)}`,
      'a cancelled registration is not renewed by registering again; refund this payment',
    );
  }
  if (existing)
    return { status: 'already-registered', registration: existing, course, paymentApplied: existing.paymentRef === input.paymentRef };

  assertOpenForRegistration(course, now, ctx.config.timeZone);
  assertPaysPrice(course, input.amountPaise, now, ctx.config.timeZone, input.heldPrice);

  let studentId = student?.id;
  if (studentId === undefined) studentId = store.addStudent(input.email, input.name, now).id;
  else if (input.name && !student!.name) store.nameStudent(studentId, input.name);
  const accessCode = newAccessCode();
  const registration = store.record({
    courseId: course.id,
    studentId,
    amountPaise: input.amountPaise,
    paymentRef: input.paymentRef,
    accessCodeHash: hashAccessCode(accessCode),
    now,
  });
  const updated = ctx.courses.applyPatch(course.id, { registrations: course.registrations + 1 }, 'registration', now);
  return { status: 'registered', registration, course: updated, accessCode };
}
