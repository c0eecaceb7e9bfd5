import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/domain/assessment/assessment.js';
import { gradeAttempt, questionPoints, readAnswers } from '../../src/domain/assessment/assessmentGrading.js';
import { attemptOrder } from '../../src/domain/assessment/attemptOrder.js';

const single: Question = { id: 'q1', type: 'single', prompt: 'p', points: 1, choices: ['func', 'def', 'lambda', 'fn'], answer: 1 };
const all: Question = {
  id: 'q2',
  type: 'multiple',
  prompt: 'p',
  points: 2,
  choices: ['list', 'tuple', 'str', 'dict'],
  answer: [1, 2],
  partial: false,
};
const partial: Question = { ...all, id: 'q2p', partial: true } as Question;
const three: Question = {
  id: 'q2t',
  type: 'multiple',
  prompt: 'p',
  points: 3,
  choices: ['a', 'b', 'c', 'd', 'e'],
  answer: [0, 1, 2],
  partial: true,
};
const number: Question = { id: 'q3', type: 'number', prompt: 'p', points: 1, answer: 3.14, tolerance: 0.005 };
const exact: Question = { id: 'q3e', type: 'number', prompt: 'p', points: 1, answer: 0.3, tolerance: 0 };
const text: Question = { id: 'q4', type: 'text', prompt: 'p', points: 1, answer: ['pip', 'Café au lait'] };
const definition = { questions: [single, all, number, text] };

describe('grading an attempt', () => {
  it('single: the right choice only', () => {
    expect(questionPoints(single, 1)).toBe(1);
    expect(questionPoints(single, 0)).toBe(0);
    expect(questionPoints(single, undefined)).toBe(0);
  });

  it('multiple: all or nothing without partial', () => {
    expect(questionPoints(all, [1, 2])).toBe(2);
    expect(questionPoints(all, [1])).toBe(0);
    expect(questionPoints(all, [0, 1, 2])).toBe(0);
  });

  it('multiple with partial: each right choice earns its share, each wrong one takes one away, never below zero', () => {
    expect(questionPoints(partial, [1])).toBe(1);
    expect(questionPoints(partial, [1, 2])).toBe(2);
    expect(questionPoints(partial, [0, 1, 2])).toBe(1);
    expect(questionPoints(partial, [0, 1, 2, 3])).toBe(0);
    expect(questionPoints(three, [0, 1])).toBeCloseTo(2, 10);
    expect(questionPoints(three, [0, 3])).toBe(0);
    expect(questionPoints(three, [0, 1, 4])).toBeCloseTo(1, 10);
  });

  it('number: within the tolerance, and decimals compare as written (0.1 + 0.2 is 0.3)', () => {
    expect(questionPoints(number, 3.144)).toBe(1);
    expect(questionPoints(number, 3.145)).toBe(1);
    expect(questionPoints(number, 3.134)).toBe(0);
    expect(questionPoints(exact, 0.1 + 0.2)).toBe(1);
    expect(questionPoints(exact, 0.31)).toBe(0);
  });

  it('text: trimmed, case and accents ignored, any accepted answer', () => {
    for (const given of ['pip', '  PIP ', 'Pip', 'cafe au lait', 'CAFÉ  AU LAIT']) expect(questionPoints(text, given), given).toBe(1);
    for (const given of ['pip3', 'pi p', 'coffee']) expect(questionPoints(text, given), given).toBe(0);
  });

  it('adds the points up, marking each question right or not', () => {
    const grade = gradeAttempt(definition, { q1: 1, q2: [1], q3: 3.14, q4: 'PIP' });
    expect(grade).toEqual({
      score: 3,
      maxScore: 5,
      questions: [
        { id: 'q1', correct: true, points: 1 },
        { id: 'q2', correct: false, points: 0 },
        { id: 'q3', correct: true, points: 1 },
        { id: 'q4', correct: true, points: 1 },
      ],
    });
  });
});

describe('reading answers', () => {
  it('turns choices into positions and numbers written as text into numbers', () => {
    expect(readAnswers(definition, { q1: 'DEF', q2: ['str', 'tuple'], q3: '3.14', q4: 'pip' })).toEqual({
      ok: true,
      answers: { q1: 1, q2: [1, 2], q3: 3.14, q4: 'pip' },
    });
  });

  it('names every unknown question and malformed answer', () => {
    const read = readAnswers(definition, { q1: 'define', q2: ['tuple', 'tuple'], q3: 'many', q9: 'x', q4: { a: 1 } });
    if (read.ok) throw new Error('expected problems');
    expect(read.problems.map((p) => [p.field, p.message])).toEqual([
      ['q1', '"define" is not one of the choices of q1 (func, def, lambda, fn)'],
      ['q2', '"tuple" is given twice'],
      ['q3', '"many" is not a number'],
      ['q9', 'is not a question of this assessment'],
      ['q4', '{"a":1} is not text'],
    ]);
  });

  it('refuses answers that are not a mapping', () => {
    expect(readAnswers(definition, ['def']).ok).toBe(false);
  });
});

describe('the order an attempt shows', () => {
  const questions = Array.from({ length: 12 }, (_, i): Question => ({ ...single, id: `q${i}` }));
  it('is the same for the same seed, a permutation, and differs between seeds', () => {
    const a = attemptOrder(questions, true, 42);
    expect(attemptOrder(questions, true, 42)).toEqual(a);
    expect([...a.questions].sort((x, y) => x - y)).toEqual(questions.map((_, i) => i));
    expect([...a.choices.q3!].sort()).toEqual([0, 1, 2, 3]);
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => attemptOrder(questions, true, seed).questions.join(',')));
    expect(orders.size).toBeGreaterThan(15);
  });
  it('keeps the file order without shuffle', () => {
    expect(attemptOrder(questions, false, 42).questions).toEqual(questions.map((_, i) => i));
    expect(attemptOrder(questions, false, 42).choices.q0).toEqual([0, 1, 2, 3]);
  });
});
