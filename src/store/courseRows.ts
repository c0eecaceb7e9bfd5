import type { Course, CourseStatus } from '../domain/course.js';

/** The columns every course read selects, with the teacher's name joined in. */
export const COURSE_COLUMNS = `
  c.seq, c.id, c.external_id, c.title, c.description, t.name AS teacher, c.category,
  c.price_paise, c.sale_price_paise, c.sale_starts_at, c.sale_ends_at,
  c.start_date, c.end_date, c.seats, c.registrations, c.status, c.stop_reason,
  c.version, c.created_at, c.updated_at, c.module_count, c.material_count, c.preview_count,
  c.free_days, c.upgrade_until_day, c.free_enrolments, c.free_starts, c.upgrades`;

export const COURSE_FROM = `courses c JOIN teachers t ON t.id = c.teacher_id`;

export interface CourseRow {
  seq: number;
  id: string;
  external_id: string | null;
  title: string;
  description: string;
  teacher: string;
  category: string;
  price_paise: number;
  sale_price_paise: number | null;
  sale_starts_at: number | null;
  sale_ends_at: number | null;
  start_date: string;
  end_date: string;
  seats: number | null;
  registrations: number;
  status: CourseStatus;
  stop_reason: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  module_count: number;
  material_count: number;
  preview_count: number;
  free_days: number | null;
  upgrade_until_day: number | null;
  free_enrolments: number;
  free_starts: number;
  upgrades: number;
}

export function courseFromRow(row: CourseRow): Course {
  return {
    id: row.id,
    externalId: row.external_id,
    title: row.title,
    description: row.description,
    teacher: row.teacher,
    category: row.category,
    pricePaise: row.price_paise,
    sale:
      row.sale_price_paise === null || row.sale_ends_at === null
        ? null
        : { pricePaise: row.sale_price_paise, startsAt: row.sale_starts_at, endsAt: row.sale_ends_at },
    startDate: row.start_date,
    endDate: row.end_date,
    seats: row.seats,
    registrations: row.registrations,
    freeDays: row.free_days,
    upgradeUntilDay: row.upgrade_until_day,
    freeEnrolments: row.free_enrolments,
    freeStarts: row.free_starts,
    upgrades: row.upgrades,
    status: row.status,
    stopReason: row.stop_reason,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    moduleCount: row.module_count,
    materialCount: row.material_count,
    previewCount: row.preview_count,
  };
}
