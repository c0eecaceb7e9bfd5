import { parseSaleInstant } from '../calendar.js';
import type { FieldProblem } from '../../errors.js';
import { GRADING_METHODS, QUESTION_TYPES } from './assessment.js';
import type { AssessmentDefinition, GradingMethod, Question, QuestionType, ScheduleMoment } from './assessment.js';
import { foldText } from './textAnswer.js';

/**
 * Checks an assessment file (already parsed from YAML or JSON) and normalises it. Every problem
 * is collected, each with its path (`questions[2].answer`) and a hint, so an author fixes the
 * file in one pass. The shipped JSON Schema (schemas/assessment.schema.json) describes the same
 * rules for editors; a test holds the two to the same verdicts on the fixtures.
 */
export type AssessmentFileResult = { ok: true; definition: AssessmentDefinition } | { ok: false; problems: FieldProblem[] };

export const TOP_LEVEL_FIELDS = [
  'title',
  'module',
  'opensDay',
  'opensAt',
  'dueDay',
  'dueAt',
  'lateUntilDay',
  'lateUntilAt',
  'attempts',
  'timeLimitMinutes',
  'passPercent',
  'weight',
  'grading',
  'shuffle',
  'questions',
] as const;

const QUESTION_FIELDS = ['id', 'type', 'prompt', 'choices', 'answer', 'points', 'tolerance', 'partial'] as const;

export const QUESTION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
export const MAX_QUESTIONS = 500;
export const MAX_CHOICES = 26;
const MAX_TEXT = 2000;
/** Course days an assessment may name: a year before the start to ten years after. */
const DAY_RANGE = [-365, 3650] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value)));

class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, message: string, hint: string): void {
    this.list.push({ field, message, hint });
  }
}

/** Text a choice or accepted answer may be written as: YAML reads `choices: [1, 2]` as numbers, and they mean their text. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function text(raw: Record<string, unknown>, key: string, path: string, problems: Problems, options: { required: boolean }): string | null {
  const value = raw[key];
  if (value === undefined || value === null) {
    if (options.required) problems.add(path, 'is missing', `add ${key}: with some text`);
    return null;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(path, `must be text, not ${describe(value)}`, `write ${key}: as non-empty text`);
    return null;
  }
  if (value.trim().length > MAX_TEXT) {
    problems.add(path, `is longer than ${MAX_TEXT} characters`, 'shorten it');
    return null;
  }
  return value.trim();
}

function wholeNumber(value: unknown, path: string, problems: Problems, min: number, max: number, hint: string): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.add(path, `must be a whole number from ${min} to ${max}, not ${describe(value)}`, hint);
    return undefined;
  }
  return value;
}

function number(value: unknown, path: string, problems: Problems, min: number, max: number, hint: string): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    problems.add(path, `must be a number from ${min} to ${max}, not ${describe(value)}`, hint);
    return undefined;
  }
  return value;
}

/**
 * One moment of the schedule, written either as a course day (`dueDay: 5`) or as an instant
 * (`dueAt: 2027-01-14T18:00`, in the catalogue's zone unless it carries an offset).
 */
function moment(
  raw: Record<string, unknown>,
  name: 'opens' | 'due' | 'lateUntil',
  timeZone: string,
  problems: Problems,
): ScheduleMoment | null | undefined {
  const dayKey = `${name}Day`;
  const atKey = `${name}At`;
  const day = raw[dayKey];
  const at = raw[atKey];
  if (day !== undefined && at !== undefined) {
    problems.add(dayKey, `is given together with ${atKey}`, `keep one of ${dayKey} (a day of the course) and ${atKey} (a date and time)`);
    return undefined;
  }
  if (day !== undefined) {
    const value = wholeNumber(
      day,
      dayKey,
      problems,
      DAY_RANGE[0],
      DAY_RANGE[1],
      `a day of the course: 1 is the start date, 2 the day after${name === 'opens' ? '' : '; it lasts until the end of that day'}`,
    );
    return value === undefined ? undefined : { day: value };
  }
  if (at !== undefined) {
    const instant = typeof at === 'string' ? parseSaleInstant(at, timeZone, name === 'opens' ? 'start' : 'end') : undefined;
    if (instant === undefined) {
      problems.add(
        atKey,
        `is not a date or date-time: ${describe(at)}`,
        `write it as 2027-01-14T18:00 (in the catalogue's time zone ${timeZone}), with an offset such as +05:30, or a date alone${name === 'opens' ? ' (its start)' : ' (its end)'}`,
      );
      return undefined;
    }
    return { at: instant };
  }
  return null;
}

