import { formatRupees, rupeesToPaise } from '../../domain/money.js';
import type { RefundDueView } from '../../services/checkout/refundsDue.js';
import chalk from '../style.js';
import { renderTable, renderTsv } from './table.js';
import type { Column } from './table.js';

const COLUMNS: Column<RefundDueView>[] = [
  { header: 'Order', cell: (r) => r.orderId },
  { header: 'Course', cell: (r) => chalk.cyan(r.courseId), dropOrder: 2 },
  { header: 'Student', cell: (r) => r.student, shrinkTo: 20 },
  { header: 'Amount', cell: (r) => formatRupees(rupeesToPaise(r.amount)), align: 'right' },
  { header: 'Payment', cell: (r) => r.paymentRef, dropOrder: 3 },
  { header: 'Paid', cell: (r) => (r.paidAt ? r.paidAt.slice(0, 16).replace('T', ' ') : ''), dropOrder: 1 },
  { header: 'Why', cell: (r) => r.reason, shrinkTo: 24 },
];

/** Payments owed back, one line each, oldest first: what someone making the refunds needs. */
export function refundTable(refunds: RefundDueView[], width?: number): string {
  return renderTable(COLUMNS, refunds, width);
}

const FIELDS = ['orderId', 'courseId', 'courseTitle', 'student', 'name', 'amount', 'provider', 'paymentRef', 'paidAt', 'reason'] as const;

/** The fields of `--json`, one refund a line, tab-separated. */
export function refundTsv(refunds: RefundDueView[]): string {
  return renderTsv(
    [...FIELDS],
    refunds.map((r) => FIELDS.map((field) => r[field])),
  );
}
