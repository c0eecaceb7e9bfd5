import type { EnrolmentMode } from './access.js';
import { freeStartWindow } from './access.js';
import { formatInstant } from './calendar.js';
import { conversionFrom } from './course.js';
import type { Conversion, Course, EnrolmentCounts } from './course.js';
import type { Paise } from './money.js';
import { paiseToRupees } from './money.js';
import { formatDeadline } from './zonedTime.js';

/**
 * A student's enrolment on a course, as registrations list it: a paid registration (a seat, paid
 * for by one payment, or ₹0 on a free course), or a free start (no seat, no payment) that may be
 * upgraded into a paid one, keeping its row and its access code.
 */
export interface Registration {
  id: number;
  courseId: string;
  courseTitle: string;
  studentEmail: string;
  studentName: string | null;
  mode: EnrolmentMode;
  /** What was paid: 0 without a payment (a free start, or a free course). */
  amountPaise: Paise;
  /** The payment's reference; null without a payment. */
  paymentRef: string | null;
  /** When the enrolment began (for an upgraded free start: when it started free). */
  registeredAt: number;
  /** When a free start was upgraded to paid. */
  upgradedAt: number | null;
  /** Set once the registration was cancelled: its seat is free again and its code opens nothing. */
  cancelledAt: number | null;
  /** The payment provider's refund reference, when the payment was refunded. */
  refundRef: string | null;
  /** What a free start's upgrade deadline is worked out from. */
  course: Pick<Course, 'startDate' | 'freeDays' | 'upgradeUntilDay'>;
}

/** What `registrations list --json` prints for each registration, and `register --json` inside. */
export interface RegistrationView {
  id: number;
  courseId: string;
  courseTitle: string;
  student: string;
  name: string | null;
  mode: EnrolmentMode;
  amount: number;
  paymentRef: string | null;
  registeredAt: string;
  upgradedAt: string | null;
  /** A free start's upgrade deadline (the end of its last day); null for a paid enrolment. */
  upgradeBy: string | null;
  cancelledAt: string | null;
  refundRef: string | null;
}

/** Times are given in the catalogue's zone, with its offset (formatInstant). */
export function viewRegistration(registration: Registration, timeZone: string): RegistrationView {
  return {
    id: registration.id,
    courseId: registration.courseId,
    courseTitle: registration.courseTitle,
    student: registration.studentEmail,
    name: registration.studentName,
    mode: registration.mode,
    amount: paiseToRupees(registration.amountPaise),
    paymentRef: registration.paymentRef,
    registeredAt: formatInstant(registration.registeredAt, timeZone),
    upgradedAt: registration.upgradedAt === null ? null : formatInstant(registration.upgradedAt, timeZone),
    upgradeBy: registration.mode === 'free' ? formatDeadline(freeStartWindow(registration.course, timeZone).upgradeBy, timeZone) : null,
    cancelledAt: registration.cancelledAt === null ? null : formatInstant(registration.cancelledAt, timeZone),
    refundRef: registration.refundRef,
  };
}

/**
 * Enrolments and conversion over some registrations (one course's, one student's, all): the
 * enrolments that hold now (cancelled ones left out) by mode, and every free start so far with
 * how many of them upgraded. The same figures a course keeps as counts (course show).
 */
export function enrolmentFigures(registrations: readonly Registration[]): { enrolments: EnrolmentCounts; conversion: Conversion } {
  const enrolments: EnrolmentCounts = { free: 0, paid: 0 };
  let freeStarts = 0;
  let upgraded = 0;
  for (const r of registrations) {
    if (r.cancelledAt === null) enrolments[r.mode]++;
    if (r.mode === 'free' || r.upgradedAt !== null) freeStarts++;
    if (r.upgradedAt !== null) upgraded++;
  }
  return { enrolments, conversion: conversionFrom(freeStarts, upgraded) };
}

/** One course's figures in a conversion report. */
export interface CourseConversion {
  courseId: string;
  courseTitle: string;
  enrolments: EnrolmentCounts;
  conversion: Conversion;
}

/** What `registrations list --conversion` reports: the figures over every row it picked, and per course (in the rows' order). */
export interface ConversionReport {
  enrolments: EnrolmentCounts;
  conversion: Conversion;
  courses: CourseConversion[];
}

export function conversionReport(registrations: readonly Registration[]): ConversionReport {
  const byCourse = new Map<string, Registration[]>();
  for (const r of registrations) {
    const rows = byCourse.get(r.courseId);
    if (rows) rows.push(r);
    else byCourse.set(r.courseId, [r]);
  }
  const courses = [...byCourse.values()].map((rows) => ({
    courseId: rows[0]!.courseId,
    courseTitle: rows[0]!.courseTitle,
    ...enrolmentFigures(rows),
  }));
  return { ...enrolmentFigures(registrations), courses };
}
