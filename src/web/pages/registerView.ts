import type { CourseDetails } from '../../domain/course.js';
import { calendarDay } from './format.js';
import { csrfField, problemNotice } from './formParts.js';
import type { FormProblem } from './formParts.js';
import { priceFragment, saleFragment } from './courseFragments.js';
import { html } from './html.js';
import type { Html } from './html.js';

export interface RegisterPage {
  course: CourseDetails;
  token: string;
  values: { email?: string; name?: string };
  problem?: FormProblem;
  holdMinutes: number;
  timeZone: string;
  testMode: boolean;
}

/** GET /courses/:id/register: who is registering, before paying. */
export function registerPageBody(page: RegisterPage): Html {
  const { course } = page;
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/">All courses</a> <span aria-hidden="true">/</span> <a href="/courses/${course.id}">${course.title}</a> <span aria-hidden="true">/</span> <span>Register</span></nav>
<section class="panel checkout">
<h1>Register for ${course.title}</h1>
<p class="teacher">with <strong>${course.teacher}</strong> &middot; ${calendarDay(course.startDate)} to ${calendarDay(course.endDate)}</p>
<p class="price price-large">${priceFragment(course)}</p>
<p class="sale">${saleFragment(course.sale, page.timeZone)}</p>
${problemNotice(page.problem)}
<form method="post" action="/courses/${course.id}/register" class="stacked-form">
${csrfField(page.token)}
<div class="field"><label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" required value="${page.values.email ?? ''}"></div>
<div class="field"><label for="name">Your name <span class="optional">(optional)</span></label><input id="name" name="name" type="text" autocomplete="name" maxlength="200" value="${page.values.name ?? ''}"></div>
<p class="form-note">The price above is held for you for ${page.holdMinutes} minutes while you pay. Your access code is shown once after payment: keep it to sign in to your course.</p>
<button type="submit" class="button button-primary">Continue to payment</button>
</form>
${page.testMode ? html`<p class="form-note">This site takes payments in test mode: no money moves.</p>` : ''}
</section>`;
}
