import { closedCourseNotice } from '../../domain/closedCourseNotice.js';
import type { CourseDetails, CourseSummary } from '../../domain/course.js';
import type { JoinOptions } from '../../domain/enrolmentRules.js';
import type { RegistrationClosure } from '../../domain/registrationWindow.js';
import { calendarDay, instantInZone, rupees } from './format.js';
import { html } from './html.js';
import type { Html } from './html.js';

/*
 * The parts of a course that change while a page is open (price, sale, seats, whether it can be
 * bought). Pages render them inside elements marked data-live="<part>"; a live update carries the
 * same parts rendered again, and the page swaps them in. One renderer, so a change looks exactly
 * like a reload would.
 */

export type LivePart = 'price' | 'sale' | 'seats' | 'badge' | 'action';

export function priceFragment(course: Pick<CourseSummary, 'price' | 'listPrice'>): Html {
  const now = course.price === 0 ? 'Free' : rupees(course.price);
  if (course.price < course.listPrice)
    return html`<span class="price-now">${now}</span> <s class="price-list"><span class="visually-hidden">list price </span>${rupees(course.listPrice)}</s>`;
  return html`<span class="price-now">${now}</span>`;
}

/** A free start, told where a student decides: how many days are free, and the day to pay by. */
export function freeStartFragment(course: Pick<CourseSummary, 'freeDays' | 'upgradeUntil'>): Html | string {
  if (course.freeDays === null || course.upgradeUntil === null) return '';
  const days = `${course.freeDays} ${course.freeDays === 1 ? 'day' : 'days'}`;
  return html`<span class="free-start">First ${days} free; pay by ${calendarDay(course.upgradeUntil)} to continue</span>`;
}

export function saleFragment(sale: CourseDetails['sale'], timeZone: string): Html | string {
  if (!sale?.running) return '';
  // A sale "until 5 Dec" ends at midnight starting 6 Dec: people read its last minute, 11:59 pm on the 5th.
  return html`<span class="sale-ends">Sale price until ${instantInZone(Date.parse(sale.until) - 1, timeZone)}</span>`;
}

export function seatsFragment(course: Pick<CourseSummary, 'seatsLeft'>): Html {
  if (course.seatsLeft === null) return html`<span class="seats">No seat limit</span>`;
  if (course.seatsLeft === 0) return html`<span class="seats seats-none">No seats left</span>`;
  if (course.seatsLeft <= 5)
    return html`<span class="seats seats-few">Only ${course.seatsLeft} ${course.seatsLeft === 1 ? 'seat' : 'seats'} left</span>`;
  return html`<span class="seats">${course.seatsLeft} seats left</span>`;
}

/** A small label on a search result when the course cannot be bought. */
export function badgeFragment(closure: RegistrationClosure | null): Html | string {
  if (closure === null) return '';
  if (closure === 'sold-out') return html`<span class="badge badge-sold-out">Sold out</span>`;
  return html`<span class="badge badge-closed">Registration closed</span>`;
}

/**
 * The course page's call to action: "Register" leads to checkout, "Start free" to enrolling
 * without payment (a free course, or a free start); otherwise why there is nothing to join.
 */
export function actionFragment(courseId: string, join: JoinOptions): Html {
  const startFree = (primary: boolean) =>
    html`<a class="button${primary ? ' button-primary' : ''}" href="/courses/${courseId}/enrol">Start free</a>`;
  const register = html`<a class="button button-primary" href="/courses/${courseId}/register">Register</a>`;
  if (join.startFree && join.free) return startFree(true);
  if (join.startFree && join.closure === null)
    return html`${register} ${startFree(false)}<p class="action-note">Start free, then pay to continue.</p>`;
  if (join.startFree)
    return html`${startFree(true)}<p class="action-note">Every seat is taken: continuing after the free days needs a seat to come free.</p>`;
  if (join.closure === null) return register;
  if (join.closure === 'sold-out')
    return html`<span class="button button-disabled" aria-disabled="true">Sold out</span><p class="action-note">Every seat is taken.</p>`;
  return html`<span class="button button-disabled" aria-disabled="true">Registration closed</span><p class="action-note">${closedCourseNotice(join.closure)}</p>`;
}
