import type { Material } from '../../domain/material.js';
import type { StudentAssessmentEntry, StudentCourseView } from '../../services/studentArea/studentCourses.js';
import { formatRupees } from '../../domain/money.js';
import { buttonForm } from './formParts.js';
import { calendarDay, instantInZone } from './format.js';
import { html } from './html.js';
import type { Html } from './html.js';

const KIND_LABELS: Record<Material['kind'], string> = { file: 'File', link: 'Link', note: 'Reading' };

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const at = (instant: number, timeZone: string) =>
  html`<time datetime="${new Date(instant).toISOString()}">${instantInZone(instant, timeZone)}</time>`;

function materialItem(courseId: string, entry: StudentCourseView['materials'][number], timeZone: string, upgradeOpen: boolean): Html {
  const { material, decision } = entry;
  const address = `/me/courses/${courseId}/materials/${material.id}`;
  let body: Html;
  if (!decision.open && decision.reason === 'upgrade-needed')
    // Past a free start's days: only the paid upgrade opens it (which may have closed by now).
    body = upgradeOpen
      ? html`<span class="material-title">${material.title}</span><span class="material-opens">Needs the <a href="#upgrade">upgrade</a>; then opens ${at(decision.opensAt, timeZone)}</span>`
      : html`<span class="material-title">${material.title}</span><span class="material-opens">Past your free start</span>`;
  else if (!decision.open)
    body = html`<span class="material-title">${material.title}</span><span class="material-opens">Opens ${at(decision.opensAt, timeZone)}</span>`;
  else if (material.kind === 'file' && material.file)
    body = html`<span class="material-title"><a href="${address}" download="${material.file.name}">${material.title}</a></span><span class="material-opens">${material.file.name}, ${size(material.file.bytes)}</span>`;
  else
    body = html`<span class="material-title"><a href="${address}"${material.kind === 'link' ? html` rel="noopener noreferrer"` : ''}>${material.title}</a></span><span class="material-opens">Open</span>`;
  const locked = decision.open ? '' : decision.reason === 'upgrade-needed' ? ' material-locked material-upgrade' : ' material-locked';
  return html`<li class="material${locked}" data-material="${material.id}"><span class="material-kind">${KIND_LABELS[material.kind]}</span>${body}</li>`;
}

function materialsSection(view: StudentCourseView, timeZone: string): Html {
  const courseId = view.access.course.id;
  const groups = [
    ...view.modules.map((module) => ({
      title: module.title,
      items: view.materials.filter((entry) => entry.material.moduleId === module.id),
    })),
    { title: view.modules.length ? 'More' : '', items: view.materials.filter((entry) => entry.material.moduleId === null) },
  ].filter((group) => group.items.length);
  return html`<section class="outline" aria-labelledby="materials-heading">
<h2 id="materials-heading">Materials</h2>
${groups.length ? '' : html`<p class="empty">No materials yet.</p>`}
${groups.map(
  (group) =>
    html`${group.title ? html`<h3>${group.title}</h3>` : ''}<ul class="materials">${group.items.map((entry) => materialItem(courseId, entry, timeZone, view.upgrade?.refusal === null))}</ul>`,
)}
</section>`;
}

function gradeText(entry: StudentAssessmentEntry): string {
  const counted = entry.results?.counted;
  if (!counted || counted.score === null) return 'Not handed in';
  return `${counted.score} / ${counted.maxScore} (${counted.percent}%)${counted.passed ? ', passed' : ''}${counted.late ? ', late' : ''}`;
}

function assessmentRow(courseId: string, entry: StudentAssessmentEntry, timeZone: string): Html {
  const { assessment, results } = entry;
  const when = (iso: string) => at(Date.parse(iso), timeZone);
  return html`<tr data-assessment="${assessment.id}">
<th scope="row"><a href="/me/courses/${courseId}/assessments/${assessment.id}">${assessment.title}</a></th>
<td>${results ? when(results.opensAt) : entry.refusal}</td>
<td>${results ? when(results.dueAt) : ''}</td>
<td>${results ? (results.attemptsLeft === null ? 'Unlimited' : String(results.attemptsLeft)) : ''}</td>
<td class="grade">${gradeText(entry)}</td>
</tr>`;
}

