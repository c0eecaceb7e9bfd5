import type { Course } from '../../domain/course.js';
import type { Material } from '../../domain/material.js';
import { checkFileName, checkTitle, parseOpening } from '../../domain/materialInput.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { MaterialStore } from '../../store/materialStore.js';
import type { MaterialPatch } from '../../store/materialStore.js';
import type { CatalogContext } from '../catalogContext.js';
import { refreshCourseCounts } from './courseCounts.js';
import { findModule } from './moduleLookup.js';

export interface MaterialEdit {
  title?: string | undefined;
  opensDay?: string | undefined;
  opensAt?: string | undefined;
  preview?: boolean | undefined;
  /** A module id or title; '' or 'none' takes the material out of its module. */
  module?: string | undefined;
  name?: string | undefined;
}

export function findMaterial(store: MaterialStore, id: string): Material {
  const material = store.material(id.trim());
  if (!material) throw new NotFoundError(`no material ${id.trim()}`, "list a course's materials with `catalog material list <course-id>`");
  return material;
}

/** Changes a material's title, opening, preview flag, module or file name; its content stays. */
export function editMaterial(ctx: CatalogContext, id: string, edit: MaterialEdit): { material: Material; course: Course } {
  const store = new MaterialStore(ctx.db);
  const opening = parseOpening(edit, ctx.config.timeZone);
  return ctx.db
    .transaction(() => {
      const material = findMaterial(store, id);
      const patch: MaterialPatch = {};
      if (edit.title !== undefined) patch.title = checkTitle(edit.title);
      if (opening !== undefined) patch.opening = opening;
      if (edit.preview !== undefined) patch.preview = edit.preview;
      if (edit.name !== undefined) {
        if (material.kind !== 'file') throw new UsageError('--name is for files', `material ${material.id} is a ${material.kind}`);
        patch.fileName = checkFileName(edit.name);
      }
      if (edit.module !== undefined) {
        const none = edit.module.trim() === '' || edit.module.trim().toLowerCase() === 'none';
        patch.moduleId = none ? null : findModule(store, material.courseId, edit.module).id;
        if (patch.moduleId === material.moduleId) delete patch.moduleId;
      }
      if (Object.keys(patch).length === 0)
        throw new UsageError(
          'nothing to change',
          'pass at least one of --title, --opens-day, --opens-at, --preview/--no-preview, --module, --name',
        );
      const now = ctx.clock();
      store.updateMaterial(material.id, patch, now);
      return { material: store.material(material.id)!, course: refreshCourseCounts(ctx, store, material.courseId, now) };
    })
    .immediate();
}
