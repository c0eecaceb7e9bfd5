import type { TeacherSpelling } from '../../../store/courseStore.js';

/** Says which spelling of a teacher's name is kept: the one just typed, on every course of theirs. */
export function teacherNotice(spelling: TeacherSpelling, done: boolean): string {
  const was = `was “${spelling.stored}” on ${spelling.courses} course${spelling.courses === 1 ? '' : 's'}`;
  return `the teacher ${done ? 'is now' : 'will be'} spelled “${spelling.typed}” everywhere (${was})`;
}
