import type { AssessmentDefinition, Question } from './assessment.js';

/**
 * Once a student has started an attempt, an update may change only what leaves every recorded
 * attempt's grade as it was: the dates (opens, due, late cut-off), the number of attempts, and
 * texts — the title, the module, each question's prompt and the wording of its choices (the same
 * choices in the same places, the same right ones). Returns the fields that changed otherwise.
 */
export function changesLockedByAttempts(before: AssessmentDefinition, after: AssessmentDefinition): string[] {
  const locked: string[] = [];
  for (const key of ['timeLimitMinutes', 'passPercent', 'weight', 'grading', 'shuffle'] as const) {
    if (before[key] !== after[key]) locked.push(key);
  }
  const beforeIds = before.questions.map((q) => q.id);
  const afterIds = after.questions.map((q) => q.id);
  if (beforeIds.join('\n') !== afterIds.join('\n')) {
    locked.push('questions (added, removed or reordered)');
    return locked;
  }
  before.questions.forEach((question, i) => {
    for (const field of lockedQuestionChanges(question, after.questions[i]!)) locked.push(`questions[${i}].${field}`);
  });
  return locked;
}

function lockedQuestionChanges(before: Question, after: Question): string[] {
  if (before.type !== after.type) return ['type'];
  const changed: string[] = [];
  if (before.points !== after.points) changed.push('points');
  const { prompt: _p, choices: _c, ...restBefore } = before as Question & { choices?: string[] };
  const { prompt: _q, choices: _d, ...restAfter } = after as Question & { choices?: string[] };
  if ('choices' in before && 'choices' in after && before.choices.length !== after.choices.length) changed.push('choices (how many)');
  for (const key of Object.keys(restBefore) as (keyof typeof restBefore)[]) {
    if (key === 'points') continue;
    if (JSON.stringify(restBefore[key]) !== JSON.stringify(restAfter[key as keyof typeof restAfter])) changed.push(key);
  }
  return changed;
}
