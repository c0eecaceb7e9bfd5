import type { CalendarDate } from '../../domain/calendar.js';
import type { CourseSummary } from '../../domain/course.js';
import { registrationClosure } from '../../domain/registrationWindow.js';
import type { SearchResult } from '../../search/searchClient.js';
import { rupeesText } from '../../domain/money.js';
import { PRICE_BANDS } from '../../domain/searchFacets.js';
import type { FacetCount, PriceBand } from '../../domain/searchFacets.js';
import { saysYes, searchHref } from '../searchParameters.js';
import type { SearchValues } from '../searchParameters.js';
import { badgeFragment, freeStartFragment, priceFragment, seatsFragment } from './courseFragments.js';
import { calendarDay, calendarMonth, courseDays } from './format.js';
import { html, markedText } from './html.js';
import type { Html } from './html.js';

/** What the search page shows: the request as typed, and its answer or what was wrong with it. */
export interface SearchPage {
  values: SearchValues;
  result?: SearchResult;
  problem?: { message: string; hint?: string | undefined };
  /** Where the live updates of the courses shown start (an event id of /api/events). */
  position: string;
  now: number;
  today: CalendarDate;
  timeZone: string;
}

type Highlighted = CourseSummary & { highlight?: { title?: string; description?: string } };

const SORTS: [string, string][] = [
  ['', 'Best match, or soonest'],
  ['relevance', 'Best match'],
  ['start', 'Start date'],
  ['price', 'Price'],
  ['registrations', 'Popularity'],
];
const ORDERS: [string, string][] = [
  ['', 'Usual order'],
  ['asc', 'Low to high, soonest first'],
  ['desc', 'High to low, latest first'],
];

const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;

/** This month and the next eleven, as YYYY-MM, with counts when the service gives month facets. */
function monthOptions(page: SearchPage, facets: FacetCount[] | undefined): Html[] {
  const counts = new Map(facets?.map((facet) => [facet.value, facet.count]));
  const year = Number(page.today.slice(0, 4));
  const month = Number(page.today.slice(5, 7));
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const m = ((month - 1 + i) % 12) + 1;
    months.push(`${year + Math.floor((month - 1 + i) / 12)}-${String(m).padStart(2, '0')}`);
  }
  const chosen = page.values.month;
  const options = [option('', 'Any month', chosen)];
  // A month typed into the address ("oct", "2028-01") stays chosen even if it is not in the list.
  if (chosen && !months.includes(chosen)) options.push(option(chosen, chosen, chosen));
  for (const value of months) {
    const count = counts.get(value);
    options.push(option(value, count === undefined ? calendarMonth(value) : `${calendarMonth(value)} (${count})`, chosen));
  }
  return options;
}

/** Category: choices with counts when the service gives facets, else a box to type one in. */
function categoryFilter(page: SearchPage): Html {
  const facets = page.result?.facets?.category;
  const chosen = page.values.category ?? '';
  if (!facets)
    return html`<div class="field"><label for="category">Category</label>
<input form="search" id="category" name="category" type="text" value="${chosen}" placeholder="e.g. baking" autocomplete="off" spellcheck="false"></div>`;
  const choices: { value: string; label: string; count?: number }[] = [
    { value: '', label: 'All categories' },
    ...facets.map((facet) => ({ ...facet, label: facet.value })),
  ];
  if (chosen && !facets.some((facet) => facet.value === chosen)) choices.push({ value: chosen, label: chosen, count: 0 });
  return html`<fieldset class="field facet-list"><legend>Category</legend>
${choices.map(
  (
    facet,
    i,
  ) => html`<div class="facet"><input form="search" type="radio" id="category-${i}" name="category" value="${facet.value}"${facet.value === chosen ? html` checked` : ''}>
<label for="category-${i}">${facet.label}${facet.count === undefined ? '' : html` <span class="count">${facet.count}</span>`}</label></div>`,
)}
</fieldset>`;
}

/** A yes/no filter as a checkbox. */
function check(name: 'available' | 'free' | 'freeStart', label: string, value: string | undefined): Html {
  return html`<div class="field check"><input form="search" id="${name}" name="${name}" type="checkbox" value="1"${saysYes(value) ? html` checked` : ''}><label for="${name}">${label}</label></div>`;
}

