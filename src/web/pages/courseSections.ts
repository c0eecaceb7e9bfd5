import type { CalendarDate } from '../../domain/calendar.js';
import type { CourseModule, Material } from '../../domain/material.js';
import { materialOpensAt } from '../../domain/material.js';
import type { AssessmentView } from '../../services/assessments/listAssessments.js';
import { instantInZone } from './format.js';
import { html } from './html.js';
import type { Html } from './html.js';

const KIND_LABELS: Record<Material['kind'], string> = { file: 'File', link: 'Link', note: 'Reading' };

function opens(material: Material, startDate: CalendarDate, timeZone: string): string {
  const at = materialOpensAt(material.opening, startDate, timeZone);
  return at === 'on-access' ? 'On registration' : `Opens ${instantInZone(at, timeZone)}`;
}

function materialItem(courseId: string, material: Material, startDate: CalendarDate, timeZone: string): Html {
  return html`<li class="material">
  <span class="material-kind">${KIND_LABELS[material.kind]}</span>
  <span class="material-title">${material.preview ? html`<a href="/courses/${courseId}/previews/${material.id}">${material.title}</a> <span class="badge badge-preview">Free preview</span>` : material.title}</span>
  <span class="material-opens">${opens(material, startDate, timeZone)}</span>
</li>`;
}

/** What the course holds, module by module: titles only, except the previews anyone may open. */
export function materialsSection(
  courseId: string,
  startDate: CalendarDate,
  modules: CourseModule[],
  materials: Material[],
  timeZone: string,
): Html | string {
  if (!materials.length && !modules.length) return '';
  const groups = [
    ...modules.map((module) => ({ title: module.title, items: materials.filter((material) => material.moduleId === module.id) })),
    { title: modules.length ? 'More' : '', items: materials.filter((material) => material.moduleId === null) },
  ].filter((group) => group.items.length);
  return html`<section class="outline" aria-labelledby="outline-heading">
<h2 id="outline-heading">What you get</h2>
${groups.map(
  (group) => html`${group.title ? html`<h3>${group.title}</h3>` : ''}
<ul class="materials">${group.items.map((material) => materialItem(courseId, material, startDate, timeZone))}</ul>`,
)}
</section>`;
}

/** When each assessment opens and is due, in the catalogue's zone. */
export function assessmentsSection(assessments: AssessmentView[], timeZone: string): Html | string {
  if (!assessments.length) return '';
  const when = (iso: string) => instantInZone(Date.parse(iso), timeZone);
  return html`<section class="schedule" aria-labelledby="schedule-heading">
<h2 id="schedule-heading">Assessments</h2>
<table class="schedule-table">
<thead><tr><th scope="col">Assessment</th><th scope="col">Opens</th><th scope="col">Due</th><th scope="col">Details</th></tr></thead>
<tbody>${assessments.map(
    (assessment) => html`<tr>
<th scope="row">${assessment.title}${assessment.module ? html`<span class="schedule-module">${assessment.module}</span>` : ''}</th>
<td>${when(assessment.opensAt)}</td>
<td>${when(assessment.dueAt)}${assessment.lateUntil ? html`<span class="schedule-late">late until ${when(assessment.lateUntil)}</span>` : ''}</td>
<td>${assessment.questions} ${assessment.questions === 1 ? 'question' : 'questions'}${assessment.timeLimitMinutes ? `, ${assessment.timeLimitMinutes} min` : ''}, ${assessment.attempts === 0 ? 'unlimited attempts' : `${assessment.attempts} ${assessment.attempts === 1 ? 'attempt' : 'attempts'}`}, pass at ${assessment.passPercent}%</td>
</tr>`,
  )}</tbody>
</table>
</section>`;
}
