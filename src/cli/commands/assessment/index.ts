import type { Command } from 'commander';
import { registerAssessmentAuthoring } from './authoring.js';
import { registerAssessmentExtend } from './extend.js';
import { registerAssessmentResults } from './results.js';
import { registerAssessmentTake } from './take.js';

export function registerAssessment(program: Command): void {
  const assessment = program
    .command('assessment')
    .description('quizzes on a course schedule: add them from YAML/JSON files, take them with an access code');
  registerAssessmentAuthoring(assessment);
  registerAssessmentTake(assessment);
  registerAssessmentResults(assessment);
  registerAssessmentExtend(assessment);
}
