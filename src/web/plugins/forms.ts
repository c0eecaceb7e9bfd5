import type { FastifyInstance } from '../framework.js';

/** A submitted HTML form: each field's value, or its values when it was given more than once (checkboxes). */
export type FormFields = Record<string, string | string[]>;

/** The fields of a form body, as browsers send them (application/x-www-form-urlencoded). */
export function readForm(body: string): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const held = fields[name];
    fields[name] = held === undefined ? value : Array.isArray(held) ? [...held, value] : [held, value];
  }
  return fields;
}

/** One field as text: its first value, or '' when it is missing. */
export function field(form: FormFields | undefined, name: string): string {
  const value = form?.[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Plain HTML forms, parsed by hand: URLSearchParams does it, so no plugin is needed. */
export function formBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, readForm(body as string));
  });
}
