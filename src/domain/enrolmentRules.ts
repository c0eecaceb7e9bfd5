import { ConflictError } from '../errors.js';
import type { FieldProblem } from '../errors.js';
import { freeStartWindow } from './access.js';
import { FIND_ANOTHER_ON_SITE } from './closedCourseNotice.js';
import { formatInstant } from './calendar.js';
import type { Course } from './course.js';
import { effectivePrice, isFreeNow, isSaleRunning, isSoldOut, seatsLeft } from './course.js';
import { formatRupees, rupeesText } from './money.js';
import type { Paise } from './money.js';
import { registrationClosure } from './registrationWindow.js';
import type { RegistrationClosure } from './registrationWindow.js';
import { formatDeadline } from './zonedTime.js';

/**
 * The rules for joining a course, each written once: paid registration, free enrolment (a free
 * course or a free start) and the upgrade of a free start. Pure functions returning what is wrong;
 * the services (registerStudent, enrolFree) call them inside the write lock and refuse with them.
 */

/** Why a course says no now (a conflict, exit 4), with how to go on. */
export interface Refusal {
  message: string;
  /** For the person running the catalogue: what to run or do. */
  hint: string;
  /** For a student on the website, where it differs (null: nothing they can do); see errors.ts. */
  visitorHint?: string | null;
}

/** Throws a refusal as the conflict it is (exit 4). */
export function refuseIf(refusal: Refusal | undefined): void {
  if (refusal) throw new ConflictError(refusal.message, refusal.hint, { visitorHint: refusal.visitorHint });
}

const FIND_ANOTHER = 'find another course with `catalog search --available`';

/** What a closed course says (registrationWindow.ts decides which applies), with how to go on. */
function closureRefusal(closure: RegistrationClosure, course: Pick<Course, 'id' | 'stopReason' | 'startDate' | 'seats'>): Refusal {
  switch (closure) {
    case 'draft':
      return {
        message: `course ${course.id} is a draft and takes no registrations yet`,
        hint: `publish it first: \`catalog course edit ${course.id} --status published\``,
        visitorHint: FIND_ANOTHER_ON_SITE,
      };
    case 'stopped':
      return {
        message: `course ${course.id} is off sale${course.stopReason ? ` (${course.stopReason})` : ''}`,
        hint: `it takes registrations again after \`catalog course resume-sale ${course.id}\`; ${FIND_ANOTHER}`,
        visitorHint: FIND_ANOTHER_ON_SITE,
      };
    case 'archived':
      return {
        message: `course ${course.id} is archived and takes no registrations`,
        hint: FIND_ANOTHER,
        visitorHint: FIND_ANOTHER_ON_SITE,
      };
    case 'started':
      return {
        message: `course ${course.id} started on ${course.startDate}; registration has closed`,
        hint: 'find a course that has not started with `catalog search --available`',
        visitorHint: FIND_ANOTHER_ON_SITE,
      };
    case 'sold-out':
      return {
        message: `course ${course.id} is sold out (all ${course.seats} seats are taken)`,
        hint: `refund the payment; ${FIND_ANOTHER}`,
        visitorHint: FIND_ANOTHER_ON_SITE,
      };
  }
}

type JoinedCourse = Pick<Course, 'id' | 'status' | 'stopReason' | 'startDate' | 'seats' | 'registrations'>;

function closureOf(course: JoinedCourse, now: number, timeZone: string): RegistrationClosure | null {
  return registrationClosure({ ...course, seatsLeft: seatsLeft(course) }, now, timeZone);
}

/** A new registration, paid or for ₹0: the one rule the storefront's call to action reads too (registrationClosure). */
export function registrationRefusal(course: JoinedCourse, now: number, timeZone: string): Refusal | undefined {
  const closure = closureOf(course, now, timeZone);
  return closure === null ? undefined : closureRefusal(closure, course);
}

/**
 * A free start: a published course with free days that has not started. It takes no seat, so a
 * sold-out course can still be started free (its upgrade may then meet the sold-out course).
 */
export function freeStartRefusal(
  course: JoinedCourse & Pick<Course, 'freeDays' | 'pricePaise' | 'sale'>,
  now: number,
  timeZone: string,
): Refusal | undefined {
  if (course.freeDays === null) {
    const price = effectivePrice(course, now);
    return {
      message: `course ${course.id} costs ${formatRupees(price)} and has no free start`,
      hint: `register the student once they have paid: \`catalog register ${course.id} --student EMAIL --amount ${rupeesText(price)} --payment-ref REF\``,
      visitorHint: `register and pay on the course's page: /courses/${course.id}/register`,
    };
  }
  const closure = closureOf(course, now, timeZone);
  if (closure === null || closure === 'sold-out') return undefined;
  if (closure === 'started')
    return {
      message: `course ${course.id} started on ${course.startDate}; its free start is closed`,
      hint: 'a free start is joined before the course starts; find one with `catalog search --free-start`',
      visitorHint: `a free start is joined before the course starts; ${FIND_ANOTHER_ON_SITE}`,
    };
  return closureRefusal(closure, course);
}

