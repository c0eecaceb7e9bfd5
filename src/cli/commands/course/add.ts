import type { Command } from 'commander';
import { action } from '../../run.js';
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
        const { UsageError, ValidationError } = await import('../../../errors.js');
        let input = courseInputFromFlags(flags);
        const { problems } = collectCourseProblems(input);
        if (problems.length) {
          if (!terminal.canPrompt) {
            const missing = problems.filter((p) => p.message.endsWith('is required')).map((p) => `--${p.field}`);
            if (missing.length) {
              throw new UsageError(`missing ${missing.join(', ')}`, 'pass every course field as a flag (see `catalog course add --help`), or run it in a terminal to be asked');
            }
            throw new ValidationError(problems);
          }
          const { askCourseFields, confirmSummary } = await import('../../prompts/courseForm.js');
          const ask = problems.map((p) => p.field).filter((f) => f !== 'status' && f !== 'externalId') as Parameters<typeof askCourseFields>[1];
          for (const field of ask) delete input[field];
          input = await askCourseFields(input, ask);
          if (!flags.yes) {
            const lines = Object.entries(input).map(([key, value]) => `  ${key.padEnd(12)} ${String(value)}`);
            if (!(await confirmSummary(lines.join('\n'), 'Create this course?'))) {
              throw new UsageError('nothing created', 'run the command again to start over');
            }
          }
        }
        await withCatalog(overrides, async (ctx) => {
          const course = addCourse(ctx, input);
          await renderChangedCourse(terminal, ctx, course, flags.json, `created ${course.id} “${course.title}”`);
        });
      }),
    );
}
