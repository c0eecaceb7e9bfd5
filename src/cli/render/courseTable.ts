import chalk from '../style.js';
import { daysBetween } from '../../domain/calendar.js';
import type { CourseSummary } from '../../domain/course.js';
import { formatRupees, rupeesToPaise } from '../../domain/money.js';
import type { SearchHit, SearchResult } from '../../search/searchClient.js';
import { markedPieces } from './searchExtras.js';
import { renderTable, renderTsv } from './table.js';
import type { Column } from './table.js';

/** A price as people read it: ₹0 is "free". */
export function priceText(rupees: number): string {
  return rupees === 0 ? 'free' : formatRupees(rupeesToPaise(rupees));
}

export function priceCell(course: Pick<CourseSummary, 'price' | 'listPrice'>): string {
  const price = priceText(course.price);
  if (course.price === course.listPrice) return course.price === 0 ? chalk.green(price) : price;
  return `${chalk.green(price)} ${chalk.dim.strikethrough(formatRupees(rupeesToPaise(course.listPrice)))}`;
}

export function seatsCell(course: Pick<CourseSummary, 'seatsLeft'>): string {
  if (course.seatsLeft === null) return 'unlimited';
  if (course.seatsLeft === 0) return chalk.red('sold out');
  return course.seatsLeft <= 3 ? chalk.yellow(String(course.seatsLeft)) : String(course.seatsLeft);
}

export function statusCell(status: CourseSummary['status']): string {
  return status === 'published' ? status : status === 'stopped' ? chalk.yellow(status) : chalk.dim(status);
}

/** The title with the words a search matched in bold; the table cuts it to its column. */
function titleCell(course: SearchHit): string {
  if (!course.highlight?.title) return course.title;
  return markedPieces(course.highlight.title)
    .map((piece) => (piece.marked ? chalk.bold(piece.text) : piece.text))
    .join('');
}

/**
 * The columns of a course listing. On a narrow terminal the low-value ones go first (days,
 * registrations, category, teacher, seats), then titles are cut short; id, title, price and start
 * date always stay, and status when the listing mixes statuses.
 */
function courseColumns(showStatus: boolean): Column<SearchHit>[] {
  const columns: Column<SearchHit>[] = [
    { header: 'ID', cell: (c) => chalk.cyan(c.id) },
    { header: 'Title', cell: titleCell, shrinkTo: 20 },
    { header: 'Teacher', cell: (c) => c.teacher, dropOrder: 4, shrinkTo: 14 },
    { header: 'Category', cell: (c) => c.category, dropOrder: 3 },
    { header: 'Price', cell: priceCell, align: 'right' },
    { header: 'Starts', cell: (c) => c.startDate },
    { header: 'Days', cell: (c) => String(daysBetween(c.startDate, c.endDate) + 1), align: 'right', dropOrder: 1 },
    { header: 'Seats left', cell: seatsCell, align: 'right', dropOrder: 5 },
    { header: 'Registered', cell: (c) => String(c.registrations), align: 'right', dropOrder: 2 },
  ];
  if (showStatus) columns.push({ header: 'Status', cell: (c) => statusCell(c.status) });
  return columns;
}

/** Courses as a table, one line each, fitted to a terminal `width` characters wide. */
export function courseTable(courses: SearchHit[], options: { showStatus?: boolean; width?: number | undefined } = {}): string {
  return renderTable(courseColumns(options.showStatus ?? false), courses, options.width);
}

/** The fields of `--json`, in its names and order, one course a line: for `cut`, `awk` and spreadsheets. */
export const COURSE_TSV_FIELDS = [
  'id',
  'title',
  'teacher',
  'category',
  'price',
  'listPrice',
  'startDate',
  'endDate',
  'seatsLeft',
  'registrations',
  'freeDays',
  'upgradeUntil',
  'status',
] as const satisfies readonly (keyof CourseSummary)[];

/** A field `--json` gains fails the build here, by name, until the tab-separated lines carry it too (freeDays and upgradeUntil once did not). */
type MissingFromTsv = Exclude<keyof CourseSummary, (typeof COURSE_TSV_FIELDS)[number]>;
const tsvCarriesEveryField: [MissingFromTsv] extends [never] ? true : MissingFromTsv = true;
void tsvCarriesEveryField;

export function courseTsv(courses: CourseSummary[]): string {
  return renderTsv(
    [...COURSE_TSV_FIELDS],
    courses.map((course) => COURSE_TSV_FIELDS.map((field) => course[field])),
  );
}

export function searchSummaryLine(result: SearchResult): string {
  if (result.total === 0) return 'No courses match.';
  const first = (result.page - 1) * result.limit + 1;
  const last = Math.min(result.total, first + result.results.length - 1);
  const pages = Math.ceil(result.total / result.limit);
  if (result.results.length === 0) return `Page ${result.page} is past the end: ${result.total} courses match (${pages} pages).`;
  return `Showing ${first}–${last} of ${result.total} · page ${result.page} of ${pages}${result.page < pages ? ` (--page ${result.page + 1} for more)` : ''}`;
}
