import chalk from '../style.js';
import Table from 'cli-table3';
import { daysBetween } from '../../domain/calendar.js';
import type { CourseSummary } from '../../domain/course.js';
import { formatRupees, rupeesToPaise } from '../../domain/money.js';
import type { SearchHit, SearchResult } from '../../search/searchClient.js';
import { markedPieces } from './searchExtras.js';

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export function priceCell(course: Pick<CourseSummary, 'price' | 'listPrice'>): string {
  const price = formatRupees(rupeesToPaise(course.price));
  if (course.price === course.listPrice) return price;
  return `${chalk.green(price)} ${chalk.dim.strikethrough(formatRupees(rupeesToPaise(course.listPrice)))}`;
}

export function seatsCell(course: Pick<CourseSummary, 'seatsLeft'>): string {
  if (course.seatsLeft === 0) return chalk.red('sold out');
  return course.seatsLeft <= 3 ? chalk.yellow(String(course.seatsLeft)) : String(course.seatsLeft);
}

export function statusCell(status: CourseSummary['status']): string {
  return status === 'published' ? status : status === 'stopped' ? chalk.yellow(status) : chalk.dim(status);
}

/** The title cut to the column, with the words a search matched in bold. */
function titleCell(course: SearchHit, width: number): string {
  if (!course.highlight?.title) return truncate(course.title, width);
  let left = course.title.length <= width ? width : width - 1;
  let out = '';
  for (const piece of markedPieces(course.highlight.title)) {
    if (left <= 0) break;
    const text = piece.text.slice(0, left);
    left -= text.length;
    out += piece.marked ? chalk.bold(text) : text;
  }
  return course.title.length <= width ? out : `${out}…`;
}

/** Courses as a table, one row each: what a student compares at a glance. */
export function courseTable(courses: SearchHit[], options: { showStatus?: boolean } = {}): string {
  const head = ['ID', 'Title', 'Teacher', 'Category', 'Price', 'Starts', 'Days', 'Seats left', 'Registered'];
  if (options.showStatus) head.push('Status');
  const table = new Table({
    head: head.map((h) => chalk.bold(h)),
    style: { head: [], border: chalk.level ? ['grey'] : [] },
    colAligns: ['left', 'left', 'left', 'left', 'right', 'left', 'right', 'right', 'right', 'left'],
  });
  for (const course of courses) {
    const row = [
      chalk.cyan(course.id),
      titleCell(course, 42),
      truncate(course.teacher, 22),
      course.category,
      priceCell(course),
      course.startDate,
      String(daysBetween(course.startDate, course.endDate) + 1),
      seatsCell(course),
      String(course.registrations),
    ];
    if (options.showStatus) row.push(statusCell(course.status));
    table.push(row);
  }
  return table.toString();
}

export function searchSummaryLine(result: SearchResult): string {
  if (result.total === 0) return 'No courses match.';
  const first = (result.page - 1) * result.limit + 1;
  const last = Math.min(result.total, first + result.results.length - 1);
  const pages = Math.ceil(result.total / result.limit);
  if (result.results.length === 0) return `Page ${result.page} is past the end: ${result.total} courses match (${pages} pages).`;
  return `Showing ${first}–${last} of ${result.total} · page ${result.page} of ${pages}`;
}
