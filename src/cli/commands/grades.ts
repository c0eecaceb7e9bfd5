import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { action } from '../run.js';
import { printJson, say } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

export function registerGrades(program: Command): void {
  program
    .command('grades')
    .argument('<course-id>', 'the course')
    .description("the course's gradebook (admin): every student × assessment, the weighted total and whether they passed")
    .option('--json', 'print the gradebook as JSON')
    .option('--csv', 'print the gradebook as CSV (one row per student; columns in README "Assessments")')
    .addHelpText(
      'after',
      `
Each cell is the counted score per the assessment's grading method (highest, last, first or average
of attempts), with the attempts started and whether the counted attempt was late. The total weights
each assessment's percentage (0 where nothing is handed in) by its weight; a student passes when the
total reaches the same weighting of the pass marks.`,
    )
    .action(
      action(async ({ terminal, overrides }, courseId: string, flags: { json?: boolean; csv?: boolean }) => {
        if (flags.json && flags.csv) throw new UsageError('--json and --csv cannot be used together', 'pick one output format');
        const { courseGradebook } = await import('../../services/assessments/courseGradebook.js');
        const gradebook = await withCatalog(overrides, (ctx) => courseGradebook(ctx, courseId), { create: false });
        if (flags.json) return printJson(terminal, gradebook);
        if (flags.csv) {
          const { gradebookCsv } = await import('../render/gradebookCsv.js');
          terminal.stdout.write(gradebookCsv(gradebook));
          return;
        }
        if (gradebook.assessments.length === 0) return say(terminal, `No assessments on ${gradebook.course.id} yet.`);
        if (gradebook.students.length === 0) return say(terminal, `No students on ${gradebook.course.id} yet.`);
        const { gradebookTable } = await import('../render/gradebookTable.js');
        terminal.stdout.write(`${gradebookTable(gradebook)}\n`);
        const passed = gradebook.students.filter((s) => s.passed).length;
        say(
          terminal,
          `${gradebook.students.length} student${gradebook.students.length === 1 ? '' : 's'} · ${passed} passed (pass mark ${gradebook.passMark ?? '—'}%)`,
        );
      }),
    );
}