function filters(page: SearchPage): Html {
  const { values } = page;
  const monthFacets = page.result?.facets?.month;
  return html`<div class="filters" id="filters">
${facetsRegion(page)}
<fieldset class="field price-range"><legend>Price range (&#8377;)</legend>
  <div class="pair">
    <div><label for="minPrice">From</label><input form="search" id="minPrice" name="minPrice" type="text" inputmode="decimal" value="${values.minPrice ?? ''}" placeholder="0" autocomplete="off"></div>
    <div><label for="maxPrice">To</label><input form="search" id="maxPrice" name="maxPrice" type="text" inputmode="decimal" value="${values.maxPrice ?? ''}" placeholder="any" autocomplete="off"></div>
  </div>
</fieldset>
<div class="field"><label for="month">Starts in</label><select form="search" id="month" name="month">${monthOptions(page, monthFacets)}</select></div>
${check('available', 'Only courses with seats left', values.available)}
${check('free', 'Free courses', values.free)}
${check('freeStart', 'Try free first (a free start)', values.freeStart)}
<div class="field"><label for="sort">Sort by</label><select form="search" id="sort" name="sort">${SORTS.map(([value, label]) => option(value, label, values.sort))}</select></div>
<div class="field"><label for="order">Order</label><select form="search" id="order" name="order">${ORDERS.map(([value, label]) => option(value, label, values.order))}</select></div>
${values.limit ? html`<input form="search" type="hidden" name="limit" value="${values.limit}">` : ''}
${values.teacher ? html`<div class="field"><label for="teacher">Teacher</label><input form="search" id="teacher" name="teacher" type="text" value="${values.teacher}"></div>` : ''}
<button form="search" class="button apply" type="submit">Apply filters</button>
<a class="reset" href="/">Clear all</a>
</div>`;
}

function courseCard(course: Highlighted, page: SearchPage): Html {
  const closure = registrationClosure(course, page.now, page.timeZone);
  const days = courseDays(course.startDate, course.endDate);
  return html`<li class="course-card">
<article aria-labelledby="title-${course.id}">
  <div class="card-main">
    <h3 id="title-${course.id}"><a href="/courses/${course.id}">${markedText(course.highlight?.title, course.title)}</a></h3>
    <p class="meta">${course.teacher} <span aria-hidden="true">&middot;</span> <span class="category">${course.category}</span></p>
    ${course.highlight?.description ? html`<p class="excerpt">${markedText(course.highlight.description, '')}</p>` : ''}
    <p class="when"><time datetime="${course.startDate}">${calendarDay(course.startDate)}</time> &middot; ${days} ${days === 1 ? 'day' : 'days'}</p>
    ${course.freeDays === null ? '' : html`<p class="when">${freeStartFragment(course)}</p>`}
  </div>
  <div class="card-side">
    <p class="price" data-live="price" data-course="${course.id}">${priceFragment(course)}</p>
    <p data-live="seats" data-course="${course.id}">${seatsFragment(course)}</p>
    <p data-live="badge" data-course="${course.id}">${badgeFragment(closure)}</p>
  </div>
</article>
</li>`;
}

function pagination(page: SearchPage, result: SearchResult): Html | string {
  const pages = Math.max(1, Math.ceil(result.total / result.limit));
  if (pages <= 1) return '';
  const current = result.page;
  const link = (n: number, label: string | Html, rel?: string) =>
    html`<a href="${searchHref(page.values, { page: String(n) })}"${rel ? html` rel="${rel}"` : ''} data-nav>${label}</a>`;
  const numbers: (number | 'gap')[] = [];
  for (const n of [1, current - 2, current - 1, current, current + 1, current + 2, pages]) {
    if (n < 1 || n > pages || numbers.includes(n)) continue;
    const last = numbers.at(-1);
    if (typeof last === 'number' && n > last + 1) numbers.push('gap');
    numbers.push(n);
  }
  return html`<nav class="pagination" aria-label="Pages of results">
${current > 1 ? link(current - 1, html`<span aria-hidden="true">&larr;</span> Previous`, 'prev') : html`<span class="disabled">Previous</span>`}
<ul>${numbers.map((n) =>
    n === 'gap'
      ? html`<li><span class="gap">&hellip;</span></li>`
      : n === current
        ? html`<li><a href="${searchHref(page.values, { page: String(n) })}" aria-current="page" data-nav>${n}</a></li>`
        : html`<li>${link(n, String(n))}</li>`,
  )}</ul>
${current < pages ? link(current + 1, html`Next <span aria-hidden="true">&rarr;</span>`, 'next') : html`<span class="disabled">Next</span>`}
</nav>`;
}

