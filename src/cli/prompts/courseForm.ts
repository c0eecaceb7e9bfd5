import { confirm, input } from '@inquirer/prompts';
import chalk from '../style.js';
import { addDays } from '../../domain/calendar.js';
import { validateField } from '../../domain/courseInput.js';
import type { CourseFieldName, CourseFieldsInput } from '../../domain/courseInput.js';
import { formatRupees } from '../../domain/money.js';

/** The form asks for the course itself; a free start and the rest are flags (`--free-days`, `--status`, …). */
const QUESTIONS: Record<Exclude<CourseFieldName, 'status' | 'externalId' | 'freeDays' | 'upgradeUntilDay'>, string> = {
  title: 'Title',
  description: 'Description',
  teacher: 'Teacher',
  category: 'Category (e.g. baking, python, yoga)',
  price: 'Price in rupees (0 for a free course)',
  start: 'Start date (YYYY-MM-DD)',
  end: 'End date (YYYY-MM-DD)',
  seats: 'Seats (a number, or unlimited)',
};

export type PromptedField = keyof typeof QUESTIONS;
export const PROMPTED_FIELDS = Object.keys(QUESTIONS) as PromptedField[];

/**
 * Checks one answer with the same rules as flags and imports, at the question that caused a
 * mistake rather than after the last one: the service's courseAnswerCheck.
 */
export type AnswerCheck = (
  field: PromptedField,
  answer: string,
  answers: CourseFieldsInput,
) => { message: string; hint: string } | undefined;

/** A problem as a prompt shows it under the answer; hints name flags, which a prompt has no use for. */
function shown(problem: { message: string; hint: string }): string {
  return `${problem.message}: ${problem.hint.replace(/--[a-z][a-z-]* /g, '')}`;
}

/**
 * Asks for each field in `ask`, in form order. `values` supplies the defaults and is returned
 * completed. With `editable` (editing a course) the current value stands on the line ready to
 * change, so a typo in a long title is fixed without retyping it; Enter keeps it as it is.
 */
export async function askCourseFields(
  values: CourseFieldsInput,
  ask: PromptedField[],
  options: { check: AnswerCheck; editable?: boolean },
): Promise<CourseFieldsInput> {
  const answers: CourseFieldsInput = { ...values };
  for (const field of PROMPTED_FIELDS.filter((f) => ask.includes(f))) {
    const current = answers[field];
    let fallback = current === undefined || current === null || current === '' ? undefined : String(current);
    if (field === 'end' && fallback === undefined && typeof answers.start === 'string' && validateField('start', answers.start).ok) {
      fallback = addDays(answers.start.trim(), 9);
    }
    answers[field] = (
      await input({
        message: QUESTIONS[field],
        ...(fallback !== undefined && { default: fallback }),
        ...(options.editable && { prefill: 'editable' as const }),
        validate: (answer) => {
          const problem = options.check(field, answer, answers);
          return problem ? shown(problem) : true;
        },
      })
    ).trim();
  }
  return answers;
}

/** A value the way the catalogue will store it, for comparing answers and showing them. */
export function normalized(field: PromptedField, value: unknown): string {
  const checked = validateField(field, value);
  if (!checked.ok) return String(value ?? '');
  if (field === 'seats' && checked.value === null) return 'unlimited';
  return field === 'price' ? formatRupees(checked.value as number) : String(checked.value);
}

const LABEL_WIDTH = Math.max(...PROMPTED_FIELDS.map((f) => f.length)) + 2;

/** The course as it will be saved, one field a line; with `before`, only the changes (old → new). */
export function courseSummary(after: CourseFieldsInput, before?: CourseFieldsInput): string {
  return PROMPTED_FIELDS.filter(
    (field) => after[field] !== undefined && (!before || normalized(field, before[field]) !== normalized(field, after[field])),
  )
    .map((field) => {
      const value = normalized(field, after[field]);
      const shown = before ? `${chalk.dim(normalized(field, before[field]))} → ${value}` : value;
      return `  ${chalk.dim(field.padEnd(LABEL_WIDTH))}${shown}`;
    })
    .join('\n');
}

export async function confirmSummary(summary: string, question: string): Promise<boolean> {
  process.stderr.write(`\n${summary}\n\n`);
  return confirm({ message: question, default: true });
}
