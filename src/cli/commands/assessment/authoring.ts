import type { Command } from 'commander';
import { action } from '../../run.js';
import { printJson, say, success, warn } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';

const FILE_HELP = `
The file (YAML or JSON) is described in README "Assessments"; schemas/assessment.schema.json lets
an editor check it as you type. Every problem is reported at once, with its path and line, and
nothing is stored until the whole file is right.`;

export function registerAssessmentAuthoring(assessment: Command): void {
  assessment
    .command('add')
    .argument('<course-id>', 'the course the assessment belongs to')
    .argument('<file>', 'the assessment file (.yaml, .yml or .json; - for stdin)')
    .description('add an assessment to a course from its file; prints its id')
    .option('--json', 'print the assessment as JSON')
    .addHelpText('after', `${FILE_HELP}\n\nExample:\n  catalog assessment add crs_0a1b2c3d4e fixtures/assessments/week-1-check.yaml`)
    .action(
      action(async ({ terminal, overrides }, courseId: string, file: string, flags: { json?: boolean }) => {
        const { addAssessment } = await import('../../../services/assessments/authorAssessment.js');
        const { viewAssessment } = await import('../../../services/assessments/listAssessments.js');
        const view = await withCatalog(overrides, async (ctx) => viewAssessment(ctx, await addAssessment(ctx, courseId, file), 0));
        if (flags.json) return printJson(terminal, view);
        success(terminal, `added ${view.id} (${view.title}) to ${view.courseId}: ${view.questions} questions, ${view.maxScore} points`);
        say(terminal, `opens ${view.opensAt} · due ${view.dueAt}${view.lateUntil ? ` · late until ${view.lateUntil}` : ''}`);
        terminal.stdout.write(`${view.id}\n`);
      }),
    );

  assessment
    .command('update')
    .argument('<assessment-id>', 'the assessment to change')
    .argument('<file>', 'its new file (.yaml, .yml or .json; - for stdin)')
    .description('replace an assessment from its file: anything until the first attempt, then only dates, attempts and texts')
    .option('--json', 'print the assessment as JSON')
    .addHelpText(
      'after',
      `${FILE_HELP}\n\nOnce a student has started an attempt, only these may change: opensDay/opensAt, dueDay/dueAt,\nlateUntilDay/lateUntilAt, attempts, and texts (title, module, question prompts and the wording of\nchoices, with the same choices in the same places). Anything else is refused (exit 4).`,
    )
    .action(
      action(async ({ terminal, overrides }, id: string, file: string, flags: { json?: boolean }) => {
        const { updateAssessment } = await import('../../../services/assessments/authorAssessment.js');
        const { viewAssessment } = await import('../../../services/assessments/listAssessments.js');
        const { AssessmentStore } = await import('../../../store/assessmentStore.js');
        const view = await withCatalog(overrides, async (ctx) => {
          const { assessment } = await updateAssessment(ctx, id, file);
          return viewAssessment(ctx, assessment, new AssessmentStore(ctx.db).attemptCounts(assessment.courseId).get(assessment.seq) ?? 0);
        });
        if (flags.json) return printJson(terminal, view);
        success(terminal, `updated ${view.id} (${view.title}) to version ${view.version}`);
        say(terminal, `opens ${view.opensAt} · due ${view.dueAt}${view.lateUntil ? ` · late until ${view.lateUntil}` : ''}`);
        if (view.attemptsStarted) warn(terminal, `${view.attemptsStarted} attempts were already started; their grades are unchanged`);
      }),
    );

  assessment
    .command('list')
    .argument('<course-id>', 'the course')
    .description("list a course's assessments with their windows (in the catalogue's time zone)")
    .option('--json', 'print an array of assessments as JSON')
    .action(
      action(async ({ terminal, overrides }, courseId: string, flags: { json?: boolean }) => {
        const { listAssessments } = await import('../../../services/assessments/listAssessments.js');
        const views = await withCatalog(overrides, (ctx) => listAssessments(ctx, courseId), { create: false });
        if (flags.json) return printJson(terminal, views);
        if (views.length === 0)
          return say(terminal, `No assessments on ${courseId} yet: add one with \`catalog assessment add ${courseId} FILE\`.`);
        const { assessmentTable } = await import('../../render/assessmentTable.js');
        terminal.stdout.write(`${assessmentTable(views)}\n`);
        say(terminal, `${views.length} assessment${views.length === 1 ? '' : 's'}`);
      }),
    );
}