/** The part of the page a search changes: what was found (or why nothing could be), and pages. */
export function resultsRegion(page: SearchPage): Html {
  const { result, problem } = page;
  const ids = result?.results.map((course) => course.id).join(' ') ?? '';
  let content: Html;
  if (problem || !result) {
    content = html`<div class="notice notice-error" role="alert"><p><strong>${problem?.message ?? 'Nothing to show'}</strong></p>${problem?.hint ? html`<p>${problem.hint}</p>` : ''}</div>`;
  } else {
    const suggestion = result.suggestion;
    const first = (result.page - 1) * result.limit + 1;
    const last = first + result.results.length - 1;
    const summary =
      result.total === 0
        ? 'No courses found'
        : result.results.length === 0
          ? `No courses on page ${result.page} of ${result.total} found`
          : `Showing ${first}\u2013${last} of ${result.total} ${result.total === 1 ? 'course' : 'courses'}`;
    content = html`<p class="summary" id="summary">${summary}</p>
${suggestion ? html`<p class="suggestion">Did you mean <a href="${searchHref(page.values, { q: suggestion, page: undefined })}" data-nav>${suggestion}</a>?</p>` : ''}
${result.results.length ? html`<ol class="course-list">${result.results.map((course) => courseCard(course, page))}</ol>` : html`<div class="empty"><p>Try fewer words, another month or a higher price. <a href="/" data-nav>See every course</a></p></div>`}
${pagination(page, result)}`;
  }
  return html`<section id="results" class="results" aria-labelledby="results-heading" data-live-courses="${ids}" data-live-after="${page.position}" data-title="${searchTitle(page.values)}">
<h2 id="results-heading" class="visually-hidden">Results</h2>
${content}
</section>`;
}

export function searchPageBody(page: SearchPage): Html {
  return html`<h1 class="visually-hidden">Find a course</h1>
<form class="search" id="search" method="get" action="/" role="search" data-search>
  <label for="q" class="visually-hidden">Search courses</label>
  <input id="q" name="q" type="search" value="${page.values.q ?? ''}" placeholder="Search courses: python, baking, yoga&hellip;" autocomplete="off" spellcheck="false" enterkeyhint="search">
  <button class="button button-primary" type="submit">Search</button>
</form>
<div class="layout">
  <details class="filter-panel" open>
    <summary>Filters</summary>
    ${filters(page)}
  </details>
  <div class="results-column">${resultsRegion(page)}</div>
</div>
<p id="search-status" class="visually-hidden" aria-live="polite"></p>`;
}

/** The price band a band link sets, as the page's own minPrice/maxPrice/free parameters. */
function bandValues(band: PriceBand): SearchValues {
  if (band.fromPaise === 0 && band.belowPaise === 1) return { free: '1', minPrice: undefined, maxPrice: undefined };
  return {
    free: undefined,
    minPrice: band.fromPaise > 0 ? rupeesText(band.fromPaise) : undefined,
    maxPrice: band.belowPaise === undefined ? undefined : rupeesText(band.belowPaise - 1),
  };
}

/** Price bands with counts (each counted without the page's own price filter), as links that set it. */
function priceBandFilter(page: SearchPage): Html | string {
  const counts = page.result?.facets?.price;
  if (!counts) return '';
  const bands = new Map(PRICE_BANDS.map((band) => [band.id, band]));
  const items = counts.flatMap((facet) => {
    const band = bands.get(facet.value);
    if (!band) return [];
    const values = bandValues(band);
    const current = (['free', 'minPrice', 'maxPrice'] as const).every((name) => (page.values[name] ?? undefined) === values[name]);
    const name = facet.label ?? band.label;
    const label = html`${name.charAt(0).toUpperCase()}${name.slice(1)} <span class="count">${String(facet.count)}</span>`;
    return [
      html`<li>${
        current
          ? html`<a href="${searchHref(page.values, { free: undefined, minPrice: undefined, maxPrice: undefined, page: undefined })}" aria-current="true" data-nav>${label}</a>`
          : facet.count === 0
            ? html`<span class="empty-band">${label}</span>`
            : html`<a href="${searchHref(page.values, { ...values, page: undefined })}" data-nav>${label}</a>`
      }</li>`,
    ];
  });
  return html`<nav class="field price-bands" aria-labelledby="price-bands-label"><span class="legend" id="price-bands-label">Price</span><ul>${items}</ul></nav>`;
}

function facetsRegion(page: SearchPage): Html {
  return html`<div id="facets">${categoryFilter(page)}${priceBandFilter(page)}</div>`;
}

/**
 * Sent to the page's script for a search it runs itself: the parts that change, each in a
 * template named for the id of the element it replaces.
 */
export function searchFragments(page: SearchPage): string {
  return html`<template data-slot="results">${resultsRegion(page)}</template><template data-slot="facets">${facetsRegion(page)}</template>`
    .text;
}

export function searchTitle(values: SearchValues): string {
  return values.q ? `${values.q} \u2013 Catalog courses` : 'Find a course \u2013 Catalog';
}