function choices(raw: Record<string, unknown>, path: string, problems: Problems): string[] | undefined {
  const value = raw.choices;
  if (!Array.isArray(value)) {
    problems.add(
      `${path}.choices`,
      value === undefined ? 'is missing' : `must be a list, not ${describe(value)}`,
      'list the choices: choices: [def, func, lambda]',
    );
    return undefined;
  }
  if (value.length < 2 || value.length > MAX_CHOICES) {
    problems.add(`${path}.choices`, `must have 2 to ${MAX_CHOICES} choices, not ${value.length}`, 'give the student at least two choices');
    return undefined;
  }
  const result: string[] = [];
  const seen = new Map<string, number>();
  let ok = true;
  value.forEach((choice, i) => {
    const written = asText(choice);
    if (written === undefined || written === '') {
      problems.add(`${path}.choices[${i}]`, `must be text, not ${describe(choice)}`, 'write each choice as text');
      ok = false;
      return;
    }
    const folded = foldText(written);
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      problems.add(
        `${path}.choices[${i}]`,
        `"${written}" repeats choice ${earlier + 1}`,
        'choices must differ (ignoring case and accents)',
      );
      ok = false;
    }
    seen.set(folded, i);
    result.push(written);
  });
  return ok ? result : undefined;
}

/** The position of a choice written as its text (ignoring case and accents). */
export function choicePosition(choiceList: string[], written: string): number {
  const folded = foldText(written);
  return choiceList.findIndex((choice) => foldText(choice) === folded);
}

