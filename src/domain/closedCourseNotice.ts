import type { Course } from './course.js';
import { seatsLeft } from './course.js';
import type { Refusal } from './enrolmentRules.js';
import { registrationClosure } from './registrationWindow.js';
import type { RegistrationClosure } from './registrationWindow.js';

/**
 * What a student is told about a course that takes no registrations now, in the words of the
 * website: the course page's call to action, the Register page and checkout say it alike. The
 * staff's wording (the course id, what to run) is closureRefusal's in enrolmentRules.ts; the rule
 * deciding which applies is registrationClosure's.
 */
const STUDENT_NOTICE: Record<RegistrationClosure, string> = {
  draft: 'This course is not open yet.',
  stopped: 'Sales of this course are paused.',
  archived: 'This course is no longer offered.',
  started: 'This course has already started; registration has closed.',
  'sold-out': 'This course is sold out: every seat is taken.',
};

/** Where a student goes on from a course they cannot join: the website's search, not a command. */
export const FIND_ANOTHER_ON_SITE = 'find another course on the search page';

export function closedCourseNotice(closure: RegistrationClosure): string {
  return STUDENT_NOTICE[closure];
}

/** Why a student cannot register and pay for this course now (the Register page and checkout), or undefined. */
export function studentRegistrationRefusal(
  course: Pick<Course, 'status' | 'startDate' | 'seats' | 'registrations'>,
  now: number,
  timeZone: string,
): Refusal | undefined {
  const closure = registrationClosure({ ...course, seatsLeft: seatsLeft(course) }, now, timeZone);
  return closure === null ? undefined : { message: closedCourseNotice(closure), hint: FIND_ANOTHER_ON_SITE };
}
