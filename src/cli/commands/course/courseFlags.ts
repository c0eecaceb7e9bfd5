import type { Command } from 'commander';
import { choiceOption } from '../../options.js';
import { COURSE_FIELD_NAMES } from '../../../domain/courseInput.js';
import type { CourseFieldsInput } from '../../../domain/courseInput.js';

/** The course fields as flags, shared by `course add` and `course edit` so they never drift. */
export function withCourseFieldFlags(command: Command): Command {
  return command
    .option('--title <text>', 'course title')
    .option('--description <text>', 'what students will learn')
    .option('--teacher <name>', "teacher's name (created on first use)")
    .option('--category <name>', 'e.g. baking, python, yoga')
    .option('--price <rupees>', 'list price in rupees, e.g. 599 or 599.50; 0 for a free course')
    .option('--start <date>', 'first day, YYYY-MM-DD')
    .option('--end <date>', 'last day, YYYY-MM-DD')
    .option('--seats <n>', 'capacity: a number, or unlimited')
    .option('--free-days <n>', 'a free start: students may enrol free and open days 1 to n before paying (none to remove it)')
    .option('--upgrade-until-day <n>', 'the last course day a free student may upgrade on (default: the day after the free days)')
    .addOption(choiceOption('--status <status>', 'draft or published', ['draft', 'published']))
    .option('--external-id <id>', 'your own stable id (import --upsert matches on it)');
}

export interface CourseFieldFlags {
  title?: string;
  description?: string;
  teacher?: string;
  category?: string;
  price?: string;
  start?: string;
  end?: string;
  seats?: string;
  freeDays?: string;
  upgradeUntilDay?: string;
  status?: string;
  externalId?: string;
}

export function courseInputFromFlags(flags: CourseFieldFlags): CourseFieldsInput {
  const input: CourseFieldsInput = {};
  for (const key of COURSE_FIELD_NAMES) {
    if (flags[key] !== undefined) input[key] = flags[key];
  }
  return input;
}
