import chalk from '../style.js';
import Table from 'cli-table3';
import type { CourseDetails } from '../../domain/course.js';
import { formatRupees, rupeesToPaise } from '../../domain/money.js';
import { priceCell, seatsCell, statusCell } from './courseTable.js';
import { conversionLine } from './conversion.js';
import { renderTsv, visibleWidth } from './table.js';
import { instantForPeople } from './instant.js';

const rupees = (value: number) => formatRupees(rupeesToPaise(value));

/** The longest value line a details table shows; longer text (a description) wraps. */
const MAX_VALUE_WIDTH = 72;

/** "2 days free, upgrade until the end of 2027-10-06 (day 3)", or none. */
export function freeStartText(course: Pick<CourseDetails, 'freeDays' | 'upgradeUntil' | 'upgradeUntilDay'>): string {
  if (course.freeDays === null) return chalk.dim('none');
  const days = `${course.freeDays} day${course.freeDays === 1 ? '' : 's'} free`;
  return `${days}, upgrade until the end of ${course.upgradeUntil} (day ${course.upgradeUntilDay ?? course.freeDays + 1})`;
}

/** One course, every field an editor needs, as a two-column table no wider than `width`. */
export function courseDetailsTable(course: CourseDetails, width?: number): string {
  const sale = course.sale
    ? `${rupees(course.sale.price)} ${course.sale.from ? `from ${instantForPeople(course.sale.from)} ` : ''}until ${instantForPeople(course.sale.until)}${course.sale.running ? chalk.green(' (running)') : chalk.dim(' (not running)')}`
    : chalk.dim('none');
  const rows: [string, string][] = [
    ['ID', chalk.cyan(course.id)],
    ['Title', chalk.bold(course.title)],
    ['Teacher', course.teacher],
    ['Category', course.category],
    ['Price now', priceCell(course)],
    ['List price', rupees(course.listPrice)],
    ['Sale', sale],
    ['Dates', `${course.startDate} → ${course.endDate}`],
    [
      'Seats',
      course.seats === null
        ? `unlimited, ${course.registrations} registered`
        : `${course.seats}: ${course.seatsLeft === 0 ? seatsCell(course) : `${seatsCell(course)} left`}, ${course.registrations} registered`,
    ],
    ['Free start', freeStartText(course)],
    ['Enrolments', conversionLine(course)],
    ['Status', `${statusCell(course.status)}${course.stopReason ? ` — ${course.stopReason}` : ''}`],
    ['Description', course.description],
    ['External id', course.externalId ?? chalk.dim('none')],
    [
      'Material',
      `${course.modules} module${course.modules === 1 ? '' : 's'} · ${course.materials} material${course.materials === 1 ? '' : 's'} · ${course.previews} preview${course.previews === 1 ? '' : 's'}`,
    ],
    ['Version', String(course.version)],
    ['Updated', instantForPeople(course.updatedAt)],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length)) + 2;
  const natural = Math.min(MAX_VALUE_WIDTH, Math.max(...rows.map(([, value]) => visibleWidth(value)))) + 2;
  // Three borders; the value column takes what the terminal has left, never less than 20.
  const valueWidth = width === undefined ? natural : Math.max(20, Math.min(natural, width - labelWidth - 3));
  const table = new Table({
    style: { head: [], border: chalk.level ? ['grey'] : [] },
    wordWrap: true,
    colWidths: [labelWidth, valueWidth],
  });
  for (const [label, value] of rows) table.push([chalk.dim(label), value]);
  return table.toString();
}

/** The same fields for another program: `field<TAB>value` lines, named as in `--json`. */
export function courseDetailsTsv(course: CourseDetails): string {
  const fields: [string, unknown][] = [
    ['id', course.id],
    ['title', course.title],
    ['teacher', course.teacher],
    ['category', course.category],
    ['price', course.price],
    ['listPrice', course.listPrice],
    ['salePrice', course.sale?.price],
    ['saleFrom', course.sale?.from],
    ['saleUntil', course.sale?.until],
    ['startDate', course.startDate],
    ['endDate', course.endDate],
    ['seats', course.seats],
    ['seatsLeft', course.seatsLeft],
    ['registrations', course.registrations],
    ['freeDays', course.freeDays],
    ['upgradeUntil', course.upgradeUntil],
    ['upgradeUntilDay', course.upgradeUntilDay],
    ['enrolmentsFree', course.enrolments.free],
    ['enrolmentsPaid', course.enrolments.paid],
    ['freeStarts', course.conversion.freeStarts],
    ['upgraded', course.conversion.upgraded],
    ['upgradeRate', course.conversion.upgradeRate],
    ['status', course.status],
    ['stopReason', course.stopReason],
    ['description', course.description],
    ['externalId', course.externalId],
    ['version', course.version],
    ['updatedAt', course.updatedAt],
  ];
  return renderTsv(
    ['field', 'value'],
    fields.map(([field, value]) => [field, value as string | number | null | undefined]),
  );
}
