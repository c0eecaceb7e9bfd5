import { stringify } from 'csv-stringify/sync';
import type { Gradebook } from '../../services/assessments/courseGradebook.js';

/**
 * One row per student: email, name, then for each assessment its counted score, percentage,
 * attempts started and whether the counted attempt was late, then the weighted total and passed.
 * Empty cells where nothing is handed in yet.
 */
export function gradebookCsv(gradebook: Gradebook): string {
  const header = ['student_email', 'student_name'];
  for (const a of gradebook.assessments) header.push(`${a.id}_score`, `${a.id}_percent`, `${a.id}_attempts`, `${a.id}_late`);
  header.push('total_percent', 'passed');
  const rows: (string | number)[][] = [header];
  for (const s of gradebook.students) {
    const row: (string | number)[] = [s.student, s.name ?? ''];
    for (const g of s.grades) row.push(g.score ?? '', g.percent ?? '', g.attempts, g.late ? 'true' : 'false');
    row.push(s.total ?? '', s.passed ? 'true' : 'false');
    rows.push(row);
  }
  return stringify(rows);
}
