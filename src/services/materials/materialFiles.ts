import path from 'node:path';
import type { CatalogConfig } from '../../config/schema.js';
import type { FileStore } from '../../storage/fileStore.js';
import { FolderFileStore } from '../../storage/folderFileStore.js';

/** The material file store this catalogue is configured with: a folder, `materials` beside the database by default. */
export function materialFiles(config: Pick<CatalogConfig, 'materials' | 'databasePath'>): FileStore {
  const base = path.dirname(path.resolve(config.databasePath));
  return new FolderFileStore(path.resolve(base, config.materials.dir ?? 'materials'));
}
