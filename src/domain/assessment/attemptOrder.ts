import type { Question } from './assessment.js';

/**
 * The order an attempt shows questions and choices in. Drawn from the attempt's own seed (kept
 * with the attempt), so the same attempt always shows the same order: on a resumed attempt, on
 * review, and on the website alike.
 */
export interface AttemptOrder {
  /** Question positions in the order shown. */
  questions: number[];
  /** For each question (by its position in the file), its choice positions in the order shown. */
  choices: Record<string, number[]>;
}

/** mulberry32: a tiny seeded generator; enough to shuffle a quiz, not for secrets. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled(count: number, next: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export function attemptOrder(questions: Question[], shuffle: boolean, seed: number): AttemptOrder {
  const next = generator(seed);
  const order: AttemptOrder = {
    questions: shuffle ? shuffled(questions.length, next) : questions.map((_, i) => i),
    choices: {},
  };
  for (const question of questions) {
    if (question.type === 'single' || question.type === 'multiple')
      order.choices[question.id] = shuffle ? shuffled(question.choices.length, next) : question.choices.map((_, i) => i);
  }
  return order;
}
