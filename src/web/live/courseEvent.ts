import type { Course, CourseDetails } from '../../domain/course.js';
import { describe } from '../../domain/course.js';
import { isVisibleToStudents } from '../../domain/courseVisibility.js';
import { joinOptions } from '../../domain/enrolmentRules.js';
import { registrationClosure } from '../../domain/registrationWindow.js';
import type { LivePart } from '../pages/courseFragments.js';
import { actionFragment, badgeFragment, priceFragment, saleFragment, seatsFragment } from '../pages/courseFragments.js';

/**
 * What /api/events says about a course that changed: its state now in the shape of
 * `catalog course show --json` (null once students may no longer see it), and the parts of a
 * page that show it, rendered as a reload would render them.
 */
export interface CourseEvent {
  courseId: string;
  course: CourseDetails | null;
  parts: Record<LivePart, string>;
}

export function courseEvent(courseId: string, course: Course | undefined, now: number, timeZone: string): CourseEvent {
  if (!course || !isVisibleToStudents(course)) {
    return {
      courseId,
      course: null,
      parts: {
        price: '',
        sale: '',
        seats: '',
        badge: badgeFragment('archived').toString(),
        action: actionFragment(courseId, { closure: 'archived', free: false, startFree: false }).text,
      },
    };
  }
  const details = describe(course, now, timeZone);
  const closure = registrationClosure(details, now, timeZone);
  return {
    courseId,
    course: details,
    parts: {
      price: priceFragment(details).text,
      sale: saleFragment(details.sale, timeZone).toString(),
      seats: seatsFragment(details).text,
      badge: badgeFragment(closure).toString(),
      action: actionFragment(course.id, joinOptions(course, now, timeZone)).text,
    },
  };
}
