import chalk from '../style.js';
import type { RegistrationView } from '../../domain/registration.js';
import { formatRupees, rupeesToPaise } from '../../domain/money.js';
import { renderTable, renderTsv } from './table.js';
import type { Column } from './table.js';
import { instantForPeople } from './instant.js';

const COLUMNS: Column<RegistrationView>[] = [
  { header: '#', cell: (r) => String(r.id), align: 'right' },
  { header: 'Course', cell: (r) => chalk.cyan(r.courseId), dropOrder: 3 },
  { header: 'Title', cell: (r) => r.courseTitle, shrinkTo: 16, dropOrder: 2 },
  { header: 'Student', cell: (r) => r.student, shrinkTo: 20 },
  { header: 'Name', cell: (r) => r.name ?? chalk.dim('—'), shrinkTo: 12, dropOrder: 4 },
  { header: 'Mode', cell: (r) => (r.mode === 'free' ? chalk.cyan('free') : 'paid') },
  { header: 'Paid', cell: (r) => (r.paymentRef === null ? chalk.dim('—') : formatRupees(rupeesToPaise(r.amount))), align: 'right' },
  { header: 'Payment', cell: (r) => r.paymentRef ?? chalk.dim('—'), dropOrder: 1 },
  {
    header: 'Registered',
    cell: (r) => instantForPeople(r.registeredAt) + (r.cancelledAt ? chalk.yellow(` cancelled ${r.cancelledAt.slice(0, 10)}`) : ''),
  },
  { header: 'Upgrade', cell: upgradeCell, dropOrder: 5 },
];

/** When a free start was upgraded, or until when it can be. */
function upgradeCell(r: RegistrationView): string {
  if (r.upgradedAt) return `upgraded ${instantForPeople(r.upgradedAt)}`;
  if (r.upgradeBy) return chalk.cyan(`by ${instantForPeople(r.upgradeBy)}`);
  return '';
}

/** Registrations as a table, one line each, oldest first, fitted to a terminal `width` characters wide. */
export function registrationTable(registrations: RegistrationView[], width?: number): string {
  return renderTable(COLUMNS, registrations, width);
}

const FIELDS = [
  'id',
  'courseId',
  'courseTitle',
  'student',
  'name',
  'mode',
  'amount',
  'paymentRef',
  'registeredAt',
  'upgradedAt',
  'upgradeBy',
  'cancelledAt',
  'refundRef',
] as const;

/** The fields of `--json`, one registration a line, tab-separated. */
export function registrationTsv(registrations: RegistrationView[]): string {
  return renderTsv(
    [...FIELDS],
    registrations.map((r) => FIELDS.map((field) => r[field])),
  );
}
