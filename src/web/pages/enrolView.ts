import type { CourseDetails } from '../../domain/course.js';
import type { FreeEnrolmentOutcome } from '../../services/enrolFree.js';
import { priceFragment } from './courseFragments.js';
import { calendarDay } from './format.js';
import { csrfField, problemNotice } from './formParts.js';
import type { FormProblem } from './formParts.js';
import { html } from './html.js';
import type { Html } from './html.js';

export interface EnrolPage {
  course: CourseDetails;
  token: string;
  values: { email?: string; name?: string };
  problem?: FormProblem;
}

const breadcrumbs = (course: Pick<CourseDetails, 'id' | 'title'>) =>
  html`<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/">All courses</a> <span aria-hidden="true">/</span> <a href="/courses/${course.id}">${course.title}</a> <span aria-hidden="true">/</span> <span>Start free</span></nav>`;

/** What starting free opens: the whole course when it is free, the free days of a free start otherwise. */
function whatItOpens(course: CourseDetails): Html {
  if (course.price === 0) return html`<p>This course is free: enrolling opens all of it, as it is released.</p>`;
  const days = `${course.freeDays} ${course.freeDays === 1 ? 'day' : 'days'}`;
  return html`<p>Starting free opens the first ${days} of the course. To continue, upgrade by ${calendarDay(course.upgradeUntil!)} for ${priceFragment(course)}; your access code stays the same.</p>`;
}

/** GET /courses/:id/enrol: who is starting, before the access code is made. */
export function enrolPageBody(page: EnrolPage): Html {
  const { course } = page;
  return html`${breadcrumbs(course)}
<section class="panel checkout">
<h1>Start ${course.title} free</h1>
<p class="teacher">with <strong>${course.teacher}</strong> &middot; ${calendarDay(course.startDate)} to ${calendarDay(course.endDate)}</p>
${whatItOpens(course)}
${problemNotice(page.problem)}
<form method="post" action="/courses/${course.id}/enrol" class="stacked-form">
${csrfField(page.token)}
<div class="field"><label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" required value="${page.values.email ?? ''}"></div>
<div class="field"><label for="name">Your name <span class="optional">(optional)</span></label><input id="name" name="name" type="text" autocomplete="name" maxlength="200" value="${page.values.name ?? ''}"></div>
<p class="form-note">Your access code is shown once, on the next page: keep it to sign in to your course.</p>
<button type="submit" class="button button-primary">Start free</button>
</form>
</section>`;
}

/** POST /courses/:id/enrol answered: the access code, this once, or that the student was enrolled already. */
export function enrolledPageBody(
  course: Pick<CourseDetails, 'id' | 'title' | 'startDate'>,
  outcome: FreeEnrolmentOutcome,
  email: string,
): Html {
  const signIn = html`<p><a class="button button-primary" href="/me?email=${encodeURIComponent(email)}">Sign in to your course</a></p>`;
  if (outcome.status === 'already-enrolled')
    return html`${breadcrumbs(course)}<section class="panel order">
<h1>You are enrolled already</h1>
<p>${email} is enrolled on ${course.title}. Sign in with the access code you were given; if you lost it, ask the course team for a new one.</p>
${signIn}
</section>`;
  return html`${breadcrumbs(course)}<section class="panel order">
<h1>You are enrolled</h1>
<p class="teacher">${course.title} &middot; starts ${calendarDay(course.startDate)}</p>
<div class="access-code-box">
<p><strong>Your access code</strong> (shown only this once: copy it now)</p>
<p class="access-code" id="access-code">${outcome.accessCode}</p>
<p>Sign in with <strong>${email}</strong> and this code to open your course's materials as they are released.</p>
</div>
${signIn}
</section>`;
}
