import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { OPENAPI_DOCUMENT } from '../../src/web/openapi.js';

// ajv-formats is CommonJS whose default export TypeScript cannot see through an ES import.
const addFormats = createRequire(import.meta.url)('ajv-formats') as typeof import('ajv-formats').default;

/** An assertion that a value has the shape the OpenAPI document publishes under components/schemas/<schema>. */
export function expectOpenApiSchema(document: object = OPENAPI_DOCUMENT): (schema: string, value: unknown) => void {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: 'openapi.json' });
  return (schema, value) => {
    const validate = ajv.getSchema(`openapi.json#/components/schemas/${schema}`);
    if (!validate) throw new Error(`the OpenAPI document has no schema "${schema}"`);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  };
}
