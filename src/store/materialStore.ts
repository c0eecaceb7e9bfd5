import type { CourseModule, Material, MaterialCounts, MaterialKind, Opening, StoredFile } from '../domain/material.js';
import type { CatalogDatabase } from './database.js';

interface MaterialRow {
  id: string;
  course_id: string;
  module_id: string | null;
  module_title: string | null;
  position: number;
  title: string;
  kind: MaterialKind;
  opens_day: number | null;
  opens_at: number | null;
  preview: number;
  file_sha256: string | null;
  file_name: string | null;
  bytes: number | null;
  media_type: string | null;
  url: string | null;
  note: string | null;
  created_at: number;
  updated_at: number;
}

// Materials without a module come first, then module by module, each in its own order.
const MATERIAL_SELECT = `
  SELECT m.id, m.course_id, m.module_id, cm.title AS module_title, m.position, m.title, m.kind, m.opens_day, m.opens_at,
    m.preview, m.file_sha256, m.file_name, f.bytes, f.media_type, m.url, m.note, m.created_at, m.updated_at
  FROM materials m
  LEFT JOIN course_modules cm ON cm.id = m.module_id
  LEFT JOIN material_files f ON f.sha256 = m.file_sha256`;
const MATERIAL_ORDER = `ORDER BY cm.position IS NOT NULL, cm.position, cm.id, m.position, m.id`;

