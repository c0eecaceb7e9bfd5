import type { Command } from 'commander';
import { action } from '../../run.js';
import { warn } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';
import { renderChangedCourse } from './renderChangedCourse.js';
import { courseInputFromFlags, withCourseFieldFlags } from './courseFlags.js';
import type { CourseFieldFlags } from './courseFlags.js';

interface AddFlags extends CourseFieldFlags {
  json?: boolean;
  yes?: boolean;
}

export function registerCourseAdd(course: Command): void {
  withCourseFieldFlags(course.command('add').description('add a course (asks for what is missing on a terminal)'))
    .option('-y, --yes', 'skip the confirmation after the prompts')
    .option('--json', 'print the new course as JSON')
    .action(
      action(async ({ terminal, overrides }, flags: AddFlags) => {
        const { addCourse } = await import('../../../services/courseAuthoring.js');
        const { collectCourseProblems } = await import('../../../domain/courseInput.js');
        const { Declined, UsageError, ValidationError } = await import('../../../errors.js');
        let input = courseInputFromFlags(flags);
        const { problems } = collectCourseProblems(input);
        if (problems.length) {
          if (!terminal.canPrompt) {
            const missing = problems.filter((p) => p.message.endsWith('is required')).map((p) => `--${p.field}`);
            if (missing.length) {
              throw new UsageError(
                `missing ${missing.join(', ')}`,
                'pass every course field as a flag (see `catalog course add --help`), or run it in a terminal to be asked',
              );
            }
            throw new ValidationError(problems);
          }
          const { askCourseFields, confirmSummary, courseSummary, PROMPTED_FIELDS } = await import('../../prompts/courseForm.js');
          const unaskable = problems.filter((p) => !(PROMPTED_FIELDS as string[]).includes(p.field));
          if (unaskable.length) throw new ValidationError(unaskable);
          const ask = PROMPTED_FIELDS.filter((field) => problems.some((p) => p.field === field));
          // A flag that did not validate is asked again, saying why, rather than silently dropped.
          for (const p of problems) if (!p.message.endsWith('is required')) warn(terminal, `--${p.field}: ${p.message}`);
          for (const field of ask) delete input[field];
          input = await askCourseFields(input, ask);
          if (!flags.yes && !(await confirmSummary(courseSummary(input), 'Create this course?'))) {
            throw new Declined('nothing created');
          }
        }
        await withCatalog(overrides, async (ctx) => {
          const course = addCourse(ctx, input);
          await renderChangedCourse(terminal, ctx, course, flags.json, `created ${course.id} “${course.title}”`);
        });
      }),
    );
}
