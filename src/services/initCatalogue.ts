import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load.js';
import type { ConfigOverrides } from '../config/load.js';
import { CourseStore } from '../store/courseStore.js';
import { openDatabase, schemaVersion } from '../store/database.js';

export interface InitResult {
  configPath: string | null;
  configCreated: boolean;
  databasePath: string;
  databaseCreated: boolean;
  schemaVersion: number;
  courses: number;
}

/** The commented example config shipped at the package root, found from wherever this code runs (src/ or the dist/ bundle). */
function templatePath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.catalogrc.example');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('.catalogrc.example is missing from the installation');
}

/** Writes a commented .catalogrc when none is found, then creates or upgrades the database. Idempotent. */
export async function initCatalogue(overrides: ConfigOverrides, cwd = process.cwd()): Promise<InitResult> {
  let config = await loadConfig(overrides, process.env, cwd);
  let configCreated = false;
  if (!config.source) {
    const target = path.join(cwd, '.catalogrc');
    fs.writeFileSync(target, fs.readFileSync(templatePath(), 'utf8'), { flag: 'wx' });
    configCreated = true;
    config = await loadConfig(overrides, process.env, cwd);
  }
  const databaseCreated = !fs.existsSync(config.databasePath);
  const db = openDatabase(config.databasePath, { create: true, adoptEmpty: true });
  try {
    return {
      configPath: config.source,
      configCreated,
      databasePath: config.databasePath,
      databaseCreated,
      schemaVersion: schemaVersion(db),
      courses: new CourseStore(db).count(),
    };
  } finally {
    db.close();
  }
}
