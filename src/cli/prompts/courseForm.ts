import { confirm, input } from '@inquirer/prompts';
import { validateField } from '../../domain/courseInput.js';
import type { CourseFieldName, CourseFieldsInput } from '../../domain/courseInput.js';
import { addDays } from '../../domain/calendar.js';

const QUESTIONS: Record<Exclude<CourseFieldName, 'status' | 'externalId'>, string> = {
  title: 'Title',
  description: 'Description',
  teacher: 'Teacher',
  category: 'Category (e.g. baking, python, yoga)',
  price: 'Price in rupees',
  start: 'Start date (YYYY-MM-DD)',
  end: 'End date (YYYY-MM-DD)',
  seats: 'Seats',
};

export type PromptedField = keyof typeof QUESTIONS;
export const PROMPTED_FIELDS = Object.keys(QUESTIONS) as PromptedField[];

/**
 * Asks for each field in `ask`, validating every answer with the same rules as flags and
 * imports, so a mistake is caught at the question that caused it. `values` supplies defaults
 * (the current values when editing) and is returned completed.
 */
export async function askCourseFields(values: CourseFieldsInput, ask: PromptedField[]): Promise<CourseFieldsInput> {
  const answers: CourseFieldsInput = { ...values };
  for (const field of PROMPTED_FIELDS.filter((f) => ask.includes(f))) {
    const current = answers[field];
    let fallback = current === undefined || current === null ? undefined : String(current);
    if (field === 'end' && fallback === undefined && typeof answers.start === 'string' && validateField('start', answers.start).ok) {
      fallback = addDays(answers.start.trim(), 9);
    }
    answers[field] = await input({
      message: QUESTIONS[field],
      ...(fallback !== undefined && { default: fallback }),
      validate: (answer) => {
        const checked = validateField(field, answer);
        if (!checked.ok) return checked.message;
        if (field === 'end' && typeof answers.start === 'string' && answer.trim() < answers.start.trim()) {
          return `the end must be on or after the start (${answers.start})`;
        }
        return true;
      },
    });
  }
  return answers;
}

export async function confirmSummary(summary: string, question: string): Promise<boolean> {
  process.stderr.write(`\n${summary}\n`);
  return confirm({ message: question, default: true });
}
