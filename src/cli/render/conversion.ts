import type { Conversion, EnrolmentCounts } from '../../domain/course.js';
import type { ConversionReport } from '../../domain/registration.js';
import { renderTsv } from './table.js';

/** Enrolments and conversion on one line: "10 paid · 3 free · 5 free starts, 2 upgraded (40%)". */
export function conversionLine(figures: { enrolments: EnrolmentCounts; conversion: Conversion }): string {
  const { enrolments, conversion } = figures;
  const now = `${enrolments.paid} paid · ${enrolments.free} free`;
  if (conversion.freeStarts === 0) return now;
  const rate = conversion.upgradeRate === null ? '' : ` (${Math.round(conversion.upgradeRate * 1000) / 10}%)`;
  return `${now} · ${conversion.freeStarts} free start${conversion.freeStarts === 1 ? '' : 's'}, ${conversion.upgraded} upgraded${rate}`;
}

/** A conversion report for people: a line per course, then the whole. */
export function conversionLines(report: ConversionReport): string {
  return report.courses.map((course) => `${course.courseId}  ${conversionLine(course)}  ${course.courseTitle}\n`).join('');
}

/** A conversion report for programs: a line per course, with the figures' names as the header. */
export function conversionTsv(report: ConversionReport): string {
  const rows = report.courses.map((c) => [
    c.courseId,
    c.enrolments.paid,
    c.enrolments.free,
    c.conversion.freeStarts,
    c.conversion.upgraded,
    c.conversion.upgradeRate,
  ]);
  return renderTsv(['courseId', 'paid', 'free', 'freeStarts', 'upgraded', 'upgradeRate'], rows);
}