function question(raw: unknown, path: string, problems: Problems, seenIds: Map<string, number>, index: number): Question | undefined {
  if (!isRecord(raw)) {
    problems.add(path, `must be a question (id, type, prompt, answer...), not ${describe(raw)}`, 'see the example in README "Assessments"');
    return undefined;
  }
  const before = problems.list.length;
  for (const key of Object.keys(raw)) {
    if (!(QUESTION_FIELDS as readonly string[]).includes(key))
      problems.add(`${path}.${key}`, 'is not a question field', `question fields are ${QUESTION_FIELDS.join(', ')}`);
  }
  let id: string | undefined;
  if (typeof raw.id !== 'string' || !QUESTION_ID.test(raw.id)) {
    problems.add(
      `${path}.id`,
      raw.id === undefined ? 'is missing' : `must be a short name, not ${describe(raw.id)}`,
      'give each question an id of letters, digits, "-", "_" or "." (up to 40), e.g. q1',
    );
  } else {
    id = raw.id;
    const earlier = seenIds.get(id);
    if (earlier !== undefined)
      problems.add(`${path}.id`, `"${id}" is also the id of questions[${earlier}]`, 'question ids must be unique in the file');
    else seenIds.set(id, index);
  }
  const type = raw.type as QuestionType;
  if (!(QUESTION_TYPES as readonly unknown[]).includes(type)) {
    problems.add(
      `${path}.type`,
      raw.type === undefined ? 'is missing' : `must be one of ${QUESTION_TYPES.join(', ')}, not ${describe(raw.type)}`,
      'single: one choice is right; multiple: several are; number: a number; text: a word or phrase',
    );
    return undefined;
  }
  const prompt = text(raw, 'prompt', `${path}.prompt`, problems, { required: true });
  const points =
    raw.points === undefined
      ? 1
      : number(raw.points, `${path}.points`, problems, 0.01, 1000, 'points are a positive number (1 unless given)');
  if (type !== 'number' && raw.tolerance !== undefined)
    problems.add(`${path}.tolerance`, `applies to number questions, not ${type}`, 'remove tolerance');
  if (type !== 'multiple' && raw.partial !== undefined)
    problems.add(`${path}.partial`, `applies to multiple questions, not ${type}`, 'remove partial');
  if ((type === 'number' || type === 'text') && raw.choices !== undefined)
    problems.add(`${path}.choices`, `${type} questions have no choices`, 'remove choices, or make it a single or multiple question');
  const answerPath = `${path}.answer`;
  if (raw.answer === undefined || raw.answer === null) {
    problems.add(answerPath, 'is missing', 'give the right answer: a choice, a list of choices, a number or accepted texts');
    return undefined;
  }

  switch (type) {
    case 'single': {
      const list = choices(raw, path, problems);
      const written = asText(raw.answer);
      if (written === undefined) {
        problems.add(
          answerPath,
          `must be one of the choices, not ${describe(raw.answer)}`,
          'write the right choice as it appears in choices',
        );
        return undefined;
      }
      if (!list) return undefined;
      const position = choicePosition(list, written);
      if (position === -1) {
        problems.add(
          answerPath,
          `"${written}" is not one of the choices (${list.join(', ')})`,
          'write the right choice as it appears in choices',
        );
        return undefined;
      }
      if (problems.list.length > before) return undefined;
      return { id: id!, type, prompt: prompt!, points: points!, choices: list, answer: position };
    }
    case 'multiple': {
      const list = choices(raw, path, problems);
      const partial = raw.partial === undefined ? false : raw.partial;
      if (typeof partial !== 'boolean')
        problems.add(
          `${path}.partial`,
          `must be true or false, not ${describe(partial)}`,
          'partial: true gives credit for each right choice',
        );
      if (!Array.isArray(raw.answer) || raw.answer.length === 0) {
        problems.add(answerPath, `must be a list of the right choices, not ${describe(raw.answer)}`, 'answer: [tuple, str]');
        return undefined;
      }
      if (!list) return undefined;
      const positions: number[] = [];
      raw.answer.forEach((entry, i) => {
        const written = asText(entry);
        const position = written === undefined ? -1 : choicePosition(list, written);
        if (position === -1)
          problems.add(
            `${answerPath}[${i}]`,
            `${describe(entry)} is not one of the choices (${list.join(', ')})`,
            'write each right choice as it appears in choices',
          );
        else if (positions.includes(position))
          problems.add(`${answerPath}[${i}]`, `${describe(entry)} is listed twice`, 'list each right choice once');
        else positions.push(position);
      });
      if (problems.list.length > before) return undefined;
      return {
        id: id!,
        type,
        prompt: prompt!,
        points: points!,
        choices: list,
        answer: positions.sort((a, b) => a - b),
        partial: partial as boolean,
      };
    }
    case 'number': {
      const answer = raw.answer;
      if (typeof answer !== 'number' || !Number.isFinite(answer))
        problems.add(answerPath, `must be a number, not ${describe(answer)}`, 'write the number without quotes, e.g. answer: 1024');
      const tolerance =
        raw.tolerance === undefined
          ? 0
          : number(
              raw.tolerance,
              `${path}.tolerance`,
              problems,
              0,
              Number.MAX_SAFE_INTEGER,
              'how far off an answer may be and still count, e.g. tolerance: 0.01',
            );
      if (problems.list.length > before) return undefined;
      return { id: id!, type, prompt: prompt!, points: points!, answer: answer as number, tolerance: tolerance! };
    }
    case 'text': {
      const written = Array.isArray(raw.answer) ? raw.answer : [raw.answer];
      const accepted: string[] = [];
      if (written.length === 0) problems.add(answerPath, 'lists no accepted answer', 'answer: [pip, pip3]');
      written.forEach((entry, i) => {
        const value = asText(entry);
        const where = Array.isArray(raw.answer) ? `${answerPath}[${i}]` : answerPath;
        if (value === undefined || value === '')
          problems.add(where, `must be text, not ${describe(entry)}`, 'write each accepted answer as text');
        else accepted.push(value);
      });
      if (problems.list.length > before) return undefined;
      return { id: id!, type, prompt: prompt!, points: points!, answer: accepted };
    }
  }
}

