import type { AttemptOutcome } from '../../services/assessments/takeAssessment.js';
import { say, styled, success, warn } from '../terminal.js';
import type { Terminal } from '../terminal.js';

/** An attempt's grade for a person: the total on stderr's summary line, one line per question on stdout. */
export function renderOutcome(terminal: Terminal, outcome: AttemptOutcome): void {
  for (const q of outcome.questions) {
    const mark = q.correct ? styled(terminal, 'green', '✔') : styled(terminal, 'red', '✘');
    const reveal = 'rightAnswer' in q ? ` · right answer: ${JSON.stringify(q.rightAnswer)}` : '';
    terminal.stdout.write(`${mark} ${q.id}  ${q.points} point${q.points === 1 ? '' : 's'}${reveal}\n`);
  }
  const left =
    outcome.attemptsLeft === null ? 'unlimited attempts' : `${outcome.attemptsLeft} attempt${outcome.attemptsLeft === 1 ? '' : 's'} left`;
  const verdict = outcome.passed ? 'passed' : 'not passed';
  success(terminal, `attempt ${outcome.attempt}: ${outcome.score}/${outcome.maxScore} (${outcome.percent}%) · ${verdict} · ${left}`);
  if (outcome.timedOut) warn(terminal, `time ran out at ${outcome.submittedAt}: answers given after it did not count`);
  if (outcome.late) warn(terminal, 'handed in after the due date: marked late');
  if (!outcome.answersRevealed) say(terminal, 'Right answers are shown after the due date (or the late cut-off).');
}
