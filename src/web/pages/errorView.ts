import { html } from './html.js';
import type { Html } from './html.js';

/** A page for a request that went wrong: what happened in words, and a way on. Never internals. */
export function errorPageBody(heading: string, message: string, hint?: string): Html {
  return html`<section class="error-page">
<h1>${heading}</h1>
<p>${message}</p>
${hint ? html`<p>${hint}</p>` : ''}
<p><a class="button" href="/">Browse all courses</a></p>
</section>`;
}
