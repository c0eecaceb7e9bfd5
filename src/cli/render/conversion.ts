import type { Conversion, EnrolmentCounts } from '../../domain/course.js';

/** Enrolments and conversion on one line: "10 paid · 3 free · 5 free starts, 2 upgraded (40%)". */
export function conversionLine(figures: { enrolments: EnrolmentCounts; conversion: Conversion }): string {
  const { enrolments, conversion } = figures;
  const now = `${enrolments.paid} paid · ${enrolments.free} free`;
  if (conversion.freeStarts === 0) return now;
  const rate = conversion.upgradeRate === null ? '' : ` (${Math.round(conversion.upgradeRate * 1000) / 10}%)`;
  return `${now} · ${conversion.freeStarts} free start${conversion.freeStarts === 1 ? '' : 's'}, ${conversion.upgraded} upgraded${rate}`;
}
