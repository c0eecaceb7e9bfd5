import type { RefundDueView } from '../../services/checkout/refundsDue.js';
import type { StudentCourseEntry } from '../../services/studentArea/studentCourses.js';
import type { StudentSession } from '../../services/studentArea/studentSession.js';
import { calendarDay, instantInZone, rupees } from './format.js';
import { buttonForm, csrfField, problemNotice } from './formParts.js';
import type { FormProblem } from './formParts.js';
import { html } from './html.js';
import type { Html } from './html.js';

export interface MyCoursesPage {
  session: StudentSession;
  courses: StudentCourseEntry[];
  refundsDue: RefundDueView[];
  token: string;
  timeZone: string;
  problem?: FormProblem | undefined;
}

function courseItem(entry: StudentCourseEntry, timeZone: string): Html {
  const { course } = entry;
  const when = html`${calendarDay(course.startDate)} to ${calendarDay(course.endDate)}`;
  if (entry.state === 'ended')
    return html`<li class="my-course my-course-ended"><h2>${course.title}</h2><p>${when}</p><p class="action-note">${entry.why}</p></li>`;
  return html`<li class="my-course"><h2><a href="/me/courses/${course.id}">${course.title}</a></h2><p>${when}</p><p class="action-note">Access until ${instantInZone(entry.access.accessUntil - 1, timeZone)}</p></li>`;
}

/** /me, signed in: the courses this browser has opened, refunds owed, and a way to add a course. */
export function myCoursesBody(page: MyCoursesPage): Html {
  return html`<section class="panel my-courses-page">
<div class="panel-header"><h1>Your courses</h1>${buttonForm('/me/sign-out', page.token, 'Sign out')}</div>
<p>Signed in as <strong>${page.session.email}</strong>.</p>
${
  page.refundsDue.length
    ? html`<div class="notice notice-error" role="alert"><p><strong>Refunds due to you</strong></p><ul>${page.refundsDue.map(
        (due) => html`<li>${rupees(due.amount)} for ${due.courseTitle} (payment ${due.paymentRef}): ${due.reason}</li>`,
      )}</ul></div>`
    : ''
}
${page.courses.length ? html`<ul class="my-course-list">${page.courses.map((entry) => courseItem(entry, page.timeZone))}</ul>` : html`<p class="empty">No courses open here.</p>`}
</section>
<section class="panel">
<h2>Add another course</h2>
<p>Each course has its own access code. Add it here to open that course too.</p>
${problemNotice(page.problem)}
<form method="post" action="/me/sign-in" class="stacked-form">
${csrfField(page.token)}
<input type="hidden" name="email" value="${page.session.email}">
<div class="field"><label for="code">Access code</label><input id="code" name="code" type="text" autocomplete="off" spellcheck="false" required placeholder="acc_..."></div>
<button type="submit" class="button">Add course</button>
</form>
</section>`;
}
