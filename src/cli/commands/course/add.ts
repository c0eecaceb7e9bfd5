import type { Command } from 'commander';
import { action } from '../../run.js';
import { say, warn } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';
import { courseInputFromFlags, withCourseFieldFlags } from './courseFlags.js';
import type { CourseFieldFlags } from './courseFlags.js';
import { renderChangedCourse } from './renderChangedCourse.js';
import { teacherNotice } from './teacherNotice.js';

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
        const { addCourse, courseAnswerCheck, newCourseProblems, teacherSpelling } = await import('../../../services/courseAuthoring.js');
        const { refuseIfAny } = await import('../../../domain/courseRules.js');
        const { Declined, UsageError } = await import('../../../errors.js');
        await withCatalog(overrides, async (ctx) => {
          let input = courseInputFromFlags(flags);
          const { problems } = newCourseProblems(ctx, input);
          if (problems.length) {
            if (!terminal.canPrompt) {
              const missing = problems.filter((p) => p.message.endsWith('is required')).map((p) => `--${p.field}`);
              if (missing.length) {
                throw new UsageError(
                  `missing ${missing.join(', ')}`,
                  'pass every course field as a flag (see `catalog course add --help`), or run it in a terminal to be asked',
                );
              }
              refuseIfAny(problems);
            }
            const { askCourseFields, confirmSummary, courseSummary, PROMPTED_FIELDS } = await import('../../prompts/courseForm.js');
            refuseIfAny(problems.filter((p) => !(PROMPTED_FIELDS as string[]).includes(p.field)));
            const ask = PROMPTED_FIELDS.filter((field) => problems.some((p) => p.field === field));
            // A flag that did not validate is asked again, saying why, rather than silently dropped.
            for (const p of problems) if (!p.message.endsWith('is required')) warn(terminal, `--${p.field}: ${p.message}`);
            for (const field of ask) delete input[field];
            input = await askCourseFields(input, ask, { check: courseAnswerCheck(ctx) });
            const spelling = teacherSpelling(ctx, String(input.teacher));
            const summary = courseSummary(input) + (spelling ? `\n\n  ${teacherNotice(spelling, false)}` : '');
            if (!flags.yes && !(await confirmSummary(summary, 'Create this course?'))) {
              throw new Declined('nothing created');
            }
          }
          const spelling = teacherSpelling(ctx, String(input.teacher));
          const course = addCourse(ctx, input);
          if (spelling) say(terminal, teacherNotice(spelling, true));
          await renderChangedCourse(terminal, ctx, course, flags.json, `created ${course.id} “${course.title}”`);
        });
      }),
    );
}
