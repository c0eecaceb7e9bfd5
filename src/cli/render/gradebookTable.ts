import chalk from '../style.js';
import Table from 'cli-table3';
import type { Gradebook } from '../../services/assessments/courseGradebook.js';

/** Students down, assessments across: each cell the counted percentage and attempts, "late" marked. */
export function gradebookTable(gradebook: Gradebook): string {
  const table = new Table({
    head: [
      'Student',
      ...gradebook.assessments.map((a) => `${a.title.length > 18 ? `${a.title.slice(0, 17)}…` : a.title}\n${chalk.dim(`×${a.weight}`)}`),
      'Total',
      'Passed',
    ].map((h) => chalk.bold(h)),
    style: { head: [], border: chalk.level ? ['grey'] : [] },
    colAligns: ['left', ...gradebook.assessments.map(() => 'right' as const), 'right', 'left'],
  });
  for (const s of gradebook.students) {
    table.push([
      s.student,
      ...s.grades.map((g) =>
        g.percent === null
          ? chalk.dim(g.attempts ? 'open' : '—')
          : `${g.percent}%${g.late ? chalk.yellow(' late') : ''} ${chalk.dim(`(${g.attempts})`)}`,
      ),
      s.total === null ? chalk.dim('—') : `${s.total}%`,
      s.passed ? chalk.green('yes') : 'no',
    ]);
  }
  return table.toString();
}
