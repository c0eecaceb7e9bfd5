import chalk from '../style.js';
import Table from 'cli-table3';
import type { RegistrationView } from '../../domain/registration.js';
import { formatRupees, rupeesToPaise } from '../../domain/money.js';

/** Registrations as a table, one row each, oldest first. */
export function registrationTable(registrations: RegistrationView[]): string {
  const table = new Table({
    head: ['#', 'Course', 'Title', 'Student', 'Name', 'Paid', 'Payment', 'Registered'].map((h) => chalk.bold(h)),
    style: { head: [], border: chalk.level ? ['grey'] : [] },
    colAligns: ['right', 'left', 'left', 'left', 'left', 'right', 'left', 'left'],
  });
  for (const r of registrations) {
    table.push([
      String(r.id),
      chalk.cyan(r.courseId),
      r.courseTitle.length > 32 ? `${r.courseTitle.slice(0, 31)}…` : r.courseTitle,
      r.student,
      r.name ?? chalk.dim('—'),
      formatRupees(rupeesToPaise(r.amount)),
      r.paymentRef,
      r.registeredAt.slice(0, 16).replace('T', ' ') + (r.cancelledAt ? chalk.yellow(` cancelled ${r.cancelledAt.slice(0, 10)}`) : ''),
    ]);
  }
  return table.toString();
}
