import type { CourseFieldName } from '../domain/courseInput.js';

/**
 * The column each course field has in a CSV file: export writes these names and import reports
 * problems under them (it also reads other spellings, see import/importColumns.ts).
 */
export const COURSE_FIELD_COLUMNS: Record<CourseFieldName, string> = {
  title: 'title',
  description: 'description',
  teacher: 'teacher',
  category: 'category',
  price: 'price',
  start: 'start',
  end: 'end',
  seats: 'seats',
  freeDays: 'free_days',
  upgradeUntilDay: 'upgrade_until_day',
  status: 'status',
  externalId: 'external_id',
};
