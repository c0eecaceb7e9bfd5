import type { AccessItem } from './access.js';
import type { CalendarDate } from './calendar.js';
import { courseDayStarts } from './courseDay.js';

export const MATERIAL_KINDS = ['file', 'link', 'note'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/**
 * When a material opens: a day of the course (day 1 is the start date, 0 is as soon as the
 * student has access, negative days are reading before the course) at 00:00 in the catalogue's
 * zone, or an exact instant. Days are kept as days, so moving the course moves them.
 */
export type Opening = { day: number } | { at: number };

/** A module of a course ("Week 1"): materials are listed in module order, then their own. */
export interface CourseModule {
  id: string;
  courseId: string;
  title: string;
  position: number;
}

/** A file's content as stored: its content address, size and what its bytes are. */
export interface StoredFile {
  sha256: string;
  bytes: number;
  mediaType: string;
}

export interface Material {
  id: string;
  courseId: string;
  moduleId: string | null;
  moduleTitle: string | null;
  position: number;
  title: string;
  kind: MaterialKind;
  opening: Opening;
  /** Opens for anyone with any access, from the start; later shown to visitors of the course page. */
  preview: boolean;
  /** A file's content and the name it is saved under. */
  file: (StoredFile & { name: string }) | null;
  url: string | null;
  /** A note's Markdown text. */
  note: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The instant a material opens for a course starting on `startDate`, or 'on-access' for day 0. */
export function materialOpensAt(opening: Opening, startDate: CalendarDate, timeZone: string): number | 'on-access' {
  return openingTimes([opening], startDate, timeZone)[0]!;
}

/** materialOpensAt for a whole course's materials at once: each distinct day is resolved once, together. */
export function openingTimes(openings: Opening[], startDate: CalendarDate, timeZone: string): (number | 'on-access')[] {
  const days = [...new Set(openings.flatMap((o) => ('day' in o && o.day !== 0 ? [o.day] : [])))];
  const starts = courseDayStarts(startDate, days, timeZone);
  const startOf = new Map(days.map((day, i) => [day, starts[i]!]));
  return openings.map((o) => ('at' in o ? o.at : o.day === 0 ? 'on-access' : startOf.get(o.day)!));
}

/** The material as the access rule sees it (see canOpen), given when it opens (materialOpensAt). */
export function accessItemOf(material: Pick<Material, 'preview'>, opensAt: number | 'on-access'): AccessItem {
  return { opensAt, preview: material.preview };
}

/** How many modules, materials and previews a course has: shown on the course and in its search document. */
export interface MaterialCounts {
  modules: number;
  materials: number;
  previews: number;
}
