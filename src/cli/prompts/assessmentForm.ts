import { checkbox, input, select } from '@inquirer/prompts';
import type { Question } from '../../domain/assessment/assessment.js';
import type { Answer } from '../../domain/assessment/assessmentGrading.js';
import { readAnswers } from '../../domain/assessment/assessmentGrading.js';
import { formatDeadline } from '../../domain/zonedTime.js';
import { formatInstant } from '../../domain/calendar.js';
import type { CatalogContext } from '../../services/catalogContext.js';
import { beginAttempt, handInAttempt, keepAnswer } from '../../services/assessments/takeAssessment.js';
import type { AttemptOutcome, OpenAttempt } from '../../services/assessments/takeAssessment.js';
import { say, warn } from '../terminal.js';
import type { Terminal } from '../terminal.js';

/** Checks a typed answer with the same rules as an answers file. */
function checkTyped(open: OpenAttempt, question: Question, typed: string): string | true {
  if (typed.trim() === '') return true;
  const read = readAnswers(open.definition, { [question.id]: typed });
  return read.ok ? true : read.problems[0]!.message;
}

async function ask(open: OpenAttempt, question: Question, label: string): Promise<Answer | undefined> {
  const message = `${label} ${question.prompt}`;
  switch (question.type) {
    case 'single':
      return select({
        message,
        choices: open.order.choices[question.id]!.map((p) => ({ name: question.choices[p]!, value: p })),
        pageSize: 12,
      });
    case 'multiple': {
      const picked = await checkbox({
        message: `${message} (space to pick, enter when done)`,
        choices: open.order.choices[question.id]!.map((p) => ({ name: question.choices[p]!, value: p })),
        pageSize: 12,
      });
      return picked.length ? [...picked].sort((a, b) => a - b) : undefined;
    }
    case 'number':
    case 'text': {
      const typed = await input({ message, validate: (value) => checkTyped(open, question, value) });
      if (typed.trim() === '') return undefined;
      const read = readAnswers(open.definition, { [question.id]: typed });
      return read.ok ? read.answers[question.id] : undefined;
    }
  }
}

/**
 * Asks an attempt's questions one by one, in the attempt's own order, keeping each answer as it
 * is given, then hands the attempt in. An empty answer leaves a question unanswered. Questions a
 * resumed attempt already answered are not asked again.
 */
export async function takeOnTerminal(ctx: CatalogContext, terminal: Terminal, code: string, assessmentId: string): Promise<AttemptOutcome> {
  const open = await beginAttempt(ctx, code, assessmentId);
  const tz = ctx.config.timeZone;
  const of = Number.isFinite(open.attemptsAllowed) ? ` of ${open.attemptsAllowed}` : '';
  say(
    terminal,
    `${open.title} · ${open.resumed ? 'resuming ' : ''}attempt ${open.attempt.number}${of} · ${open.definition.questions.length} questions · hand in by ${formatDeadline(open.deadline, tz)}`,
  );
  const total = open.order.questions.length;
  let shown = 0;
  for (const position of open.order.questions) {
    shown++;
    const question = open.definition.questions[position]!;
    if (question.id in open.attempt.answers) continue;
    if (ctx.clock() > open.deadline) {
      warn(terminal, `time is up (${formatInstant(open.deadline, tz)}): handing in what was answered`);
      break;
    }
    const answer = await ask(open, question, `(${shown}/${total})`);
    if (answer !== undefined) await keepAnswer(ctx, open, question.id, answer);
  }
  return handInAttempt(ctx, code, open);
}
