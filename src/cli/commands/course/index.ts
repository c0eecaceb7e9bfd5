import type { Command } from 'commander';
import { registerCourseAdd } from './add.js';
import { registerCourseAvailability } from './availability.js';
import { registerCourseEdit } from './edit.js';
import { registerCourseList } from './list.js';
import { registerCoursePricing } from './pricing.js';
import { registerCourseShow } from './show.js';

export function registerCourse(program: Command): void {
  const course = program.command('course').description('add, change and inspect courses');
  registerCourseAdd(course);
  registerCourseEdit(course);
  registerCourseShow(course);
  registerCourseList(course);
  registerCoursePricing(course);
  registerCourseAvailability(course);
}
