import type { Command } from 'commander';
import { action } from '../../run.js';
import { printJson, success } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';

export function registerAssessmentExtend(assessment: Command): void {
  assessment
    .command('extend')
    .argument('<assessment-id>', 'the assessment')
    .description('give one student a later due date and/or extra attempts')
    .requiredOption('--student <email>', 'the student (as registered)')
    .option(
      '--due <datetime>',
      "the student's new due date: a date (its end) or a date-time, in the catalogue's zone unless it has an offset",
    )
    .option('--extra-attempts <n>', 'attempts on top of those the file allows (0 takes them back)')
    .option('--json', 'print the extension as JSON')
    .addHelpText(
      'after',
      '\nThe late period (if the file has one) keeps its length after the new due date. Running it again\nreplaces what it names and keeps the rest.\n\nExample:\n  catalog assessment extend asm_0a1b2c3d4e --student asha@example.in --due 2027-01-20 --extra-attempts 1',
    )
    .action(
      action(
        async ({ terminal, overrides }, id: string, flags: { student: string; due?: string; extraAttempts?: string; json?: boolean }) => {
          const { extendAssessment } = await import('../../../services/assessments/extendAssessment.js');
          const view = await withCatalog(overrides, (ctx) =>
            extendAssessment(ctx, id, { student: flags.student, due: flags.due, extraAttempts: flags.extraAttempts }),
          );
          if (flags.json) return printJson(terminal, view);
          success(
            terminal,
            `${view.student} on ${view.assessmentId}: due ${view.dueAt}${view.closesAt !== view.dueAt ? `, late until ${view.closesAt}` : ''}; ${view.attemptsAllowed === null ? 'unlimited attempts' : `${view.attemptsAllowed} attempts in all`}`,
          );
        },
      ),
    );
}
