import { csrfField, problemNotice } from './formParts.js';
import type { FormProblem } from './formParts.js';
import { html } from './html.js';
import type { Html } from './html.js';

export interface SignInPage {
  token: string;
  email: string;
  problem?: FormProblem | undefined;
}

/** /me for a browser that is not signed in: email and access code. */
export function signInPageBody(page: SignInPage): Html {
  return html`<section class="panel sign-in">
<h1>Your courses</h1>
<p>Sign in with the email you registered with and the access code you were given after paying (or enrolling).</p>
${problemNotice(page.problem)}
<form method="post" action="/me/sign-in" class="stacked-form">
${csrfField(page.token)}
<div class="field"><label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" required value="${page.email}"></div>
<div class="field"><label for="code">Access code</label><input id="code" name="code" type="text" autocomplete="off" spellcheck="false" required placeholder="acc_..."></div>
<button type="submit" class="button button-primary">Sign in</button>
</form>
</section>`;
}