function materialFromRow(row: MaterialRow): Material {
  return {
    id: row.id,
    courseId: row.course_id,
    moduleId: row.module_id,
    moduleTitle: row.module_title,
    position: row.position,
    title: row.title,
    kind: row.kind,
    opening: row.opens_day !== null ? { day: row.opens_day } : { at: row.opens_at! },
    preview: row.preview === 1,
    file:
      row.file_sha256 === null ? null : { sha256: row.file_sha256, bytes: row.bytes!, mediaType: row.media_type!, name: row.file_name! },
    url: row.url,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewMaterial {
  id: string;
  courseId: string;
  moduleId: string | null;
  title: string;
  kind: MaterialKind;
  opening: Opening;
  preview: boolean;
  file: { sha256: string; name: string } | null;
  url: string | null;
  note: string | null;
}

export interface MaterialPatch {
  title?: string;
  opening?: Opening;
  preview?: boolean;
  moduleId?: string | null;
  fileName?: string;
}

/**
 * Modules, materials and the rows of their stored files. Writes do not open transactions of
 * their own: a material change is one transaction with the course's counts and outbox entry
 * (see services/materials).
 */
export class MaterialStore {
  constructor(private readonly db: CatalogDatabase) {}

  modules(courseId: string): CourseModule[] {
    return this.db
      .prepare<[string], { id: string; course_id: string; title: string; position: number }>(
        `SELECT id, course_id, title, position FROM course_modules WHERE course_id = ? ORDER BY position, id`,
      )
      .all(courseId)
      .map((row) => ({ id: row.id, courseId: row.course_id, title: row.title, position: row.position }));
  }

  /** Inserts a module at `position` (1 = first), moving the ones from there down by one. */
  insertModule(module: CourseModule, now: number): void {
    this.db
      .prepare(`UPDATE course_modules SET position = position + 1 WHERE course_id = ? AND position >= ?`)
      .run(module.courseId, module.position);
    this.db
      .prepare(`INSERT INTO course_modules (id, course_id, title, position, created_at) VALUES (?, ?, ?, ?, ?)`)
      .run(module.id, module.courseId, module.title, module.position, now);
  }

  material(id: string): Material | undefined {
    const row = this.db.prepare<[string], MaterialRow>(`${MATERIAL_SELECT} WHERE m.id = ?`).get(id);
    return row && materialFromRow(row);
  }

  materials(courseId: string): Material[] {
    return this.db
      .prepare<[string], MaterialRow>(`${MATERIAL_SELECT} WHERE m.course_id = ? ${MATERIAL_ORDER}`)
      .all(courseId)
      .map(materialFromRow);
  }

  file(sha256: string): StoredFile | undefined {
    const row = this.db
      .prepare<[string], { sha256: string; bytes: number; media_type: string }>(
        `SELECT sha256, bytes, media_type FROM material_files WHERE sha256 = ?`,
      )
      .get(sha256);
    return row && { sha256: row.sha256, bytes: row.bytes, mediaType: row.media_type };
  }

  /** Every stored file's record with the materials that use it (by id), for checking the store against them. */
  storedFiles(): { sha256: string; bytes: number; materialIds: string[] }[] {
    return this.db
      .prepare<[], { sha256: string; bytes: number; ids: string | null }>(
        `SELECT f.sha256, f.bytes, group_concat(m.id, ' ') AS ids
         FROM material_files f LEFT JOIN materials m ON m.file_sha256 = f.sha256
         GROUP BY f.sha256 ORDER BY f.sha256`,
      )
      .all()
      .map((row) => ({ sha256: row.sha256, bytes: row.bytes, materialIds: row.ids === null ? [] : row.ids.split(' ') }));
  }

  /** Records a stored file's facts once; equal content added again keeps the first record. */
  recordFile(file: StoredFile, now: number): void {
    this.db
      .prepare(`INSERT INTO material_files (sha256, bytes, media_type, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`)
      .run(file.sha256, file.bytes, file.mediaType, now);
  }

  /** How many materials use a stored file. */
  fileUsers(sha256: string): number {
    return this.db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM materials WHERE file_sha256 = ?`).get(sha256)!.n;
  }

  forgetFile(sha256: string): void {
    this.db.prepare(`DELETE FROM material_files WHERE sha256 = ?`).run(sha256);
  }

  insertMaterial(material: NewMaterial, now: number): void {
    const position =
      this.db
        .prepare<[string, string | null], { last: number | null }>(
          `SELECT max(position) AS last FROM materials WHERE course_id = ? AND module_id IS ?`,
        )
        .get(material.courseId, material.moduleId)!.last ?? 0;
    this.db
      .prepare(
        `INSERT INTO materials (id, course_id, module_id, position, title, kind, opens_day, opens_at, preview, file_sha256,
           file_name, url, note, created_at, updated_at)
         VALUES (@id, @courseId, @moduleId, @position, @title, @kind, @opensDay, @opensAt, @preview, @sha256, @fileName,
           @url, @note, @now, @now)`,
      )
      .run({
        id: material.id,
        courseId: material.courseId,
        moduleId: material.moduleId,
        position: position + 1,
        title: material.title,
        kind: material.kind,
        opensDay: 'day' in material.opening ? material.opening.day : null,
        opensAt: 'at' in material.opening ? material.opening.at : null,
        preview: material.preview ? 1 : 0,
        sha256: material.file?.sha256 ?? null,
        fileName: material.file?.name ?? null,
        url: material.url,
        note: material.note,
        now,
      });
  }

  updateMaterial(id: string, patch: MaterialPatch, now: number): void {
    const sets: string[] = ['updated_at = @now'];
    const params: Record<string, unknown> = { id, now };
    if (patch.title !== undefined) {
      sets.push('title = @title');
      params.title = patch.title;
    }
    if (patch.opening !== undefined) {
      sets.push('opens_day = @opensDay', 'opens_at = @opensAt');
      params.opensDay = 'day' in patch.opening ? patch.opening.day : null;
      params.opensAt = 'at' in patch.opening ? patch.opening.at : null;
    }
    if (patch.preview !== undefined) {
      sets.push('preview = @preview');
      params.preview = patch.preview ? 1 : 0;
    }
    if (patch.fileName !== undefined) {
      sets.push('file_name = @fileName');
      params.fileName = patch.fileName;
    }
    if (patch.moduleId !== undefined) {
      sets.push('module_id = @moduleId', 'position = @position');
      params.moduleId = patch.moduleId;
      params.position =
        (this.db
          .prepare<[string, string | null], { last: number | null }>(
            `SELECT max(position) AS last FROM materials WHERE course_id = (SELECT course_id FROM materials WHERE id = ?) AND module_id IS ?`,
          )
          .get(id, patch.moduleId)!.last ?? 0) + 1;
    }
    this.db.prepare(`UPDATE materials SET ${sets.join(', ')} WHERE id = @id`).run(params);
  }

  deleteMaterial(id: string): void {
    this.db.prepare(`DELETE FROM materials WHERE id = ?`).run(id);
  }

  counts(courseId: string): MaterialCounts {
    return this.db
      .prepare<[string, string], MaterialCounts>(
        `SELECT (SELECT count(*) FROM course_modules WHERE course_id = ?) AS modules,
                count(*) AS materials, coalesce(sum(preview), 0) AS previews
         FROM materials WHERE course_id = ?`,
      )
      .get(courseId, courseId)!;
  }
}
