import type { Command } from 'commander';
import { action } from '../../run.js';
import { printJson, say } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';

export function registerAssessmentResults(assessment: Command): void {
  assessment
    .command('results')
    .argument('<access-code>', "the student's access code (acc_...)")
    .argument('<assessment-id>', 'the assessment')
    .description("a student's own attempts and counted grade; the right answers once their cut-off has passed")
    .option('--json', 'print the results as JSON')
    .action(
      action(async ({ terminal, overrides }, code: string, id: string, flags: { json?: boolean }) => {
        const { studentResults } = await import('../../../services/assessments/studentResults.js');
        const results = await withCatalog(overrides, (ctx) => studentResults(ctx, code, id), { create: false });
        if (flags.json) return printJson(terminal, results);
        say(
          terminal,
          `${results.title} (${results.assessmentId}) · opens ${results.opensAt} · due ${results.dueAt}${results.closesAt !== results.dueAt ? ` · late until ${results.closesAt}` : ''}`,
        );
        if (results.attempts.length === 0) return say(terminal, 'No attempts yet.');
        for (const a of results.attempts) {
          const line =
            a.submittedAt === null
              ? `attempt ${a.attempt}: started ${a.startedAt}, still open`
              : `attempt ${a.attempt}: ${a.score}/${results.counted.maxScore} (${a.percent}%)${a.late ? ', late' : ''}, handed in ${a.submittedAt}`;
          terminal.stdout.write(`${line}\n`);
          for (const q of a.questions ?? [])
            terminal.stdout.write(
              `  ${q.correct ? '✔' : '✘'} ${q.id}: ${JSON.stringify(q.given)}${q.correct ? '' : ` (right: ${JSON.stringify(q.rightAnswer)})`}\n`,
            );
        }
        const c = results.counted;
        terminal.stdout.write(
          `counted: ${c.percent === null ? '—' : `${c.score}/${c.maxScore} (${c.percent}%)`}${c.passed ? ', passed' : ''}\n`,
        );
        if (!results.answersRevealed) say(terminal, `Right answers are shown after ${results.closesAt}.`);
      }),
    );
}
