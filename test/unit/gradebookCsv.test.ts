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
