import type { CourseFieldsInput } from '../../src/domain/courseInput.js';

let counter = 0;

/** A valid course as a user would type it; override only what the test is about. */
export function courseInput(overrides: CourseFieldsInput = {}): CourseFieldsInput {
  counter++;
  return {
    title: `Sample course ${counter}`,
    description: 'A short hands-on course.',
    teacher: 'Priya Sharma',
    category: 'python',
    price: '999',
    start: '2027-01-10',
    end: '2027-01-20',
    seats: '20',
    ...overrides,
  };
}
