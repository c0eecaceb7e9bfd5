import type { Command } from 'commander';
import { UsageError } from '../../../errors.js';
import { action } from '../../run.js';
import { printJson } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';

interface TakeFlags {
  answers?: string;
  json?: boolean;
}

export function registerAssessmentTake(assessment: Command): void {
  assessment
    .command('take')
    .argument('<access-code>', "the student's access code (acc_...)")
    .argument('<assessment-id>', 'the assessment')
    .description('take an assessment for a student: question by question on a terminal, or with --answers from a file')
    .option('--answers <file>', 'answers as JSON or YAML ({"q1": "def", "q2": ["tuple", "str"], "q3": 1024}); - reads stdin')
    .option('--json', 'print { attempt, score, maxScore, percent, passed, late, attemptsLeft, questions } as JSON')
    .addHelpText(
      'after',
      `
An attempt counts from the moment it starts. On a terminal each answer is kept as it is given; if
the session is interrupted, taking it again resumes the same attempt in the same order. With a time
limit, what is answered after it does not count. Right answers are shown only after the student's
due date (or late cut-off); see them with \`catalog assessment results\`.

Refused (exit 4, nothing recorded): before it opens, after the cut-off, no attempts left, access
ended. An unknown question id or a malformed answer is exit 2.

Examples:
  catalog assessment take acc_... asm_0a1b2c3d4e
  catalog assessment take acc_... asm_0a1b2c3d4e --answers answers.json --json`,
    )
    .action(
      action(async ({ terminal, overrides }, code: string, id: string, flags: TakeFlags) => {
        if (flags.answers === undefined && !terminal.canPrompt)
          throw new UsageError(
            '--answers is required without a terminal',
            'pass --answers FILE (JSON or YAML), or - to read them from stdin',
          );
        const outcome = await withCatalog(overrides, async (ctx) => {
          if (flags.answers !== undefined) {
            const { parseDocument, readDocumentText } = await import('../../../services/assessments/structuredDocument.js');
            const { takeWithAnswers } = await import('../../../services/assessments/takeAssessment.js');
            const document = await parseDocument(flags.answers, readDocumentText(flags.answers, 'answers file'), 'answers file');
            return takeWithAnswers(ctx, code, id, document.value);
          }
          const { takeOnTerminal } = await import('../../prompts/assessmentForm.js');
          return takeOnTerminal(ctx, terminal, code, id);
        });
        if (flags.json) return printJson(terminal, outcome);
        const { renderOutcome } = await import('../../render/attemptOutcome.js');
        renderOutcome(terminal, outcome);
      }),
    );
}
