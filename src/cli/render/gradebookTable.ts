import chalk from '../style.js';
import type { Gradebook } from '../../services/assessments/courseGradebook.js';

/** A cell: its text as printed, and how wide it shows (styles take no room). */
interface Cell {
  shown: string;
  width: number;
}

const plain = (text: string): Cell => ({ shown: text, width: text.length });
const dim = (text: string): Cell => ({ shown: chalk.dim(text), width: text.length });

/**
 * Students down, assessments across: each cell the counted percentage, "late" when the counted
 * attempt was, and the attempts started. Columns padded by hand: a course has thousands of
 * students, and a general table renderer took minutes on 5,000 rows (bench/results/assessments.md).
 */
export function gradebookTable(gradebook: Gradebook): string {
  const titles = gradebook.assessments.map((a) => (a.title.length > 18 ? `${a.title.slice(0, 17)}…` : a.title));
  const header: Cell[] = [plain('Student'), ...titles.map(plain), plain('Total'), plain('Passed')];
  const weights: Cell[] = [plain(''), ...gradebook.assessments.map((a) => dim(`×${a.weight}`)), plain(''), plain('')];
  const rows: Cell[][] = gradebook.students.map((s) => [
    plain(s.student),
    ...s.grades.map((g): Cell => {
      if (g.percent === null) return dim(g.attempts ? 'open' : '—');
      const text = `${g.percent}%${g.late ? ' late' : ''} (${g.attempts})`;
      return { shown: `${g.percent}%${g.late ? chalk.yellow(' late') : ''} ${chalk.dim(`(${g.attempts})`)}`, width: text.length };
    }),
    s.total === null ? dim('—') : plain(`${s.total}%`),
    s.passed ? { shown: chalk.green('yes'), width: 3 } : plain('no'),
  ]);
  const widths = header.map((_, i) => Math.max(header[i]!.width, weights[i]!.width, ...rows.map((r) => r[i]!.width)));
  const last = header.length - 1;
  const line = (cells: Cell[], bold = false) =>
    cells
      .map((cell, i) => {
        const shown = bold ? chalk.bold(cell.shown) : cell.shown;
        const pad = ' '.repeat(widths[i]! - cell.width);
        // Names and the verdict read left to right; figures line up on the right.
        if (i === 0 || i === last) return i === last ? shown : shown + pad;
        return pad + shown;
      })
      .join('  ')
      .trimEnd();
  return [line(header, true), line(weights), ...rows.map((r) => line(r))].join('\n');
}