function assessmentsSection(view: StudentCourseView, timeZone: string): Html | string {
  if (!view.assessments.length) return '';
  return html`<section class="schedule" aria-labelledby="assessments-heading">
<h2 id="assessments-heading">Assessments and grades</h2>
<table class="schedule-table">
<thead><tr><th scope="col">Assessment</th><th scope="col">Opens</th><th scope="col">Due</th><th scope="col">Attempts left</th><th scope="col">Your grade</th></tr></thead>
<tbody>${view.assessments.map((entry) => assessmentRow(view.access.course.id, entry, timeZone))}</tbody>
</table>
${view.total ? html`<p class="course-grade" id="course-grade">Course grade so far: <strong>${view.total.percent}%</strong> (pass mark ${view.total.passMark}%)${view.total.passed ? ', passing' : ''}</p>` : ''}
</section>`;
}

/** Which days of the course a free start has (always its first ones), until when, and what needs the upgrade after them. */
function freeDaysText(view: StudentCourseView, timeZone: string): Html {
  const days = view.access.course.freeDays;
  const paidFrom = view.access.enrolment.freeStart?.paidFrom;
  if (days === null || paidFrom === undefined) return html``;
  const span = days === 1 ? 'the first day of the course' : `the first ${days} days of the course`;
  const which = days === 1 ? 'day 1' : `days 1 to ${days}`;
  return html`<p id="free-days">Your free start is ${span}, until ${at(paidFrom - 1, timeZone)}: what opens on ${which} is open to you, and so are the previews. What opens from day ${days + 1} on needs the upgrade.</p>`;
}

/**
 * A free start's upgrade: until when, for how much, and the button (or why it is closed). The
 * deadline is shown as its last minute (an upgrade "by 5 Dec" ends at midnight starting 6 Dec).
 */
function upgradeSection(view: StudentCourseView, token: string, timeZone: string): Html | string {
  const { upgrade } = view;
  if (!upgrade) return '';
  const courseId = view.access.course.id;
  return html`<section class="notice upgrade" id="upgrade" aria-labelledby="upgrade-heading">
<h2 id="upgrade-heading">You started free</h2>
${
  upgrade.refusal
    ? html`<p>Your free start keeps what its free days opened. ${upgrade.refusal}.</p>`
    : html`${freeDaysText(view, timeZone)}<p>Upgrade by <strong id="upgrade-deadline">${at(upgrade.by - 1, timeZone)}</strong> for <strong>${formatRupees(upgrade.price)}</strong> to open the whole course; your access code stays the same.</p>
${buttonForm(`/me/courses/${courseId}/upgrade`, token, `Upgrade for ${formatRupees(upgrade.price)}`, { primary: true })}`
}
</section>`;
}

export interface StudentCoursePage {
  view: StudentCourseView;
  timeZone: string;
  /** The form token for the upgrade's button. */
  token: string;
}

/** /me/courses/:id: everything of one course the student can open, and when the rest opens. */
export function studentCourseBody(page: StudentCoursePage): Html {
  const { view, timeZone } = page;
  const { course } = view.access;
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/me">Your courses</a> <span aria-hidden="true">/</span> <span>${course.title}</span></nav>
<article class="panel student-course">
<header class="course-header"><h1>${course.title}</h1>
<p class="teacher">${calendarDay(course.startDate)} to ${calendarDay(course.endDate)} &middot; access until ${instantInZone(view.access.accessUntil - 1, timeZone)}</p></header>
${upgradeSection(view, page.token, timeZone)}
${materialsSection(view, timeZone)}
${assessmentsSection(view, timeZone)}
</article>`;
}
