import { addDays, startOfDay } from './calendar.js';
import type { Course } from './course.js';

/**
 * A student's enrolment on a course: what an access code opens. Today every enrolment is a paid
 * registration; a free start adds the mode 'free'.
 */
export interface Enrolment {
  registrationId: number;
  courseId: string;
  studentId: number;
  studentEmail: string;
  studentName: string | null;
  mode: 'paid' | 'free';
  grantedAt: number;
  /** Set when the registration was cancelled: access ends at once. */
  cancelledAt: number | null;
}

/** Access lasts through the course's end date plus `afterEndDays` days, in the catalogue's zone (exclusive end). */
export function accessEndsAt(course: Pick<Course, 'endDate'>, afterEndDays: number, timeZone: string): number {
  return startOfDay(addDays(course.endDate, afterEndDays + 1), timeZone);
}
