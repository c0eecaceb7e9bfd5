import type { Gradebook } from '../../services/assessments/courseGradebook.js';

/** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
function cell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One row per student: email, name, then for each assessment its counted score, percentage,
 * attempts started and whether the counted attempt was late, then the weighted total and passed.
 * Empty cells where nothing is handed in yet. Written by hand: the cells are numbers, booleans
 * and two texts, and a general CSV writer cost more than the gradebook itself on a large course.
 */
export function gradebookCsv(gradebook: Gradebook): string {
  const header = ['student_email', 'student_name'];
  for (const a of gradebook.assessments) header.push(`${a.id}_score`, `${a.id}_percent`, `${a.id}_attempts`, `${a.id}_late`);
  header.push('total_percent', 'passed');
  const lines = [header.join(',')];
  for (const s of gradebook.students) {
    let line = `${cell(s.student)},${cell(s.name ?? '')}`;
    for (const g of s.grades) line += `,${g.score ?? ''},${g.percent ?? ''},${g.attempts},${g.late}`;
    line += `,${s.total ?? ''},${s.passed}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
