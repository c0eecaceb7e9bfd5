import chalk from '../style.js';
import Table from 'cli-table3';
import type { CourseDetails } from '../../domain/course.js';
import { formatRupees, rupeesToPaise } from '../../domain/money.js';
import { priceCell, seatsCell, statusCell } from './courseTable.js';

const rupees = (value: number) => formatRupees(rupeesToPaise(value));

/** One course, every field an editor needs, as a two-column table. */
export function courseDetailsTable(course: CourseDetails): string {
  const table = new Table({ style: { head: [], border: chalk.level ? ['grey'] : [] }, wordWrap: true, colWidths: [16, 64] });
  const sale = course.sale
    ? `${rupees(course.sale.price)} ${course.sale.from ? `from ${course.sale.from} ` : ''}until ${course.sale.until}${course.sale.running ? chalk.green(' (running)') : chalk.dim(' (not running)')}`
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
      `${course.seats}: ${course.seatsLeft === 0 ? seatsCell(course) : `${seatsCell(course)} left`}, ${course.registrations} registered`,
    ],
    ['Status', `${statusCell(course.status)}${course.stopReason ? ` — ${course.stopReason}` : ''}`],
    ['Description', course.description],
    ['External id', course.externalId ?? chalk.dim('none')],
    [
      'Material',
      `${course.modules} module${course.modules === 1 ? '' : 's'} · ${course.materials} material${course.materials === 1 ? '' : 's'} · ${course.previews} preview${course.previews === 1 ? '' : 's'}`,
    ],
    ['Version', String(course.version)],
    ['Updated', course.updatedAt],
  ];
  for (const [label, value] of rows) table.push([chalk.dim(label), value]);
  return table.toString();
}
