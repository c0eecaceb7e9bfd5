import type { CourseDetails } from '../../domain/course.js';
import type { JoinOptions } from '../../domain/enrolmentRules.js';
import { actionFragment, freeStartFragment, priceFragment, saleFragment, seatsFragment } from './courseFragments.js';
import { calendarDay, courseDays } from './format.js';
import { html } from './html.js';
import type { Html } from './html.js';

export interface CoursePage {
  course: CourseDetails;
  /** Register, Start free, or why neither (enrolmentRules.joinOptions). */
  join: JoinOptions;
  /** Where the live updates of this course start (an event id of /api/events). */
  position: string;
  timeZone: string;
  /**
   * More sections below the description, in order. The extension point for what the student
   * side adds to a course page: modules with material titles (previews openable), the
   * assessments' schedule. Each renders itself from its own service's answer.
   */
  sections?: (Html | string)[];
}

function paragraphs(text: string): Html[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => html`<p>${paragraph}</p>`);
}

export function coursePageBody(page: CoursePage): Html {
  const { course } = page;
  const days = courseDays(course.startDate, course.endDate);
  const live = (part: string) => html`data-live="${part}" data-course="${course.id}"`;
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/">All courses</a> <span aria-hidden="true">/</span> <a href="/?category=${encodeURIComponent(course.category)}">${course.category}</a></nav>
<article class="course" data-live-courses="${course.id}" data-live-after="${page.position}">
  <div class="course-main">
    <header class="course-header">
      <p class="eyebrow">${course.category}</p>
      <h1>${course.title}</h1>
      <p class="teacher">with <strong>${course.teacher}</strong></p>
    </header>
    <dl class="facts">
      <div><dt>Starts</dt><dd><time datetime="${course.startDate}">${calendarDay(course.startDate)}</time></dd></div>
      <div><dt>Ends</dt><dd><time datetime="${course.endDate}">${calendarDay(course.endDate)}</time></dd></div>
      <div><dt>Length</dt><dd>${days} ${days === 1 ? 'day' : 'days'}</dd></div>
      <div><dt>Class size</dt><dd>${course.seats === null ? 'No seat limit' : `${course.seats} seats`}</dd></div>
      ${course.freeDays === null ? '' : html`<div><dt>Free start</dt><dd>${freeStartFragment(course)}</dd></div>`}
    </dl>
    <section class="description" aria-labelledby="about-heading">
      <h2 id="about-heading">About this course</h2>
      ${paragraphs(course.description)}
    </section>
    ${page.sections ?? []}
  </div>
  <aside class="purchase" aria-label="Price and registration" aria-live="polite">
    <p class="price price-large" ${live('price')}>${priceFragment(course)}</p>
    <p class="sale" ${live('sale')}>${saleFragment(course.sale, page.timeZone)}</p>
    <p ${live('seats')}>${seatsFragment(course)}</p>
    <div class="action" ${live('action')}>${actionFragment(course.id, page.join)}</div>
  </aside>
</article>`;
}
