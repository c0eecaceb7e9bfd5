import type { FieldProblem } from '../../errors.js';
import type { AssessmentDefinition, Question } from './assessment.js';
import { choicePosition } from './assessmentFile.js';
import { foldText } from './textAnswer.js';

/**
 * A student's answer as kept: choice positions for choice questions (so rewording a choice
 * later changes nothing), a number, or the text as typed.
 */
export type Answer = number | number[] | string;
export type Answers = Record<string, Answer>;

export interface QuestionResult {
  id: string;
  correct: boolean;
  points: number;
}

export interface AttemptGrade {
  score: number;
  maxScore: number;
  questions: QuestionResult[];
}

const describe = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value)));

function readChoice(
  question: Question & { choices: string[] },
  value: unknown,
  path: string,
  problems: FieldProblem[],
): number | undefined {
  const written = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  const position = written === undefined ? -1 : choicePosition(question.choices, written);
  if (position === -1) {
    problems.push({
      field: path,
      message: `${describe(value)} is not one of the choices of ${question.id} (${question.choices.join(', ')})`,
      hint: 'answer with one of the choices as written',
    });
    return undefined;
  }
  return position;
}

function readAnswer(question: Question, value: unknown, problems: FieldProblem[]): Answer | undefined {
  const path = question.id;
  switch (question.type) {
    case 'single':
      return readChoice(question, value, path, problems);
    case 'multiple': {
      const list = Array.isArray(value) ? value : [value];
      const positions: number[] = [];
      for (const entry of list) {
        const position = readChoice(question, entry, path, problems);
        if (position === undefined) return undefined;
        if (positions.includes(position)) {
          problems.push({ field: path, message: `${describe(entry)} is given twice`, hint: 'list each chosen answer once' });
          return undefined;
        }
        positions.push(position);
      }
      return positions.sort((a, b) => a - b);
    }
    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) {
        problems.push({
          field: path,
          message: `${describe(value)} is not a number`,
          hint: `answer ${question.id} with a number, e.g. 1024`,
        });
        return undefined;
      }
      return number;
    }
    case 'text': {
      if (typeof value !== 'string' && typeof value !== 'number') {
        problems.push({ field: path, message: `${describe(value)} is not text`, hint: `answer ${question.id} with a word or phrase` });
        return undefined;
      }
      const text = String(value);
      if (text.length > 2000) {
        problems.push({ field: path, message: 'is longer than 2000 characters', hint: 'shorten the answer' });
        return undefined;
      }
      return text;
    }
  }
}

/**
 * Reads a student's answers (from an answers file or a form): every unknown question id and
 * every malformed answer is a problem, named; questions left out are simply unanswered.
 */
export function readAnswers(
  definition: Pick<AssessmentDefinition, 'questions'>,
  raw: unknown,
): { ok: true; answers: Answers } | { ok: false; problems: FieldProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      problems: [
        {
          field: '(answers)',
          message: 'must be a mapping of question ids to answers',
          hint: 'e.g. {"q1": "def", "q2": ["tuple", "str"], "q3": 1024}',
        },
      ],
    };
  }
  const byId = new Map(definition.questions.map((q) => [q.id, q]));
  const problems: FieldProblem[] = [];
  const answers: Answers = {};
  for (const [id, value] of Object.entries(raw)) {
    const question = byId.get(id);
    if (!question) {
      problems.push({
        field: id,
        message: 'is not a question of this assessment',
        hint: `its questions are ${[...byId.keys()].join(', ')}`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const answer = readAnswer(question, value, problems);
    if (answer !== undefined) answers[id] = answer;
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers };
}

/**
 * Points for one answer. A multiple-choice question is all or nothing unless `partial`: then
 * each right choice picked earns its share and each wrong one picked takes a share away, never
 * below zero (so picking every choice earns nothing).
 */
export function questionPoints(question: Question, answer: Answer | undefined): number {
  if (answer === undefined) return 0;
  switch (question.type) {
    case 'single':
      return answer === question.answer ? question.points : 0;
    case 'multiple': {
      const picked = answer as number[];
      const right = picked.filter((p) => question.answer.includes(p)).length;
      const wrong = picked.length - right;
      if (right === question.answer.length && wrong === 0) return question.points;
      if (!question.partial) return 0;
      return (question.points * Math.max(0, right - wrong)) / question.answer.length;
    }
    case 'number':
      // A hair of slack for decimals that binary floating point cannot hold exactly (0.1 + 0.2).
      return Math.abs((answer as number) - question.answer) <= question.tolerance + 1e-9 * Math.max(1, Math.abs(question.answer))
        ? question.points
        : 0;
    case 'text': {
      const folded = foldText(answer as string);
      return question.answer.some((accepted) => foldText(accepted) === folded) ? question.points : 0;
    }
  }
}

export function gradeAttempt(definition: Pick<AssessmentDefinition, 'questions'>, answers: Answers): AttemptGrade {
  const questions = definition.questions.map((question) => {
    const points = questionPoints(question, answers[question.id]);
    return { id: question.id, correct: points === question.points, points };
  });
  return {
    score: questions.reduce((sum, q) => sum + q.points, 0),
    maxScore: definition.questions.reduce((sum, q) => sum + q.points, 0),
    questions,
  };
}

/** A question's right answer as a student reads it, once answers are revealed. */
export function rightAnswer(question: Question): string | string[] | number {
  switch (question.type) {
    case 'single':
      return question.choices[question.answer]!;
    case 'multiple':
      return question.answer.map((p) => question.choices[p]!);
    case 'number':
      return question.answer;
    case 'text':
      return question.answer;
  }
}

/** An answer as the student gave it, in words. */
export function answerAsGiven(question: Question, answer: Answer | undefined): string | string[] | number | null {
  if (answer === undefined) return null;
  if (question.type === 'single') return question.choices[answer as number]!;
  if (question.type === 'multiple') return (answer as number[]).map((p) => question.choices[p]!);
  return answer as number | string;
}
