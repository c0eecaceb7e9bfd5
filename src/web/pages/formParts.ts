import type { CatalogError } from '../../errors.js';
import { html } from './html.js';
import type { Html } from './html.js';

/** The anti-forgery token every form carries (visitorCookies.ts). */
export const csrfField = (token: string): Html => html`<input type="hidden" name="_csrf" value="${token}">`;

/** A refusal shown on a form: its message, and the hint written for a visitor (errors.ts), never the staff's. */
export type FormProblem = Pick<CatalogError, 'message' | 'visitorHint'>;

/** A problem with a form, said where the form is. */
export function problemNotice(problem: FormProblem | undefined): Html | string {
  if (!problem) return '';
  const hint = problem.visitorHint;
  return html`<div class="notice notice-error" role="alert"><p><strong>${problem.message}</strong></p>${hint ? html`<p>${hint}</p>` : ''}</div>`;
}

/** A plain one-button form (sign out, start an attempt, pay). */
export function buttonForm(
  action: string,
  token: string,
  label: string,
  options: { primary?: boolean; name?: string; value?: string } = {},
): Html {
  return html`<form method="post" action="${action}" class="inline-form">${csrfField(token)}<button type="submit" class="button${options.primary ? ' button-primary' : ''}"${options.name ? html` name="${options.name}" value="${options.value ?? ''}"` : ''}>${label}</button></form>`;
}