/**
 * The upgrade of a free start: until the end of the upgrade's last day (the course may have
 * started), while the course is on sale and has a seat. Refused, the free enrolment keeps what it had.
 */
export function upgradeRefusal(
  course: JoinedCourse & Pick<Course, 'freeDays' | 'upgradeUntilDay'>,
  now: number,
  timeZone: string,
): Refusal | undefined {
  const keeps = (refusal: Refusal): Refusal => ({ ...refusal, message: `${refusal.message}; the free enrolment keeps what it had` });
  const closure = closureOf(course, now, timeZone);
  if (closure === 'draft' || closure === 'stopped' || closure === 'archived') return keeps(closureRefusal(closure, course));
  const { upgradeBy } = freeStartWindow(course, timeZone);
  if (now >= upgradeBy)
    return keeps({
      message: `the upgrade of free starts on course ${course.id} closed on ${formatDeadline(upgradeBy, timeZone)}`,
      hint: 'refund the payment; a free start keeps what its free days opened',
      visitorHint: 'your free start keeps what its free days opened',
    });
  // After the start the closure says 'started' before it looks at seats: ask about seats alone.
  return isSoldOut(course) ? keeps(closureRefusal('sold-out', course)) : undefined;
}

/** What a registration is paid with: the amount and reference given, and a price held for the student, if any. */
export interface PaymentGiven {
  amountPaise: Paise | undefined;
  paymentRef: string | undefined;
  /** A price held for this student (a checkout order paid within its hold): an amount equal to it is owed. */
  heldPrice?: Paise | undefined;
}

/** The price a registration owes: the held price when the amount is that, else the price now (a running sale's included). */
export function priceOwed(course: Pick<Course, 'pricePaise' | 'sale'>, payment: PaymentGiven, now: number): Paise {
  return payment.heldPrice !== undefined && payment.amountPaise === payment.heldPrice ? payment.heldPrice : effectivePrice(course, now);
}

/**
 * What a registration pays: the price at that moment (a running sale's included) or a price held
 * for the student. A price above ₹0 needs the amount and the payment's reference; a free one has
 * no payment to record.
 */
export function paymentProblems(
  course: Pick<Course, 'id' | 'pricePaise' | 'sale'>,
  payment: PaymentGiven,
  now: number,
  timeZone: string,
): FieldProblem[] {
  const price = priceOwed(course, payment, now);
  const why = isSaleRunning(course.sale, now) ? `the sale price until ${formatInstant(course.sale.endsAt, timeZone)}` : 'the list price';
  const problems: FieldProblem[] = [];
  if (price > 0 && payment.amountPaise === undefined)
    problems.push({
      field: 'amount',
      message: `course ${course.id} costs ${formatRupees(price)} (${why}): give the amount paid`,
      hint: `pass --amount ${rupeesText(price)} with the payment's --payment-ref`,
    });
  else if (payment.amountPaise !== undefined && payment.amountPaise !== price)
    problems.push({
      field: 'amount',
      message: `${formatRupees(payment.amountPaise)} does not match the price of course ${course.id}: ${price === 0 ? 'it is free' : formatRupees(price)} (${why})`,
      hint:
        price === 0
          ? 'a free registration has no payment: leave out --amount and --payment-ref'
          : `a student pays the price at the moment of registering (see \`catalog course show ${course.id}\`); register a payment of ${formatRupees(price)}`,
    });
  if (price > 0 && payment.paymentRef === undefined)
    problems.push({
      field: 'payment-ref',
      message: `course ${course.id} costs ${formatRupees(price)}: give the payment's reference`,
      hint: "pass --payment-ref with the payment provider's id for this payment",
    });
  else if (price === 0 && payment.paymentRef !== undefined)
    problems.push({
      field: 'payment-ref',
      message: `course ${course.id} is free now (${why}): there is no payment to record`,
      hint: 'leave out --payment-ref (and --amount) for a free registration',
    });
  return problems;
}

/**
 * Enrolling without payment, as `catalog enrol` and the website's "Start free" do: a course free
 * now takes a seat like a registration; any other needs a free start that can still be joined.
 */
export function freeEnrolmentRefusal(
  course: JoinedCourse & Pick<Course, 'freeDays' | 'pricePaise' | 'sale'>,
  now: number,
  timeZone: string,
): Refusal | undefined {
  return isFreeNow(course, now) ? registrationRefusal(course, now, timeZone) : freeStartRefusal(course, now, timeZone);
}

/** How a student can join a course now, for the course page's call to action: each from the rules above. */
export interface JoinOptions {
  /** Why paying to register is closed (null: Register is open). */
  closure: RegistrationClosure | null;
  /** The course costs nothing now: joining is enrolling, never paying. */
  free: boolean;
  /** "Start free" is open: a free course with a seat, or a free start that can still be joined. */
  startFree: boolean;
}

export function joinOptions(
  course: JoinedCourse & Pick<Course, 'freeDays' | 'pricePaise' | 'sale'>,
  now: number,
  timeZone: string,
): JoinOptions {
  return {
    closure: closureOf(course, now, timeZone),
    free: isFreeNow(course, now),
    startFree: freeEnrolmentRefusal(course, now, timeZone) === undefined,
  };
}
