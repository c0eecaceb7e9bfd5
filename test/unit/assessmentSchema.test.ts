import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkAssessmentFile } from '../../src/domain/assessment/assessmentFile.js';

const root = path.resolve(import.meta.dirname, '../..');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/assessment.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const schemaAccepts = ajv.compile(schema);

const read = (file: string): unknown => {
  const text = fs.readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parse(text);
};
const fixtures = (dir: string) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.includes('answers'))
    .map((f) => path.join(root, dir, f));

/** Rules that compare fields: JSON Schema cannot say them, so only catalog refuses these files. */
const ONLY_CATALOG_REFUSES = ['answer-not-a-choice.yaml', 'duplicate-ids.yaml', 'due-before-open.yaml'];
const NOT_YAML = ['broken-syntax.yaml'];

describe('the shipped JSON Schema and the domain check agree', () => {
  it.each(fixtures('fixtures/assessments'))('both accept the good sample %s', (file) => {
    const value = read(file);
    expect(schemaAccepts(value), JSON.stringify(schemaAccepts.errors)).toBe(true);
    const checked = checkAssessmentFile(value, 'Asia/Kolkata');
    expect(checked.ok, JSON.stringify(checked)).toBe(true);
  });

  const bad = fixtures('fixtures/assessments/bad').filter((f) => !NOT_YAML.includes(path.basename(f)));
  it('has bad samples of both kinds', () => {
    expect(bad.length).toBeGreaterThanOrEqual(10);
    for (const name of ONLY_CATALOG_REFUSES) expect(bad.map((f) => path.basename(f))).toContain(name);
  });

  it.each(bad)('catalog refuses %s, and the schema does too unless the rule compares fields', (file) => {
    const value = read(file);
    expect(checkAssessmentFile(value, 'Asia/Kolkata').ok).toBe(false);
    expect(schemaAccepts(value)).toBe(ONLY_CATALOG_REFUSES.includes(path.basename(file)));
  });

  it('agrees field by field on a file with one mistake of each kind the schema can see', () => {
    const base = read(path.join(root, 'fixtures/assessments/week-1-check.yaml')) as Record<string, unknown>;
    const variants: Record<string, unknown>[] = [
      { ...base, attempts: 1.5 },
      { ...base, weight: -1 },
      { ...base, opensAt: '2027-01-01', opensDay: undefined },
      { ...base, grading: null },
      { ...base, shuffle: null },
      { ...base, questions: [{ id: 'bad id!', type: 'text', prompt: 'x', answer: 'y' }] },
      { ...base, questions: [{ id: 'q', type: 'number', prompt: 'x', answer: 1, partial: true }] },
      { ...base, questions: [{ id: 'q', type: 'text', prompt: '   ', answer: 'y' }] },
    ];
    for (const variant of variants) {
      const clean = JSON.parse(JSON.stringify(variant));
      const ours = checkAssessmentFile(clean, 'Asia/Kolkata').ok;
      expect(schemaAccepts(clean), JSON.stringify(clean)).toBe(ours);
    }
    // The one that is fine: opensAt instead of opensDay.
    expect(checkAssessmentFile(JSON.parse(JSON.stringify(variants[2])), 'Asia/Kolkata').ok).toBe(true);
  });
});
