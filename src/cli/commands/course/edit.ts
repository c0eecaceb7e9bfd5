import type { Command } from 'commander';
import { action } from '../../run.js';
import { say } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';
import { courseInputFromFlags, withCourseFieldFlags } from './courseFlags.js';
import type { CourseFieldFlags } from './courseFlags.js';
import { renderChangedCourse } from './renderChangedCourse.js';
import { teacherNotice } from './teacherNotice.js';

interface EditFlags extends CourseFieldFlags {
  json?: boolean;
  ifVersion?: string;
  yes?: boolean;
}

export function registerCourseEdit(course: Command): void {
  withCourseFieldFlags(
    course
      .command('edit')
      .argument('<id>', 'course id')
      .description('change a course (walks through every field on a terminal when no flag is given)'),
  )
    .option('--if-version <n>', 'refuse (exit 4) if the course changed since this version')
    .option('-y, --yes', 'skip the confirmation after the prompts')
    .option('--json', 'print the changed course as JSON')
    .action(
      action(async ({ terminal, overrides }, id: string, flags: EditFlags) => {
        const { courseAnswerCheck, courseForEditing, currentFields, editCourse, teacherSpelling } = await import(
          '../../../services/courseAuthoring.js'
        );
        const { Declined, UsageError } = await import('../../../errors.js');
        const { rupeesText } = await import('../../../domain/money.js');
        let expectedVersion: number | undefined;
        if (flags.ifVersion !== undefined) {
          expectedVersion = Number(flags.ifVersion);
          if (!Number.isInteger(expectedVersion) || expectedVersion < 1)
            throw new UsageError('--if-version must be a version number', 'see the version with `catalog course show <id>`');
        }
        let input = courseInputFromFlags(flags);
        await withCatalog(overrides, async (ctx) => {
          if (Object.keys(input).length === 0) {
            if (!terminal.canPrompt)
              throw new UsageError(
                'nothing to change',
                'pass the fields to change as flags, e.g. --description "…" (see `catalog course edit --help`)',
              );
            const course = courseForEditing(ctx, id);
            const current = currentFields(course);
            const { askCourseFields, confirmSummary, courseSummary, normalized, PROMPTED_FIELDS } = await import(
              '../../prompts/courseForm.js'
            );
            const defaults = {
              title: current.title,
              description: current.description,
              teacher: current.teacher,
              category: current.category,
              price: rupeesText(current.pricePaise),
              start: current.startDate,
              end: current.endDate,
              seats: current.seats === null ? 'unlimited' : String(current.seats),
            };
            terminal.stderr.write(`Editing ${course.id} “${course.title}” (version ${course.version}). Enter keeps a value.\n`);
            const answers = await askCourseFields(defaults, PROMPTED_FIELDS, { editable: true, check: courseAnswerCheck(ctx, course) });
            // Compared as stored ("799.00" is still ₹799), so only real changes are saved and shown.
            input = Object.fromEntries(
              PROMPTED_FIELDS.filter((field) => normalized(field, answers[field]) !== normalized(field, defaults[field])).map((field) => [
                field,
                answers[field],
              ]),
            );
            if (Object.keys(input).length === 0) {
              terminal.stderr.write('nothing changed\n');
              return;
            }
            const spelling = input.teacher === undefined ? undefined : teacherSpelling(ctx, String(input.teacher));
            const summary = courseSummary(answers, defaults) + (spelling ? `\n\n  ${teacherNotice(spelling, false)}` : '');
            if (!flags.yes && !(await confirmSummary(summary, 'Save these changes?'))) {
              throw new Declined('nothing changed');
            }
            // Someone may have changed the course while the prompts were open: refuse rather than overwrite.
            expectedVersion ??= course.version;
          }
          const spelling = input.teacher === undefined ? undefined : teacherSpelling(ctx, String(input.teacher));
          const changed = editCourse(ctx, id, input, expectedVersion);
          if (spelling) say(terminal, teacherNotice(spelling, true));
          await renderChangedCourse(terminal, ctx, changed, flags.json, `updated ${changed.id} (version ${changed.version})`);
        });
      }),
    );
}
