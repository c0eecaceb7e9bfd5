import { formatInstant } from './calendar.js';
import type { Paise } from './money.js';
import { paiseToRupees } from './money.js';

/** A student's seat on a course, paid for by one payment. */
export interface Registration {
  id: number;
  courseId: string;
  courseTitle: string;
  studentEmail: string;
  studentName: string | null;
  amountPaise: Paise;
  paymentRef: string;
  registeredAt: number;
  /** Set once the registration was cancelled: its seat is free again and its code opens nothing. */
  cancelledAt: number | null;
  /** The payment provider's refund reference, when the payment was refunded. */
  refundRef: string | null;
}

/** What `registrations list --json` prints for each registration, and `register --json` inside. */
export interface RegistrationView {
  id: number;
  courseId: string;
  courseTitle: string;
  student: string;
  name: string | null;
  amount: number;
  paymentRef: string;
  registeredAt: string;
  cancelledAt: string | null;
  refundRef: string | null;
}

/** The registration time is given in the catalogue's zone, with its offset (formatInstant). */
export function viewRegistration(registration: Registration, timeZone: string): RegistrationView {
  return {
    id: registration.id,
    courseId: registration.courseId,
    courseTitle: registration.courseTitle,
    student: registration.studentEmail,
    name: registration.studentName,
    amount: paiseToRupees(registration.amountPaise),
    paymentRef: registration.paymentRef,
    registeredAt: formatInstant(registration.registeredAt, timeZone),
    cancelledAt: registration.cancelledAt === null ? null : formatInstant(registration.cancelledAt, timeZone),
    refundRef: registration.refundRef,
  };
}
