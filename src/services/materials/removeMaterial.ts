import type { Course } from '../../domain/course.js';
import type { Material } from '../../domain/material.js';
import { inAsyncWriteTransaction } from '../../store/asyncWriteTransaction.js';
import { MaterialStore } from '../../store/materialStore.js';
import type { CatalogContext } from '../catalogContext.js';
import { refreshCourseCounts } from './courseCounts.js';
import { findMaterial } from './editMaterial.js';
import { materialFiles } from './materialFiles.js';

/**
 * Removes a material. Its file goes too, unless another material (of any course) uses the same
 * content: the check and the deletion happen under the database's write lock, so a material
 * added with the same content meanwhile cannot lose its file.
 */
export async function removeMaterial(
  ctx: CatalogContext,
  id: string,
): Promise<{ material: Material; course: Course; fileDeleted: boolean }> {
  const store = new MaterialStore(ctx.db);
  const files = materialFiles(ctx.config);
  return inAsyncWriteTransaction(ctx.db, async () => {
    const material = findMaterial(store, id);
    const now = ctx.clock();
    store.deleteMaterial(material.id);
    const course = refreshCourseCounts(ctx, store, material.courseId, now);
    let fileDeleted = false;
    if (material.file && store.fileUsers(material.file.sha256) === 0) {
      store.forgetFile(material.file.sha256);
      // Last, still under the lock: should it fail, the rollback keeps the material and its file.
      await files.remove(material.file.sha256);
      fileDeleted = true;
    }
    return { material, course, fileDeleted };
  });
}
