import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { gradebookCsv } from '../../src/cli/render/gradebookCsv.js';
import type { Gradebook } from '../../src/services/assessments/courseGradebook.js';

describe('the gradebook as CSV', () => {
  it('reads back cell for cell, names with commas, quotes and line breaks included', () => {
    const book: Gradebook = {
      course: { id: 'crs_1', title: 'Python' },
      assessments: [{ id: 'asm_a', title: 'A', weight: 1, passPercent: 50, grading: 'highest', maxScore: 4 }],
      passMark: 50,
      students: [
        {
          student: 'rao@example.in',
          name: 'Rao, Asha "Ash"\nJr',
          grades: [{ assessmentId: 'asm_a', score: 3, percent: 75, attempts: 2, late: true, passed: true }],
          total: 75,
          passed: true,
        },
        {
          student: 'new@example.in',
          name: null,
          grades: [{ assessmentId: 'asm_a', score: null, percent: null, attempts: 0, late: false, passed: false }],
          total: 0,
          passed: false,
        },
      ],
    };
    expect(parse(gradebookCsv(book))).toEqual([
      ['student_email', 'student_name', 'asm_a_score', 'asm_a_percent', 'asm_a_attempts', 'asm_a_late', 'total_percent', 'passed'],
      ['rao@example.in', 'Rao, Asha "Ash"\nJr', '3', '75', '2', 'true', '75', 'true'],
      ['new@example.in', '', '', '', '0', 'false', '0', 'false'],
    ]);
  });
});

describe('the gradebook as a table', () => {
  it('lines figures up on the right under each assessment, one student a line', async () => {
    const { gradebookTable } = await import('../../src/cli/render/gradebookTable.js');
    const book: Gradebook = {
      course: { id: 'crs_1', title: 'Python' },
      assessments: [
        { id: 'asm_a', title: 'Week 1 check', weight: 1, passPercent: 50, grading: 'highest', maxScore: 4 },
        { id: 'asm_b', title: 'A rather long final test title', weight: 3, passPercent: 50, grading: 'last', maxScore: 4 },
      ],
      passMark: 50,
      students: [
        {
          student: 'asha@example.in',
          name: null,
          grades: [
            { assessmentId: 'asm_a', score: 4, percent: 100, attempts: 2, late: false, passed: true },
            { assessmentId: 'asm_b', score: 1, percent: 25, attempts: 1, late: true, passed: false },
          ],
          total: 43.75,
          passed: false,
        },
        {
          student: 'ravi@example.in',
          name: null,
          grades: [
            { assessmentId: 'asm_a', score: null, percent: null, attempts: 0, late: false, passed: false },
            { assessmentId: 'asm_b', score: null, percent: null, attempts: 1, late: false, passed: false },
          ],
          total: 0,
          passed: false,
        },
      ],
    };
    const lines = gradebookTable(book).split('\n');
    expect(lines).toEqual([
      'Student          Week 1 check  A rather long fin…   Total  Passed',
      '                           ×1                  ×3',
      'asha@example.in      100% (2)        25% late (1)  43.75%  no',
      'ravi@example.in             —                open      0%  no',
    ]);
  });
});