/** Checks a parsed assessment file. `timeZone` reads date-times written without an offset. */
export function checkAssessmentFile(raw: unknown, timeZone: string): AssessmentFileResult {
  const problems = new Problems();
  if (!isRecord(raw)) {
    problems.add(
      '(file)',
      `must be a mapping of fields (title, dueDay, questions...), not ${describe(raw)}`,
      'see the example in README "Assessments"',
    );
    return { ok: false, problems: problems.list };
  }
  for (const key of Object.keys(raw)) {
    // "$schema" points an editor at schemas/assessment.schema.json; it means nothing here.
    if (key !== '$schema' && !(TOP_LEVEL_FIELDS as readonly string[]).includes(key))
      problems.add(key, 'is not an assessment field', `the fields are ${TOP_LEVEL_FIELDS.join(', ')}`);
  }
  const title = text(raw, 'title', 'title', problems, { required: true });
  const module = text(raw, 'module', 'module', problems, { required: false });
  const opens = moment(raw, 'opens', timeZone, problems);
  const due = moment(raw, 'due', timeZone, problems);
  if (due === null)
    problems.add(
      'dueDay',
      'is missing (or dueAt)',
      'say when it is due: dueDay: 5 (end of day 5 of the course) or dueAt: 2027-01-14T18:00',
    );
  const lateUntil = moment(raw, 'lateUntil', timeZone, problems);
  const attempts =
    raw.attempts === undefined
      ? 1
      : wholeNumber(raw.attempts, 'attempts', problems, 0, 100, 'how many attempts a student has; 0 means unlimited');
  const timeLimitMinutes =
    raw.timeLimitMinutes === undefined || raw.timeLimitMinutes === null
      ? null
      : wholeNumber(
          raw.timeLimitMinutes,
          'timeLimitMinutes',
          problems,
          1,
          10_080,
          'minutes from the start of an attempt; leave it out for no limit',
        );
  const passPercent =
    raw.passPercent === undefined
      ? 50
      : number(raw.passPercent, 'passPercent', problems, 0, 100, 'the percentage of points needed to pass, e.g. passPercent: 60');
  const weight =
    raw.weight === undefined
      ? 1
      : number(raw.weight, 'weight', problems, 0, 1000, "this assessment's share of the course grade; 0 for practice");
  const grading = (raw.grading === undefined ? 'highest' : raw.grading) as GradingMethod;
  if (!(GRADING_METHODS as readonly unknown[]).includes(grading))
    problems.add(
      'grading',
      `must be one of ${GRADING_METHODS.join(', ')}, not ${describe(raw.grading)}`,
      'which attempt counts: the highest, the last, the first, or the average of all',
    );
  const shuffle = raw.shuffle === undefined ? false : raw.shuffle;
  if (typeof shuffle !== 'boolean')
    problems.add(
      'shuffle',
      `must be true or false, not ${describe(raw.shuffle)}`,
      'shuffle: true orders questions and choices anew for each attempt',
    );

  // Windows written in the same unit can be checked without the course; mixed ones are checked on add.
  if (opens && due && 'day' in opens && 'day' in due && due.day < opens.day)
    problems.add(
      'dueDay',
      `day ${due.day} is before the opening day ${opens.day}`,
      'it is due at the end of dueDay, which must be on or after opensDay',
    );
  if (opens && due && 'at' in opens && 'at' in due && due.at <= opens.at)
    problems.add('dueAt', 'is not after opensAt', 'make it due after it opens');
  if (due && lateUntil && 'day' in due && 'day' in lateUntil && lateUntil.day < due.day)
    problems.add(
      'lateUntilDay',
      `day ${lateUntil.day} is before the due day ${due.day}`,
      'late submissions are taken until the end of lateUntilDay, on or after dueDay',
    );
  if (due && lateUntil && 'at' in due && 'at' in lateUntil && lateUntil.at < due.at)
    problems.add('lateUntilAt', 'is before dueAt', 'the cut-off for late submissions comes after the due date');

  const questions: Question[] = [];
  if (!Array.isArray(raw.questions) || raw.questions.length === 0) {
    problems.add(
      'questions',
      raw.questions === undefined ? 'is missing' : `must be a non-empty list, not ${describe(raw.questions)}`,
      'list the questions, each with id, type, prompt and answer',
    );
  } else if (raw.questions.length > MAX_QUESTIONS) {
    problems.add('questions', `has ${raw.questions.length} questions, more than ${MAX_QUESTIONS}`, 'split it into several assessments');
  } else {
    const seenIds = new Map<string, number>();
    raw.questions.forEach((entry, i) => {
      const checked = question(entry, `questions[${i}]`, problems, seenIds, i);
      if (checked) questions.push(checked);
    });
  }

  if (problems.list.length) return { ok: false, problems: problems.list };
  return {
    ok: true,
    definition: {
      title: title!,
      module,
      opens: opens ?? { day: 1 },
      due: due!,
      lateUntil: lateUntil ?? null,
      attempts: attempts!,
      timeLimitMinutes: timeLimitMinutes!,
      passPercent: passPercent!,
      weight: weight!,
      grading,
      shuffle: shuffle as boolean,
      questions,
    },
  };
}
