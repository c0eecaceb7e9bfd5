import type { CalendarDate } from './calendar.js';
import { hasStarted } from './course.js';
import type { CourseStatus } from './course.js';

/** Why a course takes no registrations now; the first that applies, in the order a person would look. */
export type RegistrationClosure = 'draft' | 'stopped' | 'archived' | 'started' | 'sold-out';

/**
 * Whether a course takes registrations at `now`: null when it does. The one rule behind the
 * `register` command's refusals and the storefront's call to action (which reads it from the
 * course's summary, hence seatsLeft rather than seats and registrations; null: no seat limit).
 * Free enrolment and a free start's upgrade refine it (enrolmentRules.ts).
 */
export function registrationClosure(
  course: { status: CourseStatus; startDate: CalendarDate; seatsLeft: number | null },
  now: number,
  timeZone: string,
): RegistrationClosure | null {
  if (course.status !== 'published') return course.status;
  if (hasStarted(course, now, timeZone)) return 'started';
  if (course.seatsLeft === 0) return 'sold-out';
  return null;
}
