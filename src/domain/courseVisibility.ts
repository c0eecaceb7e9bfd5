import type { Course } from './course.js';

/**
 * Whether students may see a course's page at all. Drafts are the teacher's work in progress;
 * everything else keeps its page (a stopped, started or archived course says registration is
 * closed), so links shared earlier never break.
 */
export function isVisibleToStudents(course: Pick<Course, 'status'>): boolean {
  return course.status !== 'draft';
}
