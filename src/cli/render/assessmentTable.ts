import chalk from '../style.js';
import Table from 'cli-table3';
import type { AssessmentView } from '../../services/assessments/listAssessments.js';

const short = (zoned: string) => zoned.slice(0, 16).replace('T', ' ');

/** A course's assessments, one row each, with windows in the catalogue's zone. */
export function assessmentTable(views: AssessmentView[]): string {
  const table = new Table({
    head: ['ID', 'Title', 'Module', 'Opens', 'Due', 'Late until', 'Attempts', 'Weight', 'Questions', 'Started'].map((h) => chalk.bold(h)),
    style: { head: [], border: chalk.level ? ['grey'] : [] },
    colAligns: ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right'],
  });
  for (const v of views) {
    table.push([
      chalk.cyan(v.id),
      v.title.length > 32 ? `${v.title.slice(0, 31)}…` : v.title,
      v.module ?? chalk.dim('—'),
      short(v.opensAt),
      short(v.dueAt),
      v.lateUntil ? short(v.lateUntil) : chalk.dim('—'),
      v.attempts === 0 ? '∞' : String(v.attempts),
      String(v.weight),
      String(v.questions),
      String(v.attemptsStarted),
    ]);
  }
  const zone = views[0]?.opensAt.slice(19) ?? '';
  return `${table.toString()}\n${chalk.dim(`times in the catalogue's zone (${zone})`)}`;
}
